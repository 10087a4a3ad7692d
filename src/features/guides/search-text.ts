import type { Executor } from '../../core/db/client.ts';
import { indexDocuments } from '../search/index-documents.ts';
import { findGuide, versionOf } from './queries.ts';

/** Guides in the one search index: their title, purpose, and every step's title, guidance and checklist. */
export const GUIDE_KIND = 'guide';

export async function indexGuide(tx: Executor, workspaceId: string, guideId: string): Promise<void> {
  const guide = await findGuide(tx, workspaceId, guideId);
  if (!guide) return;
  const version = await versionOf(tx, workspaceId, guide.id, guide.version);
  if (!version) return;
  const steps = version.content.sections.flatMap((section) => [
    section.title,
    ...section.steps.flatMap((step) => [step.title, step.guidance, ...step.checklist]),
  ]);
  await indexDocuments(tx, workspaceId, [
    { kind: GUIDE_KIND, sourceId: guide.id, title: guide.title, body: [guide.summary, ...steps].filter(Boolean).join('\n\n') },
  ]);
}
