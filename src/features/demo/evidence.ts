import type { Executor } from '../../core/db/client.ts';
import { evidenceItems, evidenceTopics } from '../evidence/tables.ts';
import { evidenceDocument } from '../evidence/search-text.ts';
import { indexDocuments } from '../search/index-documents.ts';
import { titleKey } from '../evidence/title-key.ts';
import type { SeedContext, SeedRefs } from './seed-context.ts';
import { handWrittenMore } from './evidence-data-more.ts';
import { handWrittenFirst } from './evidence-data.ts';
import { generatedEvidence } from './evidence-generated.ts';

const handWritten = [...handWrittenFirst, ...handWrittenMore];

/** How many composed items join the hand-written ones, so the library holds a few hundred. */
const GENERATED_ITEMS = 280;

export async function seedEvidence(tx: Executor, ctx: SeedContext, refs: SeedRefs): Promise<void> {
  // The hand-written items come first: later seed steps refer to them as evidence:0, evidence:1 ...
  const library = [...handWritten, ...generatedEvidence(GENERATED_ITEMS)];
  const inserted = await tx
    .insert(evidenceItems)
    .values(
      library.map((item) => ({
        workspaceId: ctx.workspaceId,
        sourceType: item.type,
        title: item.title,
        titleKey: titleKey(item.title),
        authors: item.authors,
        year: item.year,
        publisher: item.publisher,
        summary: item.summary,
        policyImplications: item.policy,
        population: item.population,
        geography: item.geography,
        strength: item.strength ?? null,
        studyDesign: item.design ?? '',
        sample: item.sample ?? '',
        riskOfBias: item.bias ?? '',
        strengthRationale: item.rationale ?? '',
        sitesCount: item.sites ?? null,
        evaluated: item.evaluated ?? null,
        voicesCount: item.voices ?? null,
        gatheringMethod: item.method ?? '',
        addedByPersonId: (item.addedBy && refs.get(item.addedBy)) || ctx.adminPersonId,
      })),
    )
    .returning();
  const tags = inserted.flatMap((row, i) =>
    library[i].topics
      .map((name) => refs.get(`topic:${name}`))
      .filter((id): id is string => Boolean(id))
      .map((topicId) => ({ workspaceId: ctx.workspaceId, evidenceId: row.id, topicId })),
  );
  if (tags.length) await tx.insert(evidenceTopics).values(tags);
  await indexDocuments(tx, ctx.workspaceId, inserted.map(evidenceDocument));
  inserted.forEach((row, i) => refs.set(`evidence:${i}`, row.id));
}
