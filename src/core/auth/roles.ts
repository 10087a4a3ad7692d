/** A member's role in a workspace; every feature's policy is built from it. */
export const roles = ['administrator', 'facilitator', 'member', 'expert', 'viewer'] as const;
export type Role = (typeof roles)[number];

/** Role questions every feature policy is built from. */
export const isAdministrator = (role: Role) => role === 'administrator';
/** Bridge-builder staff: administrators and facilitators run the workspace. */
export const isStaff = (role: Role) => role === 'administrator' || role === 'facilitator';
/** Everyone but viewers can contribute their own content. */
export const canContribute = (role: Role) => role !== 'viewer';

/** Administrators may give any role; facilitators may bring in participants, experts and viewers. */
export function rolesGrantableBy(role: Role): Role[] {
  if (isAdministrator(role)) return ['member', 'expert', 'facilitator', 'viewer', 'administrator'];
  if (isStaff(role)) return ['member', 'expert', 'viewer'];
  return [];
}
