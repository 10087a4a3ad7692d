import { and, eq, sql } from 'drizzle-orm';
import { rows, type Db, type Executor } from '../../core/db/client.ts';
import { uuidArray } from '../../core/db/uuid.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { personIdOf, runOperation, type OperationContext } from '../../core/operations.ts';
import { newKey } from './content.ts';
import { guidePolicy } from './policy.ts';
import { findGuide, versionOf, type Guide } from './queries.ts';
import type { GuideInput, SectionInput, StepInput } from './schemas.ts';
import { indexGuide } from './search-text.ts';
import { guides, type GuideContent } from './tables.ts';
import { currentContent, writeVersion } from './write-version.ts';

const changedSince = (what: string) =>
  new RuleError(
    '',
    `Someone else changed ${what} since you opened it. Your text is below: compare it with the guide as it is now (its history shows their change), then save again.`,
    409,
  );

/**
 * Open the guide for a change made from a form opened at `baseVersion`. If
 * the guide has moved on, the change still applies on top of the newest
 * version unless the very part being changed was changed meanwhile: then it
 * is refused rather than silently overwriting the other person's words.
 */
async function openForChange(tx: Executor, workspaceId: string, guideId: string, baseVersion: number, part: (content: GuideContent) => unknown, what: string) {
  const guide = await findGuide(tx, workspaceId, guideId);
  if (!guide) throw new NotFoundError();
  const content = await currentContent(tx, guide);
  if (baseVersion !== guide.version) {
    const base = await versionOf(tx, workspaceId, guide.id, baseVersion);
    if (!base || JSON.stringify(part(base.content)) !== JSON.stringify(part(content))) throw changedSince(what);
  }
  return { guide, content: structuredClone(content) };
}

async function saved(
  tx: Executor,
  guide: Guide,
  content: GuideContent,
  changeNote: string,
  personId: string | null,
  audit: (entry: { action: string; entityType: string; entityId: string; summary: string }) => Promise<void>,
) {
  const number = await writeVersion(tx, guide, content, { changeNote, personId });
  await indexGuide(tx, guide.workspaceId, guide.id);
  await audit({ action: 'guide.changed', entityType: 'guide', entityId: guide.id, summary: `Saved version ${number} of “${content.title}”: ${changeNote}` });
  return number;
}

/** Change a guide's title, purpose, owner or review date. */
export function saveGuideDetails(db: Db, ctx: OperationContext, guideId: string, input: GuideInput): Promise<number> {
  return runOperation(db, ctx, 'change a guide', async ({ tx, workspaceId, member, authorize, audit }) => {
    const { guide, content } = await openForChange(tx, workspaceId, guideId, input.baseVersion, (c) => [c.title, c.summary], 'the guide’s title or purpose');
    authorize(guidePolicy.edit(member, guide), 'Only facilitators and the guide’s owner change it.');
    if (input.ownerPersonId) {
      const [owner] = await rows<{ id: string }>(tx, sql`select id from people where workspace_id = ${workspaceId} and id = ${input.ownerPersonId}`);
      if (!owner) throw new RuleError('ownerPersonId', 'Choose the owner from the list');
    }
    await tx
      .update(guides)
      .set({ ownerPersonId: input.ownerPersonId ?? guide.ownerPersonId, reviewDueOn: input.reviewDueOn })
      .where(and(eq(guides.workspaceId, workspaceId), eq(guides.id, guide.id)));
    content.title = input.title;
    content.summary = input.summary;
    return saved(tx, guide, content, input.changeNote, personIdOf(member), audit);
  });
}

/** Add a section at the end of the guide, or rename one. */
export function saveSection(db: Db, ctx: OperationContext, guideId: string, input: SectionInput, sectionKey?: string): Promise<number> {
  return runOperation(db, ctx, 'save a guide section', async ({ tx, workspaceId, member, authorize, audit }) => {
    const { guide, content } = await openForChange(
      tx,
      workspaceId,
      guideId,
      input.baseVersion,
      (c) => c.sections.find((s) => s.key === sectionKey)?.title ?? null,
      'this section',
    );
    authorize(guidePolicy.edit(member, guide), 'Only facilitators and the guide’s owner change it.');
    if (sectionKey) {
      const section = content.sections.find((s) => s.key === sectionKey);
      if (!section) throw new NotFoundError();
      section.title = input.title;
    } else content.sections.push({ key: newKey(), title: input.title, steps: [] });
    return saved(tx, guide, content, input.changeNote, personIdOf(member), audit);
  });
}

/**
 * Add a step to a section, or change one: its title, guidance, checklist and
 * the lessons and evidence it points to (which must be this workspace's).
 */
export function saveStep(db: Db, ctx: OperationContext, guideId: string, input: StepInput, stepKey?: string): Promise<{ number: number; stepKey: string }> {
  return runOperation(db, ctx, 'save a guide step', async ({ tx, workspaceId, member, authorize, audit }) => {
    const stepIn = (c: GuideContent) => c.sections.flatMap((s) => s.steps).find((s) => s.key === stepKey) ?? null;
    const { guide, content } = await openForChange(tx, workspaceId, guideId, input.baseVersion, stepIn, 'this step');
    authorize(guidePolicy.edit(member, guide), 'Only facilitators and the guide’s owner change it.');
    const section = content.sections.find((s) => s.key === input.sectionKey);
    if (!section) throw new RuleError('sectionKey', 'Choose the section from the list');
    const lessonIds = [...new Set(input.lessonIds)];
    const evidenceIds = [...new Set(input.evidenceIds)];
    const known = await rows<{ id: string }>(
      tx,
      sql`select l.id from lessons l where l.workspace_id = ${workspaceId} and l.id = any(${uuidArray(lessonIds)})
          union all select e.id from evidence_items e where e.workspace_id = ${workspaceId} and e.id = any(${uuidArray(evidenceIds)})`,
    );
    if (known.length !== lessonIds.length + evidenceIds.length) throw new RuleError('lessonIds', 'Choose lessons and evidence from the lists');
    const step = { key: stepKey ?? newKey(), title: input.title, guidance: input.guidance, checklist: input.checklist, lessonIds, evidenceIds };
    if (stepKey) {
      const from = content.sections.find((s) => s.steps.some((x) => x.key === stepKey));
      if (!from) throw new NotFoundError();
      const at = from.steps.findIndex((x) => x.key === stepKey);
      // Moving a step to another section puts it at that section's end.
      if (from === section) section.steps[at] = step;
      else {
        from.steps.splice(at, 1);
        section.steps.push(step);
      }
    } else section.steps.push(step);
    const number = await saved(tx, guide, content, input.changeNote, personIdOf(member), audit);
    return { number, stepKey: step.key };
  });
}
