import { recordAudit, type Actor, type AuditEntry } from './audit.ts';
import { announceEvents, recordEvent, type WorkspaceEvent } from './events.ts';
import type { Db, Tx } from './db/client.ts';
import type { Member, WorkspaceContext } from './http/context.ts';
import { ForbiddenError } from './http/errors.ts';

/** What an operation works with: the open transaction, who is asking, and the two duties it has. */
export interface Operation {
  /** The transaction every read and write of the operation goes through. */
  readonly tx: Tx;
  readonly workspaceId: string;
  readonly member: Member;
  readonly actor: Actor;
  /** Check the feature's policy for this member and record; a refusal is a 403 and nothing is written. */
  readonly authorize: (allowed: boolean, message?: string) => void;
  /** Record what was done (who, what, which record, when) in the same transaction. */
  readonly audit: (entry: AuditEntry) => Promise<void>;
  /** Tell systems outside (webhooks) what happened, recorded in the same transaction and passed on once it commits. */
  readonly publish: (event: WorkspaceEvent) => Promise<void>;
}

export interface OperationOptions {
  /** For operations that may rightly change nothing (a form saved unchanged): no audit row is then required. */
  auditOptional?: boolean;
  /**
   * For the few changes that must leave no trail naming who made them (feedback
   * shown without names, an anonymous survey answer): the reason, said once here.
   */
  unauditedBecause?: string;
}

/** Who an operation acts for: a member of the workspace, or the operator (see `operatorMember`). */
export type OperationContext = Pick<WorkspaceContext, 'workspace' | 'member' | 'actor'>;

/**
 * The server itself acting: a scheduled job, or the operator at the command
 * line, who has the server's keys and so every power in the workspace. It is
 * no person in the workspace: `personIdOf` gives null for it.
 */
export const operatorMember: Member = Object.freeze({ membershipId: '', personId: '', role: 'administrator' });

/** The person an operation acts for, to record as author or editor; null for the operator. */
export const personIdOf = (member: Member): string | null => (member === operatorMember ? null : member.personId);

/** A programming mistake the mechanism refuses to commit: data changed without a policy check or an audit row. */
export class OperationContractError extends Error {}

/**
 * The one way to change data. `work` runs in one transaction, in which it must
 * authorise through the feature's policy and write its audit row; a broken
 * rule (a RuleError), a refusal or any other error rolls all of it back, so
 * nothing is ever half-written. Names the operation in the errors it raises.
 */
export async function runOperation<T>(
  db: Db,
  ctx: OperationContext,
  name: string,
  work: (op: Operation) => Promise<T>,
  options: OperationOptions = {},
): Promise<T> {
  let published = false;
  const result = await db.transaction(async (tx) => {
    let authorized = false;
    let audited = false;
    const op: Operation = {
      tx,
      workspaceId: ctx.workspace.id,
      member: ctx.member,
      actor: ctx.actor,
      authorize: (allowed, message) => {
        if (!allowed) throw new ForbiddenError(message);
        authorized = true;
      },
      audit: async (entry) => {
        await recordAudit(tx, ctx.workspace.id, ctx.actor, entry);
        audited = true;
      },
      publish: async (event) => {
        await recordEvent(tx, ctx.workspace.id, event);
        published = true;
      },
    };
    const outcome = await work(op);
    if (!authorized) throw new OperationContractError(`The operation “${name}” ran without checking its policy`);
    if (!audited && !options.auditOptional && !options.unauditedBecause) throw new OperationContractError(`The operation “${name}” wrote no audit row`);
    return outcome;
  });
  if (published) announceEvents();
  return result;
}
