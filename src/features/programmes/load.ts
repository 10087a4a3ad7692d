import type { FastifyRequest } from 'fastify';
import { workspaceContext, type WorkspaceContext } from '../../core/http/context.ts';
import { ForbiddenError, NotFoundError } from '../../core/http/errors.ts';
import { programmePolicy, type ProgrammeAccess } from './policy.ts';
import { findProgrammeFor, findSession, type Programme, type Session } from './queries.ts';

export interface ProgrammeRequest {
  ctx: WorkspaceContext;
  programme: Programme;
  access: ProgrammeAccess;
  /** Where the programme's pages live. */
  base: string;
  canManage: boolean;
  isParticipant: boolean;
}

/** The programme named in the URL, refused with a clear message to anyone outside its cohort and staff. */
export async function loadProgramme(request: FastifyRequest, programmeId: string): Promise<ProgrammeRequest> {
  const ctx = workspaceContext(request);
  const found = await findProgrammeFor(request.server.deps.db, ctx.workspace.id, programmeId, ctx.member);
  if (!found) throw new NotFoundError();
  if (!programmePolicy.view(found.access)) {
    throw new ForbiddenError(
      'Only the people in this programme’s cohort and the workspace’s facilitators can see it. Ask a facilitator if you should be part of it.',
    );
  }
  return {
    ctx,
    ...found,
    base: `/w/${ctx.workspace.slug}/programmes/${found.programme.id}`,
    canManage: programmePolicy.manage(found.access),
    isParticipant: programmePolicy.participate(found.access),
  };
}

/** One of the programme's sessions, named in the URL. */
export async function loadSession(request: FastifyRequest, loaded: ProgrammeRequest, sessionId: string): Promise<Session> {
  const session = await findSession(request.server.deps.db, loaded.ctx.workspace.id, loaded.programme.id, sessionId);
  if (!session) throw new NotFoundError();
  return session;
}
