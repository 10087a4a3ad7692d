import { CONTROL_CHARACTERS } from '../../core/http/fields.ts';
import { and, desc, eq } from 'drizzle-orm';
import type { Db, Executor } from '../../core/db/client.ts';
import { recordAudit } from '../../core/audit.ts';
import type { Actor } from '../../core/audit.ts';
import type { Mailer } from '../../core/mailer.ts';
import { isCalendarDate, londonParts } from '../../core/dates.ts';
import { people } from '../people/tables.ts';
import type { Programme } from '../programmes/queries.ts';
import type { Round } from './rounds.ts';
import type { Site } from './sites.ts';
import {
  checkpointReturns,
  ragStatuses,
  returnVersions,
  siteContacts,
  type RagStatus,
  type ReturnContent,
  type ReturnSource,
  type TemplateDefinition,
} from './tables.ts';

/** Who is saving: a signed-in member, or the command line (no person). A WorkspaceContext fits. */
export interface ReturnActor {
  workspace: { id: string; slug: string };
  member: { personId: string | null };
  actor: Actor;
}

export type CheckpointReturn = typeof checkpointReturns.$inferSelect;

export const MAX_SECTION_TEXT = 5000;
export const MAX_COMMENTARY = 2000;

/** Where each answer lives in the web form; the error summary links to these ids. */
export const fieldIds = {
  rag: (key: string) => `${key}-rag`,
  commentary: (key: string) => `${key}-commentary`,
  actual: (key: string) => `${key}-actual`,
  forecast: (key: string) => `${key}-forecast`,
  note: (key: string) => `${key}-note`,
  indicator: (key: string) => `${key}-value`,
  section: (key: string) => `${key}-text`,
};

export function emptyContent(definition: TemplateDefinition): ReturnContent {
  return {
    workstreams: Object.fromEntries(definition.workstreams.map((w) => [w.key, { rag: '' as const, commentary: '' }])),
    milestones: Object.fromEntries(definition.milestones.map((m) => [m.key, { actualOn: '', forecastOn: '', note: '' }])),
    indicators: Object.fromEntries(definition.indicators.map((i) => [i.key, null])),
    sections: Object.fromEntries(definition.sections.map((s) => [s.key, ''])),
  };
}

/** One problem with an answer: the form field it belongs to, or the spreadsheet cell. */
export interface AnswerProblem {
  field: string;
  cell?: string;
  message: string;
}

/** Turn typed text into a number the way people write them: "1,250", " 12 ", "3.5". */
export function parseIndicatorNumber(raw: string): number | null | undefined {
  const text = raw.trim().replace(/,(?=\d{3}\b)/g, '');
  if (text === '') return null;
  if (!/^-?\d+(\.\d+)?$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) && Math.abs(value) < 1e12 ? value : undefined;
}

const str = (value: unknown) =>
  typeof value === 'string' ? value.replace(/\r\n/g, '\n').trim() : Array.isArray(value) ? String(value[value.length - 1] ?? '').trim() : '';

/** Read the web form into a return, reporting any answer that cannot be kept (bad numbers, bad dates, too long). */
export function readReturnForm(definition: TemplateDefinition, body: Record<string, unknown>): { content: ReturnContent; problems: AnswerProblem[] } {
  const content = emptyContent(definition);
  const problems: AnswerProblem[] = [];
  const text = (field: string, label: string, max: number) => {
    const value = str(body[field]);
    if (value.length > max) problems.push({ field, message: `${label} must be ${max} characters or fewer (it is ${value.length})` });
    else if (CONTROL_CHARACTERS.test(value)) problems.push({ field, message: `${label} must not contain control characters` });
    return value.slice(0, max);
  };
  const dateValue = (field: string, label: string) => {
    const value = str(body[field]);
    if (value && !isCalendarDate(value)) problems.push({ field, message: `${label} must be a real date, like 2026-03-27` });
    return value && isCalendarDate(value) ? value : '';
  };
  for (const w of definition.workstreams) {
    const rag = str(body[fieldIds.rag(w.key)]);
    if (rag && !(ragStatuses as readonly string[]).includes(rag))
      problems.push({ field: fieldIds.rag(w.key), message: `Choose green, amber or red for ${w.name}` });
    content.workstreams[w.key] = {
      rag: (ragStatuses as readonly string[]).includes(rag) ? (rag as RagStatus) : '',
      commentary: text(fieldIds.commentary(w.key), `Commentary on ${w.name}`, MAX_COMMENTARY),
    };
  }
  for (const m of definition.milestones) {
    content.milestones[m.key] = {
      actualOn: dateValue(fieldIds.actual(m.key), `The date “${m.name}” was met`),
      forecastOn: dateValue(fieldIds.forecast(m.key), `The forecast date for “${m.name}”`),
      note: text(fieldIds.note(m.key), `The note on ${m.name}`, MAX_COMMENTARY),
    };
  }
  for (const i of definition.indicators) {
    const raw = str(body[fieldIds.indicator(i.key)]);
    const value = parseIndicatorNumber(raw);
    if (value === undefined)
      problems.push({ field: fieldIds.indicator(i.key), message: `${i.name} must be a number, like 12 (you entered “${raw.slice(0, 40)}”)` });
    content.indicators[i.key] = value ?? null;
  }
  for (const s of definition.sections) content.sections[s.key] = text(fieldIds.section(s.key), s.name, MAX_SECTION_TEXT);
  return { content, problems };
}

/** What a return needs before it can be submitted: every RAG, every indicator, and a reason for amber and red. */
export function completenessProblems(definition: TemplateDefinition, content: ReturnContent, cellOf?: (field: string) => string | undefined): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, cell: cellOf?.(field), message });
  for (const w of definition.workstreams) {
    const answer = content.workstreams[w.key];
    if (!answer?.rag) add(fieldIds.rag(w.key), `Choose a RAG status for ${w.name}`);
    else if (answer.rag !== 'green' && !answer.commentary) add(fieldIds.commentary(w.key), `Explain why ${w.name} is ${answer.rag}`);
  }
  for (const m of definition.milestones) {
    const answer = content.milestones[m.key];
    if (answer?.actualOn && answer.forecastOn) add(fieldIds.forecast(m.key), `“${m.name}” has a date met, so leave its forecast date empty`);
  }
  for (const i of definition.indicators) {
    if (content.indicators[i.key] === null || content.indicators[i.key] === undefined)
      add(fieldIds.indicator(i.key), `Enter a figure for ${i.name} (enter 0 if there were none)`);
  }
  return problems;
}

export async function findReturn(db: Executor, workspaceId: string, roundId: string, siteId: string): Promise<CheckpointReturn | undefined> {
  const [row] = await db
    .select()
    .from(checkpointReturns)
    .where(and(eq(checkpointReturns.workspaceId, workspaceId), eq(checkpointReturns.roundId, roundId), eq(checkpointReturns.siteId, siteId)));
  return row;
}

export class ReturnRuleError extends Error {}

/** Someone else saved the return since this editor loaded it. */
export class ReturnConflictError extends Error {
  constructor(
    readonly current: CheckpointReturn,
    readonly savedBy: string,
  ) {
    super(`${savedBy} saved this return at ${londonParts(current.updatedAt).time} on ${londonParts(current.updatedAt).date} while you were editing it.`);
  }
}

export interface SaveReturnInput {
  programme: Programme;
  round: Round;
  site: Site;
  content: ReturnContent;
  /** The revision the editor started from: 0 for a return not yet started. */
  expectedRevision: number;
  submit: boolean;
  source: ReturnSource;
  /** Facilitators may still save a return after submission (to correct it); sites must ask for it back. */
  asFacilitator: boolean;
}

async function personName(db: Executor, personId: string | null): Promise<string> {
  if (!personId) return 'Someone';
  const [row] = await db.select({ name: people.fullName }).from(people).where(eq(people.id, personId));
  return row?.name ?? 'Someone';
}

/**
 * Save a draft or submit. The update only lands if the return is still at the
 * revision the editor loaded, so two people editing the same draft never
 * silently overwrite each other.
 */
export async function saveReturn(db: Db, ctx: ReturnActor, input: SaveReturnInput): Promise<CheckpointReturn> {
  const { round, site, programme } = input;
  const workspaceId = ctx.workspace.id;
  if (round.status !== 'open') {
    throw new ReturnRuleError(
      round.status === 'closed'
        ? `Round ${round.number} (${round.title}) is closed, so its returns can no longer be changed. Ask the programme team if it needs reopening.`
        : `Round ${round.number} (${round.title}) is not open for returns yet.`,
    );
  }
  return db.transaction(async (tx) => {
    const existing = await findReturn(tx, workspaceId, round.id, site.id);
    if (existing?.status === 'submitted' && !input.asFacilitator) {
      throw new ReturnRuleError(
        `The return for ${site.name} for ${round.title} has been submitted. Ask the programme team to return it to you if something needs correcting.`,
      );
    }
    const now = new Date();
    const values = {
      content: input.content,
      source: input.source,
      updatedByPersonId: ctx.member.personId,
      updatedAt: now,
      ...(input.submit ? { status: 'submitted' as const, submittedAt: now, submittedByPersonId: ctx.member.personId, returnedReason: '' } : {}),
    };
    let saved: CheckpointReturn | undefined;
    if (!existing) {
      if (input.expectedRevision !== 0) throw new ReturnRuleError('This return is no longer there. Reload the page.');
      [saved] = await tx
        .insert(checkpointReturns)
        .values({
          workspaceId,
          programmeId: programme.id,
          roundId: round.id,
          siteId: site.id,
          templateId: round.templateId,
          status: 'draft',
          revision: 1,
          ...values,
        })
        .onConflictDoNothing()
        .returning();
      if (!saved) {
        const raced = (await findReturn(tx, workspaceId, round.id, site.id))!;
        throw new ReturnConflictError(raced, await personName(tx, raced.updatedByPersonId));
      }
    } else {
      if (existing.revision !== input.expectedRevision) throw new ReturnConflictError(existing, await personName(tx, existing.updatedByPersonId));
      [saved] = await tx
        .update(checkpointReturns)
        .set({ ...values, revision: existing.revision + 1 })
        .where(and(eq(checkpointReturns.id, existing.id), eq(checkpointReturns.revision, input.expectedRevision)))
        .returning();
      if (!saved) {
        const raced = (await findReturn(tx, workspaceId, round.id, site.id))!;
        throw new ReturnConflictError(raced, await personName(tx, raced.updatedByPersonId));
      }
    }
    if (input.submit) {
      await tx.insert(returnVersions).values({
        workspaceId,
        returnId: saved.id,
        revision: saved.revision,
        status: 'submitted',
        content: saved.content,
        source: input.source,
        savedByPersonId: ctx.member.personId,
      });
      await recordAudit(tx, workspaceId, ctx.actor, {
        action: 'delivery.return_submitted',
        entityType: 'checkpoint_return',
        entityId: saved.id,
        summary: `Submitted ${site.name}’s return for ${round.title}${input.source === 'excel' ? ' from Excel' : input.source === 'command_line' ? ' from the command line' : ''}`,
      });
    }
    return saved;
  });
}

/** Send a submitted return back to the site with the reason; the submitted version stays in the history. */
export async function returnForCorrection(
  db: Db,
  deps: { mailer: Mailer; publicUrl: string },
  ctx: ReturnActor,
  programme: Programme,
  round: Round,
  site: Site,
  reason: string,
): Promise<void> {
  const workspaceId = ctx.workspace.id;
  await db.transaction(async (tx) => {
    const existing = await findReturn(tx, workspaceId, round.id, site.id);
    if (!existing || existing.status !== 'submitted') throw new ReturnRuleError('Only a submitted return can be returned for correction.');
    const [saved] = await tx
      .update(checkpointReturns)
      .set({ status: 'returned', returnedReason: reason, revision: existing.revision + 1, updatedAt: new Date(), updatedByPersonId: ctx.member.personId })
      .where(eq(checkpointReturns.id, existing.id))
      .returning();
    await tx.insert(returnVersions).values({
      workspaceId,
      returnId: saved.id,
      revision: saved.revision,
      status: 'returned',
      content: saved.content,
      source: existing.source,
      note: reason,
      savedByPersonId: ctx.member.personId,
    });
    await recordAudit(tx, workspaceId, ctx.actor, {
      action: 'delivery.return_returned',
      entityType: 'checkpoint_return',
      entityId: saved.id,
      summary: `Returned ${site.name}’s return for ${round.title} for correction: ${reason}`,
    });
  });
  const leads = await db
    .select({ name: people.fullName, email: people.email })
    .from(siteContacts)
    .innerJoin(people, eq(people.id, siteContacts.personId))
    .where(and(eq(siteContacts.workspaceId, workspaceId), eq(siteContacts.siteId, site.id), eq(siteContacts.role, 'lead')));
  for (const lead of leads) {
    if (!lead.email) continue;
    await deps.mailer.send({
      workspaceId,
      kind: 'checkpoint_returned',
      to: lead.email,
      subject: `${programme.name}: please correct ${site.name}’s return for ${round.title}`,
      text: [
        `Dear ${lead.name},`,
        '',
        `The programme team has returned ${site.name}’s checkpoint return for ${round.title} for correction:`,
        '',
        reason,
        '',
        `Open it here: ${deps.publicUrl}/w/${ctx.workspace.slug}/programmes/${programme.id}/delivery/rounds/${round.number}/sites/${site.id}`,
      ].join('\n'),
    });
  }
}

export async function versionsOf(db: Executor, workspaceId: string, returnId: string) {
  return db
    .select({
      revision: returnVersions.revision,
      status: returnVersions.status,
      source: returnVersions.source,
      note: returnVersions.note,
      createdAt: returnVersions.createdAt,
      savedBy: people.fullName,
      content: returnVersions.content,
    })
    .from(returnVersions)
    .leftJoin(people, eq(people.id, returnVersions.savedByPersonId))
    .where(and(eq(returnVersions.workspaceId, workspaceId), eq(returnVersions.returnId, returnId)))
    .orderBy(desc(returnVersions.revision));
}
