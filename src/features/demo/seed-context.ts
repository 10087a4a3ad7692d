import type { Executor } from '../../core/db/client.ts';

export interface SeedContext {
  workspaceId: string;
  adminPersonId: string;
  adminAccountId: string;
}

/** Ids created by earlier steps, looked up by a stable key ("org:leeds", "topic:early language", "person:hannah-whitcombe"). */
export type SeedRefs = Map<string, string>;

export interface SeedStep {
  name: string;
  run(tx: Executor, ctx: SeedContext, refs: SeedRefs): Promise<void>;
}
