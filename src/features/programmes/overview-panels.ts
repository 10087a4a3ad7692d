import { PagePanels } from '../../core/page-panels.ts';
import type { Db } from '../../core/db/client.ts';
import type { ProgrammeKind } from './tables.ts';

/** What features built on programmes add to a programme's overview page (the delivery loop: its sites and rounds). */
export const programmeOverviewPanels = new PagePanels<[db: Db, workspaceId: string, programme: { id: string; kind: ProgrammeKind }]>();

/** What features built on programmes add to its "You said, we did" (the delivery loop: the department's answers to what sites raised). */
export const programmeChangesPanels = new PagePanels<[db: Db, workspaceId: string, programme: { id: string; kind: ProgrammeKind }]>();
