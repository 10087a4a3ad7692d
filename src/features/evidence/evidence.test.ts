import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { searchDocuments } from '../search/tables.ts';
import { topics } from '../topics/tables.ts';
import { evidenceItems } from './tables.ts';
import { importEvidenceItems } from './import-evidence.ts';
import type { TestApp } from '../../../test/support/app.ts';
import { startWorkspaceTest } from '../../../test/support/workspace-test.ts';
import { Agent } from '../../../test/support/agent.ts';
import { testBackends } from '../../../test/support/database.ts';
import { addMember, createTestWorkspace, type TestWorkspace } from '../../../test/support/factories.ts';

for (const backend of testBackends()) {
  describe(`evidence library (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let admin: Agent;
    let topicId: string;

    const form = (overrides: Record<string, string | string[]> = {}) => ({
      sourceType: 'research_study',
      title: 'Talking with babies: a trial of a parent coaching programme',
      authors: 'Adeyemi, Helen\nKimura, Rachel',
      year: '2022',
      publisher: 'Child Development',
      doi: 'https://doi.org/10.1111/CDEV.13128',
      url: 'https://example.org/talking-babies',
      abstract: 'Parents who received coaching talked more with their babies; vocabulary at 24 months was higher.',
      summary: 'Coaching parents to talk with babies helps early language.',
      policyImplications: 'Family hubs could offer coaching at the 6–8 week review.',
      population: 'Children aged 0 to 2',
      geography: 'England',
      strength: 'moderate',
      studyDesign: 'Randomised controlled trial',
      sample: '412 families',
      riskOfBias: 'Some attrition',
      strengthRationale: 'One good trial; not yet replicated.',
      topicIds: [topicId],
      ...overrides,
    });

    before(async () => {
      ({ t, ws, admin } = await startWorkspaceTest(backend));
      [{ id: topicId }] = await t.db.insert(topics).values({ workspaceId: ws.id, name: 'Early language' }).returning();
    });
    after(() => t.close());

    it('adds an item with its appraisal, shows it, and finds it by a question', async () => {
      await admin.get(`${ws.base}/evidence/new`);
      const created = await admin.post(`${ws.base}/evidence`, form());
      assert.equal(created.statusCode, 302);
      const page = await admin.get(String(created.headers.location));
      assert.match(page.body, /Talking with babies/);
      assert.match(page.body, /Moderate evidence/);
      assert.match(page.body, /does not say whether the finding matters/);
      assert.match(page.body, /doi:10\.1111\/cdev\.13128/);
      const search = await admin.get(`${ws.base}/evidence?q=${encodeURIComponent('what helps parents talk with babies?')}`);
      assert.match(search.body, /1 item match/);
      assert.match(search.body, /<mark>/);
      assert.match(search.body, /Research study \(1\)/);
      // Keyboard users skip the filters: the link comes straight after the search button and lands on the results.
      assert.match(search.body, /<a class="govuk-skip-link" href="#results"[^>]*>Skip to the results<\/a>/);
      assert.match(search.body, /id="results" tabindex="-1"/);
    });

    it('explains every bad value and saves nothing', async () => {
      await admin.get(`${ws.base}/evidence/new`);
      const response = await admin.post(
        `${ws.base}/evidence`,
        form({ title: '', year: '20222', doi: 'not a doi', url: 'ftp://x', strength: 'strong', strengthRationale: '', sourceType: 'rumour' }),
      );
      assert.equal(response.statusCode, 400);
      for (const message of [
        'Enter the title',
        'Enter the year as 4 digits',
        'Enter a DOI like',
        'Enter a web address starting with https://',
        'Select the kind of source',
      ]) {
        assert.ok(response.body.includes(message), message);
      }
      const noRationale = await admin.post(`${ws.base}/evidence`, form({ strengthRationale: '' }));
      assert.match(noRationale.body, /Say why you gave this rating/);
      const wrongKind = await admin.post(`${ws.base}/evidence`, form({ sourceType: 'lived_experience' }));
      assert.match(wrongKind.body, /Only research, reviews and evaluations take a strength rating/);
      const count = await t.db.select().from(evidenceItems).where(eq(evidenceItems.workspaceId, ws.id));
      assert.equal(count.length, 1);
    });

    it('searches with filters, facets, phrases, exclusions and sorting', async () => {
      await importEvidenceItems(t.db, ws.id, { accountId: null, name: 'Test' }, [
        {
          sourceType: 'systematic_review',
          title: 'Book sharing and early language: a review',
          abstract: 'Sharing picture books with toddlers improves language.',
          year: 2019,
        },
        { sourceType: 'lived_experience', title: 'Parents on screen time', abstract: 'Parents describe how screens crowd out talk with babies.', year: 2024 },
        { sourceType: 'policy_document', title: 'Foster carer recruitment guidance', abstract: 'How regional hubs recruit foster carers.', year: 2023 },
      ]);
      const all = await admin.get(`${ws.base}/evidence?q=language`);
      assert.match(all.body, /2 items match/);
      const reviews = await admin.get(`${ws.base}/evidence?q=language&type=systematic_review`);
      assert.match(reviews.body, /1 item match/);
      assert.match(reviews.body, /Research study \(1\)/, 'other source types still counted');
      const phrase = await admin.get(`${ws.base}/evidence?q=${encodeURIComponent('"picture books"')}`);
      assert.match(phrase.body, /1 item match/);
      const excluded = await admin.get(`${ws.base}/evidence?q=${encodeURIComponent('babies -screens')}`);
      assert.doesNotMatch(excluded.body, /Parents on screen time/);
      const years = await admin.get(`${ws.base}/evidence?from=2023&to=2024`);
      assert.match(years.body, /2 items/);
      const byTopic = await admin.get(`${ws.base}/evidence?topic=${topicId}`);
      assert.match(byTopic.body, /1 item/);
      const newest = await admin.get(`${ws.base}/evidence?q=babies&sort=newest`);
      assert.ok(newest.body.indexOf('Parents on screen time') < newest.body.indexOf('Talking with babies'));
      const nothing = await admin.get(`${ws.base}/evidence?q=zzzzqqq`);
      assert.match(nothing.body, /Nothing in the library matches/);
    });

    it('never fails on hostile or huge queries and escapes what it echoes', async () => {
      for (const q of ['& | ! :*', "' OR 1=1 --", '""""', '-', '<script>alert(1)</script>', '((((', 'word '.repeat(2500)]) {
        const response = await admin.get(`${ws.base}/evidence?q=${encodeURIComponent(q)}&type=bogus&strength=x&topic=nope&from=abcd&page=-1`);
        assert.equal(response.statusCode, 200, q.slice(0, 30));
        assert.doesNotMatch(response.body, /<script>alert/);
      }
      const huge = await admin.get(`${ws.base}/evidence?q=${'x'.repeat(10_000)}`);
      assert.match(huge.body, /cut to its first 1,000 characters/);
    });

    it('refuses a NUL in any filter as bad input, on every list that searches', async () => {
      for (const path of [
        '/evidence?q=a%00b',
        '/evidence?population=a%00b',
        '/evidence?type=a%00b',
        '/evidence/export?format=csv&q=a%00b',
        '/people?q=a%00b',
        '/organisations?q=a%00b',
        '/admin/audit?q=a%00b',
      ]) {
        const response = await admin.get(`${ws.base}${path}`);
        assert.equal(response.statusCode, 400, path);
      }
    });

    it('writes a cell a spreadsheet would run as a formula with a leading apostrophe in the CSV export', async () => {
      await admin.get(`${ws.base}/evidence/new`);
      const created = await admin.post(
        `${ws.base}/evidence`,
        form({ title: '=HYPERLINK("http://attacker.example","Click")', publisher: '@SUM(1+1)', doi: '', url: '' }),
      );
      assert.equal(created.statusCode, 302, created.body.slice(0, 300));
      const csv = await admin.get(`${ws.base}/evidence/export?format=csv&q=HYPERLINK`);
      assert.equal(csv.statusCode, 200);
      assert.match(csv.body, /'=HYPERLINK/);
      assert.match(csv.body, /'@SUM\(1\+1\)/);
      assert.doesNotMatch(csv.body, /(^|,)"?=HYPERLINK/m);
    });

    it('lets experts add and edit their own items, members only read', async () => {
      const expert = await addMember(t.db, ws.id, 'expert');
      const expertAgent = new Agent(t.app);
      await expertAgent.signIn(expert.email, expert.password);
      await expertAgent.get(`${ws.base}/evidence/new`);
      const created = await expertAgent.post(
        `${ws.base}/evidence`,
        form({
          title: 'Practice note on stay and play',
          sourceType: 'practitioner_insight',
          strength: '',
          strengthRationale: '',
          sitesCount: '6',
          evaluated: 'no',
        }),
      );
      assert.equal(created.statusCode, 302);
      const id = String(created.headers.location).split('/').pop()!;
      assert.equal((await expertAgent.get(`${ws.base}/evidence/${id}/edit`)).statusCode, 200);
      const [other] = await t.db.select().from(evidenceItems).where(eq(evidenceItems.title, 'Foster carer recruitment guidance'));
      assert.equal((await expertAgent.get(`${ws.base}/evidence/${other.id}/edit`)).statusCode, 403);
      const member = await addMember(t.db, ws.id, 'member');
      const memberAgent = new Agent(t.app);
      await memberAgent.signIn(member.email, member.password);
      assert.equal((await memberAgent.get(`${ws.base}/evidence`)).statusCode, 200);
      assert.equal((await memberAgent.get(`${ws.base}/evidence/new`)).statusCode, 403);
      assert.equal((await memberAgent.post(`${ws.base}/evidence/${id}/delete`)).statusCode, 403);
    });

    it('keeps each workspace’s library to itself', async () => {
      const other = await createTestWorkspace(t.db);
      const [foreignId] = await importEvidenceItems(t.db, other.id, { accountId: null, name: 'Other' }, [
        { sourceType: 'guidance', title: 'Secret guidance on babies', abstract: 'babies talk language' },
      ]);
      assert.equal((await admin.get(`${ws.base}/evidence/${foreignId}`)).statusCode, 404);
      assert.equal((await admin.post(`${ws.base}/evidence/${foreignId}/edit`, form())).statusCode, 404);
      assert.equal((await admin.post(`${ws.base}/evidence/${foreignId}/delete`)).statusCode, 404);
      const search = await admin.get(`${ws.base}/evidence?q=secret+guidance+babies`);
      assert.doesNotMatch(search.body, /Secret guidance/);
    });

    it('edits re-index at once and deleting removes the item from search', async () => {
      const [item] = await t.db.select().from(evidenceItems).where(eq(evidenceItems.title, 'Foster carer recruitment guidance'));
      await admin.get(`${ws.base}/evidence/${item.id}/edit`);
      const saved = await admin.post(
        `${ws.base}/evidence/${item.id}/edit`,
        form({ title: 'Kinship care guidance', sourceType: 'guidance', strength: '', strengthRationale: '', abstract: 'Support for kinship carers.' }),
      );
      assert.equal(saved.statusCode, 302);
      assert.match((await admin.get(`${ws.base}/evidence?q=kinship`)).body, /Kinship care guidance/);
      await admin.get(`${ws.base}/evidence/${item.id}`);
      assert.equal((await admin.post(`${ws.base}/evidence/${item.id}/delete`)).statusCode, 302);
      assert.match((await admin.get(`${ws.base}/evidence?q=kinship`)).body, /Nothing in the library matches/);
      assert.equal((await t.db.select().from(searchDocuments).where(eq(searchDocuments.sourceId, item.id))).length, 0);
    });
  });
}
