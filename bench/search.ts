/**
 * `npm run bench:search -- --beir <dir> [--beir <dir> ...]`   ranking quality on BEIR-layout collections
 * `npm run bench:search -- --scale 100000`   speed on a large generated library
 *
 * Loads documents into a fresh database through the evidence import (the same
 * code the import pages use), runs every query through the real search
 * function and prints nDCG@10, MAP@100, Recall@100 and latency, beside SQLite
 * FTS5's bm25() built from the same documents in the same run. PGlite always;
 * PostgreSQL too when TEST_DATABASE_URL is set (a fresh database, dropped
 * after). Several collections in one run end with one table: the default
 * search's nDCG@10 beside FTS5's and their ratio, and how many queries rank
 * differently on the two databases.
 */
import { recordFigures } from './figures.ts';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sqlite from 'node-sqlite3-wasm';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../src/core/db/client.ts';
import { createTestDatabase, postgresTestUrl } from '../test/support/database.ts';
import { createWorkspace } from '../src/features/workspaces/create-workspace.ts';
import { importEvidenceItems, type NewEvidenceItem } from '../src/features/evidence/import-evidence.ts';
import { evidenceItems } from '../src/features/evidence/tables.ts';
import { searchRanked } from '../src/features/search/search.ts';
import { rows } from '../src/core/db/client.ts';

const { values } = parseArgs({
  options: { beir: { type: 'string', multiple: true }, scale: { type: 'string' }, queries: { type: 'string', default: '200' }, backend: { type: 'string' } },
});

interface Doc {
  id: string;
  title: string;
  text: string;
  authors: string[];
}

function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

function loadBeir(dir: string) {
  const corpus = readJsonl<{ _id: string; title?: string; text?: string; metadata?: { authors?: unknown } }>(path.join(dir, 'corpus.jsonl')).map(
    (row): Doc => ({
      id: String(row._id),
      title: (row.title ?? '').trim() || (row.text ?? '').slice(0, 80),
      text: row.text ?? '',
      authors: Array.isArray(row.metadata?.authors)
        ? (row.metadata.authors as unknown[]).map(String)
        : typeof row.metadata?.authors === 'string'
          ? [row.metadata.authors]
          : [],
    }),
  );
  const qrels = new Map<string, Map<string, number>>();
  const lines = readFileSync(path.join(dir, 'qrels/test.tsv'), 'utf8').split('\n').slice(1);
  for (const line of lines) {
    const [queryId, docId, score] = line.trim().split('\t');
    if (!queryId || !docId) continue;
    const rel = Number(score);
    if (!(rel > 0)) continue;
    const map = qrels.get(queryId) ?? new Map<string, number>();
    map.set(docId, rel);
    qrels.set(queryId, map);
  }
  const queries = readJsonl<{ _id: string; text: string }>(path.join(dir, 'queries.jsonl'))
    .map((q) => ({ id: String(q._id), text: q.text }))
    .filter((q) => qrels.has(q.id));
  return { corpus, queries, qrels };
}

// Metrics as trec_eval computes them: linear graded gains, log2 discount.
function ndcgAt(ranked: string[], rel: Map<string, number>, k: number): number {
  const dcg = ranked.slice(0, k).reduce((sum, id, i) => sum + (rel.get(id) ?? 0) / Math.log2(i + 2), 0);
  const ideal = [...rel.values()]
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, g, i) => sum + g / Math.log2(i + 2), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}
function apAt(ranked: string[], rel: Map<string, number>, k: number): number {
  let hits = 0;
  let sum = 0;
  ranked.slice(0, k).forEach((id, i) => {
    if (rel.has(id)) {
      hits++;
      sum += hits / (i + 1);
    }
  });
  return rel.size === 0 ? 0 : sum / rel.size;
}
function recallAt(ranked: string[], rel: Map<string, number>, k: number): number {
  return rel.size === 0 ? 0 : ranked.slice(0, k).filter((id) => rel.has(id)).length / rel.size;
}
function percentile(list: number[], p: number): number {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / Math.max(list.length, 1);

function report(name: string, runs: Array<{ ranked: string[]; rel: Map<string, number>; ms: number }>) {
  const f = (n: number) => n.toFixed(4);
  console.log(
    `${name.padEnd(30)} nDCG@10 ${f(mean(runs.map((r) => ndcgAt(r.ranked, r.rel, 10))))}  MAP@100 ${f(mean(runs.map((r) => apAt(r.ranked, r.rel, 100))))}  Recall@100 ${f(mean(runs.map((r) => recallAt(r.ranked, r.rel, 100))))}  p50 ${percentile(
      runs.map((r) => r.ms),
      50,
    ).toFixed(1)} ms  p95 ${percentile(
      runs.map((r) => r.ms),
      95,
    ).toFixed(1)} ms`,
  );
}

/** The reference engine: SQLite FTS5 with bm25() (k1=1.2, b=0.75) over title and text, Porter stemming. */
function fts5Runs(corpus: Doc[], queries: Array<{ id: string; text: string }>, qrels: Map<string, Map<string, number>>) {
  const db = new sqlite.Database();
  db.run(`CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, tokenize = 'porter unicode61')`);
  db.run('BEGIN');
  for (const doc of corpus) db.run('INSERT INTO docs (id, title, body) VALUES (?, ?, ?)', [doc.id, doc.title, doc.text]);
  db.run('COMMIT');
  const runs = queries.map((q) => {
    const terms = [...new Set(q.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].map((t) => `"${t}"`);
    const started = performance.now();
    const result = terms.length
      ? (db.all(`SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 100`, [terms.join(' OR ')]) as Array<{ id: string }>)
      : [];
    return { ranked: result.map((r) => String(r.id)), rel: qrels.get(q.id)!, ms: performance.now() - started };
  });
  db.close();
  return runs;
}

interface Backend {
  name: string;
  database: Database;
  cleanup(): Promise<void>;
}

/** `onDisk`: PGlite in a data folder, as the app runs it; in memory the whole database would count as the process's memory. */
async function backends(onDisk = false): Promise<Backend[]> {
  const list: Backend[] = [];
  if (values.backend !== 'postgres') {
    if (onDisk) {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'bridgework-bench-'));
      const database = await openDatabase({ dataDir });
      await database.migrate();
      list.push({
        name: 'PGlite',
        database,
        cleanup: async () => {
          await database.close();
          rmSync(dataDir, { recursive: true, force: true });
        },
      });
    } else {
      const database = await createTestDatabase('pglite');
      list.push({ name: 'PGlite', database, cleanup: () => database.close() });
    }
  }
  if (postgresTestUrl() && values.backend !== 'pglite') {
    // A database of its own on the server, dropped afterwards.
    const database = await createTestDatabase('postgres');
    list.push({ name: 'PostgreSQL', database, cleanup: () => database.close() });
  }
  return list;
}

async function newWorkspace(database: Database) {
  return database.db.transaction((tx) =>
    createWorkspace(tx, { name: 'Search benchmark', admin: { name: 'Bench', email: 'bench@example.org', passwordHash: 'x' } }),
  );
}

function asEvidence(doc: Doc): NewEvidenceItem {
  return { sourceType: 'research_study', title: doc.title, abstract: doc.text, authors: doc.authors };
}

interface CollectionSummary {
  name: string;
  fts5: number;
  ours: Map<string, number>;
  differingTop100: number;
  differingTop10: number;
  queries: number;
}

const VARIANTS = [
  { name: 'BM25', feedback: false },
  { name: 'BM25+RM3 always', feedback: true },
  { name: 'default (RM3 when it helps)', feedback: 'auto' },
] as const;

async function qualityBench(dir: string): Promise<CollectionSummary> {
  const { corpus, queries, qrels } = loadBeir(dir);
  const name = path.basename(path.resolve(dir));
  console.log(`\n${name}: ${corpus.length} documents, ${queries.length} judged queries`);
  const fts5 = fts5Runs(corpus, queries, qrels);
  report('SQLite FTS5 bm25()', fts5);
  const summary: CollectionSummary = {
    name,
    fts5: mean(fts5.map((r) => ndcgAt(r.ranked, r.rel, 10))),
    ours: new Map(),
    differingTop100: 0,
    differingTop10: 0,
    queries: queries.length,
  };
  const defaultRankings: string[][][] = [];
  for (const backend of await backends()) {
    try {
      const created = await newWorkspace(backend.database);
      const started = performance.now();
      const ids = await importEvidenceItems(backend.database.db, created.workspace.id, { accountId: null, name: 'Benchmark' }, corpus.map(asEvidence));
      const loadSeconds = (performance.now() - started) / 1000;
      const corpusIdOf = new Map(ids.map((id, i) => [id, corpus[i].id]));
      for (const variant of VARIANTS) {
        const runs = [];
        for (const q of queries) {
          const t0 = performance.now();
          const hits = await searchRanked(backend.database.db, created.workspace.id, q.text, { kinds: ['evidence'], limit: 100, feedback: variant.feedback });
          runs.push({ ranked: hits.map((h) => corpusIdOf.get(h.sourceId)!), rel: qrels.get(q.id)!, ms: performance.now() - t0 });
        }
        report(`${variant.name} on ${backend.name}`, runs);
        if (variant.feedback === 'auto') {
          summary.ours.set(backend.name, mean(runs.map((r) => ndcgAt(r.ranked, r.rel, 10))));
          defaultRankings.push(runs.map((r) => r.ranked));
        }
      }
      console.log(`${''.padEnd(30)} (import and indexing took ${loadSeconds.toFixed(1)} s)`);
    } finally {
      await backend.cleanup();
    }
  }
  if (defaultRankings.length === 2) {
    const [a, b] = defaultRankings;
    summary.differingTop100 = a.filter((ranked, i) => ranked.join() !== b[i].join()).length;
    summary.differingTop10 = a.filter((ranked, i) => ranked.slice(0, 10).join() !== b[i].slice(0, 10).join()).length;
  }
  return summary;
}

function printSummary(summaries: CollectionSummary[]) {
  const backendsSeen = [...new Set(summaries.flatMap((s) => [...s.ours.keys()]))];
  console.log('\nnDCG@10 of the search a user gets by default, beside SQLite FTS5 (ratio above 1: ahead)');
  console.log(
    ['collection'.padEnd(24), 'FTS5'.padStart(7), ...backendsSeen.map((b) => b.padStart(11)), 'ratio'.padStart(7), '  same ranking on both databases'].join(
      ' ',
    ),
  );
  for (const s of summaries) {
    const ours = backendsSeen.map((b) => s.ours.get(b) ?? 0);
    const ratio = Math.min(...ours) / s.fts5;
    const same =
      backendsSeen.length === 2
        ? `${s.queries - s.differingTop100} of ${s.queries} (top 10: ${s.queries - s.differingTop10} of ${s.queries})`
        : 'needs TEST_DATABASE_URL';
    console.log(
      [s.name.padEnd(24), s.fts5.toFixed(4).padStart(7), ...ours.map((n) => n.toFixed(4).padStart(11)), ratio.toFixed(3).padStart(7), ` ${same}`].join(' '),
    );
    recordFigures(`search quality (${s.name})`, [
      ...backendsSeen.map((b) => ({ figure: `nDCG@10 of the default search on ${b}`, value: s.ours.get(b) ?? 0, unit: '', atLeast: s.fts5 })),
      ...(backendsSeen.length === 2
        ? [{ figure: 'queries ranked differently on the two databases (top 100)', value: s.differingTop100, unit: '', atMost: 0 }]
        : []),
    ]);
  }
}

async function scaleBench(size: number, queryCount: number) {
  const source = loadBeir(path.resolve(process.env.BENCH_CORPUS ?? path.join(import.meta.dirname, '../../shared/datasets/cisi')));
  // Deterministic pseudo-random text drawn from the corpus's own sentences.
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const sentences = source.corpus.flatMap((doc) => doc.text.split(/(?<=[.!?])\s+/)).filter((s) => s.length > 20);
  const titles = source.corpus.map((doc) => doc.title);
  const docs: NewEvidenceItem[] = Array.from({ length: size }, () => ({
    sourceType: 'research_study',
    title: titles[Math.floor(random() * titles.length)],
    abstract: Array.from({ length: 3 + Math.floor(random() * 5) }, () => sentences[Math.floor(random() * sentences.length)]).join(' '),
  }));
  const queries = Array.from({ length: queryCount }, (_, i) => source.queries[i % source.queries.length].text);
  for (const backend of await backends(true)) {
    try {
      const created = await newWorkspace(backend.database);
      // Peak memory of this process while indexing (PGlite's database lives in it; a PostgreSQL server's does not).
      let peakRss = process.memoryUsage().rss;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
      const started = performance.now();
      let lastReport = 0;
      await importEvidenceItems(backend.database.db, created.workspace.id, { accountId: null, name: 'Benchmark' }, docs, (done, total) => {
        if (done - lastReport >= 10_000 || done === total) {
          lastReport = done;
          process.stderr.write(`  ${backend.name}: indexed ${done}/${total}\n`);
        }
      });
      const buildSeconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      const latencies: number[] = [];
      for (const text of queries) {
        const t0 = performance.now();
        await searchRanked(backend.database.db, created.workspace.id, text, { kinds: ['evidence'], limit: 20 });
        latencies.push(performance.now() - t0);
      }
      // An edit is visible to the next search as soon as it commits.
      const t0 = performance.now();
      await importEvidenceItems(backend.database.db, created.workspace.id, { accountId: null, name: 'Benchmark' }, [
        { sourceType: 'research_study', title: 'Zyxwvut freshly added item', abstract: 'A unique marker word qwertyuiop.' },
      ]);
      const found = await searchRanked(backend.database.db, created.workspace.id, 'qwertyuiop', { limit: 5 });
      const visibleMs = performance.now() - t0;
      const [{ size: bytes }] = await rows<{ size: string }>(backend.database.db, sql`SELECT pg_database_size(current_database()) AS size`);
      const [{ n }] = await rows<{ n: string }>(backend.database.db, sql`SELECT count(*) AS n FROM ${evidenceItems}`);
      const pglite = backend.name === 'PGlite';
      recordFigures(`search at scale (${backend.name}, ${size.toLocaleString('en-GB')} items)`, [
        { figure: 'import and index', value: size / buildSeconds, unit: 'items/s', atLeast: pglite ? 300 : 1000 },
        { figure: 'peak memory of the process', value: peakRss / 2 ** 20, unit: 'MB', atMost: 1024 },
        { figure: 'query p95', value: percentile(latencies, 95), unit: 'ms', atMost: pglite ? 200 : 50 },
        { figure: 'an edit visible to search', value: found.length ? visibleMs : Infinity, unit: 'ms', atMost: 1000 },
      ]);
      console.log(
        `${backend.name.padEnd(11)} ${n} items: import and index ${buildSeconds.toFixed(1)} s (${Math.round(size / buildSeconds)} items/s, target ${backend.name === 'PGlite' ? 300 : 1000}), peak memory ${(peakRss / 2 ** 20).toFixed(0)} MB (target under 1024), ${queries.length} queries p50 ${percentile(latencies, 50).toFixed(1)} ms p95 ${percentile(latencies, 95).toFixed(1)} ms (target ${backend.name === 'PGlite' ? 200 : 50}), database ${(Number(bytes) / 1e6).toFixed(0)} MB, new item searchable after ${visibleMs.toFixed(0)} ms (${found.length ? 'found' : 'NOT FOUND'})`,
      );
    } finally {
      await backend.cleanup();
    }
  }
}

if (values.beir?.length) {
  const summaries: CollectionSummary[] = [];
  for (const dir of values.beir) summaries.push(await qualityBench(dir));
  printSummary(summaries);
} else if (values.scale) await scaleBench(Number(values.scale), Number(values.queries));
else {
  console.error('Usage: npm run bench:search -- --beir <dir> | --scale <n> [--queries 200] [--backend pglite|postgres]');
  process.exit(2);
}
