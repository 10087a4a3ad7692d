import { and, eq } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import type { WorkspaceContext } from '../../core/http/context.ts';
import { NotFoundError, RuleError } from '../../core/http/errors.ts';
import { runOperation } from '../../core/operations.ts';
import { programmePolicy, type ProgrammeAccess } from '../programmes/policy.ts';
import type { AnswerTagInput } from './schemas.ts';
import { answerTags, outcomeDomains, surveyAnswers, surveyResponses, surveys } from './tables.ts';

/** Tag a written answer with an outcome domain, and pick it as a quote (only when its author agreed to be quoted). */
export function tagAnswer(db: Db, ctx: WorkspaceContext, access: ProgrammeAccess, programmeId: string, input: AnswerTagInput): Promise<void> {
  const { responseId, questionId, domainId, picked } = input;
  return runOperation(db, ctx, 'tag an answer', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(programmePolicy.manage(access));
    const [answer] = await tx
      .select({ consent: surveyResponses.quoteConsent })
      .from(surveyAnswers)
      .innerJoin(surveyResponses, and(eq(surveyResponses.workspaceId, surveyAnswers.workspaceId), eq(surveyResponses.id, surveyAnswers.responseId)))
      .innerJoin(surveys, and(eq(surveys.workspaceId, surveyResponses.workspaceId), eq(surveys.id, surveyResponses.surveyId)))
      .where(
        and(
          eq(surveyAnswers.workspaceId, workspaceId),
          eq(surveys.programmeId, programmeId),
          eq(surveyAnswers.responseId, responseId),
          eq(surveyAnswers.questionId, questionId),
        ),
      );
    if (!answer) throw new NotFoundError();
    if (picked && !answer.consent) throw new RuleError('picked', 'This person did not agree to be quoted, so their answer cannot be used as a quote.');
    if (domainId) {
      const [domain] = await tx
        .select({ name: outcomeDomains.name })
        .from(outcomeDomains)
        .where(and(eq(outcomeDomains.workspaceId, workspaceId), eq(outcomeDomains.programmeId, programmeId), eq(outcomeDomains.id, domainId)));
      if (!domain) throw new RuleError('domainId', 'Choose one of this programme’s outcome domains');
    }
    await tx
      .insert(answerTags)
      .values({ workspaceId, responseId, questionId, domainId, pickedAsQuote: picked })
      .onConflictDoUpdate({ target: [answerTags.responseId, answerTags.questionId, answerTags.workspaceId], set: { domainId, pickedAsQuote: picked } });
    // The answer itself is not repeated in the trail: it may be anonymous.
    await audit({
      action: 'evaluation.answer_tagged',
      entityType: 'programme',
      entityId: programmeId,
      summary: picked ? 'Picked a written answer as a quote' : 'Tagged a written answer',
    });
  });
}
