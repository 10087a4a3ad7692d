import { bigint, customType, index, integer, pgTable, primaryKey, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { updatedAt, rowId } from '../../core/db/columns.ts';
import { workspaces, inWorkspace } from '../../core/db/tables.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * One row per searchable thing (an evidence item, later a lesson, a post ...),
 * with the text search matches and shows snippets from.
 */
export const searchDocuments = pgTable(
  'search_documents',
  {
    id: rowId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** Which feature owns it: "evidence", "lesson" ... */
    kind: text('kind').notNull(),
    sourceId: uuid('source_id').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** Weighted term count, the document length BM25 normalises by. */
    length: real('length').notNull(),
    /** For quoted phrases, exclusions and snippets (read on the rows a query already has, never searched). */
    tsv: tsvector('tsv').notNull(),
    /**
     * The order documents were indexed in: the last tie-break of the ranking,
     * for documents whose score, title and text are all the same. Unlike the
     * id, it is the same when the same library is loaded into two databases.
     */
    seq: bigint('seq', { mode: 'number' }).generatedByDefaultAsIdentity(),
    updatedAt: updatedAt(),
  },
  // No index on tsv: phrases and exclusions are checked only on the shortlist of best-scoring rows, and a
  // GIN index would cost more to keep up on every import than everything else indexing does.
  (t) => [
    uniqueIndex('search_documents_source_key').on(t.workspaceId, t.kind, t.sourceId),
    primaryKey({ name: 'search_documents_pkey', columns: [t.id, t.workspaceId] }),
  ],
);

/**
 * The inverted index. `impact` is the posting's BM25 term weight, computed
 * when it is written, so a query reads each term's strongest postings first
 * from one index and scores them without touching the documents.
 */
export const searchPostings = pgTable(
  'search_postings',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    term: text('term').notNull(),
    documentId: uuid('document_id').notNull(),
    tf: real('tf').notNull(),
    impact: real('impact').notNull(),
  },
  (t) => [
    // Workspace second: a document's postings are read by (document, workspace), as relevance feedback does.
    primaryKey({ name: 'search_postings_pkey', columns: [t.documentId, t.workspaceId, t.term] }),
    index('search_postings_term_impact_idx').on(t.workspaceId, t.term, t.impact.desc(), t.documentId),
    inWorkspace(t.workspaceId, t.documentId, searchDocuments).onDelete('cascade'),
  ],
);

/** Document frequency of each term, kept up to date as documents change. */
export const searchTerms = pgTable(
  'search_terms',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    term: text('term').notNull(),
    df: integer('df').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.term] })],
);

/** Per-workspace collection size and total length, for IDF and average length. */
export const searchStats = pgTable('search_stats', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  documents: integer('documents').notNull().default(0),
  totalLength: bigint('total_length', { mode: 'number' }).notNull().default(0),
  /** The average length the stored impacts were computed with; they are recomputed when it drifts. */
  impactAverageLength: real('impact_average_length').notNull().default(0),
});
