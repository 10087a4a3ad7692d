/** Errors an operation can throw on purpose; the one error handler turns them into pages or JSON problems. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly title: string,
  ) {
    super(message);
  }
}

export class BadRequestError extends HttpError {
  constructor(message = 'The request could not be understood.') {
    super(400, message, 'Something in the request was not right');
  }
}

export class ForbiddenError extends HttpError {
  constructor(message = 'You do not have permission to do that.') {
    super(403, message, 'You do not have permission');
  }
}

export class NotFoundError extends HttpError {
  constructor(message = 'If you typed the web address, check it is correct. If you pasted it, check you copied the whole address.') {
    super(404, message, 'Page not found');
  }
}

export class ConflictError extends HttpError {
  constructor(message: string) {
    super(409, message, 'That could not be saved');
  }
}

export class GoneError extends HttpError {
  constructor(message: string, title = 'This link can no longer be used') {
    super(410, message, title);
  }
}

/**
 * A rule of the domain that the input breaks ("there is already a topic with
 * that name"): shown on the form against the field concerned, with nothing
 * saved. Uncaught, it is a 400 page with the same message.
 */
export class RuleError extends HttpError {
  constructor(
    readonly field: string,
    message: string,
    /** 409 when the clash is with a record already saved (a duplicate name), 400 otherwise. */
    statusCode: 400 | 409 = 400,
  ) {
    super(statusCode, message, 'That could not be saved');
  }
}

/**
 * Several answers broke the rules at once (an API return checked against its template): each one by
 * field, with nothing saved. Forms show such problems on the page; the API lists them in `errors`.
 */
export class FieldProblemsError extends HttpError {
  constructor(readonly problems: Array<{ field: string; message: string }>) {
    super(400, problems.map((problem) => problem.message).join('; '), 'That could not be saved');
  }
}

/** Throw unless the policy allowed the action. */
export function authorize(allowed: boolean, message?: string): asserts allowed {
  if (!allowed) throw new ForbiddenError(message);
}
