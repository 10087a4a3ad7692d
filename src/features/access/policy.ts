import { isAdministrator, isStaff, rolesGrantableBy, type Role } from '../../core/auth/roles.ts';
import type { Member } from '../../core/http/context.ts';

/** The roles this member may give in an invitation. */
export const invitableRoles = (member: Member): Role[] => rolesGrantableBy(member.role);

export const accessPolicy = {
  viewAccessPage: (member: Member) => isStaff(member.role),
  invite: (member: Member, role: Role) => invitableRoles(member).includes(role),
  manageInvitations: (member: Member) => isStaff(member.role),
  changeRoles: (member: Member) => isAdministrator(member.role),
};
