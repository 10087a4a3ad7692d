/**
 * Statements on a workspace table that rightly run without a workspace,
 * matched by a piece of their SQL, each with the reason. Even the lookups by a
 * secret link (an invitation, a survey link, a calendar feed) and the round
 * schedule's look across workspaces join their tables by workspace.
 * scripts/check-recordings.ts fails the run on any other unscoped statement,
 * and on an exception the run no longer needs.
 */
export const scopeExceptions: Array<{ matches: RegExp; reason: string }> = [
  {
    matches: /from "memberships" where \("memberships"\."account_id" = \$1 and "memberships"\."workspace_id" <> \$2\)/,
    reason:
      'whether any other workspace gives an account access, asked by erasing a person (the account, shared by workspaces, is deleted only if none does) and by a first single sign-on (one workspace’s provider may not link an account that opens another); nothing of the other workspace is read',
  },
];
