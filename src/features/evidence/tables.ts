import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea, createdAt, updatedAt, rowId } from '../../core/db/columns.ts';
import { workspaces, inWorkspace } from '../../core/db/tables.ts';
import { people } from '../people/tables.ts';
import { topics } from '../topics/tables.ts';

export const sourceTypes = [
  'research_study',
  'systematic_review',
  'evaluation_report',
  'policy_document',
  'data_statistics',
  'practitioner_insight',
  'lived_experience',
  'guidance',
] as const;
export type SourceType = (typeof sourceTypes)[number];

/** A four-level strength-of-evidence rating for research, strongest first. */
export const strengthRatings = ['strong', 'moderate', 'limited', 'very_limited'] as const;
export type StrengthRating = (typeof strengthRatings)[number];

export const evidenceItems = pgTable(
  'evidence_items',
  {
    id: rowId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    sourceType: text('source_type', { enum: sourceTypes }).notNull(),
    title: text('title').notNull(),
    /** The title reduced for duplicate detection (see title-key.ts). */
    titleKey: text('title_key').notNull().default(''),
    /** "Family, Given" strings, in citation order. */
    authors: jsonb('authors')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    year: integer('year'),
    /** Journal, publisher or issuing body. */
    publisher: text('publisher').notNull().default(''),
    /** The kind of publication as citation tools name it (CSL: "article-journal", "chapter", "report"…), kept so exports say the same. */
    citationType: text('citation_type').notNull().default(''),
    translatedTitle: text('translated_title').notNull().default(''),
    volume: text('volume').notNull().default(''),
    issue: text('issue').notNull().default(''),
    pages: text('pages').notNull().default(''),
    doi: text('doi'),
    /** PubMed's identifier, for duplicate checks and links. */
    pmid: text('pmid'),
    /** Other identifiers: isbn, issn, pmcid, accession (a database's own number). */
    identifiers: jsonb('identifiers')
      .$type<Record<string, string>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    url: text('url').notNull().default(''),
    /** Further web addresses the reference file gave. */
    links: jsonb('links')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    abstract: text('abstract').notNull().default(''),
    keywords: jsonb('keywords')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    summary: text('summary').notNull().default(''),
    policyImplications: text('policy_implications').notNull().default(''),
    population: text('population').notNull().default(''),
    geography: text('geography').notNull().default(''),
    // Appraisal of research on its own terms.
    strength: text('strength', { enum: strengthRatings }),
    studyDesign: text('study_design').notNull().default(''),
    sample: text('sample').notNull().default(''),
    riskOfBias: text('risk_of_bias').notNull().default(''),
    strengthRationale: text('strength_rationale').notNull().default(''),
    // Appraisal of practice insight.
    sitesCount: integer('sites_count'),
    evaluated: boolean('evaluated'),
    // Appraisal of lived experience.
    voicesCount: integer('voices_count'),
    gatheringMethod: text('gathering_method').notNull().default(''),
    addedByPersonId: uuid('added_by_person_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('evidence_items_workspace_doi_idx').on(t.workspaceId, t.doi),
    index('evidence_items_workspace_pmid_idx').on(t.workspaceId, t.pmid),
    index('evidence_items_workspace_title_key_idx').on(t.workspaceId, t.titleKey),
    index('evidence_items_workspace_year_idx').on(t.workspaceId, t.year),
    index('evidence_items_workspace_type_idx').on(t.workspaceId, t.sourceType),
    primaryKey({ name: 'evidence_items_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.addedByPersonId, people).onDelete('set null'),
  ],
);

export const evidenceTopics = pgTable(
  'evidence_topics',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    evidenceId: uuid('evidence_id').notNull(),
    topicId: uuid('topic_id').notNull(),
  },
  (t) => [
    primaryKey({ name: 'evidence_topics_pkey', columns: [t.evidenceId, t.topicId, t.workspaceId] }),
    index('evidence_topics_topic_idx').on(t.workspaceId, t.topicId),
    inWorkspace(t.workspaceId, t.evidenceId, evidenceItems).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.topicId, topics).onDelete('cascade'),
  ],
);

export const importStatuses = ['previewed', 'importing', 'completed', 'failed'] as const;

/** An item as an import will create it: what the file said, checked. Optional fields are absent in older previews. */
export interface ImportedItem {
  sourceType: SourceType;
  title: string;
  authors: string[];
  year: number | null;
  publisher: string;
  doi: string | null;
  url: string;
  abstract: string;
  population: string;
  geography: string;
  citationType?: string;
  translatedTitle?: string;
  volume?: string;
  issue?: string;
  pages?: string;
  pmid?: string | null;
  identifiers?: Record<string, string>;
  links?: string[];
  keywords?: string[];
  summary?: string;
  policyImplications?: string;
  strength?: StrengthRating | null;
  studyDesign?: string;
  sample?: string;
  riskOfBias?: string;
  strengthRationale?: string;
  sitesCount?: number | null;
  evaluated?: boolean | null;
  voicesCount?: number | null;
  gatheringMethod?: string;
  /** Topic names; those the workspace lacks are created with the items. */
  topics?: string[];
}

/** A library item a record matches, shown beside it so the person importing can compare the two. */
export interface MatchedItem {
  id: string;
  title: string;
  year: number | null;
  authors: string[];
  publisher: string;
  doi: string | null;
  abstract: boolean;
}

/** What the person importing chose for a duplicate or a possible duplicate. */
export const importDecisions = ['import', 'skip', 'merge'] as const;
export type ImportDecision = (typeof importDecisions)[number];

/**
 * One row of an import preview: what will happen to a record, and why. A
 * duplicate (the same DOI or PubMed ID, or the same title, year and first
 * author) is skipped unless merged; a possible duplicate (a near-identical
 * title) waits for the person importing to decide.
 */
export interface ImportPreviewRow {
  row: number;
  /** The line of the file where the record starts (absent in older previews). */
  line?: number;
  status: 'new' | 'duplicate' | 'possible' | 'invalid';
  title: string;
  authors: string[];
  year: number | null;
  messages: string[];
  duplicateOf?: { kind: 'library'; id: string; title: string } | { kind: 'file'; row: number };
  /** The library item it matches, for duplicates and possible duplicates of the library. */
  match?: MatchedItem;
  decision?: ImportDecision;
  item?: ImportedItem;
}

/** An uploaded reference file, kept from preview to import so the import is exactly what was previewed. */
export const evidenceImports = pgTable(
  'evidence_imports',
  {
    id: rowId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    createdByPersonId: uuid('created_by_person_id'),
    filename: text('filename').notNull(),
    format: text('format').notNull(),
    encodingNote: text('encoding_note').notNull().default(''),
    status: text('status', { enum: importStatuses }).notNull().default('previewed'),
    /** Items written so far while importing (on PostgreSQL, where another server may be doing it), then items created. */
    createdCount: integer('created_count').notNull().default(0),
    /** The random key of the progress address, which answers without a session. */
    progressToken: text('progress_token'),
    error: text('error').notNull().default(''),
    createdAt: createdAt(),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('evidence_imports_workspace_idx').on(t.workspaceId, t.createdAt),
    primaryKey({ name: 'evidence_imports_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.createdByPersonId, people).onDelete('set null'),
  ],
);

/**
 * An import's records, one row each in file order, so a 20,000-record preview
 * is counted, paged and decided on in the database and the import job reads
 * it a page at a time.
 */
export const evidenceImportRows = pgTable(
  'evidence_import_rows',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    importId: uuid('import_id').notNull(),
    /** 0-based position in the file. */
    position: integer('position').notNull(),
    status: text('status', { enum: ['new', 'duplicate', 'possible', 'invalid'] }).notNull(),
    row: jsonb('row').$type<ImportPreviewRow>().notNull(),
  },
  (t) => [
    primaryKey({ name: 'evidence_import_rows_pkey', columns: [t.importId, t.position, t.workspaceId] }),
    index('evidence_import_rows_status_idx').on(t.workspaceId, t.importId, t.status, t.position),
    inWorkspace(t.workspaceId, t.importId, evidenceImports).onDelete('cascade'),
  ],
);

export const attachmentKinds = ['file', 'link'] as const;
export type AttachmentKind = (typeof attachmentKinds)[number];

/** A file (PDF or Word) or a link attached to an evidence item; files' text is extracted for search. */
export const evidenceAttachments = pgTable(
  'evidence_attachments',
  {
    id: uuid('id').notNull().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    evidenceId: uuid('evidence_id').notNull(),
    kind: text('kind', { enum: attachmentKinds }).notNull(),
    label: text('label').notNull(),
    filename: text('filename').notNull().default(''),
    mimetype: text('mimetype').notNull().default(''),
    sizeBytes: integer('size_bytes').notNull().default(0),
    url: text('url').notNull().default(''),
    /** The file's text, as extracted, for search; capped so one huge report cannot dominate. */
    extractedText: text('extracted_text').notNull().default(''),
    /** What happened when the text was read: pages read, or why nothing could be. */
    extractionNote: text('extraction_note').notNull().default(''),
    addedByPersonId: uuid('added_by_person_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('evidence_attachments_evidence_idx').on(t.workspaceId, t.evidenceId),
    primaryKey({ name: 'evidence_attachments_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.evidenceId, evidenceItems).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.addedByPersonId, people).onDelete('set null'),
  ],
);

/** The files themselves, apart from their descriptions so listing attachments never reads the bytes. */
export const evidenceAttachmentFiles = pgTable(
  'evidence_attachment_files',
  {
    attachmentId: uuid('attachment_id').notNull(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    data: bytea('data').notNull(),
  },
  (t) => [
    primaryKey({ name: 'evidence_attachment_files_pkey', columns: [t.attachmentId, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.attachmentId, evidenceAttachments).onDelete('cascade'),
  ],
);
