import { z } from 'zod';
import { isCalendarDate } from '../../core/dates.ts';
import { asArray } from '../../core/http/forms.ts';
import { choice, dateField, linkField, optionalText, requiredText, timeField } from '../../core/http/fields.ts';
import { idParam, pathParams, queryText } from '../../core/http/route-schemas.ts';
import {
  actionEntryKinds,
  attendanceStatuses,
  type AttendanceStatus,
  cohortRoles,
  learningPreferences,
  needAnswers,
  programmeKinds,
  sessionKinds,
} from './tables.ts';
import { supportRequestKinds, supportRequestStatuses } from './support-tables.ts';

/** Ids ticked in a list of checkboxes; which ones are real is checked against the database. */
const idList = z.preprocess((value) => asArray(value), z.array(z.string().max(40)).max(500));

export const programmeSchema = z
  .object({
    name: requiredText('the programme’s name', 160),
    kind: choice(programmeKinds, 'Select the kind of programme'),
    summary: optionalText('summary', 1000),
    aims: optionalText('aims', 4000),
    startsOn: dateField('the start date'),
    endsOn: dateField('the end date'),
    topicIds: idList,
  })
  .refine((value) => value.endsOn >= value.startsOn, { path: ['endsOn'], message: 'The end date must be on or after the start date' });
export type ProgrammeInput = z.infer<typeof programmeSchema>;

export const cohortMemberSchema = z.object({
  personId: z.preprocess((value) => (typeof value === 'string' ? value : ''), z.string().min(1, 'Select a person').max(40)),
  role: choice(cohortRoles, 'Select whether they take part or help run the programme'),
});

export const sessionSchema = z
  .object({
    kind: choice(sessionKinds, 'Select the kind of session'),
    title: requiredText('a title', 200),
    description: optionalText('description', 4000),
    date: dateField('the date'),
    startTime: timeField('the start time'),
    endTime: timeField('the end time'),
    place: optionalText('place', 300),
    onlineLink: linkField,
    address: optionalText('address', 500),
    whoToMeet: optionalText('who the group will meet', 1000),
    safeguardingNotes: optionalText('safeguarding notes', 2000),
    reflectionPrompt: optionalText('reflection prompt', 1000),
    materials: optionalText('materials', 4000),
    facilitatorNotes: optionalText('facilitator notes', 4000),
    speakerIds: idList,
    needIds: idList,
  })
  .refine((value) => value.endTime > value.startTime, { path: ['endTime'], message: 'The end time must be after the start time' });
export type SessionInput = z.infer<typeof sessionSchema>;

export const intakeSchema = z.object({
  roleDescription: requiredText('your role', 1000),
  policyChallenge: requiredText('the policy challenge you are working on', 2000),
  wantToLearn: z.preprocess(
    (value) => (typeof value === 'string' ? value.replace(/\r\n/g, '\n') : ''),
    z
      .string()
      .max(4000, 'What you want to learn must be 4000 characters or fewer')
      .transform((value) =>
        value
          .split('\n')
          .map((line) => line.replace(/^[\s\-*•\d.)]+/, '').trim())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(z.string().max(500, 'Each thing you want to learn must be 500 characters or fewer'))
          .min(1, 'Enter at least one thing you want to learn')
          .max(12, 'List up to 12 things you want to learn'),
      ),
  ),
  alreadyKnow: optionalText('what you already know', 2000),
  learningPreferences: z.preprocess((value) => asArray(value), z.array(choice(learningPreferences, 'Select ways of learning from the list'))),
});
export type IntakeInput = z.infer<typeof intakeSchema>;

export const needSchema = z.object({
  title: requiredText('a short name for the need', 200),
  description: optionalText('description', 2000),
});
export type NeedInput = z.infer<typeof needSchema>;

/** A new need: its name and the statements it groups. */
export const newNeedSchema = needSchema.extend({ statementIds: idList });

/** A need saved from its card on the board: changed, marked addressed, or deleted. */
export const needUpdateSchema = needSchema.extend({
  addressed: z
    .unknown()
    .optional()
    .transform((value) => value === 'yes'),
});

/** Where a statement is moved on the board: a need, or '' for ungrouped. */
export const moveStatementSchema = z.object({
  needId: z
    .unknown()
    .optional()
    .transform((value) => (typeof value === 'string' && value !== '' ? value : null)),
});

export const answerStatementSchema = z.object({
  answered: choice(needAnswers, 'Choose whether the need was answered, partly answered or not answered'),
});

export const feedbackSchema = z.object({
  usefulness: z.preprocess(
    (value) => (typeof value === 'string' && value !== '' ? Number(value) : undefined),
    z.number({ error: 'Select how useful the session was' }).int().min(1, 'Select how useful the session was').max(5, 'Select how useful the session was'),
  ),
  mostUseful: optionalText('what was most useful', 2000),
  toChange: optionalText('what to change', 2000),
});
export type FeedbackInput = z.infer<typeof feedbackSchema>;

export const changeSchema = z.object({
  youSaid: requiredText('what participants said', 2000),
  weDid: requiredText('what the programme did about it', 2000),
  madeOn: dateField('the date of the change'),
  feedbackIds: idList,
});
export type ChangeInput = z.infer<typeof changeSchema>;

export const challengeSchema = z.object({
  title: requiredText('your challenge in a sentence', 200),
  description: optionalText('description', 4000),
});
export type ChallengeInput = z.infer<typeof challengeSchema>;

export const actionEntrySchema = z.object({
  kind: choice(actionEntryKinds, 'Select whether this is an action or a reflection'),
  text: requiredText('what you did, plan to do or learned', 2000),
  evidenceUsed: optionalText('the evidence you used', 1000),
  evidenceItemId: z.preprocess((value) => (typeof value === 'string' && value !== '' ? value : null), z.string().max(40).nullable()),
  dueOn: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null),
    z.string().refine(isCalendarDate, 'Enter the due date as a real date, for example 27 3 2026').nullable(),
  ),
});
export type ActionEntryInput = z.infer<typeof actionEntrySchema>;

export const presentationSchema = z.object({
  personId: z.preprocess((value) => (typeof value === 'string' ? value : ''), z.string().min(1, 'Select who presented').max(40)),
  agreed: requiredText('what the set agreed', 2000),
});

export const supportRequestSchema = z.object({
  kind: choice(supportRequestKinds, 'Select what kind of help you need'),
  subject: requiredText('what you need help with', 200),
  detail: optionalText('details', 4000),
});

export const requestUpdateSchema = z.object({
  status: choice(supportRequestStatuses, 'Select a status'),
  assignedToPersonId: z.preprocess((value) => (typeof value === 'string' && value !== '' ? value : null), z.string().max(40).nullable()),
  response: optionalText('response', 4000),
});
export type SupportRequestInput = z.infer<typeof supportRequestSchema>;
export type RequestUpdateInput = z.infer<typeof requestUpdateSchema>;

/** Attendance marks posted as attendance-<personId>: attended, apologies, absent or '' (not recorded). */
export const attendanceSchema = z.record(z.string(), z.unknown()).transform((body, ctx) => {
  const marks: Record<string, AttendanceStatus | ''> = {};
  for (const [key, value] of Object.entries(body)) {
    if (!key.startsWith('attendance-')) continue;
    const status = value === '' ? '' : attendanceStatuses.find((known) => known === value);
    if (status === undefined) {
      ctx.addIssue({ code: 'custom', path: ['attendance'], message: 'Choose attended, sent apologies or absent for each person' });
      return z.NEVER;
    }
    marks[key.slice('attendance-'.length)] = status;
  }
  return marks;
});

/** Marking an action done (or not done again). */
export const entryDoneSchema = z.object({
  done: z
    .unknown()
    .optional()
    .transform((value) => value !== 'no'),
});

/** A session's reading list: add an item, or remove one. */
export const readingSchema = z.object({
  evidenceItemId: z
    .unknown()
    .optional()
    .transform((value) => (typeof value === 'string' ? value : '')),
  action: z
    .unknown()
    .optional()
    .transform((value) => (value === 'remove' ? 'remove' : 'add')),
});

// Route parameters: ids that are not ids are answered as pages that do not exist.
export const programmeParams = pathParams({ programmeId: idParam });
export const sessionParams = pathParams({ programmeId: idParam, sessionId: idParam });
export const memberParams = pathParams({ programmeId: idParam, memberId: idParam });
export const needParams = pathParams({ programmeId: idParam, needId: idParam });
export const statementParams = pathParams({ programmeId: idParam, statementId: idParam });
export const personParams = pathParams({ programmeId: idParam, personId: idParam });
export const entryParams = pathParams({ programmeId: idParam, entryId: idParam });
export const requestParams = pathParams({ programmeId: idParam, requestId: idParam });

/** ?month=2026-03 on the calendar; anything else is ignored. */
export const calendarQuery = z.looseObject({ month: queryText(7) });
/** ?need= on a new session (the need it is planned for); ?reading= searches the library for the reading list. */
export const sessionPageQuery = z.looseObject({ need: queryText(40), reading: queryText(300) });
