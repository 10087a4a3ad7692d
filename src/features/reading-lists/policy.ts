import { isStaff } from '../../core/auth/roles.ts';
import type { Member } from '../../core/http/context.ts';

/** Everyone in the workspace reads reading lists; staff curate them. */
export const readingListPolicy = {
  view: (_member: Member) => true,
  curate: (member: Member) => isStaff(member.role),
};
