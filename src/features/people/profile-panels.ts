import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { PagePanels } from '../../core/page-panels.ts';

/** What features built on people add to a person's profile (reading lists: those made for them). */
export const personProfilePanels = new PagePanels<[db: Db, ctx: WorkspaceContext, personId: string]>();
