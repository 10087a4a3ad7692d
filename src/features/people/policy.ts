import { isAdministrator, isStaff } from '../../core/auth/roles.ts';
import type { Member } from '../../core/http/context.ts';

type PersonRef = { id: string; openToContact: boolean };

export const peoplePolicy = {
  view: (_member: Member) => true,
  create: (member: Member) => isStaff(member.role),
  /** Staff edit anyone; everyone edits their own profile. */
  edit: (member: Member, person: PersonRef) => isStaff(member.role) || member.personId === person.id,
  /** Administrators only, and never themselves (that would lock them out). */
  delete: (member: Member, person: PersonRef) => isAdministrator(member.role) && member.personId !== person.id,
  invite: (member: Member) => isStaff(member.role),
  /** E-mail and phone show to staff, to the person, and to everyone when they are open to contact. */
  seeContactDetails: (member: Member, person: PersonRef) => isStaff(member.role) || member.personId === person.id || person.openToContact,
};
