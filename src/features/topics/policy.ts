import { isStaff } from '../../core/auth/roles.ts';
import type { Member } from '../../core/http/context.ts';

/** Everyone sees the taxonomy; facilitators and administrators shape it. */
export const topicPolicy = {
  view: (_member: Member) => true,
  manage: (member: Member) => isStaff(member.role),
};
