import { isStaff } from '../../core/auth/roles.ts';
import type { Member } from '../../core/http/context.ts';

/**
 * A handover is prepared by the person leaving or by the workspace's staff,
 * and read by them and the successor; the staff pass it on (the successor
 * takes on programmes and sites, which only the staff may give).
 */
export const handoverPolicy = {
  prepare: (member: Member, fromPersonId: string) => isStaff(member.role) || (member.personId !== '' && member.personId === fromPersonId),
  read: (member: Member, handover: { fromPersonId: string; toPersonId: string | null }) =>
    isStaff(member.role) || (member.personId !== '' && (member.personId === handover.fromPersonId || member.personId === handover.toPersonId)),
  handOver: (member: Member) => isStaff(member.role),
};
