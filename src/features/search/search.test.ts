import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, sql } from 'drizzle-orm';
import { rows } from '../../core/db/client.ts';
import { createTestDatabase, testBackends, type TestDatabase } from '../../../test/support/database.ts';
import { createTestWorkspace, type TestWorkspace } from '../../../test/support/factories.ts';
import { indexDocuments, removeDocuments } from './index-documents.ts';
import { parseQuery } from './query.ts';
import { searchRanked } from './search.ts';
import { searchStats, searchTerms } from './tables.ts';

describe('search query parsing', () => {
  it('splits free text, quoted phrases and exclusions', () => {
    assert.deepEqual(parseQuery('what helps parents "talk with babies" -screen -"screen time"'), {
      text: 'what helps parents talk with babies',
      phrases: ['talk with babies'],
      phrasesRequired: false,
      excluded: ['screen', 'screen time'],
    });
    assert.equal(parseQuery('"talk with babies"').phrasesRequired, true, 'nothing but a phrase is an exact look-up');
    assert.equal(parseQuery('"talk with babies" -screen').phrasesRequired, true);
  });

  it('treats operators, punctuation and hyphens inside words as text', () => {
    assert.equal(parseQuery('a & b | !c :* (d)').text, 'a & b | !c :* (d)');
    assert.deepEqual(parseQuery('-').excluded, []);
    assert.equal(parseQuery('well-being').text, 'well-being');
    assert.equal(parseQuery('"unclosed phrase').text, 'unclosed phrase');
  });

  it('caps very long queries', () => {
    assert.ok(parseQuery('word '.repeat(5000)).text.length <= 1000);
  });
});

const corpus = [
  { key: 'talk', title: 'Talking with babies', body: 'Parents who talk with their babies every day support early language development and vocabulary.' },
  { key: 'books', title: 'Book sharing at home', body: 'Sharing picture books at home improves early language. Parents read with toddlers.' },
  { key: 'screens', title: 'Screen time and language', body: 'More screen time is linked to less talk between parents and babies and slower language.' },
  { key: 'foster', title: 'Recruiting foster carers', body: 'Regional hubs share marketing to recruit foster carers and approve them faster.' },
  { key: 'retention', title: 'Keeping foster carers', body: 'Support groups and respite help foster carers stay; retention matters as much as recruitment.' },
];

for (const backend of testBackends()) {
  describe(`search ranking and index (${backend})`, () => {
    let database: TestDatabase;
    let ws: TestWorkspace;
    const ids = new Map<string, string>();
    const keyOf = (sourceId: string) => [...ids].find(([, id]) => id === sourceId)?.[0];

    before(async () => {
      database = await createTestDatabase(backend);
      ws = await createTestWorkspace(database.db);
      const { randomUUID } = await import('node:crypto');
      for (const doc of corpus) ids.set(doc.key, randomUUID());
      await database.db.transaction((tx) =>
        indexDocuments(
          tx,
          ws.id,
          corpus.map((doc) => ({ kind: 'evidence', sourceId: ids.get(doc.key)!, title: doc.title, body: doc.body })),
        ),
      );
    });
    after(() => database.close());

    const search = async (query: string, feedback = true) => (await searchRanked(database.db, ws.id, query, { feedback })).map((hit) => keyOf(hit.sourceId));

    it('ranks by relevance for a whole natural-language question', async () => {
      const results = await search('what helps parents talk with babies?');
      assert.equal(results[0], 'talk');
      assert.ok(!results.slice(0, 3).includes('foster'));
      assert.equal((await search('foster carer recruitment', false))[0], 'foster');
    });

    it('requires a quoted phrase typed on its own and drops excluded words', async () => {
      const phrase = await search('"picture books"');
      assert.deepEqual(phrase, ['books']);
      const excluded = await search('language babies -screen');
      assert.ok(!excluded.includes('screens'));
      assert.ok(excluded.includes('talk'));
    });

    it('ranks phrase matches first inside a longer question, and never lets quotation marks empty the results', async () => {
      // No document has this phrase: a filter would return nothing; the question's words still find the documents.
      const unmatched = await search('how do "foster hubs" recruit carers');
      assert.ok(unmatched.includes('foster'), 'the question still finds documents');
      // "talk between parents" is only in the screen-time study; it comes first although others share the words.
      const phrased = await search('what do we know about "talk between parents" and babies language');
      assert.equal(phrased[0], 'screens');
      // A single quoted word is a word: it counts, and filters nothing.
      const single = await search('what is the "marketing" behind recruiting carers');
      assert.ok(single.includes('retention') && single.includes('foster'));
    });

    it('indexes text holding characters PostgreSQL cannot store, and quotation marks and backslashes', async () => {
      const other = await createTestWorkspace(database.db);
      const { randomUUID } = await import('node:crypto');
      const sourceId = randomUUID();
      await database.db.transaction((tx) =>
        indexDocuments(tx, other.id, [
          {
            kind: 'evidence',
            sourceId,
            title: 'Null\u0000 "bytes" \\ here',
            body: "Pasted from a PDF\u0000 with {braces} and 'quotes'.",
            keywords: 'Ó Briain',
          },
        ]),
      );
      assert.deepEqual(
        (await searchRanked(database.db, other.id, 'pasted braces briain')).map((hit) => hit.sourceId),
        [sourceId],
      );
    });

    it('reads a misspelt word as the closest indexed word', async () => {
      assert.equal((await search('fostr carers recrutment', false))[0], 'foster');
      assert.deepEqual(await searchRanked(database.db, ws.id, 'fostr', { typos: false }), [], 'off when asked');
    });

    it('breaks ties by title, never by id, so two loads of a library rank alike', async () => {
      const other = await createTestWorkspace(database.db);
      const { randomUUID } = await import('node:crypto');
      const twins = ['Zebra crossings', 'Alpha crossings', 'Middle crossings'].map((title) => ({
        kind: 'evidence',
        sourceId: randomUUID(),
        title,
        body: 'Safer school crossings.',
      }));
      await database.db.transaction((tx) => indexDocuments(tx, other.id, twins));
      const hits = await searchRanked(database.db, other.id, 'school');
      assert.equal(new Set(hits.map((hit) => hit.score)).size, 1, 'the three score the same');
      const titleOf = new Map<string, string>(twins.map((twin) => [twin.sourceId, twin.title]));
      assert.deepEqual(
        hits.map((hit) => titleOf.get(hit.sourceId)),
        ['Alpha crossings', 'Middle crossings', 'Zebra crossings'],
      );
    });

    it('uses feedback only when the best documents have text enough to learn from', async () => {
      const other = await createTestWorkspace(database.db);
      const { randomUUID } = await import('node:crypto');
      // Title-only records: feedback would let their few words decide the expansion, so the default leaves it out.
      const titles = ['Foster care recruitment', 'Recruitment of social workers', 'Foster carers and respite', 'Kinship care', 'Respite care for families'];
      await database.db.transaction((tx) =>
        indexDocuments(
          tx,
          other.id,
          titles.map((title) => ({ kind: 'evidence', sourceId: randomUUID(), title, body: '' })),
        ),
      );
      const plain = await searchRanked(database.db, other.id, 'foster recruitment', { feedback: false });
      const byDefault = await searchRanked(database.db, other.id, 'foster recruitment');
      const always = await searchRanked(database.db, other.id, 'foster recruitment', { feedback: true });
      // Scores relative to the best: the same shape as plain BM25 unless feedback took part.
      const shape = (hits: Array<{ sourceId: string; score: number }>) => hits.map((hit) => [hit.sourceId, (hit.score / hits[0].score).toFixed(6)]);
      assert.deepEqual(shape(byDefault), shape(plain));
      assert.notDeepEqual(shape(always), shape(plain), 'feedback, when forced, changes the scores');
    });

    it('answers hostile and empty queries without failing', async () => {
      for (const query of ['', '   ', '&&& ||| !!!', "'; DROP TABLE search_postings; --", ':* <-> (a & !b)', '"', '-"x"', 'x'.repeat(10_000), '\u0000\u0001']) {
        const results = await searchRanked(database.db, ws.id, query);
        assert.ok(Array.isArray(results), query.slice(0, 20));
      }
      assert.equal((await rows<{ n: string }>(database.db, sql`SELECT count(*) AS n FROM search_postings`))[0].n !== '0', true);
    });

    it('keeps document frequencies and collection statistics exact through edits and removals', async () => {
      const docFrequency = async (term: string) =>
        (
          await database.db
            .select({ df: searchTerms.df })
            .from(searchTerms)
            .where(and(eq(searchTerms.workspaceId, ws.id), eq(searchTerms.term, term)))
        )[0]?.df ?? 0;
      assert.equal(await docFrequency('foster'), 2);
      await database.db.transaction((tx) =>
        indexDocuments(tx, ws.id, [
          { kind: 'evidence', sourceId: ids.get('retention')!, title: 'Keeping kinship carers', body: 'Respite helps kinship carers stay.' },
        ]),
      );
      assert.equal(await docFrequency('foster'), 1);
      assert.equal(await docFrequency('kinship'), 1);
      assert.equal((await search('kinship respite'))[0], 'retention', 'the edit is visible at once');
      await database.db.transaction((tx) => removeDocuments(tx, ws.id, 'evidence', [ids.get('retention')!]));
      assert.equal(await docFrequency('kinship'), 0);
      const [stats] = await database.db.select().from(searchStats).where(eq(searchStats.workspaceId, ws.id));
      assert.equal(stats.documents, corpus.length - 1);
      const [{ total }] = await rows<{ total: number }>(
        database.db,
        sql`SELECT coalesce(sum(length), 0)::float8 AS total FROM search_documents WHERE workspace_id = ${ws.id}`,
      );
      assert.equal(stats.totalLength, Math.round(total));
      assert.deepEqual(await search('kinship respite'), []);
    });

    it('never returns another workspace’s documents', async () => {
      const other = await createTestWorkspace(database.db);
      const { randomUUID } = await import('node:crypto');
      await database.db.transaction((tx) =>
        indexDocuments(tx, other.id, [
          { kind: 'evidence', sourceId: randomUUID(), title: 'Talking with babies (other)', body: 'talk babies parents language' },
        ]),
      );
      const results = await searchRanked(database.db, ws.id, 'talking with babies');
      assert.ok(results.every((hit) => [...ids.values()].includes(hit.sourceId)));
    });
  });
}
