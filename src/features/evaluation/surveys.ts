import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { and, asc, count, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../core/db/client.ts';
import { recordAudit } from '../../core/audit.ts';
import { hashToken, newToken } from '../../core/auth/tokens.ts';
import { isUuid } from '../../core/db/uuid.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError } from '../../core/http/errors.ts';
import type { Mailer } from '../../core/mailer.ts';
import { people } from '../people/tables.ts';
import { programmePolicy, type ProgrammeAccess } from '../programmes/policy.ts';
import type { Programme } from '../programmes/queries.ts';
import { cohortMembers } from '../programmes/tables.ts';
import { AGREEMENT_5, AGREEMENT_7, defaultClosingQuestions, defaultFramework } from './framework.ts';
import {
  outcomeDomains,
  surveyAnswers,
  surveyInvitations,
  surveyItems,
  surveyQuestions,
  surveyResponses,
  surveys,
  type QuestionKind,
  type SurveyWave,
} from './tables.ts';

export class EvaluationRuleError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export const waveLabels: Record<SurveyWave, string> = { baseline: 'Baseline', midpoint: 'Mid-point', final: 'Final', follow_up: 'Follow-up' };

/* ---------- Outcome framework and questions ---------- */

export function domainsOf(db: Executor, workspaceId: string, programmeId: string) {
  return db
    .select()
    .from(outcomeDomains)
    .where(and(eq(outcomeDomains.workspaceId, workspaceId), eq(outcomeDomains.programmeId, programmeId)))
    .orderBy(asc(outcomeDomains.position), asc(outcomeDomains.name));
}

export function questionsOf(db: Executor, workspaceId: string, programmeId: string) {
  return db
    .select({
      question: surveyQuestions,
      answers: sql<number>`(select count(*)::int from survey_answers a where a.question_id = ${surveyQuestions.id})`,
    })
    .from(surveyQuestions)
    .where(and(eq(surveyQuestions.workspaceId, workspaceId), eq(surveyQuestions.programmeId, programmeId)))
    .orderBy(asc(surveyQuestions.position), asc(surveyQuestions.createdAt));
}

/** Start a programme's framework from the five Mobilise domains and their items, plus the closing questions. */
export async function useDefaultFramework(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string) {
  authorize(programmePolicy.manage(access));
  const workspaceId = ctx.workspace.id;
  await db.transaction(async (tx) => {
    const [existing] = await tx.select({ n: count() }).from(outcomeDomains).where(eq(outcomeDomains.programmeId, programmeId));
    if (existing.n > 0) throw new EvaluationRuleError('framework', 'This programme already has outcome domains. Edit them instead.');
    await createDefaultFramework(tx, workspaceId, programmeId);
    await recordAudit(tx, workspaceId, ctx.actor, {
      action: 'evaluation.framework',
      entityType: 'programme',
      entityId: programmeId,
      summary: 'Started the outcome framework from the five Mobilise domains',
    });
  });
}

/** The default domains and questions, written in the caller's transaction (also used by the example data). */
export async function createDefaultFramework(tx: Executor, workspaceId: string, programmeId: string) {
  {
    let position = 0;
    for (const [index, domain] of defaultFramework.entries()) {
      const [row] = await tx
        .insert(outcomeDomains)
        .values({ workspaceId, programmeId, name: domain.name, description: domain.description, position: index })
        .returning({ id: outcomeDomains.id });
      await tx.insert(surveyQuestions).values(
        domain.items.map((text) => ({
          workspaceId,
          programmeId,
          domainId: row.id,
          kind: 'likert' as const,
          text,
          scalePoints: 5,
          scaleLabels: AGREEMENT_5,
          position: position++,
        })),
      );
    }
    await tx.insert(surveyQuestions).values([
      {
        workspaceId,
        programmeId,
        kind: 'likert',
        text: defaultClosingQuestions.practiceChange,
        scalePoints: 5,
        scaleLabels: AGREEMENT_5,
        measuresPracticeChange: true,
        position: position++,
      },
      { workspaceId, programmeId, kind: 'text', text: defaultClosingQuestions.whatChanged, position: position++ },
      { workspaceId, programmeId, kind: 'text', text: defaultClosingQuestions.anythingElse, position: position++ },
    ]);
  }
}

export async function saveDomain(
  db: Db,
  ctx: WorkspaceContext,
  access: ProgrammeAccess,
  programmeId: string,
  input: { name: string; description: string },
  id?: string,
) {
  authorize(programmePolicy.manage(access));
  const workspaceId = ctx.workspace.id;
  if (id) {
    if (!isUuid(id)) throw new NotFoundError();
    const updated = await db
      .update(outcomeDomains)
      .set(input)
      .where(and(eq(outcomeDomains.workspaceId, workspaceId), eq(outcomeDomains.programmeId, programmeId), eq(outcomeDomains.id, id)))
      .returning({ id: outcomeDomains.id });
    if (!updated.length) throw new NotFoundError();
    return id;
  }
  const [last] = await db
    .select({ position: max(outcomeDomains.position) })
    .from(outcomeDomains)
    .where(eq(outcomeDomains.programmeId, programmeId));
  const [row] = await db
    .insert(outcomeDomains)
    .values({ workspaceId, programmeId, ...input, position: (last?.position ?? -1) + 1 })
    .returning({ id: outcomeDomains.id });
  return row.id;
}

export async function deleteDomain(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, id: string) {
  authorize(programmePolicy.manage(access));
  if (!isUuid(id)) throw new NotFoundError();
  // Its questions stay, outside any domain, so no answers are lost.
  const deleted = await db
    .delete(outcomeDomains)
    .where(and(eq(outcomeDomains.workspaceId, ctx.workspace.id), eq(outcomeDomains.programmeId, programmeId), eq(outcomeDomains.id, id)))
    .returning({ name: outcomeDomains.name });
  if (!deleted.length) throw new NotFoundError();
  return deleted[0].name;
}

export interface QuestionInput {
  kind: QuestionKind;
  text: string;
  hint: string;
  domainId: string | null;
  scalePoints: number | null;
  options: string[];
  measuresPracticeChange: boolean;
}

export async function saveQuestion(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, input: QuestionInput, id?: string) {
  authorize(programmePolicy.manage(access));
  const workspaceId = ctx.workspace.id;
  if (input.domainId) {
    const [domain] = isUuid(input.domainId)
      ? await db
          .select({ id: outcomeDomains.id })
          .from(outcomeDomains)
          .where(and(eq(outcomeDomains.programmeId, programmeId), eq(outcomeDomains.id, input.domainId)))
      : [];
    if (!domain) throw new EvaluationRuleError('domainId', 'Choose one of this programme’s outcome domains');
  }
  const scaled = input.kind === 'likert' || input.kind === 'retrospective';
  const values = {
    ...input,
    scalePoints: scaled ? (input.scalePoints ?? 5) : null,
    scaleLabels: scaled ? (input.scalePoints === 7 ? AGREEMENT_7 : AGREEMENT_5) : [],
    options: input.kind === 'single' || input.kind === 'multiple' ? input.options : [],
    measuresPracticeChange: scaled && input.measuresPracticeChange,
  };
  return db.transaction(async (tx) => {
    if (id) {
      const [before] = isUuid(id)
        ? await tx
            .select()
            .from(surveyQuestions)
            .where(and(eq(surveyQuestions.workspaceId, workspaceId), eq(surveyQuestions.programmeId, programmeId), eq(surveyQuestions.id, id)))
        : [];
      if (!before) throw new NotFoundError();
      const [answered] = await tx.select({ n: count() }).from(surveyAnswers).where(eq(surveyAnswers.questionId, id));
      if (answered.n > 0 && (before.kind !== values.kind || before.scalePoints !== values.scalePoints)) {
        throw new EvaluationRuleError('kind', 'People have answered this question, so its kind and scale cannot change. Add a new question instead.');
      }
      await tx.update(surveyQuestions).set(values).where(eq(surveyQuestions.id, id));
      return id;
    }
    const [last] = await tx
      .select({ position: max(surveyQuestions.position) })
      .from(surveyQuestions)
      .where(eq(surveyQuestions.programmeId, programmeId));
    const [row] = await tx
      .insert(surveyQuestions)
      .values({ workspaceId, programmeId, ...values, position: (last?.position ?? -1) + 1 })
      .returning({ id: surveyQuestions.id });
    return row.id;
  });
}

export async function deleteQuestion(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, id: string) {
  authorize(programmePolicy.manage(access));
  if (!isUuid(id)) throw new NotFoundError();
  const [answered] = await db.select({ n: count() }).from(surveyAnswers).where(eq(surveyAnswers.questionId, id));
  if (answered.n > 0) throw new EvaluationRuleError('questions', 'People have answered this question, so it cannot be deleted: their answers would be lost.');
  const deleted = await db
    .delete(surveyQuestions)
    .where(and(eq(surveyQuestions.workspaceId, ctx.workspace.id), eq(surveyQuestions.programmeId, programmeId), eq(surveyQuestions.id, id)))
    .returning({ id: surveyQuestions.id });
  if (!deleted.length) throw new NotFoundError();
}

/* ---------- Surveys ---------- */

export function surveysOf(db: Executor, workspaceId: string, programmeId: string) {
  return db
    .select({
      survey: surveys,
      questions: sql<number>`(select count(*)::int from survey_items i where i.survey_id = ${surveys.id})`,
      invited: sql<number>`(select count(*)::int from survey_invitations i where i.survey_id = ${surveys.id})`,
      started: sql<number>`(select count(*)::int from survey_responses r where r.survey_id = ${surveys.id})`,
      submitted: sql<number>`(select count(*)::int from survey_responses r where r.survey_id = ${surveys.id} and r.status = 'submitted')`,
    })
    .from(surveys)
    .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.programmeId, programmeId)))
    .orderBy(sql`array_position(array['baseline','midpoint','final','follow_up'], ${surveys.wave})`);
}

export async function findSurvey(db: Executor, workspaceId: string, programmeId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const [survey] = await db
    .select()
    .from(surveys)
    .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.programmeId, programmeId), eq(surveys.id, id)));
  return survey;
}

export function surveyQuestionList(db: Executor, surveyId: string) {
  return db
    .select({ question: surveyQuestions, required: surveyItems.required, position: surveyItems.position })
    .from(surveyItems)
    .innerJoin(surveyQuestions, eq(surveyQuestions.id, surveyItems.questionId))
    .where(eq(surveyItems.surveyId, surveyId))
    .orderBy(asc(surveyItems.position));
}

export interface SurveyInput {
  title: string;
  wave: SurveyWave;
  introduction: string;
  anonymous: boolean;
  closesOn: string | null;
  questionIds: string[];
}

/** Create or change a survey; its questions can change only while it is a draft. */
export async function saveSurvey(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, input: SurveyInput, id?: string) {
  authorize(programmePolicy.manage(access));
  const workspaceId = ctx.workspace.id;
  const ids = [...new Set(input.questionIds)];
  if (ids.length === 0) throw new EvaluationRuleError('questionIds', 'Choose at least one question for the survey');
  const { questionIds: _ignored, ...fields } = input;
  return db.transaction(async (tx) => {
    const found = ids.every(isUuid)
      ? await tx
          .select({ id: surveyQuestions.id, position: surveyQuestions.position, kind: surveyQuestions.kind })
          .from(surveyQuestions)
          .where(and(eq(surveyQuestions.programmeId, programmeId), inArray(surveyQuestions.id, ids)))
      : [];
    if (found.length !== ids.length) throw new EvaluationRuleError('questionIds', 'Choose questions from this programme’s list');
    let surveyId = id;
    if (surveyId) {
      const [existing] = await tx
        .select()
        .from(surveys)
        .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.programmeId, programmeId), eq(surveys.id, surveyId)));
      if (!existing) throw new NotFoundError();
      if (existing.status !== 'draft' && (existing.anonymous !== fields.anonymous || existing.wave !== fields.wave)) {
        throw new EvaluationRuleError('anonymous', 'This survey has been opened, so whether it is anonymous and which wave it is cannot change.');
      }
      await tx
        .update(surveys)
        .set({ ...fields, updatedAt: new Date() })
        .where(eq(surveys.id, surveyId));
      if (existing.status !== 'draft') return surveyId;
      await tx.delete(surveyItems).where(eq(surveyItems.surveyId, surveyId));
    } else {
      const [clash] = await tx
        .select({ id: surveys.id })
        .from(surveys)
        .where(and(eq(surveys.programmeId, programmeId), eq(surveys.wave, fields.wave)));
      if (clash) throw new EvaluationRuleError('wave', `This programme already has a ${waveLabels[fields.wave].toLowerCase()} survey`);
      const [row] = await tx
        .insert(surveys)
        .values({ workspaceId, programmeId, ...fields })
        .returning({ id: surveys.id });
      surveyId = row.id;
      await recordAudit(tx, workspaceId, ctx.actor, {
        action: 'survey.created',
        entityType: 'survey',
        entityId: surveyId,
        summary: `Created the ${waveLabels[fields.wave].toLowerCase()} survey “${fields.title}”`,
      });
    }
    const ordered = found.sort((a, b) => a.position - b.position);
    // Written answers are invited, not demanded: a respondent may have nothing to add.
    await tx
      .insert(surveyItems)
      .values(ordered.map((q, position) => ({ workspaceId, surveyId: surveyId, questionId: q.id, position, required: q.kind !== 'text' })));
    return surveyId;
  });
}

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

/** Named answers of one survey, for the people running it; anonymous surveys hold no names to show. */
export async function namedResponses(db: Executor, workspaceId: string, surveyId: string) {
  return db
    .select({ id: surveyResponses.id, personName: people.fullName, status: surveyResponses.status, submittedAt: surveyResponses.submittedAt })
    .from(surveyResponses)
    .innerJoin(people, eq(people.id, surveyResponses.personId))
    .where(and(eq(surveyResponses.workspaceId, workspaceId), eq(surveyResponses.surveyId, surveyId)))
    .orderBy(asc(people.fullName));
}
