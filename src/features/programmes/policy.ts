import { isAdministrator, isStaff, canContribute } from '../../core/auth/roles.ts';
import type { Member } from '../../core/http/context.ts';
import type { CohortRole } from './tables.ts';

/** Who is asking about one programme: their workspace role and their place in its cohort, if any. */
export interface ProgrammeAccess {
  member: Member;
  cohortRole: CohortRole | null;
}

/**
 * Workspace staff run every programme; a cohort's own facilitators run theirs.
 * Participants see only the programmes they belong to, and take part in them.
 */
export const programmePolicy = {
  seeAll: (member: Member) => isStaff(member.role),
  create: (member: Member) => isStaff(member.role),
  view: (access: ProgrammeAccess) => isStaff(access.member.role) || access.cohortRole !== null,
  manage: (access: ProgrammeAccess) => isStaff(access.member.role) || access.cohortRole === 'facilitator',
  participate: (access: ProgrammeAccess) => access.cohortRole === 'participant' && canContribute(access.member.role),
  delete: (access: ProgrammeAccess) => isAdministrator(access.member.role),
  /** A participant's challenge and action log are theirs; the people running the programme may read every one. */
  readChallenge: (access: ProgrammeAccess, personId: string) =>
    isStaff(access.member.role) || access.cohortRole === 'facilitator' || (programmePolicy.participate(access) && access.member.personId === personId),
};
