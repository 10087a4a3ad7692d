/**
 * Forms and actions that rightly write no audit row: they change no
 * workspace record, or the trail is kept elsewhere. Every other non-GET route
 * must, in the test run, succeed at least once having written one (checked
 * by scripts/check-recordings.ts). Keep this list short and say why.
 */
export const auditExceptions: Record<string, string> = {
  'POST /sign-in': 'signing in changes an account, not a workspace; failed attempts are counted on the account',
  'POST /sign-in/sso':
    'finds the workspaces whose single sign-on takes an email domain, and changes nothing (the sign-in that follows audits a first link or a joining)',
  'POST /sign-out': 'ends a session only',
  'POST /forgot-password': 'sends a reset link; nothing in a workspace changes',
  'POST /reset-password/:token': 'changes an account’s password, not a workspace record',
  'POST /account/password': 'changes the signed-in account’s own password',
  'POST /s/:token': 'a survey answer: anonymous surveys must not tie an answer to a person, so no trail names who answered',
  'POST /s/:token/autosave': 'a survey answer saved as the respondent goes (see above)',
  'POST /w/:workspaceSlug/programmes/:programmeId/sessions/:sessionId/feedback':
    'session feedback is shown to the team without names; a trail naming who gave it, and when, would undo that (giveFeedback says so to runOperation)',
  'POST /w/:workspaceSlug/programmes/:programmeId/delivery/rounds/:number/sites/:siteId/autosave':
    'a draft return saved as the lead types, every few seconds: the return records who saved it last and when, and its submission is audited with the submitted version kept (saveReturn says so to runOperation)',
};
