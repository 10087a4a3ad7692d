import type { FastifyRequest } from 'fastify';
import type { Actor } from '../audit.ts';
import type { Role } from '../auth/roles.ts';
import { HttpError } from './errors.ts';

/** The account behind the request's session. */
export interface SignedInAccount {
  id: string;
  email: string;
  name: string;
  sessionId: string;
  /** The workspaces whose single sign-on this session has been through; none after a password sign-in. */
  ssoWorkspaceIds: string[];
}

export interface WorkspaceRef {
  id: string;
  slug: string;
  name: string;
  isExample: boolean;
}

export interface Member {
  membershipId: string;
  personId: string;
  role: Role;
}

/** Everything an operation inside a workspace needs to know about who is asking. */
export interface WorkspaceContext {
  workspace: WorkspaceRef;
  member: Member;
  account: SignedInAccount;
  actor: Actor;
}

declare module 'fastify' {
  interface FastifyRequest {
    account?: SignedInAccount;
    sessionToken?: string;
    workspace?: WorkspaceRef;
    member?: Member;
  }
}

export function workspaceContext(request: FastifyRequest): WorkspaceContext {
  const { account, workspace, member } = request;
  if (!account || !workspace || !member) throw new HttpError(500, 'Workspace context missing', 'Sorry, there is a problem with the service');
  return { account, workspace, member, actor: { accountId: account.id, name: account.name } };
}
