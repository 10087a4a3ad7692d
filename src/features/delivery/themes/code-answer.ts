import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../core/db/client.ts';
import { NotFoundError, RuleError } from '../../../core/http/errors.ts';
import { personIdOf, runOperation, type OperationContext } from '../../../core/operations.ts';
import { deliveryPolicy, type DeliveryAccess } from '../policy.ts';
import { deliveryThemes, themeCodings, type CodingOrigin } from '../tables.ts';
import { collapseSpace, textUnits } from './queries.ts';

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
 * chosen. Returns the names of the themes the answer now has.
 */
export function codeUnit(
  db: Db,
  ctx: OperationContext,
  access: DeliveryAccess,
  programmeId: string,
  unit: { returnId: string; sectionKey: string },
  themeIds: string[],
  options: { excerpt?: string; origin?: CodingOrigin } = {},
): Promise<string[]> {
  return runOperation(db, ctx, 'code an answer', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(deliveryPolicy.manage(access));
    const [found] = await textUnits(tx, workspaceId, programmeId, { unit });
    if (!found) throw new NotFoundError('That answer is not in this programme’s submitted returns.');
    const themes = await tx
      .select({ id: deliveryThemes.id, name: deliveryThemes.name })
      .from(deliveryThemes)
      .where(and(eq(deliveryThemes.workspaceId, workspaceId), eq(deliveryThemes.programmeId, programmeId)));
    const wanted = themes.filter((theme) => themeIds.includes(theme.id)).map((theme) => theme.id);
    const chosen = options.excerpt === undefined ? undefined : quoteFrom(found.text, options.excerpt);
    const excerpt = chosen || (chosen === undefined && found.quote) || found.text;
    const thisAnswer = and(eq(themeCodings.workspaceId, workspaceId), eq(themeCodings.returnId, unit.returnId), eq(themeCodings.sectionKey, unit.sectionKey));
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
            workspaceId,
            programmeId,
            themeId,
            returnId: unit.returnId,
            sectionKey: unit.sectionKey,
            excerpt,
            origin: options.origin ?? 'analyst',
            codedByPersonId: personIdOf(member),
          })),
        )
        .onConflictDoNothing();
    }
    const names = themes.filter((theme) => wanted.includes(theme.id)).map((theme) => theme.name);
    await audit({
      action: 'delivery.answer_coded',
      entityType: 'checkpoint_return',
      entityId: unit.returnId,
      summary: names.length
        ? `Coded an answer in ${found.site}’s return with ${names.map((name) => `“${name}”`).join(', ')}`
        : `Removed the themes from an answer in ${found.site}’s return`,
    });
    return names;
  });
}
