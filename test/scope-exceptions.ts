/**
 * Statements on a workspace table that rightly run without a workspace: the
 * few that find which workspace a request belongs to from a secret it holds,
 * and the scheduler's look across every workspace for what is due. Each is
 * matched by a piece of its SQL; checked by scripts/check-recordings.ts,
 * which also reports an exception the run no longer needed. Keep it short.
 */
export const scopeExceptions: Array<{ matches: RegExp; reason: string }> = [
  {
    matches: /from "invitations" inner join "workspaces".*where "invitations"\."token_hash" = \$\d+$/,
    reason: 'an invitation link names its workspace only through its token: this lookup finds the workspace',
  },
  {
    matches: /from "survey_invitations" inner join "surveys".*where "survey_invitations"\."token_hash" = \$\d+$/,
    reason: 'a personal survey link names its workspace only through its token: this lookup finds the workspace',
  },
  {
    matches: /from "programmes" inner join "workspaces".*where "programmes"\."calendar_token" = \$\d+$/,
    reason: 'a calendar feed address names its programme only through its token: this lookup finds the workspace',
  },
  {
    matches: /from "checkpoint_rounds" inner join "round_automation".*where "checkpoint_rounds"\."status" in/,
    reason: 'the hourly schedule looks across every workspace for rounds due to open or be reminded, then acts in each one’s own workspace',
  },
  {
    matches: /^select "round_id", "kind" from "round_reminders" where "round_reminders"\."round_id" in/,
    reason: 'the hourly schedule’s reminders already sent, for the rounds it found across workspaces',
  },
];
