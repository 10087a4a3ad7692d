import { canContribute, isStaff } from '../../core/auth/roles.ts';
import type { Member } from '../../core/http/context.ts';

/**
 * Guides are for everyone in the workspace to read, comment on and work
 * through; the staff and each guide's owner write and publish them.
 */
export const guidePolicy = {
  create: (member: Member) => isStaff(member.role),
  edit: (member: Member, guide: { ownerPersonId: string | null }) =>
    isStaff(member.role) || (member.personId !== '' && guide.ownerPersonId === member.personId),
  publish: (member: Member) => isStaff(member.role),
  comment: (member: Member) => canContribute(member.role) && member.personId !== '',
  /** Marking a step done is for a site: the reader's own organisation. */
  markDone: (member: Member) => canContribute(member.role) && member.personId !== '',
};
