import { isStaff } from '../../core/auth/roles.ts';
import type { Member } from '../../core/http/context.ts';

/**
 * Who knows whom is personal data about several people at once, so the
 * bridge-builder staff keep it: they record ties, make introductions and
 * read the network pictures; others see none of it.
 */
export const relationshipPolicy = {
  view: (member: Member) => isStaff(member.role),
  record: (member: Member) => isStaff(member.role),
  introduce: (member: Member) => isStaff(member.role),
};
