import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { FieldProblemsError, HttpError, NotFoundError, RuleError } from './errors.ts';

interface Problem {
  statusCode: number;
  title: string;
  detail: string;
  /** For the API: which fields were wrong, and how. */
  errors?: Array<{ field: string; message: string }>;
}

/** What a schema found wrong in a JSON request, field by field. */
function validationErrors(error: FastifyError): Problem['errors'] {
  return (error.validation ?? []).map((issue) => ({
    field: (issue.instancePath || '/').replace(/^\//, '').replace(/\//g, '.') || (issue.params as { missingProperty?: string })?.missingProperty || '',
    message: issue.message ?? 'is not valid',
  }));
}

// Framework errors a user can cause, told in words they can act on.
const knownClientErrors: Record<string, Omit<Problem, 'statusCode'>> = {
  FST_CSRF_MISSING_SECRET: {
    title: 'Your form has expired',
    detail: 'For your security, forms expire. Go back, reload the page and try again.',
  },
  FST_CSRF_INVALID_TOKEN: {
    title: 'Your form has expired',
    detail: 'For your security, forms expire. Go back, reload the page and try again.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { title: 'What you sent is too large', detail: 'Send a smaller file or less text.' },
  FST_REQ_FILE_TOO_LARGE: {
    title: 'The file is too large',
    detail: 'Files can be up to 40 MB. Split a large export into smaller files and import them one at a time.',
  },
  FST_FILES_LIMIT: { title: 'Too many files', detail: 'Choose one file at a time.' },
  FST_PARTS_LIMIT: { title: 'Something in the request was not right', detail: 'Send the form from the page.' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { title: 'Something in the request was not right', detail: 'Send the form from the page.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { title: 'That kind of request is not accepted', detail: 'Send the form from the page.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { title: 'The request was empty', detail: 'Send a JSON body.' },
};

function problemFor(error: FastifyError | HttpError | ZodError, forApi = false): Problem {
  // Input checked with a form's own rules inside an API route: each rule broken, by field.
  if (error instanceof ZodError) {
    return {
      statusCode: 400,
      title: 'That could not be saved',
      detail: error.issues.map((issue) => issue.message).join('; '),
      errors: error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
    };
  }
  if (error instanceof RuleError)
    return { statusCode: error.statusCode, title: error.title, detail: error.message, errors: [{ field: error.field, message: error.message }] };
  if (error instanceof FieldProblemsError) return { statusCode: error.statusCode, title: error.title, detail: error.message, errors: error.problems };
  if (error instanceof HttpError) return { statusCode: error.statusCode, title: error.title, detail: error.message };
  // A path that does not fit its route's parameters (an id that is not an id) names nothing that exists.
  if (error.validationContext === 'params') return problemFor(new NotFoundError());
  const known = error.code ? knownClientErrors[error.code] : undefined;
  const statusCode = error.statusCode ?? 500;
  if (known) return { statusCode: statusCode >= 400 && statusCode < 500 ? statusCode : 400, ...known };
  if (forApi && error.validation && error.validationContext) {
    return {
      statusCode: 400,
      title: 'Something in the request was not right',
      detail: `The request's ${error.validationContext === 'querystring' ? 'query string' : error.validationContext} does not fit what this address takes; see errors.`,
      errors: validationErrors(error),
    };
  }
  if (statusCode === 429) {
    return { statusCode, title: 'Too many attempts', detail: 'You have tried this too many times in a short while. Wait a minute and try again.' };
  }
  if (statusCode >= 400 && statusCode < 500) {
    return { statusCode, title: 'Something in the request was not right', detail: 'Go back and try again.' };
  }
  return { statusCode: 500, title: 'Sorry, there is a problem with the service', detail: 'Try again later. If it keeps happening, tell your administrator.' };
}

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

function send(request: FastifyRequest, reply: FastifyReply, problem: Problem) {
  reply.status(problem.statusCode);
  if (wantsJson(request)) {
    return reply.type('application/problem+json').send({
      type: 'about:blank',
      title: problem.title,
      status: problem.statusCode,
      detail: problem.detail,
      ...(problem.errors ? { errors: problem.errors } : {}),
    });
  }
  return reply.page('errors/problem.njk', { problem, requestId: request.id });
}

/** The one error handler: known errors become calm pages or JSON problems; unknown ones are logged with the request id. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = problemFor(error, wantsJson(request));
    if (problem.statusCode >= 500) request.log.error({ err: error }, 'unhandled error');
    else request.log.info({ code: error.code, statusCode: problem.statusCode }, problem.title);
    try {
      return send(request, reply, problem);
    } catch (renderError) {
      request.log.error({ err: renderError }, 'error page failed to render');
      return reply.status(problem.statusCode).type('text/plain').send(problem.title);
    }
  });
  app.setNotFoundHandler((request, reply) => send(request, reply, problemFor(new NotFoundError())));
}
