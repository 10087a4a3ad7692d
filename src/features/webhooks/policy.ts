import { isAdministrator } from '../../core/auth/roles.ts';
import type { Member } from '../../core/http/context.ts';

export const webhookPolicy = {
  /** Webhooks send the workspace's news to another system: its administrators decide where. */
  manage: (member: Member) => isAdministrator(member.role),
};
