import { and, eq, sql } from 'drizzle-orm';
import { rows, type Db } from '../../../core/db/client.ts';
import { NotFoundError, RuleError } from '../../../core/http/errors.ts';
import { personIdOf, runOperation, type OperationContext } from '../../../core/operations.ts';
import { countOf } from '../../../core/views/format.ts';
import { deliveryPolicy, type DeliveryAccess } from '../policy.ts';
import { deliveryThemes, themeCandidates, themeCodings } from '../tables.ts';
import { findCandidate, findTheme, nameTaken, type Theme } from './queries.ts';

export type CandidateDecision = { action: 'accept'; name: string; description: string } | { action: 'merge'; themeId: string } | { action: 'dismiss' };

/**
 * Accept a candidate as a new theme (under the analyst's name for it), merge
 * it into an existing one, or dismiss it; its answers are coded with the
 * theme either way. Returns what was done, in a sentence.
 */
export function resolveCandidate(
  db: Db,
  ctx: OperationContext,
  access: DeliveryAccess,
  programmeId: string,
  candidateId: string,
  decision: CandidateDecision,
): Promise<string> {
  return runOperation(db, ctx, 'deal with an emerging theme', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(deliveryPolicy.manage(access));
    const candidate = await findCandidate(tx, workspaceId, programmeId, candidateId);
    if (!candidate) throw new NotFoundError();
    if (candidate.status !== 'open') throw new RuleError('candidate', 'Someone has already dealt with that candidate theme.');
    const settle = (status: 'dismissed' | 'merged' | 'accepted', themeId: string | null) =>
      tx
        .update(themeCandidates)
        .set({ status, themeId, resolvedAt: new Date() })
        .where(and(eq(themeCandidates.workspaceId, workspaceId), eq(themeCandidates.id, candidate.id)));
    if (decision.action === 'dismiss') {
      await settle('dismissed', null);
      await audit({
        action: 'delivery.candidate_resolved',
        entityType: 'programme',
        entityId: programmeId,
        summary: `Dismissed the candidate theme “${candidate.label}”`,
      });
      return `Dismissed “${candidate.label}”.`;
    }
    let theme: Theme | undefined;
    if (decision.action === 'merge') {
      theme = await findTheme(tx, workspaceId, programmeId, decision.themeId);
      if (!theme) throw new RuleError('themeId', 'Choose the theme to merge into');
    } else {
      if (await nameTaken(tx, workspaceId, programmeId, decision.name))
        throw new RuleError('name', `There is already a theme called “${decision.name}”. Merge the candidate into it instead.`);
      [theme] = await tx.insert(deliveryThemes).values({ workspaceId, programmeId, name: decision.name, description: decision.description }).returning();
    }
    const texts = new Map(
      (
        await rows<{ return_id: string; section_key: string; text: string }>(
          tx,
          sql`select r.id as return_id, kv.key as section_key, kv.value as text from checkpoint_returns r cross join lateral jsonb_each_text(r.content -> 'sections') kv
              where r.workspace_id = ${workspaceId} and r.id in (${sql.join(
                [...new Set(candidate.members.map((m) => m.returnId))].map((id) => sql`${id}::uuid`),
                sql`, `,
              )})`,
        )
      ).map((row) => [`${row.return_id}:${row.section_key}`, row.text]),
    );
    const themeId = theme.id;
    const codings = candidate.members
      .filter((m) => texts.has(`${m.returnId}:${m.sectionKey}`))
      .map((m) => ({
        workspaceId,
        programmeId,
        themeId,
        returnId: m.returnId,
        sectionKey: m.sectionKey,
        excerpt: texts.get(`${m.returnId}:${m.sectionKey}`)!,
        origin: 'emerging' as const,
        codedByPersonId: personIdOf(member),
      }));
    for (let i = 0; i < codings.length; i += 500)
      await tx
        .insert(themeCodings)
        .values(codings.slice(i, i + 500))
        .onConflictDoNothing();
    await settle(decision.action === 'merge' ? 'merged' : 'accepted', themeId);
    await audit({
      action: 'delivery.candidate_resolved',
      entityType: 'programme',
      entityId: programmeId,
      summary: decision.action === 'merge' ? `Merged the candidate “${candidate.label}” into “${theme.name}”` : `Accepted the emerging theme “${theme.name}”`,
    });
    return decision.action === 'merge'
      ? `Coded ${countOf(codings.length, 'answer')} with “${theme.name}”.`
      : `Added the theme “${theme.name}” and coded ${countOf(codings.length, 'answer')} with it.`;
  });
}
