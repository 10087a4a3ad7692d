import { and, eq, inArray } from 'drizzle-orm';
import { changedFields } from '../../core/audit.ts';
import type { Db, Executor } from '../../core/db/client.ts';
import { londonInstant } from '../../core/dates.ts';
import { formatDate } from '../../core/views/format.ts';
import { isUuid } from '../../core/db/uuid.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { indexSessions } from './search-text.ts';
import { runOperation } from '../../core/operations.ts';
import { people } from '../people/tables.ts';
import { programmePolicy, type ProgrammeAccess } from './policy.ts';
import type { Programme } from './queries.ts';
import type { SessionInput } from './schemas.ts';
import { needs, programmeSessions, sessionNeeds, sessionSpeakers } from './tables.ts';

async function checkIds(ids: string[], field: string, message: string, find: (valid: string[]) => Promise<Array<{ id: string }>>) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  if (!unique.every(isUuid) || (await find(unique)).length !== unique.length) throw new RuleError(field, message);
  return unique;
}

function speakersIn(tx: Executor, workspaceId: string, ids: string[]) {
  return tx
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.workspaceId, workspaceId), inArray(people.id, ids)));
}

/** Create or update a session inside its programme's dates, with its speakers and the needs it addresses. */
export function saveSession(
  db: Db,
  ctx: WorkspaceContext,
  access: ProgrammeAccess,
  programme: Programme,
  input: SessionInput,
  sessionId?: string,
): Promise<string> {
  const { date, startTime, endTime, speakerIds, needIds, ...fields } = input;
  const values = { ...fields, startsAt: londonInstant(date, startTime), endsAt: londonInstant(date, endTime) };
  return runOperation(db, ctx, 'save a session', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(programmePolicy.manage(access));
    if (date < programme.startsOn || date > programme.endsOn) {
      throw new RuleError('date', `The date must be within the programme, between ${formatDate(programme.startsOn)} and ${formatDate(programme.endsOn)}`);
    }
    const speakers = await checkIds(speakerIds, 'speakerIds', 'Select speakers from the list', (valid) => speakersIn(tx, workspaceId, valid));
    const needList = await checkIds(needIds, 'needIds', 'Select needs from this programme’s board', (valid) =>
      tx
        .select({ id: needs.id })
        .from(needs)
        .where(and(eq(needs.workspaceId, workspaceId), eq(needs.programmeId, programme.id), inArray(needs.id, valid))),
    );
    let id: string;
    if (!sessionId) {
      const [created] = await tx
        .insert(programmeSessions)
        .values({ workspaceId, programmeId: programme.id, ...values })
        .returning({ id: programmeSessions.id });
      id = created.id;
      await audit({ action: 'session.created', entityType: 'session', entityId: id, summary: `Planned the session “${fields.title}” in ${programme.name}` });
    } else {
      id = sessionId;
      const where = and(eq(programmeSessions.workspaceId, workspaceId), eq(programmeSessions.programmeId, programme.id), eq(programmeSessions.id, id));
      const [before] = await tx.select().from(programmeSessions).where(where);
      if (!before) throw new NotFoundError();
      await tx
        .update(programmeSessions)
        .set({ ...values, updatedAt: new Date() })
        .where(where);
      await tx.delete(sessionSpeakers).where(and(eq(sessionSpeakers.workspaceId, workspaceId), eq(sessionSpeakers.sessionId, id)));
      await tx.delete(sessionNeeds).where(and(eq(sessionNeeds.workspaceId, workspaceId), eq(sessionNeeds.sessionId, id)));
      await audit({
        action: 'session.updated',
        entityType: 'session',
        entityId: id,
        summary: `Updated the session “${fields.title}”`,
        changes: changedFields(before, values),
      });
    }
    if (speakers.length) await tx.insert(sessionSpeakers).values(speakers.map((personId) => ({ workspaceId, sessionId: id, personId })));
    if (needList.length) await tx.insert(sessionNeeds).values(needList.map((needId) => ({ workspaceId, sessionId: id, needId })));
    await indexSessions(tx, workspaceId, [id]);
    return id;
  });
}
