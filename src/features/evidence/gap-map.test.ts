import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { TestApp } from '../../../test/support/app.ts';
import { startWorkspaceTest } from '../../../test/support/workspace-test.ts';
import type { Agent } from '../../../test/support/agent.ts';
import { testBackends } from '../../../test/support/database.ts';
import { createTestWorkspace, type TestWorkspace } from '../../../test/support/factories.ts';
import { topics } from '../topics/tables.ts';
import { importEvidenceItems } from './import-evidence.ts';
import { evidenceItems, evidenceTopics } from './tables.ts';

for (const backend of testBackends()) {
  describe(`evidence gap map (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let admin: Agent;

    before(async () => {
      ({ t, ws, admin } = await startWorkspaceTest(backend));
      const [a, b] = await t.db
        .insert(topics)
        .values([
          { workspaceId: ws.id, name: 'Early language' },
          { workspaceId: ws.id, name: 'Kinship care' },
        ])
        .returning();
      const ids = await importEvidenceItems(t.db, ws.id, { accountId: null, name: 'Seed' }, [
        { sourceType: 'systematic_review', title: 'Book sharing review', year: 2020, population: 'Children aged 0 to 5' },
        { sourceType: 'research_study', title: 'Talk at home cohort', year: 2022, population: 'Children aged 0 to 5' },
        { sourceType: 'lived_experience', title: 'Parents on speech delay', year: 2023 },
        { sourceType: 'guidance', title: 'Kinship statutory guidance', year: 2024 },
      ]);
      await t.db.update(evidenceItems).set({ strength: 'strong' }).where(eq(evidenceItems.id, ids[0]));
      await t.db.update(evidenceItems).set({ strength: 'moderate' }).where(eq(evidenceItems.id, ids[1]));
      await t.db.insert(evidenceTopics).values([
        { workspaceId: ws.id, evidenceId: ids[0], topicId: a.id },
        { workspaceId: ws.id, evidenceId: ids[1], topicId: a.id },
        { workspaceId: ws.id, evidenceId: ids[2], topicId: a.id },
        { workspaceId: ws.id, evidenceId: ids[3], topicId: b.id },
      ]);
      // Another workspace's evidence never counts.
      const other = await createTestWorkspace(t.db);
      await importEvidenceItems(t.db, other.id, { accountId: null, name: 'Seed' }, [{ sourceType: 'systematic_review', title: 'Elsewhere', year: 2020 }]);
    });
    after(() => t.close());

    it('draws topic by source type with counts, strengths and visible gaps', async () => {
      const page = await admin.get(`${ws.base}/evidence/gap-map?rows=topic&columns=source_type`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /2 × 8 cells; <strong>12 gaps<\/strong>/);
      assert.match(page.body, /aria-label="Early language, Systematic review: 1 item, 1 strong evidence"/);
      assert.match(page.body, /aria-label="Early language, Research study: 1 item, 1 moderate evidence"/);
      const link = /href="([^"]+)" class="bw-gap-cell" aria-label="Early language, Lived experience/.exec(page.body)![1].replace(/&amp;/g, '&');
      const cell = await admin.get(link);
      assert.match(cell.body, /Parents on speech delay/);
      assert.doesNotMatch(cell.body, /Book sharing review/);
    });

    it('maps any two facets, and falls back for unknown or repeated ones', async () => {
      const years = await admin.get(`${ws.base}/evidence/gap-map?rows=year&columns=strength`);
      assert.match(years.body, /2020–2024/);
      assert.match(years.body, /Not rated/);
      const population = await admin.get(`${ws.base}/evidence/gap-map?rows=population&columns=topic`);
      assert.match(population.body, /Children aged 0 to 5/);
      const odd = await admin.get(`${ws.base}/evidence/gap-map?rows=%3Cscript%3E&columns=topic`);
      assert.equal(odd.statusCode, 200);
      assert.doesNotMatch(odd.body, /<script>/);
      const same = await admin.get(`${ws.base}/evidence/gap-map?rows=topic&columns=topic`);
      assert.match(same.body, /Systematic review/, 'a facet against itself becomes topic by source type');
    });

    it('exports the grid as CSV and as an SVG image', async () => {
      const csv = await admin.get(`${ws.base}/evidence/gap-map?rows=topic&columns=strength&format=csv`);
      assert.match(String(csv.headers['content-type']), /text\/csv/);
      assert.match(csv.body, /^\uFEFFTopic,Strength of evidence,Items,Strong,Moderate,Limited,Very limited,Not rated/);
      assert.match(csv.body, /Early language,Strong,1,1,0,0,0,0/);
      assert.match(csv.body, /Kinship care,Strong,0,0,0,0,0,0/);
      const svg = await admin.get(`${ws.base}/evidence/gap-map?rows=topic&columns=source_type&format=svg`);
      assert.match(String(svg.headers['content-type']), /image\/svg\+xml/);
      assert.match(svg.body, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      assert.match(svg.body, />gap</);
      assert.match(svg.body, /<\/svg>$/);
    });
  });
}
