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

/** Introductions, those waiting for their follow-up first, then the newest. */
export function introductionsList(db: Executor, workspaceId: string, limit = 100): Promise<IntroductionRow[]> {
  return rows<IntroductionRow>(
    db,
    sql`select i.id, i.note, i.created_at as "createdAt", i.follow_up_on::text as "followUpOn", i.outcome, i.outcome_note as "outcomeNote",
          b.full_name as "introducedBy",
          (select array_agg(p.full_name order by p.full_name) from introduction_people ip join people p on p.workspace_id = ip.workspace_id and p.id = ip.person_id
            where ip.workspace_id = i.workspace_id and ip.introduction_id = i.id) as people,
          (i.outcome is null and i.follow_up_on <= (now() at time zone 'Europe/London')::date) as due
        from introductions i left join people b on b.workspace_id = i.workspace_id and b.id = i.introduced_by_person_id
        where i.workspace_id = ${workspaceId}
        order by (i.outcome is null and i.follow_up_on <= (now() at time zone 'Europe/London')::date) desc, i.created_at desc
        limit ${limit}`,
  );
}

/** People who can be introduced (they have an e-mail address), for the form. */
export function introducibleOptions(db: Executor, workspaceId: string) {
  return rows<{ value: string; text: string }>(
    db,
    sql`select p.id as value, p.full_name || coalesce(', ' || o.name, '') as text from people p
        left join organisations o on o.workspace_id = p.workspace_id and o.id = p.organisation_id
        where p.workspace_id = ${workspaceId} and p.email is not null order by p.full_name`,
  );
}

/** Everyone in the workspace, for choosing the other person of a tie. */
export function personOptions(db: Executor, workspaceId: string) {
  return rows<{ value: string; text: string }>(
    db,
    sql`select p.id as value, p.full_name || coalesce(', ' || o.name, '') as text from people p
        left join organisations o on o.workspace_id = p.workspace_id and o.id = p.organisation_id
        where p.workspace_id = ${workspaceId} order by p.full_name`,
  );
}
