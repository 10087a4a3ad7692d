import type { FastifyRequest } from 'fastify';
import { isStaff } from '../../core/auth/roles.ts';
import { unreadCount } from './queries.ts';

/** The bell in the page header: how many notifications this person has not read, on every page they open. */
export async function bellHook(request: FastifyRequest): Promise<void> {
  const { workspace, member } = request;
  if (request.method !== 'GET' || !workspace || !member?.personId) return;
  const unread = await unreadCount(request.server.deps.db, workspace.id, { personId: member.personId, staff: isStaff(member.role) });
  request.bell = { href: `/w/${workspace.slug}/notifications`, unread };
}
