import { z } from 'zod';
import { idParam, pathParams } from '../../core/http/route-schemas.ts';

/** A round's number in a URL; anything else is answered like a round that does not exist (404). */
const roundNumber = z
  .string()
  .regex(/^[1-9]\d{0,5}$/)
  .transform(Number);

export const deliveryParams = pathParams({ programmeId: idParam });
export const siteParams = pathParams({ programmeId: idParam, siteId: idParam });
export const roundParams = pathParams({ programmeId: idParam, number: roundNumber });
export const roundActionParams = pathParams({ programmeId: idParam, number: roundNumber, action: z.enum(['open', 'close', 'remind']) });
export const roundSiteParams = pathParams({ programmeId: idParam, number: roundNumber, siteId: idParam });
export const themeParams = pathParams({ programmeId: idParam, themeId: idParam });
export const candidateParams = pathParams({ programmeId: idParam, candidateId: idParam });
