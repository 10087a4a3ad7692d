import { and, eq, sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../core/db/client.ts';
import { ThemeSuggester, type Suggestion } from '../../text/theme-suggester.ts';
import { themeCodings } from '../tables.ts';

/*
 * Suggested codes, learned from what was coded before; retrained when the codes change.
 */

/** Suggesters trained per programme, kept until the codes change. */
const suggesters = new Map<string, { signature: string; suggester: ThemeSuggester | null }>();

/** A model of the programme's coding so far, retrained only when codes have been added or removed since. */
export async function suggesterFor(db: Executor, workspaceId: string, programmeId: string): Promise<ThemeSuggester | null> {
  const [state] = await db
    .select({
      n: sql<number>`count(*)::int`,
      latest: sql<string>`coalesce(max(${themeCodings.createdAt})::text, '')`,
      themes: sql<number>`count(distinct ${themeCodings.themeId})::int`,
    })
    .from(themeCodings)
    .where(and(eq(themeCodings.workspaceId, workspaceId), eq(themeCodings.programmeId, programmeId)));
  const signature = `${state.n}:${state.latest}`;
  const cached = suggesters.get(programmeId);
  if (cached?.signature === signature) return cached.suggester;
  let suggester: ThemeSuggester | null = null;
  // Suggestions need a few examples of at least two themes to mean anything.
  if (state.n >= 10 && state.themes >= 2) {
    const coded = await rows<{ text: string; theme_id: string }>(
      db,
      sql`select kv.value as text, c.theme_id from delivery_theme_codings c
          join checkpoint_returns r on r.workspace_id = c.workspace_id and r.id = c.return_id
          cross join lateral jsonb_each_text(r.content -> 'sections') kv
          where c.workspace_id = ${workspaceId} and c.programme_id = ${programmeId} and kv.key = c.section_key`,
    );
    suggester = new ThemeSuggester().train(
      coded.map((c) => c.text),
      coded.map((c) => c.theme_id),
      { epochs: 8 },
    );
  }
  suggesters.set(programmeId, { signature, suggester });
  return suggester;
}

export async function suggestionsFor(db: Executor, workspaceId: string, programmeId: string, texts: string[]): Promise<Suggestion[][]> {
  const suggester = await suggesterFor(db, workspaceId, programmeId);
  // Only suggestions with real support are offered: a weak guess costs the analyst more than it saves.
  return texts.map((text) => (suggester ? suggester.suggest(text, 3).filter((s) => s.probability >= 0.2) : []));
}
