import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { hashToken } from '../../core/auth/tokens.ts';
import type { Mailer } from '../../core/mailer.ts';
import { formatDate } from '../../core/views/format.ts';
import { surveyInvitations } from './tables.ts';

/*
 * Each participant's private survey link: sealed tokens, sending, reminding and closing.
 * The database keeps a token's hash and, for reminders, the token encrypted under a key
 * derived from SESSION_SECRET.
 */

/* Personal links: the token is sent by e-mail; the database keeps its hash, and an encrypted copy for reminders. */
function key(secret: string) {
  return createHash('sha256').update(`survey-links:${secret}`).digest();
}

export function sealToken(token: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(secret), iv);
  const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url')).join('.');
}

export function openToken(sealed: string, secret: string): string {
  const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', key(secret), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
}

/** A draft response is found again from the link's token; without the token it cannot be tied to the link. */
export function resumeHash(token: string): string {
  return hashToken(`resume:${token}`);
}

export interface LinkDeps {
  mailer: Mailer;
  publicUrl: string;
  secret: string;
}

/** E-mail a participant their personal link (or a reminder); "no-email" when they have no address. */
export async function sendLink(
  deps: LinkDeps,
  workspaceId: string,
  to: { name: string; email: string | null },
  survey: { title: string; closesOn: string | null; anonymous: boolean },
  token: string,
  reminder: boolean,
) {
  if (!to.email) return 'no-email' as const;
  const link = `${deps.publicUrl}/s/${token}`;
  const result = await deps.mailer.send({
    workspaceId,
    kind: reminder ? 'survey_reminder' : 'survey_invitation',
    to: to.email,
    subject: reminder ? `Reminder: ${survey.title}` : survey.title,
    text: [
      `Dear ${to.name},`,
      '',
      reminder
        ? `We have not yet had your answers to “${survey.title}”. It takes about ten minutes.`
        : `Please answer “${survey.title}”. It takes about ten minutes.`,
      survey.anonymous
        ? 'Your answers are anonymous: they are not linked to your name.'
        : 'Your answers are seen by the programme team and reported only in summary.',
      '',
      `Your personal link: ${link}`,
      survey.closesOn ? `The survey closes on ${formatDate(survey.closesOn)}.` : '',
      'Your answers are saved as you go, so you can stop and come back to the same link.',
    ]
      .filter((line, index, lines) => line !== '' || lines[index - 1] !== '')
      .join('\n'),
  });
  return result.status;
}

/** The signed-in participant's own link to a survey, for the "answer now" button. */
export async function ownSurveyLink(db: Executor, secret: string, workspaceId: string, surveyId: string, personId: string) {
  const [invitation] = await db
    .select({ tokenCipher: surveyInvitations.tokenCipher, respondedAt: surveyInvitations.respondedAt })
    .from(surveyInvitations)
    .where(and(eq(surveyInvitations.workspaceId, workspaceId), eq(surveyInvitations.surveyId, surveyId), eq(surveyInvitations.personId, personId)));
  if (!invitation) return undefined;
  return { token: openedToken(invitation.tokenCipher, secret), responded: invitation.respondedAt !== null };
}

/** The token kept for reminders, or null where none was kept (a closed survey) or it was sealed under another secret. */
function openedToken(sealed: string, secret: string): string | null {
  try {
    return sealed ? openToken(sealed, secret) : null;
  } catch {
    return null;
  }
}
