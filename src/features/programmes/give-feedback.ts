import type { Db } from '../../core/db/client.ts';
import { isUniqueViolation } from '../../core/db/errors.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { RuleError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { feedbackRefusal } from './feedback-queries.ts';
import { programmePolicy, type ProgrammeAccess } from './policy.ts';
import type { Session } from './queries.ts';
import type { FeedbackInput } from './schemas.ts';
import { sessionFeedback } from './tables.ts';

/** A participant who attended rates a session, once. */
export async function giveFeedback(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, session: Session, input: FeedbackInput): Promise<void> {
  const already = 'You have already given feedback on this session. Thank you.';
  try {
    await runOperation(
      db,
      ctx,
      'give session feedback',
      async ({ tx, workspaceId, member, authorize }) => {
        authorize(programmePolicy.participate(access), 'Only the programme’s participants give feedback on its sessions.');
        const refusal = await feedbackRefusal(tx, workspaceId, session, member.personId);
        if (refusal) throw new RuleError('usefulness', refusal);
        await tx.insert(sessionFeedback).values({ workspaceId, sessionId: session.id, personId: member.personId, ...input });
      },
      { unauditedBecause: 'feedback is shown to the team without names; an audit row naming who gave it, and when, would undo that' },
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw new RuleError('usefulness', already);
    throw error;
  }
}
