import type { Member } from '../../core/http/context.ts';

/**
 * Notifications and e-mail settings are each person's own: anyone in the
 * workspace with a person record reads and clears theirs and chooses how
 * often they are e-mailed; nobody reads or changes another's.
 */
export const notificationPolicy = {
  own: (member: Member) => member.personId !== '',
};
