import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../core/db/client.ts';
import type { IntroductionOutcome } from './tables.ts';

export interface IntroductionRow {
  id: string;
  note: string;
  createdAt: Date;
  followUpOn: string;
  outcome: IntroductionOutcome | null;
  outcomeNote: string;
  introducedBy: string | null;
  people: string[];
  due: boolean;
}

const DUE = sql`(i.outcome is null and i.follow_up_on <= (now() at time zone 'Europe/London')::date)`;

/** Introductions, those waiting for their follow-up first, then the newest; or only those waiting. */
export function introductionsList(db: Executor, workspaceId: string, options: { limit?: number; dueOnly?: boolean } = {}): Promise<IntroductionRow[]> {
  return rows<IntroductionRow>(
    db,
    sql`select i.id, i.note, i.created_at as "createdAt", i.follow_up_on::text as "followUpOn", i.outcome, i.outcome_note as "outcomeNote",
          b.full_name as "introducedBy",
          (select array_agg(p.full_name order by p.full_name) from introduction_people ip join people p on p.workspace_id = ip.workspace_id and p.id = ip.person_id
            where ip.workspace_id = i.workspace_id and ip.introduction_id = i.id) as people,
          ${DUE} as due
        from introductions i left join people b on b.workspace_id = i.workspace_id and b.id = i.introduced_by_person_id
        where i.workspace_id = ${workspaceId} ${options.dueOnly ? sql`and ${DUE}` : sql``}
        order by ${DUE} desc, i.created_at desc
        limit ${options.limit ?? 100}`,
  );
}

/** People to choose from, by name with their organisation: everyone, or only those with an e-mail address (who can be introduced). */
export function personOptions(db: Executor, workspaceId: string, options: { withEmail?: boolean } = {}) {
  return rows<{ value: string; text: string }>(
    db,
    sql`select p.id as value, p.full_name || coalesce(', ' || o.name, '') as text from people p
        left join organisations o on o.workspace_id = p.workspace_id and o.id = p.organisation_id
        where p.workspace_id = ${workspaceId} ${options.withEmail ? sql`and p.email is not null` : sql``} order by p.full_name`,
  );
}
