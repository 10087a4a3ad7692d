import { and, eq, sql } from 'drizzle-orm';
import { rows, type Db, type Executor } from '../../core/db/client.ts';
import { recordAudit } from '../../core/audit.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { isUuid } from '../../core/db/uuid.ts';
import { emergingThemes } from '../text/emerging-themes.ts';
import { deliveryThemes, themeCandidates, themeCodings, type CandidateMember } from './tables.ts';
import { findTheme, textUnits, type Candidate, type Theme } from './theme-queries.ts';
import { nameTaken } from './save-theme.ts';
import { suggesterFor } from './theme-suggestions.ts';

/*
 * Emerging themes: clusters found in text nobody has coded, stored as candidates so an
 * analyst's accept, merge or dismiss acts on what they saw.
 */

/** The most characteristic words of a cluster, as a working name an analyst can change. */
function labelFrom(terms: string[]): string {
  // Word pairs read better than single words; drop single words a chosen pair already contains.
  const chosen: string[] = [];
  for (const term of [...terms].sort((a, b) => b.split(' ').length - a.split(' ').length)) {
    const words = term.split(' ');
    if (chosen.length < 2 && !chosen.some((c) => c.split(' ').some((word) => words.includes(word)))) chosen.push(term);
  }
  const words = chosen;
  const text = words.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Cluster the uncoded answers that the codebook does not already explain, and
 * store the clusters as candidate themes for an analyst to review. Replaces
 * the candidates still open from the last run.
 */
export async function findEmergingThemes(db: Db, ctx: WorkspaceContext, programmeId: string): Promise<number> {
  const workspaceId = ctx.workspace.id;
  const uncoded = await textUnits(db, workspaceId, programmeId, { uncodedOnly: true });
  const suggester = await suggesterFor(db, workspaceId, programmeId);
  // Answers the codebook already explains confidently are left to suggestions; what is left is new.
  const unexplained = suggester ? uncoded.filter((u) => (suggester.suggest(u.text, 1)[0]?.probability ?? 0) < 0.5) : uncoded;
  const units = unexplained.slice(0, 4000);
  const k = Math.max(2, Math.min(8, Math.round(Math.sqrt(units.length / 8))));
  const clusters =
    units.length >= 6
      ? emergingThemes(
          units.map((u) => u.text),
          k,
        )
      : [];
  // A cluster of two or three answers is an anecdote, not a theme.
  const worthShowing = clusters.filter((c) => c.members.length >= Math.max(3, units.length * 0.03));
  await db.transaction(async (tx) => {
    await tx
      .delete(themeCandidates)
      .where(and(eq(themeCandidates.workspaceId, workspaceId), eq(themeCandidates.programmeId, programmeId), eq(themeCandidates.status, 'open')));
    if (worthShowing.length) {
      await tx.insert(themeCandidates).values(
        worthShowing.map((cluster) => ({
          workspaceId,
          programmeId,
          label: labelFrom(cluster.keyTerms),
          keyTerms: cluster.keyTerms,
          members: cluster.members.map((i): CandidateMember => ({ returnId: units[i].returnId, sectionKey: units[i].sectionKey })),
          // The answers nearest the centre, without repeating the same words twice.
          quotes: [...new Set(cluster.representatives.map((i) => units[i].text))].slice(0, 3),
        })),
      );
    }
    await recordAudit(tx, workspaceId, ctx.actor, {
      action: 'delivery.emerging_themes',
      entityType: 'programme',
      entityId: programmeId,
      summary: `Looked for emerging themes in ${units.length} uncoded answers: ${worthShowing.length} candidates`,
    });
  });
  return worthShowing.length;
}

async function findCandidate(db: Executor, workspaceId: string, programmeId: string, id: string): Promise<Candidate> {
  if (!isUuid(id)) throw new NotFoundError();
  const [candidate] = await db
    .select()
    .from(themeCandidates)
    .where(and(eq(themeCandidates.workspaceId, workspaceId), eq(themeCandidates.programmeId, programmeId), eq(themeCandidates.id, id)));
  if (!candidate) throw new NotFoundError();
  if (candidate.status !== 'open') throw new RuleError('candidate', 'Someone has already dealt with that candidate theme.');
  return candidate;
}

/** Accept a candidate as a new theme (under the analyst's name for it), or merge it into an existing one; its answers are coded either way. */
export async function resolveCandidate(
  db: Db,
  ctx: WorkspaceContext,
  programmeId: string,
  candidateId: string,
  decision: { action: 'accept'; name: string; description: string } | { action: 'merge'; themeId: string } | { action: 'dismiss' },
): Promise<string> {
  const workspaceId = ctx.workspace.id;
  const candidate = await findCandidate(db, workspaceId, programmeId, candidateId);
  if (decision.action === 'dismiss') {
    await db.update(themeCandidates).set({ status: 'dismissed', resolvedAt: new Date() }).where(eq(themeCandidates.id, candidate.id));
    return `Dismissed “${candidate.label}”.`;
  }
  let theme: Theme | undefined;
  if (decision.action === 'merge') {
    theme = await findTheme(db, workspaceId, programmeId, decision.themeId);
    if (!theme) throw new RuleError('themeId', 'Choose the theme to merge into');
  } else if (await nameTaken(db, programmeId, decision.name)) {
    throw new RuleError('name', `There is already a theme called “${decision.name}”. Merge the candidate into it instead.`);
  }
  return db.transaction(async (tx) => {
    if (!theme)
      [theme] = await tx
        .insert(deliveryThemes)
        .values({ workspaceId, programmeId, name: (decision as { name: string }).name, description: (decision as { description: string }).description })
        .returning();
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
    const codings = candidate.members
      .filter((m) => texts.has(`${m.returnId}:${m.sectionKey}`))
      .map((m) => ({
        workspaceId,
        programmeId,
        themeId: theme!.id,
        returnId: m.returnId,
        sectionKey: m.sectionKey,
        excerpt: texts.get(`${m.returnId}:${m.sectionKey}`)!,
        origin: 'emerging' as const,
        codedByPersonId: ctx.member.personId,
      }));
    for (let i = 0; i < codings.length; i += 500)
      await tx
        .insert(themeCodings)
        .values(codings.slice(i, i + 500))
        .onConflictDoNothing();
    await tx
      .update(themeCandidates)
      .set({ status: decision.action === 'merge' ? 'merged' : 'accepted', themeId: theme.id, resolvedAt: new Date() })
      .where(eq(themeCandidates.id, candidate.id));
    await recordAudit(tx, workspaceId, ctx.actor, {
      action: 'delivery.candidate_resolved',
      entityType: 'programme',
      entityId: programmeId,
      summary: decision.action === 'merge' ? `Merged the candidate “${candidate.label}” into “${theme.name}”` : `Accepted the emerging theme “${theme.name}”`,
    });
    return decision.action === 'merge'
      ? `Coded ${codings.length} answers with “${theme.name}”.`
      : `Added the theme “${theme.name}” and coded ${codings.length} answers with it.`;
  });
}
