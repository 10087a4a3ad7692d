import { isStaff } from '../../core/auth/roles.ts';
import type { Member } from '../../core/http/context.ts';

/**
 * Everyone reads the library. Staff curate it; experts add items and edit the
 * ones they added (an evidence summary, a practice insight).
 */
export const evidencePolicy = {
  view: (_member: Member) => true,
  create: (member: Member) => isStaff(member.role) || member.role === 'expert',
  edit: (member: Member, item: { addedByPersonId: string | null }) =>
    isStaff(member.role) || (member.role === 'expert' && item.addedByPersonId === member.personId),
  delete: (member: Member) => isStaff(member.role),
};
