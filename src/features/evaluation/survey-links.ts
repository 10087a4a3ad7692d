import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Executor } from '../../core/db/client.ts';
import { recordAudit } from '../../core/audit.ts';
import { hashToken, newToken } from '../../core/auth/tokens.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError } from '../../core/http/errors.ts';
import type { Mailer } from '../../core/mailer.ts';
import { people } from '../people/tables.ts';
import { programmePolicy, type ProgrammeAccess } from '../programmes/policy.ts';
import type { Programme } from '../programmes/queries.ts';
import { cohortMembers } from '../programmes/tables.ts';
import { surveyInvitations, surveys } from './tables.ts';
import { EvaluationRuleError, findSurvey } from './survey-queries.ts';

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

interface LinkDeps {
  mailer: Mailer;
  publicUrl: string;
  secret: string;
}

async function sendLink(
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
      survey.closesOn ? `The survey closes on ${survey.closesOn}.` : '',
      'Your answers are saved as you go, so you can stop and come back to the same link.',
    ]
      .filter((line, index, lines) => line !== '' || lines[index - 1] !== '')
      .join('\n'),
  });
  return result.status;
}

/** Open a survey: every participant in the cohort gets a personal link by e-mail. */
export async function openSurvey(db: Db, deps: LinkDeps, ctx: WorkspaceContext, access: ProgrammeAccess, programme: Programme, surveyId: string) {
  authorize(programmePolicy.manage(access));
  const workspaceId = ctx.workspace.id;
  const survey = await findSurvey(db, workspaceId, programme.id, surveyId);
  if (!survey) throw new NotFoundError();
  if (survey.status === 'closed') throw new EvaluationRuleError('status', 'This survey has closed. Open a new wave instead.');
  const participants = await db
    .select({ id: people.id, name: people.fullName, email: people.email })
    .from(cohortMembers)
    .innerJoin(people, eq(people.id, cohortMembers.personId))
    .where(and(eq(cohortMembers.programmeId, programme.id), eq(cohortMembers.role, 'participant')));
  if (participants.length === 0) throw new EvaluationRuleError('status', 'Add participants to the cohort before opening the survey.');
  const links = await db.transaction(async (tx) => {
    await tx
      .update(surveys)
      .set({ status: 'open', openedAt: survey.openedAt ?? new Date(), updatedAt: new Date() })
      .where(eq(surveys.id, survey.id));
    const invited = new Set(
      (await tx.select({ personId: surveyInvitations.personId }).from(surveyInvitations).where(eq(surveyInvitations.surveyId, survey.id))).map(
        (row) => row.personId,
      ),
    );
    const created: Array<{ person: (typeof participants)[number]; token: string; invitationId: string }> = [];
    for (const person of participants.filter((p) => !invited.has(p.id))) {
      const token = newToken();
      const [row] = await tx
        .insert(surveyInvitations)
        .values({ workspaceId, surveyId: survey.id, personId: person.id, tokenHash: hashToken(token), tokenCipher: sealToken(token, deps.secret) })
        .returning({ id: surveyInvitations.id });
      created.push({ person, token, invitationId: row.id });
    }
    await recordAudit(tx, workspaceId, ctx.actor, {
      action: 'survey.opened',
      entityType: 'survey',
      entityId: survey.id,
      summary: `Opened “${survey.title}” and sent ${created.length} personal links`,
    });
    return created;
  });
  // E-mail after the commit: a mail failure is recorded in the outbox, never undoes the survey.
  let noEmail = 0;
  for (const link of links) {
    const status = await sendLink(deps, workspaceId, link.person, survey, link.token, false);
    if (status === 'no-email') noEmail++;
    else await db.update(surveyInvitations).set({ sentAt: new Date() }).where(eq(surveyInvitations.id, link.invitationId));
  }
  return { sent: links.length - noEmail, noEmail };
}

/** E-mail the same personal link again to everyone who has not submitted. */
export async function remindSurvey(db: Db, deps: LinkDeps, ctx: WorkspaceContext, access: ProgrammeAccess, programme: Programme, surveyId: string) {
  authorize(programmePolicy.manage(access));
  const survey = await findSurvey(db, ctx.workspace.id, programme.id, surveyId);
  if (!survey) throw new NotFoundError();
  if (survey.status !== 'open') throw new EvaluationRuleError('status', 'Reminders go out only while the survey is open.');
  const waiting = await db
    .select({ id: surveyInvitations.id, tokenCipher: surveyInvitations.tokenCipher, name: people.fullName, email: people.email })
    .from(surveyInvitations)
    .innerJoin(people, eq(people.id, surveyInvitations.personId))
    .where(and(eq(surveyInvitations.surveyId, survey.id), isNull(surveyInvitations.respondedAt)));
  let sent = 0;
  for (const invitation of waiting) {
    const status = await sendLink(deps, ctx.workspace.id, invitation, survey, openToken(invitation.tokenCipher, deps.secret), true);
    if (status !== 'no-email') {
      sent++;
      await db.update(surveyInvitations).set({ remindedAt: new Date() }).where(eq(surveyInvitations.id, invitation.id));
    }
  }
  await recordAudit(db, ctx.workspace.id, ctx.actor, {
    action: 'survey.reminded',
    entityType: 'survey',
    entityId: survey.id,
    summary: `Reminded ${sent} people to answer “${survey.title}”`,
  });
  return sent;
}

export async function closeSurvey(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, surveyId: string) {
  authorize(programmePolicy.manage(access));
  const survey = await findSurvey(db, ctx.workspace.id, programmeId, surveyId);
  if (!survey) throw new NotFoundError();
  await db.update(surveys).set({ status: 'closed', closedAt: new Date(), updatedAt: new Date() }).where(eq(surveys.id, survey.id));
  await recordAudit(db, ctx.workspace.id, ctx.actor, {
    action: 'survey.closed',
    entityType: 'survey',
    entityId: survey.id,
    summary: `Closed “${survey.title}”`,
  });
}

/** The signed-in participant's own link to a survey, for the "answer now" button. */
export async function ownSurveyLink(db: Executor, secret: string, surveyId: string, personId: string) {
  const [invitation] = await db
    .select({ tokenCipher: surveyInvitations.tokenCipher, respondedAt: surveyInvitations.respondedAt })
    .from(surveyInvitations)
    .where(and(eq(surveyInvitations.surveyId, surveyId), eq(surveyInvitations.personId, personId)));
  if (!invitation) return undefined;
  return { token: openToken(invitation.tokenCipher, secret), responded: invitation.respondedAt !== null };
}
