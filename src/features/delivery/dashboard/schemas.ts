import { z } from 'zod';
import { isUuid } from '../../../core/db/uuid.ts';
import { queryChoice, queryOf, queryText } from '../../../core/http/route-schemas.ts';

/** The dashboard's filters; one that is not understood is ignored, as a filter left empty. */
export const dashboardQuery = queryOf({
  round: z
    .unknown()
    .optional()
    .transform((value) => (typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value) : undefined)),
  hub: z
    .unknown()
    .optional()
    .transform((value) => (isUuid(value) ? value : undefined)),
  region: queryText(100),
  /** Every site's row, asked for; otherwise sites are shown a hub or region at a time. */
  sites: queryChoice(['all'] as const),
});
