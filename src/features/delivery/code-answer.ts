import { and, eq, inArray } from 'drizzle-orm';
import { type Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { isUuid } from '../../core/db/uuid.ts';
import { deliveryThemes, themeCodings, type CodingOrigin } from './tables.ts';
import { collapseSpace, textUnits } from './theme-queries.ts';

/*
 * An analyst's codes on one answer, with the words of it they quote.
 */

/**
 * The passage of `answer` an analyst quoted, or an error in words they can act
 * on. Text selected on the page comes with its line breaks folded into spaces,
 * so the match ignores differences in whitespace and letter case; what is kept
 * is the passage as it reads in the answer.
 */
export function quoteFrom(answer: string, quote: string): string {
  const wanted = collapseSpace(quote);
  if (!wanted) return '';
  const shown = collapseSpace(answer);
  const at = shown.toLowerCase().indexOf(wanted.toLowerCase());
  if (at < 0)
    throw new RuleError(
      'excerpt',
      'The quote must be words from the answer, as they appear there. Select or copy them from the answer, or leave the box empty to quote the whole answer.',
    );
  return shown.slice(at, at + wanted.length);
}

/**
 * Set the themes on one answer: codes not in the list go, new ones are added.
 * All of an answer's themes quote the same passage. `excerpt` (from the coding
 * form) sets it, and an empty one means the whole answer. Without it (a
 * suggestion accepted with one click), new themes keep the passage already
 * chosen.
 */
export async function codeUnit(
  db: Db,
  ctx: WorkspaceContext,
  programmeId: string,
  unit: { returnId: string; sectionKey: string },
  themeIds: string[],
  options: { excerpt?: string; origin?: CodingOrigin } = {},
): Promise<void> {
  if (!isUuid(unit.returnId) || !/^[a-z]\d{1,6}$/.test(unit.sectionKey)) throw new NotFoundError();
  const [found] = await textUnits(db, ctx.workspace.id, programmeId, { unit });
  if (!found) throw new NotFoundError('That answer is not in this programme’s submitted returns.');
  const valid = (
    await db
      .select({ id: deliveryThemes.id })
      .from(deliveryThemes)
      .where(and(eq(deliveryThemes.workspaceId, ctx.workspace.id), eq(deliveryThemes.programmeId, programmeId)))
  ).map((t) => t.id);
  const wanted = [...new Set(themeIds)].filter((id) => valid.includes(id));
  const chosen = options.excerpt === undefined ? undefined : quoteFrom(found.text, options.excerpt);
  const excerpt = chosen || (chosen === undefined && found.quote) || found.text;
  await db.transaction(async (tx) => {
    const thisAnswer = and(
      eq(themeCodings.workspaceId, ctx.workspace.id),
      eq(themeCodings.returnId, unit.returnId),
      eq(themeCodings.sectionKey, unit.sectionKey),
    );
    const current = await tx.select({ themeId: themeCodings.themeId }).from(themeCodings).where(thisAnswer);
    const remove = current.map((c) => c.themeId).filter((id) => !wanted.includes(id));
    if (remove.length) await tx.delete(themeCodings).where(and(thisAnswer, inArray(themeCodings.themeId, remove)));
    if (chosen !== undefined) await tx.update(themeCodings).set({ excerpt }).where(thisAnswer);
    const add = wanted.filter((id) => !current.some((c) => c.themeId === id));
    if (add.length) {
      await tx
        .insert(themeCodings)
        .values(
          add.map((themeId) => ({
            workspaceId: ctx.workspace.id,
            programmeId,
            themeId,
            returnId: unit.returnId,
            sectionKey: unit.sectionKey,
            excerpt,
            origin: options.origin ?? 'analyst',
            codedByPersonId: ctx.member.personId,
          })),
        )
        .onConflictDoNothing();
    }
  });
}
