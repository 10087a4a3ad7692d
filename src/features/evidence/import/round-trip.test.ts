import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { seedSteps } from '../../demo/seed.ts';
import type { SeedRefs } from '../../demo/seed-context.ts';
import { itemsInOrder, recordOf, type ExportedItem } from '../export.ts';
import { importEvidenceItems, type NewEvidenceItem } from '../import-evidence.ts';
import { evidenceItems } from '../tables.ts';
import { EVIDENCE_IMPORT_JOB } from './run-import.ts';
import type { TestApp } from '../../../../test/support/app.ts';
import { startWorkspaceTest } from '../../../../test/support/workspace-test.ts';
import { Agent } from '../../../../test/support/agent.ts';
import { testBackends } from '../../../../test/support/database.ts';
import { createTestWorkspace, type TestWorkspace } from '../../../../test/support/factories.ts';

/** Items that have broken exports before: particles and suffixes, Greek and accents, encoded URLs, paragraphs, LaTeX's special characters. */
const hardItems: NewEvidenceItem[] = [
  {
    sourceType: 'systematic_review',
    citationType: 'article-journal',
    title: 'Effects of β-blockers on “randomised” trials — a review of 10–20% effects & $costs_{x} {braced} ~tilde^ \\backslash',
    translatedTitle: 'Effets des β-bloquants',
    authors: ['van de Kerkhof, Maarten', 'King, Martin Luther, Jr.', 'Ødegård, Åse', 'World Health Organization', "O'Brien, Siobhán"],
    year: 2019,
    publisher: 'Cochrane Database of Systematic Reviews',
    volume: '12',
    issue: '3',
    pages: 'CD012345-CD012399',
    doi: '10.1002/14651858.cd012345.pub2',
    pmid: '31234567',
    identifiers: { issn: '1469-493X', pmcid: 'PMC6543210' },
    url: 'https://www.scopus.com/inward/record.uri?eid=2-s2.0-1&doi=10.1002%2f14651858&partnerID=40#section_2',
    links: ['https://doi.org/10.1002/14651858.cd012345.pub2', 'https://example.org/full%20text.pdf'],
    abstract: "Background: one paragraph -- with two hyphens.\n\nMethods: a second paragraph with `` quotes '' and 50% of α.\nA line of its own.",
    keywords: ['Child, Preschool', 'Randomized Controlled Trials as Topic', 'β-blockers'],
    summary: 'Plain summary with {braces} and a \\ backslash.',
    policyImplications: 'Fund it; watch costs.',
    population: 'Children under five',
    geography: 'England',
    strength: 'moderate',
    studyDesign: 'Systematic review of 14 trials',
    sample: '2,310 children',
    riskOfBias: 'Low to some concerns',
    strengthRationale: 'Consistent effects, some imprecision',
    topics: ['Early language', 'Round-trip topic'],
  },
  {
    sourceType: 'practitioner_insight',
    citationType: 'report',
    title: 'Running a recruitment hub: notes from three councils',
    authors: ['Harrow, Elaine'],
    year: 2024,
    publisher: 'Local Government Association',
    identifiers: { accession: 'WOS:000123456700001' },
    url: 'https://www.local.gov.uk/publications/recruitment_hubs',
    summary: 'What three hubs learned.',
    sitesCount: 3,
    evaluated: false,
  },
  {
    sourceType: 'lived_experience',
    citationType: 'book',
    title: 'In our words: foster families on the first year',
    authors: ['Foster Carers’ Forum'],
    year: 2021,
    publisher: 'Coram',
    identifiers: { isbn: '978-1-234-56789-7' },
    voicesCount: 42,
    gatheringMethod: 'Listening circles in four places',
  },
  {
    sourceType: 'policy_document',
    citationType: 'legislation',
    title: 'Children and Families Act 2014',
    authors: [],
    year: 2014,
    publisher: 'The Stationery Office',
    url: 'https://www.legislation.gov.uk/ukpga/2014/6/contents',
  },
  { sourceType: 'data_statistics', citationType: 'dataset', title: 'Children looked after in England, year ending March 2024', year: 2024 },
  {
    sourceType: 'guidance',
    citationType: 'chapter',
    title: 'Chapter 4: Supervision',
    authors: ['Smith, A.'],
    publisher: 'Handbook of fostering practice',
    pages: '55-80',
  },
];

/** Everything an item carries that an export should keep: the reference, Bridgework's own fields and the topics. */
function comparable(item: ExportedItem) {
  const { record: _record, line: _line, ...fields } = recordOf(item, 0);
  return fields;
}

for (const backend of testBackends()) {
  describe(`exporting the library and importing it back (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let admin: Agent;
    let library: ExportedItem[];

    async function allItems(workspaceId: string) {
      const rows = await t.db.select({ id: evidenceItems.id }).from(evidenceItems).where(eq(evidenceItems.workspaceId, workspaceId));
      return itemsInOrder(
        t.db,
        workspaceId,
        rows.map((row) => row.id),
      );
    }

    async function importInto(agent: Agent, base: string, filename: string, data: string) {
      await agent.get(`${base}/evidence/import`);
      const uploaded = await agent.upload(`${base}/evidence/import`, { filename, data });
      assert.equal(uploaded.statusCode, 302, uploaded.body.slice(0, 2000));
      return String(uploaded.headers.location);
    }

    before(async () => {
      ({ t, ws, admin } = await startWorkspaceTest(backend));
      // The example workspace's library (with the topics and people it refers to), and the items that have gone wrong before.
      await t.db.transaction(async (tx) => {
        const refs: SeedRefs = new Map();
        const ctx = { workspaceId: ws.id, adminPersonId: ws.admin.personId, adminAccountId: ws.admin.accountId };
        for (const step of seedSteps.filter((step) => ['topics', 'organisations', 'people', 'evidence'].includes(step.name))) await step.run(tx, ctx, refs);
      });
      await importEvidenceItems(t.db, ws.id, { accountId: null, name: 'Test' }, hardItems);
      library = await allItems(ws.id);
      assert.ok(library.length > 300, `the example library and the hard items (${library.length})`);
    });
    after(() => t.close());

    for (const format of ['bibtex', 'ris', 'csl-json'] as const) {
      it(`keeps every field of every item through ${format}, and finds every record a duplicate in the same library`, async () => {
        const exported = await admin.get(`${ws.base}/evidence/export?format=${format}`);
        assert.equal(exported.statusCode, 200);
        assert.doesNotMatch(exported.body, /%25/, 'no address is encoded twice');

        const fresh = await createTestWorkspace(t.db);
        const other = new Agent(t.app);
        await other.signIn(fresh.admin.email, fresh.admin.password);
        const url = await importInto(other, fresh.base, `library.${format}`, exported.body);
        const preview = await other.get(url);
        assert.match(preview.body, new RegExp(`>${library.length.toLocaleString('en-GB')} new<`));
        assert.match(preview.body, />0 cannot be imported</);
        await other.get(url);
        await other.post(`${url}/confirm`);
        await t.app.deps.jobs.workWaiting(EVIDENCE_IMPORT_JOB);

        const imported = new Map((await allItems(fresh.id)).map((item) => [`${item.title}|${item.year}`, item]));
        assert.equal(imported.size, library.length);
        for (const item of library) {
          const copy = imported.get(`${item.title}|${item.year}`);
          assert.ok(copy, `“${item.title}” was imported`);
          assert.deepEqual(comparable(copy), comparable(item), `“${item.title.slice(0, 60)}” through ${format}`);
        }

        const again = await admin.get(await importInto(admin, ws.base, `again.${format}`, exported.body));
        assert.match(again.body, />0 new</, 'the same library finds every record already there');
        assert.match(again.body, new RegExp(`>${library.length.toLocaleString('en-GB')} already in the library or repeated<`));
      });
    }
  });
}
