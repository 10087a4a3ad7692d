import { and, eq } from 'drizzle-orm';
import type { Db, Executor } from '../../core/db/client.ts';
import { isUniqueViolation } from '../../core/db/errors.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { personIdOf, runOperation, type OperationContext } from '../../core/operations.ts';
import { relationshipKindLabels } from '../../core/views/labels.ts';
import { findPerson } from '../people/queries.ts';
import { relationshipPolicy } from './policy.ts';
import type { TieInput } from './schemas.ts';
import { relationships, type RelationshipKind } from './tables.ts';

/** The two people of a tie in the one order it is stored in. */
export const inOrder = (x: string, y: string): [string, string] => (x < y ? [x, y] : [y, x]);

/** Every pair among these people, each once. */
export function pairsOf(ids: string[]): Array<[string, string]> {
  const unique = [...new Set(ids)];
  return unique.flatMap((x, i) => unique.slice(i + 1).map((y) => inOrder(x, y)));
}

/** Store ties (already authorised by the caller's operation); one already recorded that day is kept as it is. */
export async function storeTies(
  tx: Executor,
  workspaceId: string,
  pairs: Array<[string, string]>,
  tie: { kind: RelationshipKind; occurredOn: string; note?: string; introductionId?: string; recordedByPersonId: string | null },
): Promise<void> {
  if (!pairs.length) return;
  await tx
    .insert(relationships)
    .values(pairs.map(([a, b]) => ({ workspaceId, personAId: a, personBId: b, ...tie, note: tie.note ?? '' })))
    .onConflictDoNothing();
}

/** Record by hand that two people are tied: introduced, met, worked or presented together. */
export async function recordTie(db: Db, ctx: OperationContext, input: TieInput): Promise<string> {
  try {
    return await runOperation(db, ctx, 'record a relationship', async ({ tx, workspaceId, member, authorize, audit }) => {
      authorize(relationshipPolicy.record(member), 'Only facilitators and administrators record who knows whom.');
      if (input.personId === input.otherPersonId) throw new RuleError('otherPersonId', 'Choose someone other than the person themselves');
      const [person, other] = await Promise.all([findPerson(tx, workspaceId, input.personId), findPerson(tx, workspaceId, input.otherPersonId)]);
      if (!person) throw new NotFoundError();
      if (!other) throw new RuleError('otherPersonId', 'Choose the person they are tied to from the list');
      const [a, b] = inOrder(person.id, other.id);
      const [created] = await tx
        .insert(relationships)
        .values({
          workspaceId,
          personAId: a,
          personBId: b,
          kind: input.kind,
          occurredOn: input.occurredOn,
          note: input.note,
          recordedByPersonId: personIdOf(member),
        })
        .returning({ id: relationships.id });
      await audit({
        action: 'relationship.recorded',
        entityType: 'relationship',
        entityId: created.id,
        summary: `Recorded that ${person.fullName} and ${other.fullName}: ${relationshipKindLabels[input.kind].toLowerCase()}`,
      });
      return created.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new RuleError('kind', 'That is already recorded for these two people on that date', 409);
    throw error;
  }
}

/** Take back a tie recorded by mistake. */
export function removeTie(db: Db, ctx: OperationContext, tieId: string): Promise<void> {
  return runOperation(db, ctx, 'remove a relationship', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(relationshipPolicy.record(member), 'Only facilitators and administrators record who knows whom.');
    const [removed] = await tx
      .delete(relationships)
      .where(and(eq(relationships.workspaceId, workspaceId), eq(relationships.id, tieId)))
      .returning();
    if (!removed) throw new NotFoundError();
    await audit({
      action: 'relationship.removed',
      entityType: 'relationship',
      entityId: tieId,
      summary: `Removed a recorded relationship (${relationshipKindLabels[removed.kind].toLowerCase()}, ${removed.occurredOn})`,
    });
  });
}
