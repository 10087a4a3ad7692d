import type { FastifyPluginAsync } from 'fastify';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { ForbiddenError, NotFoundError } from '../../core/http/errors.ts';
import { setFlash } from '../../core/http/flash.ts';
import { noErrors, type FormErrors } from '../../core/http/forms.ts';
import type { UploadedFile } from '../../core/http/uploads.ts';
import { people } from '../people/tables.ts';
import { deliveryPolicy, loadDelivery, requireManager, type DeliveryRequest } from './access.ts';
import { returnWorkbook, WorkbookError, type WorkbookProblem } from './excel.ts';
import { importReturnWorkbook } from './import-return.ts';
import {
  completenessProblems,
  emptyContent,
  fieldIds,
  findReturn,
  readReturnForm,
  ReturnConflictError,
  ReturnRuleError,
  returnForCorrection,
  saveReturn,
  versionsOf,
  type AnswerProblem,
  type CheckpointReturn,
} from './returns.ts';
import { findRound, roundsOf, trackerState, type Round } from './rounds.ts';
import { findSite, sitesOf, type Site } from './sites.ts';
import { checkpointReturns, type ReturnContent } from './tables.ts';
import { templateById } from './template.ts';
import { siteHistory } from './dashboard.ts';

const problemsAsErrors = (problems: AnswerProblem[]): FormErrors => {
  const errors: FormErrors = { fields: {}, list: [] };
  for (const problem of problems) {
    if (!errors.fields[problem.field]) errors.fields[problem.field] = problem.message;
    errors.list.push({ text: problem.message, href: `#${problem.field}` });
  }
  return errors;
};

export const returnRoutes: FastifyPluginAsync = async (app) => {
  const { db, config, mailer } = app.deps;

  async function loadReturnPage(request: Parameters<typeof loadDelivery>[0]) {
    const delivery = await loadDelivery(request);
    const { number, siteId } = request.params as { number: string; siteId: string };
    const [round, site] = await Promise.all([
      findRound(db, delivery.ctx.workspace.id, delivery.programme.id, Number(number)),
      findSite(db, delivery.ctx.workspace.id, delivery.programme.id, siteId),
    ]);
    if (!round || !site) throw new NotFoundError();
    if (!deliveryPolicy.seeSite(delivery, site))
      throw new ForbiddenError(`You can see returns only for the sites you answer for. Ask the programme team if you should answer for ${site.name}.`);
    const existing = await findReturn(db, delivery.ctx.workspace.id, round.id, site.id);
    if (!deliveryPolicy.seeReturn(delivery, site, existing?.status ?? null))
      throw new ForbiddenError(`${site.name} has not submitted this return yet. Drafts are seen only by the site and the programme team.`);
    const template = (await templateById(db, delivery.ctx.workspace.id, round.templateId))!;
    return { delivery, round, site, existing, template };
  }

  const canEdit = (delivery: DeliveryRequest, round: Round, site: Site, existing?: CheckpointReturn) =>
    round.status === 'open' && deliveryPolicy.submitFor(delivery, site) && (existing?.status !== 'submitted' || delivery.canManage);

  async function returnPage(
    loaded: Awaited<ReturnType<typeof loadReturnPage>>,
    view: {
      content?: ReturnContent;
      raw?: Record<string, unknown>;
      errors?: FormErrors;
      conflict?: string;
      revision?: number;
      uploadProblems?: WorkbookProblem[];
    } = {},
  ) {
    const { delivery, round, site, existing, template } = loaded;
    const workspaceId = delivery.ctx.workspace.id;
    const [versions, previous] = await Promise.all([
      existing ? versionsOf(db, workspaceId, existing.id) : [],
      round.number > 1 ? findRound(db, workspaceId, delivery.programme.id, round.number - 1) : undefined,
    ]);
    const previousReturn = previous ? await findReturn(db, workspaceId, previous.id, site.id) : undefined;
    const editable = canEdit(delivery, round, site, existing);
    return {
      ...delivery,
      title: `${site.name}: return for ${round.title} – ${delivery.programme.name}`,
      section: 'delivery',
      deliverySection: delivery.isSiteContact && !delivery.canManage ? 'returns' : 'rounds',
      round,
      site,
      existing,
      definition: template.definition,
      templateVersion: template.version,
      content: view.content ?? existing?.content ?? emptyContent(template.definition),
      revision: view.revision ?? existing?.revision ?? 0,
      previous: previousReturn?.status === 'submitted' ? { round: previous, content: previousReturn.content } : undefined,
      editable,
      // Sites that have submitted still see the read-only return; facilitators may correct it.
      canReturn: delivery.canManage && existing?.status === 'submitted',
      versions,
      conflict: view.conflict,
      raw: view.raw,
      uploadProblems: view.uploadProblems,
      errors: view.errors ?? noErrors,
      fieldIds,
      submitLabel: existing?.status === 'submitted' ? 'Save the correction' : 'Submit the return',
    };
  }

  const returnPath = (delivery: DeliveryRequest, round: Round, site: Site) => `${delivery.deliveryBase}/rounds/${round.number}/sites/${site.id}`;

  app.get('/:programmeId/delivery/rounds/:number/sites/:siteId', async (request, reply) => {
    const loaded = await loadReturnPage(request);
    return reply.page('delivery/views/return.njk', await returnPage(loaded));
  });

  app.post('/:programmeId/delivery/rounds/:number/sites/:siteId', async (request, reply) => {
    const loaded = await loadReturnPage(request);
    const { delivery, round, site, existing, template } = loaded;
    if (!deliveryPolicy.submitFor(delivery, site)) throw new ForbiddenError(`Only ${site.name}’s leads and the programme team can change its return.`);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const submit = body.action === 'submit';
    const { content, problems } = readReturnForm(template.definition, body);
    if (submit && problems.length === 0) problems.push(...completenessProblems(template.definition, content));
    const expectedRevision = Number(body.revision ?? -1);
    if (problems.length)
      return reply
        .status(400)
        .page('delivery/views/return.njk', await returnPage(loaded, { content, raw: body, errors: problemsAsErrors(problems), revision: expectedRevision }));
    try {
      await saveReturn(db, delivery.ctx, {
        programme: delivery.programme,
        round,
        site,
        content,
        expectedRevision,
        submit,
        source: 'form',
        asFacilitator: delivery.canManage,
      });
    } catch (error) {
      if (error instanceof ReturnConflictError) {
        // Keep what this person typed, and let them save over the other version knowingly.
        return reply
          .status(409)
          .page(
            'delivery/views/return.njk',
            await returnPage({ ...loaded, existing: error.current }, { content, conflict: error.message, revision: error.current.revision }),
          );
      }
      if (error instanceof ReturnRuleError)
        return reply
          .status(409)
          .page(
            'delivery/views/return.njk',
            await returnPage(loaded, { content, errors: { fields: {}, list: [{ text: error.message, href: '#return-form' }] } }),
          );
      throw error;
    }
    setFlash(reply, {
      kind: 'success',
      text: submit
        ? existing?.status === 'submitted'
          ? 'Saved the correction.'
          : `Submitted ${site.name}’s return for ${round.title}. Thank you.`
        : 'Saved as a draft. Nobody outside your site and the programme team sees it until you submit.',
    });
    return reply.redirect(returnPath(delivery, round, site));
  });

  /** Drafts save as the lead types; the reply carries the new revision for the next save. */
  app.post('/:programmeId/delivery/rounds/:number/sites/:siteId/autosave', async (request, reply) => {
    const loaded = await loadReturnPage(request);
    const { delivery, round, site, existing, template } = loaded;
    if (!canEdit(delivery, round, site, existing) || existing?.status === 'submitted')
      return reply.status(409).send({ saved: false, error: 'This return can no longer be changed here. Reload the page.' });
    const body = (request.body ?? {}) as Record<string, unknown>;
    const { content, problems } = readReturnForm(template.definition, body);
    if (problems.length) return reply.status(400).send({ saved: false, error: `Not saved: ${problems[0].message}.` });
    try {
      const saved = await saveReturn(db, delivery.ctx, {
        programme: delivery.programme,
        round,
        site,
        content,
        expectedRevision: Number(body.revision ?? -1),
        submit: false,
        source: 'form',
        asFacilitator: delivery.canManage,
      });
      return reply.send({ saved: true, revision: saved.revision });
    } catch (error) {
      if (error instanceof ReturnConflictError)
        return reply.status(409).send({ saved: false, error: `Not saved: ${error.message} Press “Save as draft” to see both.` });
      if (error instanceof ReturnRuleError) return reply.status(409).send({ saved: false, error: error.message });
      throw error;
    }
  });

  app.get('/:programmeId/delivery/rounds/:number/sites/:siteId/return.xlsx', async (request, reply) => {
    const { delivery, round, site, existing, template } = await loadReturnPage(request);
    const buffer = await returnWorkbook(
      template.definition,
      {
        programme: delivery.programme.name,
        site: site.name,
        siteId: site.id,
        round: { id: round.id, number: round.number, title: round.title, dueOn: round.dueOn },
        template: { id: template.id, version: template.version },
      },
      existing?.content,
    );
    const filename = `${site.name} return round ${round.number}.xlsx`.replace(/[^A-Za-z0-9 ._-]/g, '');
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .send(buffer);
  });

  app.post('/:programmeId/delivery/rounds/:number/sites/:siteId/upload', async (request, reply) => {
    const loaded = await loadReturnPage(request);
    const { delivery, round, site } = loaded;
    if (!deliveryPolicy.submitFor(delivery, site)) throw new ForbiddenError(`Only ${site.name}’s leads and the programme team can upload its return.`);
    const body = (request.body ?? {}) as { file?: UploadedFile; submit?: string };
    const file = body.file;
    if (!file || typeof file !== 'object' || !file.data?.length) {
      return reply
        .status(400)
        .page('delivery/views/return.njk', await returnPage(loaded, { uploadProblems: [{ message: 'Choose the Excel file to upload' }] }));
    }
    const submit = body.submit === 'yes';
    try {
      const sites = await sitesOf(db, delivery.ctx.workspace.id, delivery.programme.id, { contacts: false });
      await importReturnWorkbook(db, delivery.ctx, {
        data: file.data,
        filename: file.filename || 'The file',
        submit,
        source: 'excel',
        expected: { programmeId: delivery.programme.id, round, site },
        mayActFor: (target) => deliveryPolicy.submitFor(delivery, target),
        actingForNames: sites.filter((s) => delivery.leadSiteIds.includes(s.id)).map((s) => s.name),
        asFacilitator: delivery.canManage,
      });
    } catch (error) {
      const problems: WorkbookProblem[] | undefined =
        error instanceof WorkbookError
          ? error.problems
          : error instanceof ReturnRuleError
            ? [{ message: error.message }]
            : error instanceof ReturnConflictError
              ? [{ message: error.message }]
              : undefined;
      if (!problems) throw error;
      return reply.status(400).page('delivery/views/return.njk', await returnPage(loaded, { uploadProblems: problems }));
    }
    setFlash(reply, {
      kind: 'success',
      text: submit ? `Uploaded and submitted ${site.name}’s return for ${round.title}.` : 'Uploaded. Check the answers below, then submit.',
    });
    return reply.redirect(returnPath(delivery, round, site));
  });

  app.post('/:programmeId/delivery/rounds/:number/sites/:siteId/return-for-correction', async (request, reply) => {
    const loaded = await loadReturnPage(request);
    const { delivery, round, site } = loaded;
    requireManager(delivery);
    const reason = String((request.body as { reason?: string } | undefined)?.reason ?? '').trim();
    if (!reason || reason.length > 2000) {
      const errors: FormErrors = {
        fields: { reason: reason ? 'The reason must be 2000 characters or fewer' : 'Say what needs correcting' },
        list: [{ text: reason ? 'The reason must be 2000 characters or fewer' : 'Say what needs correcting', href: '#reason' }],
      };
      return reply.status(400).page('delivery/views/return.njk', await returnPage(loaded, { errors }));
    }
    try {
      await returnForCorrection(db, { mailer, publicUrl: config.publicUrl }, delivery.ctx, delivery.programme, round, site, reason);
    } catch (error) {
      if (!(error instanceof ReturnRuleError)) throw error;
      setFlash(reply, { kind: 'important', text: error.message });
      return reply.redirect(returnPath(delivery, round, site));
    }
    setFlash(reply, { kind: 'success', text: `Returned to ${site.name} for correction; its leads have been e-mailed.` });
    return reply.redirect(returnPath(delivery, round, site));
  });

  /** A site contact's own returns: every round for each site they answer for. */
  app.get('/:programmeId/delivery/returns', async (request, reply) => {
    const delivery = await loadDelivery(request);
    const workspaceId = delivery.ctx.workspace.id;
    const [sites, rounds] = await Promise.all([
      sitesOf(db, workspaceId, delivery.programme.id, { contacts: false }),
      roundsOf(db, workspaceId, delivery.programme.id),
    ]);
    const mine = sites.filter((site) => delivery.ownSiteIds.includes(site.id));
    const visibleRounds = rounds.filter((r) => r.status !== 'upcoming').reverse();
    // One query for all of this person's returns, rather than a tracker per round.
    const returns = mine.length
      ? await db
          .select({
            roundId: checkpointReturns.roundId,
            siteId: checkpointReturns.siteId,
            status: checkpointReturns.status,
            submittedAt: checkpointReturns.submittedAt,
          })
          .from(checkpointReturns)
          .where(
            and(
              eq(checkpointReturns.workspaceId, workspaceId),
              inArray(
                checkpointReturns.siteId,
                mine.map((s) => s.id),
              ),
            ),
          )
      : [];
    const found = new Map(returns.map((r) => [`${r.roundId}:${r.siteId}`, r]));
    return reply.page('delivery/views/returns.njk', {
      ...delivery,
      title: `Your returns – ${delivery.programme.name}`,
      section: 'delivery',
      deliverySection: 'returns',
      sites: mine.map((site) => ({
        site,
        lead: delivery.leadSiteIds.includes(site.id),
        rounds: visibleRounds.map((round) => ({ round, state: trackerState(round, found.get(`${round.id}:${site.id}`)) })),
      })),
    });
  });

  /** One site: its contacts and its history across rounds. */
  app.get('/:programmeId/delivery/sites/:siteId', async (request, reply) => {
    const delivery = await loadDelivery(request);
    const site = await findSite(db, delivery.ctx.workspace.id, delivery.programme.id, (request.params as { siteId: string }).siteId);
    if (!site) throw new NotFoundError();
    if (!deliveryPolicy.seeSite(delivery, site))
      throw new ForbiddenError(`You can see only the sites you answer for. Ask the programme team if you should answer for ${site.name}.`);
    const history = await siteHistory(db, delivery.ctx.workspace.id, delivery.programme.id, site, {
      includeDrafts: delivery.canManage || delivery.ownSiteIds.includes(site.id),
    });
    const peopleOptions = delivery.canManage
      ? await db
          .select({ value: people.id, text: people.fullName })
          .from(people)
          .where(and(eq(people.workspaceId, delivery.ctx.workspace.id)))
          .orderBy(asc(people.fullName))
      : [];
    return reply.page('delivery/views/site.njk', {
      ...delivery,
      title: `${site.name} – ${delivery.programme.name}`,
      section: 'delivery',
      deliverySection: delivery.canSeeDashboard ? 'sites' : 'returns',
      site,
      history,
      peopleOptions,
    });
  });
};
