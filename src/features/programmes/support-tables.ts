import { index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, rowId, timestampColumn, updatedAt } from '../../core/db/columns.ts';
import { inWorkspace, workspaceIdColumn } from '../../core/db/tables.ts';
import { people } from '../people/tables.ts';
import { programmes } from './tables.ts';

const workspaceId = workspaceIdColumn;

export const supportRequestKinds = ['question', 'document_review', 'introduction'] as const;
export type SupportRequestKind = (typeof supportRequestKinds)[number];
export const supportRequestStatuses = ['open', 'in_progress', 'resolved'] as const;
export type SupportRequestStatus = (typeof supportRequestStatuses)[number];

/** Consultancy support: a participant asks for help and a facilitator sees it through. */
export const supportRequests = pgTable(
  'support_requests',
  {
    id: rowId(),
    workspaceId: workspaceId(),
    programmeId: uuid('programme_id').notNull(),
    requestedByPersonId: uuid('requested_by_person_id').notNull(),
    kind: text('kind', { enum: supportRequestKinds }).notNull(),
    subject: text('subject').notNull(),
    detail: text('detail').notNull().default(''),
    status: text('status', { enum: supportRequestStatuses }).notNull().default('open'),
    assignedToPersonId: uuid('assigned_to_person_id'),
    response: text('response').notNull().default(''),
    firstResponseAt: timestampColumn('first_response_at'),
    resolvedAt: timestampColumn('resolved_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('support_requests_programme_idx').on(t.workspaceId, t.programmeId, t.status),
    primaryKey({ name: 'support_requests_pkey', columns: [t.id, t.workspaceId] }),
    inWorkspace(t.workspaceId, t.programmeId, programmes).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.requestedByPersonId, people).onDelete('cascade'),
    inWorkspace(t.workspaceId, t.assignedToPersonId, people).onDelete('set null'),
  ],
);
