import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../core/db/client.ts';
import type { Mailer } from '../../../core/mailer.ts';
import { RuleError } from '../../../core/http/errors.ts';
import { personIdOf, runOperation, type OperationContext } from '../../../core/operations.ts';
import { people } from '../../people/tables.ts';
import type { Programme } from '../../programmes/queries.ts';
import { deliveryPolicy, type DeliveryAccess } from '../policy.ts';
import type { Round } from '../rounds/queries.ts';
import type { Site } from '../sites/queries.ts';
import { checkpointReturns, returnVersions, siteContacts } from '../tables.ts';
import { findReturn } from './queries.ts';

/** Send a submitted return back to the site with the reason; the submitted version stays in the history, and the site's leads are e-mailed. */
export async function returnForCorrection(
  db: Db,
  deps: { mailer: Mailer; publicUrl: string },
  ctx: OperationContext,
  access: DeliveryAccess,
  target: { programme: Programme; round: Round; site: Site },
  reason: string,
): Promise<void> {
  const { programme, round, site } = target;
  const leads = await runOperation(db, ctx, 'return a return for correction', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(deliveryPolicy.manage(access));
    const existing = await findReturn(tx, workspaceId, round.id, site.id);
    if (!existing || existing.status !== 'submitted') throw new RuleError('reason', 'Only a submitted return can be returned for correction.', 409);
    const personId = personIdOf(member);
    const [saved] = await tx
      .update(checkpointReturns)
      .set({ status: 'returned', returnedReason: reason, revision: existing.revision + 1, updatedAt: new Date(), updatedByPersonId: personId })
      .where(and(eq(checkpointReturns.workspaceId, workspaceId), eq(checkpointReturns.id, existing.id)))
      .returning();
    await tx.insert(returnVersions).values({
      workspaceId,
      returnId: saved.id,
      revision: saved.revision,
      status: 'returned',
      content: saved.content,
      source: existing.source,
      note: reason,
      savedByPersonId: personId,
    });
    await audit({
      action: 'delivery.return_returned',
      entityType: 'checkpoint_return',
      entityId: saved.id,
      summary: `Returned ${site.name}’s return for ${round.title} for correction: ${reason}`,
    });
    return tx
      .select({ name: people.fullName, email: people.email })
      .from(siteContacts)
      .innerJoin(people, and(eq(people.workspaceId, siteContacts.workspaceId), eq(people.id, siteContacts.personId)))
      .where(and(eq(siteContacts.workspaceId, workspaceId), eq(siteContacts.siteId, site.id), eq(siteContacts.role, 'lead')));
  });
  // E-mail after the commit: a failed message waits in the outbox for the job queue.
  for (const lead of leads) {
    if (!lead.email) continue;
    await deps.mailer.send({
      workspaceId: ctx.workspace.id,
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
