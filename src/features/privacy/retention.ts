import type { RetentionKind } from './tables.ts';

/** What each kind of record is, as the settings page and the audit log say it. */
export const RETENTION_KINDS: Array<{ kind: RetentionKind; label: string; hint: string; noun: [string, string] }> = [
  { kind: 'mail', label: 'E-mail sent', hint: 'The copy of each e-mail the workspace sent, in the outbox', noun: ['e-mail', 'e-mails'] },
  { kind: 'notifications', label: 'Notifications', hint: 'What each person’s bell showed them, read or not', noun: ['notification', 'notifications'] },
  { kind: 'audit', label: 'Audit log', hint: 'Who changed what and when; keep it as long as your records policy asks', noun: ['audit entry', 'audit entries'] },
];

/** The periods offered; none chosen keeps records as long as the workspace. */
export const RETENTION_MONTHS = ['6', '12', '24', '36', '72'] as const;
