import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError, RuleError } from '../../../core/http/errors.ts';
import { setFlash } from '../../../core/http/flash.ts';
import { noErrors, type FormErrors } from '../../../core/http/forms.ts';
import { formBody } from '../../../core/http/route-schemas.ts';
import { submitForm } from '../../../core/http/submit-form.ts';
import { loadDelivery, type DeliveryRequest } from '../load.ts';
import { deliveryPolicy } from '../policy.ts';
import { findRound, roundsOf, trackerState, type Round } from '../rounds/queries.ts';
import { deliveryParams, roundSiteParams } from '../schemas.ts';
import { findSite, sitesOf, type Site } from '../sites/queries.ts';
import type { ReturnContent } from '../tables.ts';
import { templateById } from '../template/queries.ts';
import { returnWorkbook, WorkbookError, type WorkbookProblem } from './excel.ts';
import { importReturnWorkbook } from './import-return.ts';
import { findReturn, returnsOfSites, versionsOf, type CheckpointReturn } from './queries.ts';
import { returnForCorrection } from './return-for-correction.ts';
import { completenessProblems, emptyContent, fieldIds, readReturnForm, type AnswerProblem } from './return-form.ts';
import { ReturnConflictError, saveReturn } from './save-return.ts';
import { correctionSchema, revisionField, uploadSchema } from './schemas.ts';

const problemsAsErrors = (problems: AnswerProblem[]): FormErrors => {
  const errors: FormErrors = { fields: {}, list: [] };
  for (const problem of problems) {
    if (!errors.fields[problem.field]) errors.fields[problem.field] = problem.message;
    errors.list.push({ text: problem.message, href: `#${problem.field}` });
  }
  return errors;
};

/** A site's return for a round: the form, autosave, the Excel file both ways, and returning it for correction. */
export const returnRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config, mailer } = app.deps;
  const mailDeps = { mailer, publicUrl: config.publicUrl };

  async function loadReturnPage(request: FastifyRequest, params: { programmeId: string; number: number; siteId: string }) {
    const delivery = await loadDelivery(request, params.programmeId);
    const { number, siteId } = params;
    const [round, site] = await Promise.all([
      findRound(db, delivery.ctx.workspace.id, delivery.programme.id, number),
      findSite(db, delivery.ctx.workspace.id, delivery.programme.id, siteId),
    ]);
    if (!round || !site) throw new NotFoundError();
    if (!deliveryPolicy.seeSite(delivery, site))
      throw new ForbiddenError(`You can see returns only for the sites you answer for. Ask the programme team if you should answer for ${site.name}.`);
    const existing = await findReturn(db, delivery.ctx.workspace.id, round.id, site.id);
    if (!deliveryPolicy.seeReturn(delivery, site, existing?.status ?? null))
      throw new ForbiddenError(`${site.name} has not submitted this return yet. Drafts are seen only by the site and the programme team.`);
    const template = await templateById(db, delivery.ctx.workspace.id, round.templateId);
    if (!template) throw new NotFoundError();
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
    const content = view.content ?? existing?.content ?? emptyContent(template.definition);
    // The milestone dates' boxes show what was typed after an error, otherwise the dates held.
    const milestoneDates =
      view.raw ??
      Object.fromEntries(
        template.definition.milestones.flatMap((m) => [
          [fieldIds.actual(m.key), content.milestones[m.key]?.actualOn ?? ''],
          [fieldIds.forecast(m.key), content.milestones[m.key]?.forecastOn ?? ''],
        ]),
      );
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
      content,
      milestoneDates,
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

  const roundSite = { params: roundSiteParams };
  const roundSiteForm = { params: roundSiteParams, body: formBody };

  app.get('/:programmeId/delivery/rounds/:number/sites/:siteId', { schema: roundSite }, async (request, reply) => {
    const loaded = await loadReturnPage(request, request.params);
    return reply.page('delivery/views/return.njk', await returnPage(loaded));
  });

  app.post('/:programmeId/delivery/rounds/:number/sites/:siteId', { schema: roundSiteForm }, async (request, reply) => {
    const loaded = await loadReturnPage(request, request.params);
    const { delivery, round, site, existing, template } = loaded;
    const body = request.body;
    const submit = body.action === 'submit';
    // The return is a form built from the template, so it is read by the template rather than by a fixed schema.
    const { content, problems } = readReturnForm(template.definition, body);
    if (submit && problems.length === 0) problems.push(...completenessProblems(template.definition, content));
    const expectedRevision = revisionField.parse(body.revision);
    if (problems.length)
      return reply
        .status(400)
        .page('delivery/views/return.njk', await returnPage(loaded, { content, raw: body, errors: problemsAsErrors(problems), revision: expectedRevision }));
    try {
      await saveReturn(db, delivery.ctx, delivery, { programme: delivery.programme, round, site, content, expectedRevision, submit, source: 'form' });
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
      if (!(error instanceof RuleError)) throw error;
      return reply
        .status(error.statusCode)
        .page(
          'delivery/views/return.njk',
          await returnPage(loaded, { content, errors: { fields: {}, list: [{ text: error.message, href: '#return-form' }] } }),
        );
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
  app.post('/:programmeId/delivery/rounds/:number/sites/:siteId/autosave', { schema: roundSiteForm }, async (request, reply) => {
    const loaded = await loadReturnPage(request, request.params);
    const { delivery, round, site, existing, template } = loaded;
    if (!canEdit(delivery, round, site, existing) || existing?.status === 'submitted')
      return reply.status(409).send({ saved: false, error: 'This return can no longer be changed here. Reload the page.' });
    const { content, problems } = readReturnForm(template.definition, request.body);
    if (problems.length) return reply.status(400).send({ saved: false, error: `Not saved: ${problems[0].message}.` });
    try {
      const saved = await saveReturn(db, delivery.ctx, delivery, {
        programme: delivery.programme,
        round,
        site,
        content,
        expectedRevision: revisionField.parse(request.body.revision),
        submit: false,
        source: 'form',
      });
      return reply.send({ saved: true, revision: saved.revision });
    } catch (error) {
      if (error instanceof ReturnConflictError)
        return reply.status(409).send({ saved: false, error: `Not saved: ${error.message} Press “Save as draft” to see both.` });
      if (error instanceof RuleError) return reply.status(409).send({ saved: false, error: error.message });
      throw error;
    }
  });

  app.get('/:programmeId/delivery/rounds/:number/sites/:siteId/return.xlsx', { schema: roundSite }, async (request, reply) => {
    const { delivery, round, site, existing, template } = await loadReturnPage(request, request.params);
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

  app.post('/:programmeId/delivery/rounds/:number/sites/:siteId/upload', { schema: roundSiteForm }, async (request, reply) => {
    const loaded = await loadReturnPage(request, request.params);
    const { delivery, round, site } = loaded;
    if (!deliveryPolicy.submitFor(delivery, site)) throw new ForbiddenError(`Only ${site.name}’s leads and the programme team can upload its return.`);
    const { file, submit } = uploadSchema.parse(request.body);
    if (!file?.data.length) {
      return reply
        .status(400)
        .page('delivery/views/return.njk', await returnPage(loaded, { uploadProblems: [{ message: 'Choose the Excel file to upload' }] }));
    }
    try {
      const sites = await sitesOf(db, delivery.ctx.workspace.id, delivery.programme.id, { contacts: false });
      await importReturnWorkbook(db, delivery.ctx, delivery, {
        data: file.data,
        filename: file.filename,
        submit,
        source: 'excel',
        expected: { programmeId: delivery.programme.id, round, site },
        actingForNames: sites.filter((s) => delivery.leadSiteIds.includes(s.id)).map((s) => s.name),
      });
    } catch (error) {
      // What is wrong with the file, cell by cell; or the rule (a closed round, someone else's save) that stopped it.
      const problems: WorkbookProblem[] | undefined =
        error instanceof WorkbookError ? error.problems : error instanceof RuleError ? [{ message: error.message }] : undefined;
      if (!problems) throw error;
      return reply.status(400).page('delivery/views/return.njk', await returnPage(loaded, { uploadProblems: problems }));
    }
    setFlash(reply, {
      kind: 'success',
      text: submit ? `Uploaded and submitted ${site.name}’s return for ${round.title}.` : 'Uploaded. Check the answers below, then submit.',
    });
    return reply.redirect(returnPath(delivery, round, site));
  });

  app.post('/:programmeId/delivery/rounds/:number/sites/:siteId/return-for-correction', { schema: roundSiteForm }, async (request, reply) => {
    const loaded = await loadReturnPage(request, request.params);
    const { delivery, round, site } = loaded;
    return submitForm(reply, {
      schema: correctionSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('delivery/views/return.njk', await returnPage(loaded, { errors })),
      save: ({ reason }) => returnForCorrection(db, mailDeps, delivery.ctx, delivery, { programme: delivery.programme, round, site }, reason),
      done: () => ({ to: returnPath(delivery, round, site), flash: `Returned to ${site.name} for correction; its leads have been e-mailed.` }),
    });
  });

  /** A site contact's own returns: every round for each site they answer for. */
  app.get('/:programmeId/delivery/returns', { schema: { params: deliveryParams } }, async (request, reply) => {
    const delivery = await loadDelivery(request, request.params.programmeId);
    const workspaceId = delivery.ctx.workspace.id;
    const [sites, rounds] = await Promise.all([
      sitesOf(db, workspaceId, delivery.programme.id, { contacts: false }),
      roundsOf(db, workspaceId, delivery.programme.id),
    ]);
    const mine = sites.filter((site) => delivery.ownSiteIds.includes(site.id));
    const visibleRounds = rounds.filter((r) => r.status !== 'upcoming').reverse();
    // One query for all of this person's returns, rather than a tracker per round.
    const returns = await returnsOfSites(
      db,
      workspaceId,
      mine.map((s) => s.id),
    );
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
};
