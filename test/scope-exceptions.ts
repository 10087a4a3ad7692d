/**
 * Statements on a workspace table that rightly run without a workspace,
 * matched by a piece of their SQL, each with the reason. There are none
 * today: even the lookups by a secret link (an invitation, a survey link, a
 * calendar feed) and the round schedule's look across workspaces join their
 * tables by workspace. scripts/check-recordings.ts fails the run on any other
 * unscoped statement, and on an exception the run no longer needs.
 */
export const scopeExceptions: Array<{ matches: RegExp; reason: string }> = [];
