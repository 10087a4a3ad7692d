import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../core/db/client.ts';
import { londonParts } from '../../../core/dates.ts';
import { RuleError } from '../../../core/http/errors.ts';
import { personIdOf, runOperation, type OperationContext } from '../../../core/operations.ts';
import type { Programme } from '../../programmes/queries.ts';
import { deliveryPolicy, type DeliveryAccess } from '../policy.ts';
import type { Round } from '../rounds/queries.ts';
import type { Site } from '../sites/queries.ts';
import { checkpointReturns, returnVersions, type ReturnContent, type ReturnSource } from '../tables.ts';
import { findReturn, personName, type CheckpointReturn } from './queries.ts';

/** Someone else saved the return since this editor loaded it: the page shows theirs and keeps what this person typed. */
export class ReturnConflictError extends RuleError {
  constructor(
    readonly current: CheckpointReturn,
    readonly savedBy: string,
  ) {
    super(
      'return-form',
      `${savedBy} saved this return at ${londonParts(current.updatedAt).time} on ${londonParts(current.updatedAt).date} while you were editing it.`,
      409,
    );
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
}

const sourceSaid: Partial<Record<ReturnSource, string>> = { excel: ' from Excel', command_line: ' from the command line', api: ' through the API' };

/**
 * Save a draft or submit. The update only lands if the return is still at the
 * revision the editor loaded, so two people editing the same draft never
 * silently overwrite each other. The people running the programme may still
 * save a submitted return (to correct it); a site must ask for it back.
 */
export function saveReturn(db: Db, ctx: OperationContext, access: DeliveryAccess, input: SaveReturnInput): Promise<CheckpointReturn> {
  const { round, site, programme } = input;
  return runOperation(
    db,
    ctx,
    input.submit ? 'submit a return' : 'save a draft return',
    async ({ tx, workspaceId, member, authorize, audit, publish }) => {
      authorize(deliveryPolicy.submitFor(access, site), `Only ${site.name}’s leads and the programme team can change its return.`);
      if (round.status !== 'open') {
        throw new RuleError(
          'return-form',
          round.status === 'closed'
            ? `Round ${round.number} (${round.title}) is closed, so its returns can no longer be changed. Ask the programme team if it needs reopening.`
            : `Round ${round.number} (${round.title}) is not open for returns yet.`,
          409,
        );
      }
      const existing = await findReturn(tx, workspaceId, round.id, site.id);
      if (existing?.status === 'submitted' && !deliveryPolicy.manage(access)) {
        throw new RuleError(
          'return-form',
          `The return for ${site.name} for ${round.title} has been submitted. Ask the programme team to return it to you if something needs correcting.`,
          409,
        );
      }
      const personId = personIdOf(member);
      const now = new Date();
      const values = {
        content: input.content,
        source: input.source,
        updatedByPersonId: personId,
        updatedAt: now,
        ...(input.submit ? { status: 'submitted' as const, submittedAt: now, submittedByPersonId: personId, returnedReason: '' } : {}),
      };
      const conflict = async () => {
        const raced = (await findReturn(tx, workspaceId, round.id, site.id))!;
        return new ReturnConflictError(raced, await personName(tx, workspaceId, raced.updatedByPersonId));
      };
      let saved: CheckpointReturn | undefined;
      if (!existing) {
        if (input.expectedRevision !== 0) throw new RuleError('return-form', 'This return is no longer there. Reload the page.', 409);
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
        if (!saved) throw await conflict();
      } else {
        if (existing.revision !== input.expectedRevision)
          throw new ReturnConflictError(existing, await personName(tx, workspaceId, existing.updatedByPersonId));
        [saved] = await tx
          .update(checkpointReturns)
          .set({ ...values, revision: existing.revision + 1 })
          .where(
            and(eq(checkpointReturns.workspaceId, workspaceId), eq(checkpointReturns.id, existing.id), eq(checkpointReturns.revision, input.expectedRevision)),
          )
          .returning();
        if (!saved) throw await conflict();
      }
      if (input.submit) {
        await tx.insert(returnVersions).values({
          workspaceId,
          returnId: saved.id,
          revision: saved.revision,
          status: 'submitted',
          content: saved.content,
          source: input.source,
          savedByPersonId: personId,
        });
        await audit({
          action: 'delivery.return_submitted',
          entityType: 'checkpoint_return',
          entityId: saved.id,
          summary: `Submitted ${site.name}’s return for ${round.title}${sourceSaid[input.source] ?? ''}`,
        });
        await publish({
          type: 'return.submitted',
          entityType: 'checkpoint_return',
          entityId: saved.id,
          data: {
            return: {
              id: saved.id,
              revision: saved.revision,
              submittedAt: saved.submittedAt,
              path: `/w/${ctx.workspace.slug}/programmes/${programme.id}/delivery/rounds/${round.number}/sites/${site.id}`,
            },
            site: { id: site.id, name: site.name },
            round: { id: round.id, number: round.number, title: round.title, dueOn: round.dueOn },
            programme: { id: programme.id, name: programme.name },
          },
        });
      }
      return saved;
    },
    input.submit
      ? {}
      : {
          unauditedBecause:
            'a draft saves as the lead types, every few seconds; the return itself records who saved it last and when, and its submission is audited with each submitted version kept',
        },
  );
}
