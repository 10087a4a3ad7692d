import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../core/db/client.ts';
import { findProgramme, type Programme } from '../../programmes/queries.ts';
import { openReturnWorkbook, readReturnSheet, WorkbookError } from './excel.ts';
import type { OperationContext } from '../../../core/operations.ts';
import { deliveryPolicy, type DeliveryAccess } from '../policy.ts';
import type { Round } from '../rounds/queries.ts';
import { findSite, type Site } from '../sites/queries.ts';
import { checkpointRounds, type ReturnSource } from '../tables.ts';
import { templateById } from '../template/queries.ts';
import { findReturn, type CheckpointReturn } from './queries.ts';
import { saveReturn } from './save-return.ts';

export interface ImportReturnInput {
  data: Buffer;
  filename: string;
  submit: boolean;
  source: ReturnSource;
  /** The programme, round and site of the page the file was uploaded to, when there is one. */
  expected?: { programmeId: string; round?: Round; site?: Site };
  /** The sites this person leads, named when the file is for another. */
  actingForNames?: string[];
}

export interface ImportedReturn {
  programme: Programme;
  round: Round;
  site: Site;
  saved: CheckpointReturn;
}

const problem = (message: string, cell?: string) => new WorkbookError([{ cell, message }]);

/**
 * Check an uploaded return workbook from end to end and save it in one
 * transaction: nothing is saved unless every check and every cell passes.
 */
export async function importReturnWorkbook(db: Db, ctx: OperationContext, access: DeliveryAccess, input: ImportReturnInput): Promise<ImportedReturn> {
  const workspaceId = ctx.workspace.id;
  const { sheet, reference, version } = await openReturnWorkbook(input.data, input.filename);
  const [round] = await db
    .select()
    .from(checkpointRounds)
    .where(and(eq(checkpointRounds.workspaceId, workspaceId), eq(checkpointRounds.id, reference.roundId)));
  if (!round || (input.expected && round.programmeId !== input.expected.programmeId))
    throw problem(
      'This file is the return for a round of another programme, or a round that no longer exists. Download the template from this programme’s page.',
      'B8',
    );
  const expectedRound = input.expected?.round;
  if (expectedRound && expectedRound.id !== round.id) {
    throw problem(
      `This file is the return for round ${round.number} (${round.title}), not round ${expectedRound.number} (${expectedRound.title}). Download the template for round ${expectedRound.number} and copy your answers across.`,
      'B5',
    );
  }
  const programme = (await findProgramme(db, workspaceId, round.programmeId))!;
  const site = await findSite(db, workspaceId, round.programmeId, reference.siteId);
  if (!site) throw problem('This file is for a site that is no longer in the programme.', 'B4');
  const expectedSite = input.expected?.site;
  if (expectedSite && expectedSite.id !== site.id)
    throw problem(
      `This file is the return for ${site.name}, not ${expectedSite.name}. Upload it from ${site.name}’s page, or download ${expectedSite.name}’s template.`,
      'B4',
    );
  if (!deliveryPolicy.submitFor(access, site)) {
    throw problem(
      `This file is the return for ${site.name}. You can submit returns only for ${input.actingForNames?.length ? input.actingForNames.join(', ') : 'the sites you lead'}.`,
      'B4',
    );
  }
  const template = await templateById(db, workspaceId, round.templateId);
  if (!template) throw problem('The template for this round is missing. Ask the programme team.');
  if (reference.templateId !== round.templateId || (version && version !== String(template.version))) {
    const fileTemplate = await templateById(db, workspaceId, reference.templateId);
    throw problem(
      `This file was made from template version ${fileTemplate?.version ?? (version || 'unknown')}, but round ${round.number} uses version ${template.version}. Download the template for this round again and copy your answers across.`,
      'B7',
    );
  }
  if (round.status !== 'open')
    throw problem(
      round.status === 'closed'
        ? `Round ${round.number} (${round.title}) is closed, so its returns can no longer be changed.`
        : `Round ${round.number} (${round.title}) is not open for returns yet.`,
    );
  const { content, problems } = readReturnSheet(sheet, template.definition, { submit: input.submit });
  if (problems.length) throw new WorkbookError(problems);
  const existing = await findReturn(db, workspaceId, round.id, site.id);
  // An upload replaces the whole draft on purpose, so it starts from whatever revision is there now.
  const saved = await saveReturn(db, ctx, access, {
    programme,
    round,
    site,
    content,
    expectedRevision: existing?.revision ?? 0,
    submit: input.submit,
    source: input.source,
  });
  return { programme, round, site, saved };
}
