import { isAdministrator, isStaff } from '../../core/auth/roles.ts';
import type { Member } from '../../core/http/context.ts';

export const organisationPolicy = {
  view: (_member: Member) => true,
  create: (member: Member) => isStaff(member.role),
  edit: (member: Member) => isStaff(member.role),
  delete: (member: Member) => isAdministrator(member.role),
};
