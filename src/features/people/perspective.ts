import type { Perspective } from './tables.ts';

/** The perspective an organisation's kind gives its people, when the person has none of their own. */
const fromOrganisation: Record<string, Perspective | null> = {
  department: 'central_government',
  local_authority: 'local_government',
  hub: 'local_government',
  region: 'local_government',
  university: 'academic',
  charity: 'practitioner',
  provider: 'practitioner',
  other: null,
};

/** A person's perspective: their own when set, else their organisation's; null when neither says. */
export function perspectiveOf(own: Perspective | null | undefined, organisationKind: string | null | undefined): Perspective | null {
  return own ?? (organisationKind ? (fromOrganisation[organisationKind] ?? null) : null);
}

/** The same rule in SQL, for queries that filter or group by it (people p, organisations o). */
export const PERSPECTIVE_SQL = `coalesce(p.perspective, case o.kind
  when 'department' then 'central_government'
  when 'local_authority' then 'local_government' when 'hub' then 'local_government' when 'region' then 'local_government'
  when 'university' then 'academic'
  when 'charity' then 'practitioner' when 'provider' then 'practitioner' end)`;
