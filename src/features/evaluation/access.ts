import type { FastifyRequest } from 'fastify';
import { authorize } from '../../core/http/errors.ts';
import { loadProgramme, type ProgrammeRequest } from '../programmes/load.ts';

/** The programme in the URL, for the evaluation pages only the people running it may use. */
export async function loadManagedEvaluation(request: FastifyRequest, programmeId: string): Promise<ProgrammeRequest> {
  const loaded = await loadProgramme(request, programmeId);
  authorize(loaded.canManage, 'Only the people running the programme manage its evaluation.');
  return loaded;
}
