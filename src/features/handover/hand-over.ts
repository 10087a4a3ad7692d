import { and, eq, sql } from 'drizzle-orm';
import { rows, type Db } from '../../core/db/client.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { personIdOf, runOperation, type OperationContext } from '../../core/operations.ts';
import { notify } from '../notifications/notify.ts';
import { handoverPolicy } from './policy.ts';
import { handovers } from './tables.ts';

/** Gather what a person holds into a pack, with a note in their words; the pack itself is read from the records. */
export function prepareHandover(db: Db, ctx: OperationContext, fromPersonId: string, note: string): Promise<string> {
  return runOperation(db, ctx, 'prepare a handover', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(handoverPolicy.prepare(member, fromPersonId), 'Only the person leaving and the workspace’s staff prepare a handover.');
    const [person] = await rows<{ fullName: string }>(
      tx,
      sql`select full_name as "fullName" from people where workspace_id = ${workspaceId} and id = ${fromPersonId}`,
    );
    if (!person) throw new NotFoundError();
    const [handover] = await tx
      .insert(handovers)
      .values({ workspaceId, fromPersonId, note, createdByPersonId: personIdOf(member) })
      .returning({ id: handovers.id });
    await audit({ action: 'handover.prepared', entityType: 'handover', entityId: handover.id, summary: `Prepared a handover pack for ${person.fullName}` });
    return handover.id;
  });
}

/**
 * Pass the pack to the successor, who takes over: a place in each of the
 * leaver's programmes (in the same role), each site they answered for (the
 * leaver no longer does), the support requests assigned to them, the
 * lessons and guides they owned, and the communities they moderated. The
 * successor is told, and the pack stays readable to them.
 */
export function handOver(db: Db, ctx: OperationContext, handoverId: string, toPersonId: string): Promise<{ to: string; items: number }> {
  return runOperation(db, ctx, 'hand over to a successor', async ({ tx, workspaceId, member, actor, authorize, audit }) => {
    authorize(handoverPolicy.handOver(member), 'Only the workspace’s staff pass a handover to a successor.');
    const [handover] = await tx
      .select()
      .from(handovers)
      .where(and(eq(handovers.workspaceId, workspaceId), eq(handovers.id, handoverId)));
    if (!handover) throw new NotFoundError();
    if (handover.handedOverAt) throw new RuleError('toPersonId', 'This handover has already been passed on.');
    if (toPersonId === handover.fromPersonId) throw new RuleError('toPersonId', 'Choose someone other than the person leaving');
    const [names] = await rows<{ from: string; to: string | null }>(
      tx,
      sql`select f.full_name as from, (select full_name from people where workspace_id = ${workspaceId} and id = ${toPersonId}) as to
            from people f where f.workspace_id = ${workspaceId} and f.id = ${handover.fromPersonId}`,
    );
    if (!names?.to) throw new RuleError('toPersonId', 'Choose the successor from the list');
    const from = handover.fromPersonId;
    const counted = async (statement: ReturnType<typeof sql>) =>
      (await rows<{ n: number }>(tx, sql`with changed as (${statement} returning 1) select count(*)::int as n from changed`))[0].n;
    const items = [
      await counted(sql`insert into cohort_members (workspace_id, programme_id, person_id, role)
                          select workspace_id, programme_id, ${toPersonId}, role from cohort_members where workspace_id = ${workspaceId} and person_id = ${from}
                          on conflict do nothing`),
      await counted(sql`insert into delivery_site_contacts (workspace_id, site_id, person_id, role)
                          select workspace_id, site_id, ${toPersonId}, role from delivery_site_contacts where workspace_id = ${workspaceId} and person_id = ${from}
                          on conflict (site_id, person_id, workspace_id) do update set role = excluded.role`),
      await counted(sql`update support_requests set assigned_to_person_id = ${toPersonId}, updated_at = now()
                          where workspace_id = ${workspaceId} and assigned_to_person_id = ${from} and status <> 'resolved'`),
      await counted(
        sql`update lessons set owner_person_id = ${toPersonId}, updated_at = now() where workspace_id = ${workspaceId} and owner_person_id = ${from}`,
      ),
      await counted(sql`update guides set owner_person_id = ${toPersonId} where workspace_id = ${workspaceId} and owner_person_id = ${from}`),
      await counted(sql`insert into community_members (workspace_id, community_id, person_id, role)
                          select workspace_id, community_id, ${toPersonId}, 'moderator' from community_members where workspace_id = ${workspaceId} and person_id = ${from} and role = 'moderator'
                          on conflict (community_id, person_id, workspace_id) do update set role = 'moderator'`),
    ].reduce((a, b) => a + b, 0);
    // The successor answers for the leaver's sites now; the leaver no longer does.
    await tx.execute(sql`delete from delivery_site_contacts where workspace_id = ${workspaceId} and person_id = ${from}`);
    await tx
      .update(handovers)
      .set({ toPersonId, handedOverAt: new Date() })
      .where(and(eq(handovers.workspaceId, workspaceId), eq(handovers.id, handover.id)));
    await notify(tx, workspaceId, [toPersonId], {
      kind: 'handover.received',
      subjectKey: `handover:${handover.id}`,
      title: `${actor.name} handed ${names.from}’s work to you: programmes, sites, open requests and contacts`,
      path: `/handovers/${handover.id}`,
      actorPersonId: personIdOf(member),
    });
    await audit({
      action: 'handover.completed',
      entityType: 'handover',
      entityId: handover.id,
      summary: `Handed ${names.from}’s work to ${names.to} (${items} items taken over)`,
    });
    return { to: names.to, items };
  });
}
