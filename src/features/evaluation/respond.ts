import { londonToday } from '../../core/dates.ts';
import { and, eq } from 'drizzle-orm';
import type { Db, Executor } from '../../core/db/client.ts';
import { hashToken } from '../../core/auth/tokens.ts';
import { asArray } from '../../core/http/forms.ts';
import { CONTROL_CHARACTERS } from '../../core/http/fields.ts';
import { programmes } from '../programmes/tables.ts';
import { resumeHash } from './survey-links.ts';
import { surveyQuestionList } from './survey-queries.ts';
import { surveyAnswers, surveyInvitations, surveyResponses, surveys } from './tables.ts';

/**
 * Answering a survey through a personal link. Answers are saved as the
 * respondent goes (each change, or "save and come back later"), so a closed
 * browser loses nothing; submitting checks every required question once more
 * and is final. Anonymous surveys store no person: only the code the
 * respondent chooses, to pair their waves.
 */

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const CODE = /^[A-Z0-9]{3,12}$/;

export type LinkState = 'open' | 'not_open' | 'closed' | 'answered';

export async function surveyForLink(db: Executor, token: string) {
  if (!TOKEN.test(token)) return undefined;
  const [found] = await db
    .select({ invitation: surveyInvitations, survey: surveys, programmeName: programmes.name })
    .from(surveyInvitations)
    .innerJoin(surveys, and(eq(surveys.workspaceId, surveyInvitations.workspaceId), eq(surveys.id, surveyInvitations.surveyId)))
    .innerJoin(programmes, and(eq(programmes.workspaceId, surveys.workspaceId), eq(programmes.id, surveys.programmeId)))
    .where(eq(surveyInvitations.tokenHash, hashToken(token)));
  if (!found) return undefined;
  const closedByDate = found.survey.closesOn !== null && found.survey.closesOn < londonToday();
  const state: LinkState = found.invitation.respondedAt
    ? 'answered'
    : found.survey.status === 'draft'
      ? 'not_open'
      : found.survey.status === 'closed' || closedByDate
        ? 'closed'
        : 'open';
  return { ...found, state, questions: await surveyQuestionList(db, found.survey.workspaceId, found.survey.id) };
}

export type LinkedSurvey = NonNullable<Awaited<ReturnType<typeof surveyForLink>>>;

export async function draftFor(db: Executor, linked: LinkedSurvey, token: string) {
  const [response] = await db
    .select()
    .from(surveyResponses)
    .where(and(eq(surveyResponses.workspaceId, linked.invitation.workspaceId), eq(surveyResponses.resumeHash, resumeHash(token))));
  if (!response) return { response: undefined, answers: new Map<string, typeof surveyAnswers.$inferSelect>() };
  const answers = await db
    .select()
    .from(surveyAnswers)
    .where(and(eq(surveyAnswers.workspaceId, response.workspaceId), eq(surveyAnswers.responseId, response.id)));
  return { response, answers: new Map(answers.map((answer) => [answer.questionId, answer])) };
}

interface ParsedAnswer {
  questionId: string;
  valueNumber: number | null;
  valueBefore: number | null;
  valueText: string;
  valueChoices: string[];
}

export interface SaveOutcome {
  errors: Record<string, string>;
  submitted: boolean;
}

function scaleValue(raw: unknown, points: number): number | null | 'bad' {
  if (raw === undefined || raw === '') return null;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= points ? n : 'bad';
}

/** Read the answers present in a form body; anything out of range is reported and not saved. */
export function parseAnswers(linked: LinkedSurvey, body: Record<string, unknown>) {
  const errors: Record<string, string> = {};
  const parsed: ParsedAnswer[] = [];
  for (const { question } of linked.questions) {
    const field = `q-${question.id}`;
    const present = field in body || `${field}-before` in body;
    if (!present) continue;
    const answer: ParsedAnswer = { questionId: question.id, valueNumber: null, valueBefore: null, valueText: '', valueChoices: [] };
    const points = question.scalePoints ?? 5;
    switch (question.kind) {
      case 'likert': {
        const value = scaleValue(body[field], points);
        if (value === 'bad') errors[field] = `Choose one of the ${points} answers`;
        else answer.valueNumber = value;
        break;
      }
      case 'retrospective': {
        const before = scaleValue(body[`${field}-before`], points);
        const now = scaleValue(body[field], points);
        if (before === 'bad' || now === 'bad') errors[field] = `Choose one of the ${points} answers, for before the programme and for now`;
        else {
          answer.valueBefore = before;
          answer.valueNumber = now;
        }
        break;
      }
      case 'single': {
        const value = typeof body[field] === 'string' ? body[field] : '';
        if (value && !question.options.includes(value)) errors[field] = 'Choose one of the options';
        else answer.valueChoices = value ? [value] : [];
        break;
      }
      case 'multiple': {
        const values = asArray(body[field]);
        if (values.some((value) => !question.options.includes(value))) errors[field] = 'Choose from the options given';
        else answer.valueChoices = [...new Set(values)];
        break;
      }
      case 'number': {
        const raw = typeof body[field] === 'string' ? body[field].trim() : '';
        if (raw === '') break;
        const n = Number(raw.replace(/,/g, ''));
        if (!Number.isFinite(n) || Math.abs(n) > 1e9) errors[field] = 'Enter a number, like 12 or 3.5';
        else answer.valueNumber = n;
        break;
      }
      case 'text': {
        const value = typeof body[field] === 'string' ? body[field].replace(/\r\n/g, '\n').trim() : '';
        if (value.length > 5000) errors[field] = 'Your answer must be 5000 characters or fewer';
        else if (CONTROL_CHARACTERS.test(value)) errors[field] = 'Your answer must not contain control characters';
        else answer.valueText = value;
        break;
      }
    }
    if (!errors[field]) parsed.push(answer);
  }
  return { parsed, errors };
}

const isAnswered = (
  answer: { valueNumber: number | null; valueBefore: number | null; valueText: string; valueChoices: string[] } | undefined,
  kind: string,
) => {
  if (!answer) return false;
  if (kind === 'retrospective') return answer.valueNumber !== null && answer.valueBefore !== null;
  if (kind === 'text') return answer.valueText !== '';
  if (kind === 'single' || kind === 'multiple') return answer.valueChoices.length > 0;
  return answer.valueNumber !== null;
};

/**
 * Save what was sent (always), then, when submitting, check the whole response
 * and mark it submitted with the invitation answered, in one transaction.
 */
export async function saveResponse(db: Db, linked: LinkedSurvey, token: string, body: Record<string, unknown>, submit: boolean): Promise<SaveOutcome> {
  const { parsed, errors } = parseAnswers(linked, body);
  const anonymous = linked.survey.anonymous;
  const rawCode = typeof body.respondentCode === 'string' ? body.respondentCode.toUpperCase().replace(/[^A-Z0-9]/g, '') : undefined;
  if (anonymous && rawCode !== undefined && rawCode !== '' && !CODE.test(rawCode)) errors.respondentCode = 'Your code must be 3 to 12 letters and numbers';
  const consent = body.quoteConsent === 'yes' ? true : body.quoteConsent === 'no' ? false : undefined;
  const workspaceId = linked.survey.workspaceId;
  // Answers come through a personal link, without signing in: no member to authorise and, for anonymous surveys, no trail
  // that could name who answered (see test/audit-exceptions.ts). The link's token is the authority; every statement keeps to its workspace.
  return db.transaction(async (tx) => {
    // Checked again inside the transaction, so a second submission (another tab, a double click) cannot slip in.
    const [invitation] = await tx
      .select()
      .from(surveyInvitations)
      .where(and(eq(surveyInvitations.workspaceId, workspaceId), eq(surveyInvitations.id, linked.invitation.id)));
    if (invitation.respondedAt) return { errors: { form: 'You have already sent your answers to this survey. Thank you.' }, submitted: false };
    const [survey] = await tx
      .select()
      .from(surveys)
      .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.id, linked.survey.id)));
    if (survey.status !== 'open') return { errors: { form: 'This survey is closed, so answers can no longer be sent.' }, submitted: false };
    const hash = resumeHash(token);
    let [response] = await tx
      .select()
      .from(surveyResponses)
      .where(and(eq(surveyResponses.workspaceId, workspaceId), eq(surveyResponses.resumeHash, hash)));
    if (!response) {
      [response] = await tx
        .insert(surveyResponses)
        .values({ workspaceId: survey.workspaceId, surveyId: survey.id, personId: anonymous ? null : invitation.personId, resumeHash: hash })
        .returning();
    }
    const changes: Partial<typeof surveyResponses.$inferInsert> = {};
    if (anonymous && rawCode !== undefined && !errors.respondentCode) changes.respondentCode = rawCode || null;
    if (consent !== undefined) changes.quoteConsent = consent;
    if (Object.keys(changes).length) {
      [response] = await tx
        .update(surveyResponses)
        .set(changes)
        .where(and(eq(surveyResponses.workspaceId, workspaceId), eq(surveyResponses.id, response.id)))
        .returning();
    }
    for (const answer of parsed) {
      await tx
        .insert(surveyAnswers)
        .values({ workspaceId: survey.workspaceId, responseId: response.id, ...answer })
        .onConflictDoUpdate({
          target: [surveyAnswers.responseId, surveyAnswers.questionId, surveyAnswers.workspaceId],
          set: { ...answer, updatedAt: new Date() },
        });
    }
    if (!submit || Object.keys(errors).length) return { errors, submitted: false };

    const saved = new Map(
      (
        await tx
          .select()
          .from(surveyAnswers)
          .where(and(eq(surveyAnswers.workspaceId, workspaceId), eq(surveyAnswers.responseId, response.id)))
      ).map((a) => [a.questionId, a]),
    );
    for (const { question, required } of linked.questions) {
      if (required && !isAnswered(saved.get(question.id), question.kind))
        errors[`q-${question.id}`] = question.kind === 'retrospective' ? 'Answer for before the programme and for now' : 'Answer this question';
    }
    if (anonymous && !response.respondentCode) errors.respondentCode = 'Enter your code, so your answers can be matched across surveys without your name';
    if (Object.keys(errors).length) return { errors, submitted: false };
    await tx
      .update(surveyResponses)
      .set({ status: 'submitted', submittedAt: new Date() })
      .where(and(eq(surveyResponses.workspaceId, workspaceId), eq(surveyResponses.id, response.id)));
    await tx
      .update(surveyInvitations)
      .set({ respondedAt: new Date() })
      .where(and(eq(surveyInvitations.workspaceId, workspaceId), eq(surveyInvitations.id, invitation.id)));
    return { errors: {}, submitted: true };
  });
}
