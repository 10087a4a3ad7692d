import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { PagePanels } from '../../core/page-panels.ts';

/** What features built on the library add to an evidence item's page (reading lists: the lists it is on, and adding it to one). */
export const evidenceItemPanels = new PagePanels<[db: Db, ctx: WorkspaceContext, evidenceId: string]>();
