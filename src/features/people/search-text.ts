import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../core/db/client.ts';
import { uuidArray } from '../../core/db/uuid.ts';
import { indexDocuments, missingFromIndex, removeDocuments } from '../search/index-documents.ts';

export const PERSON_KIND = 'person';

/**
 * A person in the one search index, for "who knows about X": their name, and
 * what their profile says they know (job, bio, expertise topics), with their
 * organisation and region to match but not to quote.
 */
export async function indexPeople(tx: Executor, workspaceId: string, personIds: string[]): Promise<void> {
  if (!personIds.length) return;
  const found = await rows<{ id: string; fullName: string; jobTitle: string; bio: string; region: string; organisation: string | null; topics: string | null }>(
    tx,
    sql`select p.id, p.full_name as "fullName", p.job_title as "jobTitle", p.bio, p.region, o.name as organisation,
          (select string_agg(t.name, '; ' order by t.name) from person_topics pt join topics t on t.workspace_id = pt.workspace_id and t.id = pt.topic_id
            where pt.workspace_id = p.workspace_id and pt.person_id = p.id) as topics
        from people p left join organisations o on o.workspace_id = p.workspace_id and o.id = p.organisation_id
        where p.workspace_id = ${workspaceId} and p.id = any(${uuidArray(personIds)})`,
  );
  await indexDocuments(
    tx,
    workspaceId,
    found.map((person) => ({
      kind: PERSON_KIND,
      sourceId: person.id,
      title: person.fullName,
      body: [person.jobTitle, person.topics, person.bio].filter(Boolean).join('\n'),
      keywords: [person.organisation, person.region].filter(Boolean).join('\n'),
    })),
  );
}

export function unindexPerson(tx: Executor, workspaceId: string, personId: string): Promise<void> {
  return removeDocuments(tx, workspaceId, PERSON_KIND, [personId]);
}

/** People not yet in the index, a batch at a time, for the hourly clean-up and the example. */
export async function indexUnindexedPeople(db: Executor, workspaceId: string, batch = 500): Promise<number> {
  const ids = await missingFromIndex(db, workspaceId, 'people', PERSON_KIND, batch);
  await indexPeople(db, workspaceId, ids);
  return ids.length;
}
