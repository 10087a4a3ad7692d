import { canContribute } from '../../core/auth/roles.ts';
import type { Member } from '../../core/http/context.ts';

export const apiTokenPolicy = {
  /** Everyone may read through the API what they may read on the pages. */
  create: (_member: Member) => true,
  /** Writing through the API is for those who may change things on the pages. */
  write: (member: Member) => canContribute(member.role),
  /** A token is its owner's alone. */
  revoke: (member: Member, token: { membershipId: string }) => token.membershipId === member.membershipId,
};
