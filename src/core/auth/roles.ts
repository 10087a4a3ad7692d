import type { Role } from '../../features/access/tables.ts';

/** Role questions every feature policy is built from. */
export const isAdministrator = (role: Role) => role === 'administrator';
/** Bridge-builder staff: administrators and facilitators run the workspace. */
export const isStaff = (role: Role) => role === 'administrator' || role === 'facilitator';
/** Everyone but viewers can contribute their own content. */
export const canContribute = (role: Role) => role !== 'viewer';
