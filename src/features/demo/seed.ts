import type { Executor } from '../../core/db/client.ts';
import { recordAudit } from '../../core/audit.ts';
import { seedOrganisations } from './organisations.ts';
import { seedPeople } from './people.ts';
import { seedTopics } from './topics.ts';
import { seedEvidence } from './evidence.ts';
import { seedProgrammes } from './programmes.ts';
import { seedReadingLists } from './reading-lists.ts';
import { seedEvaluation } from './evaluation.ts';
import { seedDelivery } from './delivery.ts';
import { seedCommunities } from './communities.ts';
import { seedCommunityEvents } from './community-events.ts';
import { seedLessons } from './lessons.ts';
import { seedGuides } from './guides.ts';
import { seedHandover } from './handover.ts';
import { seedFinishedProgramme, seedRelationships } from './relationships.ts';
import { indexUnindexedPeople } from '../people/search-text.ts';
import { indexUnindexedProgrammes, indexUnindexedSessions } from '../programmes/search-text.ts';
import type { SeedContext, SeedRefs, SeedStep } from './seed-context.ts';

/**
 * The example workspace, built step by step. Each feature adds its own step
 * (programmes, evidence, checkpoints ...) after the ones it depends on.
 */
export const seedSteps: SeedStep[] = [
  { name: 'topics', run: seedTopics },
  { name: 'organisations', run: seedOrganisations },
  { name: 'people', run: seedPeople },
  { name: 'evidence', run: seedEvidence },
  { name: 'Mobilise programme', run: seedProgrammes },
  { name: 'reading lists', run: seedReadingLists },
  { name: 'Mobilise evaluation', run: seedEvaluation },
  { name: 'Fostering Recruitment Support Hubs', run: seedDelivery },
  { name: 'the finished Regional Adoption Agencies programme', run: seedFinishedProgramme },
  { name: 'the Regional Adoption Agencies’ lessons', run: seedLessons },
  { name: 'the guide to setting up recruitment support hubs', run: seedGuides },
  { name: 'communities', run: seedCommunities },
  { name: 'community events and webinars', run: seedCommunityEvents },
  { name: 'relationships and introductions', run: seedRelationships },
  { name: 'a hub lead’s handover pack', run: seedHandover },
  {
    // Written straight to the tables above, so put in the search index here (the expertise finder searches them).
    name: 'people, sessions and programmes in the search index',
    run: async (tx, ctx) => {
      await indexUnindexedPeople(tx, ctx.workspaceId, 100_000);
      await indexUnindexedSessions(tx, ctx.workspaceId, 100_000);
      await indexUnindexedProgrammes(tx, ctx.workspaceId, 100_000);
    },
  },
];

export async function seedExampleWorkspace(tx: Executor, ctx: SeedContext): Promise<SeedRefs> {
  const refs: SeedRefs = new Map();
  for (const step of seedSteps) await step.run(tx, ctx, refs);
  await recordAudit(
    tx,
    ctx.workspaceId,
    { accountId: ctx.adminAccountId, name: 'Bridgework' },
    {
      action: 'workspace.example_loaded',
      entityType: 'workspace',
      entityId: ctx.workspaceId,
      summary: `Loaded the example data: ${seedSteps.map((step) => step.name).join(', ')}`,
    },
  );
  return refs;
}
