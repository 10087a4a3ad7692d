import type { FastifyRequest } from 'fastify';
import { authorize } from '../../core/http/errors.ts';
import { loadProgramme, programmeIdFrom, type ProgrammeRequest } from '../programmes/load.ts';

/** The programme in the URL, for the evaluation pages only the people running it may use. */
export async function loadManagedEvaluation(request: FastifyRequest): Promise<ProgrammeRequest> {
  const loaded = await loadProgramme(request, programmeIdFrom(request));
  authorize(loaded.canManage, 'Only the people running the programme manage its evaluation.');
  return loaded;
}
