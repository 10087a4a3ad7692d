import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../core/db/client.ts';
import { changedFields, recordAudit } from '../../core/audit.ts';
import { isUniqueViolation } from '../../core/db/errors.ts';
import { isUuid } from '../../core/db/uuid.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError } from '../../core/http/errors.ts';
import { people } from '../people/tables.ts';
import { topics } from '../topics/tables.ts';
import { programmePolicy, type ProgrammeAccess } from './policy.ts';
import { findProgramme, programmeTopicIds } from './queries.ts';
import type { ProgrammeInput } from './schemas.ts';
import { cohortMembers, programmeTopics, programmes, programmeSessions, type CohortRole } from './tables.ts';

/** A rule checked against the database, shown against one field of the form. */
export class ProgrammeRuleError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

async function checkedTopicIds(tx: Executor, workspaceId: string, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  if (!unique.every(isUuid)) throw new ProgrammeRuleError('topicIds', 'Select topics from the list');
  const found = await tx
    .select({ id: topics.id })
    .from(topics)
    .where(and(eq(topics.workspaceId, workspaceId), inArray(topics.id, unique)));
  if (found.length !== unique.length) throw new ProgrammeRuleError('topicIds', 'Select topics from the list');
  return unique;
}

export async function saveProgramme(db: Db, ctx: WorkspaceContext, input: ProgrammeInput, access?: ProgrammeAccess & { programmeId: string }): Promise<string> {
  authorize(access ? programmePolicy.manage(access) : programmePolicy.create(ctx.member));
  const workspaceId = ctx.workspace.id;
  const { topicIds, ...fields } = input;
  try {
    return await db.transaction(async (tx) => {
      const topicList = await checkedTopicIds(tx, workspaceId, topicIds);
      let id: string;
      if (!access) {
        const [created] = await tx
          .insert(programmes)
          .values({ workspaceId, ...fields, calendarToken: randomBytes(18).toString('base64url') })
          .returning({ id: programmes.id });
        id = created.id;
        // Whoever sets a programme up helps run it, so it appears on their home page.
        await tx.insert(cohortMembers).values({ workspaceId, programmeId: id, personId: ctx.member.personId, role: 'facilitator' });
        await recordAudit(tx, workspaceId, ctx.actor, {
          action: 'programme.created',
          entityType: 'programme',
          entityId: id,
          summary: `Created the programme “${fields.name}”`,
        });
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
          throw new ProgrammeRuleError(
            'startsOn',
            `${outside.n} session${outside.n === 1 ? ' falls' : 's fall'} outside these dates. Move ${outside.n === 1 ? 'it' : 'them'} first, or choose dates that include ${outside.n === 1 ? 'it' : 'them'}.`,
          );
        }
        await tx
          .update(programmes)
          .set({ ...fields, updatedAt: new Date() })
          .where(and(eq(programmes.workspaceId, workspaceId), eq(programmes.id, id)));
        const beforeTopics = await programmeTopicIds(tx, workspaceId, id);
        await tx.delete(programmeTopics).where(and(eq(programmeTopics.workspaceId, workspaceId), eq(programmeTopics.programmeId, id)));
        await recordAudit(tx, workspaceId, ctx.actor, {
          action: 'programme.updated',
          entityType: 'programme',
          entityId: id,
          summary: `Updated the programme “${fields.name}”`,
          changes: changedFields({ ...before, topicIds: beforeTopics.sort() }, { ...fields, topicIds: [...topicList].sort() }),
        });
      }
      if (topicList.length) await tx.insert(programmeTopics).values(topicList.map((topicId) => ({ workspaceId, programmeId: id, topicId })));
      return id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ProgrammeRuleError('name', 'There is already a programme with that name');
    throw error;
  }
}

export async function deleteProgramme(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string): Promise<string> {
  authorize(programmePolicy.delete(access));
  return db.transaction(async (tx) => {
    const programme = await findProgramme(tx, ctx.workspace.id, programmeId);
    if (!programme) throw new NotFoundError();
    await tx.delete(programmes).where(and(eq(programmes.workspaceId, ctx.workspace.id), eq(programmes.id, programmeId)));
    await recordAudit(tx, ctx.workspace.id, ctx.actor, {
      action: 'programme.deleted',
      entityType: 'programme',
      entityId: programmeId,
      summary: `Deleted the programme “${programme.name}” with its programmeSessions, needs and feedback`,
    });
    return programme.name;
  });
}

/** Add someone to the cohort; each person appears once, as a participant or a facilitator. */
export async function addCohortMember(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, personId: string, role: CohortRole) {
  authorize(programmePolicy.manage(access));
  const workspaceId = ctx.workspace.id;
  if (!isUuid(personId)) throw new ProgrammeRuleError('personId', 'Select a person from the list');
  return db.transaction(async (tx) => {
    const [person] = await tx
      .select({ id: people.id, fullName: people.fullName })
      .from(people)
      .where(and(eq(people.workspaceId, workspaceId), eq(people.id, personId)));
    if (!person) throw new ProgrammeRuleError('personId', 'Select a person from the list');
    const [existing] = await tx
      .select({ role: cohortMembers.role })
      .from(cohortMembers)
      .where(and(eq(cohortMembers.programmeId, programmeId), eq(cohortMembers.personId, personId)));
    if (existing) throw new ProgrammeRuleError('personId', `${person.fullName} is already in this cohort as a ${existing.role}`);
    try {
      await tx.insert(cohortMembers).values({ workspaceId, programmeId, personId, role });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ProgrammeRuleError('personId', `${person.fullName} is already in this cohort`);
      throw error;
    }
    await recordAudit(tx, workspaceId, ctx.actor, {
      action: 'cohort.member_added',
      entityType: 'programme',
      entityId: programmeId,
      summary: `Added ${person.fullName} to the cohort as a ${role}`,
    });
    return person.fullName;
  });
}

export async function removeCohortMember(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, memberId: string) {
  authorize(programmePolicy.manage(access));
  if (!isUuid(memberId)) throw new NotFoundError();
  return db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(cohortMembers)
      .where(and(eq(cohortMembers.workspaceId, ctx.workspace.id), eq(cohortMembers.programmeId, programmeId), eq(cohortMembers.id, memberId)))
      .returning({ personId: cohortMembers.personId });
    if (!removed) throw new NotFoundError();
    const [person] = await tx.select({ fullName: people.fullName }).from(people).where(eq(people.id, removed.personId));
    await recordAudit(tx, ctx.workspace.id, ctx.actor, {
      action: 'cohort.member_removed',
      entityType: 'programme',
      entityId: programmeId,
      summary: `Removed ${person?.fullName ?? 'a person'} from the cohort; their intake, feedback and actions are kept`,
    });
    return person?.fullName ?? 'They';
  });
}
