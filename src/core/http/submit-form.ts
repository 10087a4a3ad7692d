import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { RuleError } from './errors.ts';
import { setFlash, type Flash } from './flash.ts';
import { fieldError, formErrorsFrom, type FormErrors } from './forms.ts';

export interface FormSubmission<S extends z.ZodType, R> {
  schema: S;
  /** The posted body, as it came. */
  body: unknown;
  /** Show the form again with what was typed and the errors (the reply already has its 4xx status: 400 for a bad form, or the rule's own). */
  redisplay(errors: FormErrors): Promise<FastifyReply> | FastifyReply;
  /** The operation: authorises, writes and audits in one transaction. */
  save(input: z.output<S>): Promise<R>;
  /** Where to go once saved, and the banner to show there. */
  done(result: R, input: z.output<S>): { to: string; flash?: string | Flash };
}

/**
 * A posted form, the one way: parse it with its Zod schema; an invalid form,
 * or a rule the operation finds broken, shows the form again with the GOV.UK
 * error summary; a saved one redirects (POST, redirect, GET) with a banner.
 */
export async function submitForm<S extends z.ZodType, R>(reply: FastifyReply, form: FormSubmission<S, R>): Promise<FastifyReply> {
  const parsed = form.schema.safeParse(form.body ?? {});
  if (!parsed.success) {
    reply.status(400);
    return form.redisplay(formErrorsFrom(parsed.error));
  }
  let result: R;
  try {
    result = await form.save(parsed.data);
  } catch (error) {
    if (!(error instanceof RuleError)) throw error;
    reply.status(error.statusCode);
    return form.redisplay(fieldError(error.field, error.message));
  }
  const next = form.done(result, parsed.data);
  if (next.flash) setFlash(reply, typeof next.flash === 'string' ? { kind: 'success', text: next.flash } : next.flash);
  return reply.redirect(next.to);
}

export interface ActionSubmission<R> {
  /** The page the button is on, where a broken rule is shown as a banner. */
  back: string;
  /** The operation: authorises, writes and audits in one transaction. */
  run(): Promise<R>;
  /** The banner to show once done, and where (the page the button is on unless said). */
  done(result: R): { to?: string; flash: string };
}

/**
 * A button that changes something without a form to fill (open a round,
 * send reminders, remove an entry): a rule the operation finds broken is
 * shown as a banner on the page the button is on; otherwise POST, redirect, GET.
 */
export async function submitAction<R>(reply: FastifyReply, action: ActionSubmission<R>): Promise<FastifyReply> {
  let result: R;
  try {
    result = await action.run();
  } catch (error) {
    if (!(error instanceof RuleError)) throw error;
    setFlash(reply, { kind: 'important', text: error.message });
    return reply.redirect(action.back);
  }
  const next = action.done(result);
  setFlash(reply, { kind: 'success', text: next.flash });
  return reply.redirect(next.to ?? action.back);
}
