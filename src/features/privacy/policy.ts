import { isAdministrator } from '../../core/auth/roles.ts';
import type { Member } from '../../core/http/context.ts';

export const privacyPolicy = {
  /** A person may have everything held about them; an administrator answers requests for anyone. */
  exportData: (member: Member, person: { id: string }) => isAdministrator(member.role) || member.personId === person.id,
  /** Administrators erase, never themselves (they would lock the workspace out): another administrator does that. */
  erase: (member: Member, person: { id: string }) => isAdministrator(member.role) && member.personId !== person.id,
  /** The workspace's privacy notice and retention rules are its administrators' to set. */
  settings: (member: Member) => isAdministrator(member.role),
};
