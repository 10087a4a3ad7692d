import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { changedFields } from '../../core/audit.ts';
import type { Db, Executor } from '../../core/db/client.ts';
import { isUniqueViolation } from '../../core/db/errors.ts';
import { isUuid } from '../../core/db/uuid.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { indexProgrammes } from './search-text.ts';
import { runOperation } from '../../core/operations.ts';
import { countOf } from '../../core/views/labels.ts';
import { topics } from '../topics/tables.ts';
import { programmePolicy, type ProgrammeAccess } from './policy.ts';
import { findProgramme, programmeTopicIds } from './queries.ts';
import type { ProgrammeInput } from './schemas.ts';
import { cohortMembers, programmeTopics, programmes, programmeSessions } from './tables.ts';

async function checkedTopicIds(tx: Executor, workspaceId: string, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  if (!unique.every(isUuid)) throw new RuleError('topicIds', 'Select topics from the list');
  const found = await tx
    .select({ id: topics.id })
    .from(topics)
    .where(and(eq(topics.workspaceId, workspaceId), inArray(topics.id, unique)));
  if (found.length !== unique.length) throw new RuleError('topicIds', 'Select topics from the list');
  return unique;
}

/** Start a programme (its creator joins the cohort as a facilitator), or update one when `access` names it. */
export async function saveProgramme(db: Db, ctx: WorkspaceContext, input: ProgrammeInput, access?: ProgrammeAccess & { programmeId: string }): Promise<string> {
  const { topicIds, ...fields } = input;
  try {
    return await runOperation(db, ctx, 'save a programme', async ({ tx, workspaceId, member, authorize, audit }) => {
      authorize(access ? programmePolicy.manage(access) : programmePolicy.create(member));
      const topicList = await checkedTopicIds(tx, workspaceId, topicIds);
      let id: string;
      if (!access) {
        const [created] = await tx
          .insert(programmes)
          .values({ workspaceId, ...fields, calendarToken: randomBytes(18).toString('base64url') })
          .returning({ id: programmes.id });
        id = created.id;
        // Whoever sets a programme up helps run it, so it appears on their home page.
        await tx.insert(cohortMembers).values({ workspaceId, programmeId: id, personId: member.personId, role: 'facilitator' });
        await audit({ action: 'programme.created', entityType: 'programme', entityId: id, summary: `Created the programme “${fields.name}”` });
      } else {
        id = access.programmeId;
        const before = await findProgramme(tx, workspaceId, id);
        if (!before) throw new NotFoundError();
        const [outside] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(programmeSessions)
          .where(
            and(
              eq(programmeSessions.workspaceId, workspaceId),
              eq(programmeSessions.programmeId, id),
              sql`(${programmeSessions.startsAt} at time zone 'Europe/London')::date not between ${fields.startsOn}::date and ${fields.endsOn}::date`,
            ),
          );
        if (outside.n > 0) {
          const them = outside.n === 1 ? 'it' : 'them';
          throw new RuleError(
            'startsOn',
            `${countOf(outside.n, 'session')} ${outside.n === 1 ? 'falls' : 'fall'} outside these dates. Move ${them} first, or choose dates that include ${them}.`,
          );
        }
        await tx
          .update(programmes)
          .set({ ...fields, updatedAt: new Date() })
          .where(and(eq(programmes.workspaceId, workspaceId), eq(programmes.id, id)));
        const beforeTopics = await programmeTopicIds(tx, workspaceId, id);
        await tx.delete(programmeTopics).where(and(eq(programmeTopics.workspaceId, workspaceId), eq(programmeTopics.programmeId, id)));
        await audit({
          action: 'programme.updated',
          entityType: 'programme',
          entityId: id,
          summary: `Updated the programme “${fields.name}”`,
          changes: changedFields({ ...before, topicIds: beforeTopics.sort() }, { ...fields, topicIds: [...topicList].sort() }),
        });
      }
      if (topicList.length) await tx.insert(programmeTopics).values(topicList.map((topicId) => ({ workspaceId, programmeId: id, topicId })));
      await indexProgrammes(tx, workspaceId, [id]);
      return id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new RuleError('name', 'There is already a programme with that name');
    throw error;
  }
}
