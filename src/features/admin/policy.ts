import { isAdministrator } from '../../core/auth/roles.ts';
import type { Member } from '../../core/http/context.ts';

export const adminPolicy = {
  viewAudit: (member: Member) => isAdministrator(member.role),
  viewOutbox: (member: Member) => isAdministrator(member.role),
  manageJobs: (member: Member) => isAdministrator(member.role),
};
