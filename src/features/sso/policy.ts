import { isAdministrator } from '../../core/auth/roles.ts';
import type { Member } from '../../core/http/context.ts';

export const ssoPolicy = {
  /** How members sign in is the administrators' to set: the provider, who may join, and whether passwords still work. */
  manage: (member: Member) => isAdministrator(member.role),
};
