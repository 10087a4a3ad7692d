import { isAdministrator, isStaff } from '../../core/auth/roles.ts';
import type { Member } from '../../core/http/context.ts';
import type { Role } from './tables.ts';

/** Administrators may give any role; facilitators may bring in participants, experts and viewers. */
export function invitableRoles(member: Member): Role[] {
  if (isAdministrator(member.role)) return ['member', 'expert', 'facilitator', 'viewer', 'administrator'];
  if (isStaff(member.role)) return ['member', 'expert', 'viewer'];
  return [];
}

export const accessPolicy = {
  viewAccessPage: (member: Member) => isStaff(member.role),
  invite: (member: Member, role: Role) => invitableRoles(member).includes(role),
  manageInvitations: (member: Member) => isStaff(member.role),
  changeRoles: (member: Member) => isAdministrator(member.role),
};
