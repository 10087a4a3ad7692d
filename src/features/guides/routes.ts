import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isStaff } from '../../core/auth/roles.ts';
import { workspaceContext, type WorkspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError } from '../../core/http/errors.ts';
import { noErrors, type FormErrors } from '../../core/http/forms.ts';
import { formBody, queryOf } from '../../core/http/route-schemas.ts';
import { submitAction, submitForm } from '../../core/http/submit-form.ts';
import { renderMarkdown } from '../../core/views/markdown.ts';
import { formatDate } from '../../core/views/format.ts';
import { findPerson } from '../people/queries.ts';
import { memberOptions } from '../people/queries.ts';
import { compareVersions, findStep, guideMarkdown, stepsOf } from './content.ts';
import { createGuide } from './create-guide.ts';
import { guidePolicy } from './policy.ts';
import { publishCheck, publishGuide } from './publish-guide.ts';
import { commentsOn, findGuide, guidesIn, linkedTitles, progressOf, versionOf, versionsOf, type Guide } from './queries.ts';
import { restoreVersion } from './restore-version.ts';
import { saveGuideDetails, saveSection, saveStep } from './save-guide.ts';
import { commentSchema, compareQuery, guideParams, guideSchema, sectionSchema, stepParams, stepSchema, versionParams } from './schemas.ts';
import { linkOptions } from './link-options.ts';
import type { GuideContent } from './tables.ts';
import { commentOnStep, markStepDone } from './work-through.ts';

const doneBody = z.looseObject({ done: z.enum(['yes', 'no']).catch('yes') });
const publishBody = z.looseObject({ action: z.enum(['publish', 'unpublish']).catch('publish'), seenVersion: z.coerce.number().int().catch(0) });
const restoreBody = z.looseObject({ seenVersion: z.coerce.number().int().catch(0) });
const newStepQuery = queryOf({ section: z.string().max(40).optional().catch(undefined) });

/** Guides: reading and working through them, writing them version by version, comparing and restoring versions, publishing and exporting. */
export const guideRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.deps;

  async function loadGuide(request: FastifyRequest, guideId: string) {
    const ctx = workspaceContext(request);
    const guide = await findGuide(db, ctx.workspace.id, guideId);
    if (!guide) throw new NotFoundError();
    const version = await versionOf(db, ctx.workspace.id, guide.id, guide.version);
    if (!version) throw new NotFoundError();
    return {
      ctx,
      guide,
      content: version.content,
      savedAt: version.savedAt,
      base: `/w/${ctx.workspace.slug}/guides/${guide.id}`,
      canEdit: guidePolicy.edit(ctx.member, guide),
    };
  }

  /** A version's sections and steps as the page shows them: guidance made safe, links named, comments and progress beside each step. */
  async function readable(ctx: WorkspaceContext, guide: Guide, content: GuideContent) {
    const workspaceId = ctx.workspace.id;
    const [titles, comments, progress, me] = await Promise.all([
      linkedTitles(db, workspaceId, content),
      commentsOn(db, workspaceId, guide.id),
      progressOf(db, workspaceId, guide.id),
      ctx.member.personId ? findPerson(db, workspaceId, ctx.member.personId) : undefined,
    ]);
    const staff = isStaff(ctx.member.role);
    const myOrganisation = me?.organisationId ?? null;
    const sections = content.sections.map((section, s) => ({
      ...section,
      number: s + 1,
      steps: section.steps.map((step, i) => ({
        ...step,
        number: `${s + 1}.${i + 1}`,
        html: renderMarkdown(step.guidance),
        // Unpublished lessons are named only to the staff who curate them.
        lessons: step.lessonIds.flatMap((id) => {
          const found = titles.get(id);
          return found && (found.status === 'published' || staff) ? [{ id, title: found.title }] : [];
        }),
        evidence: step.evidenceIds.flatMap((id) => (titles.get(id) ? [{ id, title: titles.get(id)!.title }] : [])),
        comments: comments.get(step.key) ?? [],
        doneHere: myOrganisation !== null && progress.some((p) => p.organisationId === myOrganisation && p.stepKey === step.key),
      })),
    }));
    const steps = stepsOf(content);
    const bySite = new Map<string, { organisation: string; done: number }>();
    for (const row of progress)
      if (steps.some((step) => step.key === row.stepKey))
        bySite.set(row.organisationId, { organisation: row.organisation, done: (bySite.get(row.organisationId)?.done ?? 0) + 1 });
    return { sections, stepCount: steps.length, sites: staff ? [...bySite.values()] : [], hasSite: myOrganisation !== null };
  }

  app.get('/', async (request, reply) => {
    const ctx = workspaceContext(request);
    return reply.page('guides/views/list.njk', {
      title: 'Guides',
      guides: await guidesIn(db, ctx.workspace.id),
      canCreate: guidePolicy.create(ctx.member),
      values: {},
      errors: noErrors,
    });
  });

  app.post('/', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    return submitForm(reply, {
      schema: guideSchema,
      body: request.body,
      redisplay: async (errors) =>
        reply.page('guides/views/list.njk', { title: 'Guides', guides: await guidesIn(db, ctx.workspace.id), canCreate: true, values: request.body, errors }),
      save: (input) => createGuide(db, ctx, input),
      done: (id) => ({ to: `/w/${ctx.workspace.slug}/guides/${id}`, flash: 'The guide is started. Add its first section.' }),
    });
  });

  async function guidePage(request: FastifyRequest, guideId: string, values: Record<string, unknown>, errors: FormErrors) {
    const loaded = await loadGuide(request, guideId);
    const owner = loaded.guide.ownerPersonId ? await findPerson(db, loaded.ctx.workspace.id, loaded.guide.ownerPersonId) : undefined;
    return {
      ...loaded,
      ...(await readable(loaded.ctx, loaded.guide, loaded.content)),
      title: loaded.guide.title,
      summaryHtml: renderMarkdown(loaded.content.summary),
      owner: owner?.fullName ?? null,
      canComment: guidePolicy.comment(loaded.ctx.member),
      canPublish: guidePolicy.publish(loaded.ctx.member),
      publicUrl: `${config.publicUrl}/public/${loaded.ctx.workspace.slug}/guides/${loaded.guide.slug}`,
      values,
      errors,
    };
  }

  app.get('/:guideId', { schema: { params: guideParams } }, async (request, reply) =>
    reply.page('guides/views/guide.njk', await guidePage(request, request.params.guideId, {}, noErrors)),
  );

  async function detailsPage(request: FastifyRequest, guideId: string, values: Record<string, unknown> | undefined, errors: FormErrors) {
    const loaded = await loadGuide(request, guideId);
    authorize(loaded.canEdit, 'Only facilitators and the guide’s owner change it.');
    return {
      ...loaded,
      title: `Change “${loaded.guide.title}”`,
      ownerItems: await memberOptions(db, loaded.ctx.workspace.id),
      values: values ?? {
        ...loaded.content,
        ownerPersonId: loaded.guide.ownerPersonId,
        reviewDueOn: loaded.guide.reviewDueOn ?? '',
        baseVersion: loaded.guide.version,
      },
      errors,
    };
  }

  app.get('/:guideId/edit', { schema: { params: guideParams } }, async (request, reply) =>
    reply.page('guides/views/details-form.njk', await detailsPage(request, request.params.guideId, undefined, noErrors)),
  );

  app.post('/:guideId/edit', { schema: { params: guideParams, body: formBody } }, async (request, reply) => {
    const { ctx, guide, base } = await loadGuide(request, request.params.guideId);
    return submitForm(reply, {
      schema: guideSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('guides/views/details-form.njk', await detailsPage(request, guide.id, request.body, errors)),
      save: (input) => saveGuideDetails(db, ctx, guide.id, input),
      done: (number) => ({ to: base, flash: `Saved as version ${number}.` }),
    });
  });

  app.post('/:guideId/sections', { schema: { params: guideParams, body: formBody } }, async (request, reply) => {
    const { ctx, guide, base } = await loadGuide(request, request.params.guideId);
    return submitForm(reply, {
      schema: sectionSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('guides/views/guide.njk', await guidePage(request, guide.id, request.body, errors)),
      save: (input) => saveSection(db, ctx, guide.id, input),
      done: (number) => ({ to: `${base}#sections-end`, flash: `Section added: version ${number}. Add its steps next.` }),
    });
  });

  async function stepPage(
    request: FastifyRequest,
    guideId: string,
    stepKey: string | undefined,
    values: Record<string, unknown> | undefined,
    errors: FormErrors,
    /** For a new step: the section it goes in (the last one unless said). */
    sectionKey?: string,
  ) {
    const loaded = await loadGuide(request, guideId);
    authorize(loaded.canEdit, 'Only facilitators and the guide’s owner change it.');
    const found = stepKey ? findStep(loaded.content, stepKey) : undefined;
    if (stepKey && !found) throw new NotFoundError();
    const section = sectionKey ?? loaded.content.sections.at(-1)?.key;
    return {
      ...loaded,
      title: found ? `Change “${found.step.title}”` : 'Add a step',
      step: found?.step,
      sectionItems: loaded.content.sections.map((s) => ({ value: s.key, text: s.title })),
      ...(await linkOptions(db, loaded.ctx.workspace.id)),
      values: values ?? {
        ...(found?.step ?? { lessonIds: [], evidenceIds: [] }),
        checklist: found?.step.checklist.join('\n') ?? '',
        sectionKey: found?.section.key ?? section,
        baseVersion: loaded.guide.version,
      },
      errors,
    };
  }

  app.get('/:guideId/steps/new', { schema: { params: guideParams, querystring: newStepQuery } }, async (request, reply) =>
    reply.page('guides/views/step-form.njk', await stepPage(request, request.params.guideId, undefined, undefined, noErrors, request.query.section)),
  );

  app.post('/:guideId/steps', { schema: { params: guideParams, body: formBody } }, async (request, reply) => {
    const { ctx, guide, base } = await loadGuide(request, request.params.guideId);
    return submitForm(reply, {
      schema: stepSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('guides/views/step-form.njk', await stepPage(request, guide.id, undefined, request.body, errors)),
      save: (input) => saveStep(db, ctx, guide.id, input),
      done: (saved) => ({ to: `${base}#step-${saved.stepKey}`, flash: `Step added: version ${saved.number}.` }),
    });
  });

  app.get('/:guideId/steps/:stepKey/edit', { schema: { params: stepParams } }, async (request, reply) =>
    reply.page('guides/views/step-form.njk', await stepPage(request, request.params.guideId, request.params.stepKey, undefined, noErrors)),
  );

  app.post('/:guideId/steps/:stepKey/edit', { schema: { params: stepParams, body: formBody } }, async (request, reply) => {
    const { ctx, guide, base } = await loadGuide(request, request.params.guideId);
    const { stepKey } = request.params;
    return submitForm(reply, {
      schema: stepSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('guides/views/step-form.njk', await stepPage(request, guide.id, stepKey, request.body, errors)),
      save: (input) => saveStep(db, ctx, guide.id, input, stepKey),
      done: (saved) => ({ to: `${base}#step-${saved.stepKey}`, flash: `Step saved: version ${saved.number}.` }),
    });
  });

  app.post('/:guideId/steps/:stepKey/comments', { schema: { params: stepParams, body: formBody } }, async (request, reply) => {
    const { ctx, guide, base } = await loadGuide(request, request.params.guideId);
    const { stepKey } = request.params;
    return submitForm(reply, {
      schema: commentSchema,
      body: request.body,
      redisplay: async (errors) =>
        reply.page(
          'guides/views/guide.njk',
          await guidePage(
            request,
            guide.id,
            { ...request.body, commentStep: stepKey },
            { ...errors, list: errors.list.map((e) => ({ ...e, href: `#comment-${stepKey}` })) },
          ),
        ),
      save: (input) => commentOnStep(db, ctx, guide.id, stepKey, input),
      done: () => ({ to: `${base}#step-${stepKey}`, flash: 'Your comment is added.' }),
    });
  });

  app.post('/:guideId/steps/:stepKey/done', { schema: { params: stepParams, body: doneBody } }, async (request, reply) => {
    const { ctx, guide, base } = await loadGuide(request, request.params.guideId);
    const { stepKey } = request.params;
    const done = request.body.done === 'yes';
    return submitAction(reply, {
      back: `${base}#step-${stepKey}`,
      run: () => markStepDone(db, ctx, guide.id, stepKey, done),
      done: (organisation) => ({
        to: `${base}#step-${stepKey}`,
        flash: done ? `Marked done for ${organisation}.` : `No longer marked done for ${organisation}.`,
      }),
    });
  });

  app.get('/:guideId/versions', { schema: { params: guideParams, querystring: compareQuery } }, async (request, reply) => {
    const loaded = await loadGuide(request, request.params.guideId);
    const workspaceId = loaded.ctx.workspace.id;
    const versions = await versionsOf(db, workspaceId, loaded.guide.id);
    const to = request.query.to ?? loaded.guide.version;
    const from = request.query.from ?? Math.max(1, to - 1);
    const [older, newer] = await Promise.all([versionOf(db, workspaceId, loaded.guide.id, from), versionOf(db, workspaceId, loaded.guide.id, to)]);
    // One look-up names what either version links to.
    const titles = await linkedTitles(db, workspaceId, {
      title: '',
      summary: '',
      sections: [...(older?.content.sections ?? []), ...(newer?.content.sections ?? [])],
    });
    return reply.page('guides/views/versions.njk', {
      ...loaded,
      title: `History – ${loaded.guide.title}`,
      versions,
      from,
      to,
      comparison: older && newer && from !== to ? compareVersions(guideMarkdown(older.content, titles), guideMarkdown(newer.content, titles)) : null,
      versionItems: versions.map((v) => ({ value: String(v.number), text: `Version ${v.number}: ${v.changeNote}` })),
    });
  });

  app.get('/:guideId/versions/:number', { schema: { params: versionParams } }, async (request, reply) => {
    const loaded = await loadGuide(request, request.params.guideId);
    const version = await versionOf(db, loaded.ctx.workspace.id, loaded.guide.id, request.params.number);
    if (!version) throw new NotFoundError();
    return reply.page('guides/views/version.njk', {
      ...loaded,
      ...(await readable(loaded.ctx, loaded.guide, version.content)),
      title: `Version ${version.number} – ${loaded.guide.title}`,
      version,
      newer: (await versionsOf(db, loaded.ctx.workspace.id, loaded.guide.id)).filter((v) => v.number > version.number),
    });
  });

  app.get('/:guideId/versions/:number/restore', { schema: { params: versionParams } }, async (request, reply) => {
    const loaded = await loadGuide(request, request.params.guideId);
    authorize(loaded.canEdit, 'Only facilitators and the guide’s owner restore its versions.');
    const version = await versionOf(db, loaded.ctx.workspace.id, loaded.guide.id, request.params.number);
    if (!version) throw new NotFoundError();
    const newer = (await versionsOf(db, loaded.ctx.workspace.id, loaded.guide.id)).filter((v) => v.number > version.number);
    return reply.page('guides/views/restore.njk', { ...loaded, title: `Restore version ${version.number}?`, version, newer });
  });

  app.post('/:guideId/versions/:number/restore', { schema: { params: versionParams, body: restoreBody } }, async (request, reply) => {
    const { ctx, guide, base } = await loadGuide(request, request.params.guideId);
    const { number } = request.params;
    return submitAction(reply, {
      back: `${base}/versions/${number}/restore`,
      run: () => restoreVersion(db, ctx, guide.id, number, request.body.seenVersion),
      done: (restored) => ({ to: base, flash: `Version ${number} is back, as version ${restored}. The versions in between are kept in the history.` }),
    });
  });

  app.get('/:guideId/publish', { schema: { params: guideParams } }, async (request, reply) => {
    const loaded = await loadGuide(request, request.params.guideId);
    authorize(guidePolicy.publish(loaded.ctx.member), 'Only facilitators and administrators publish guides.');
    return reply.page('guides/views/publish.njk', {
      ...loaded,
      title: `Publish “${loaded.guide.title}”`,
      check: await publishCheck(db, loaded.ctx.workspace.id, loaded.content),
      publicUrl: `${config.publicUrl}/public/${loaded.ctx.workspace.slug}/guides/${loaded.guide.slug}`,
    });
  });

  app.post('/:guideId/publish', { schema: { params: guideParams, body: publishBody } }, async (request, reply) => {
    const { ctx, guide, base } = await loadGuide(request, request.params.guideId);
    const publish = request.body.action === 'publish';
    return submitAction(reply, {
      back: `${base}/publish`,
      run: () => publishGuide(db, ctx, guide.id, publish, request.body.seenVersion),
      done: () => ({
        to: base,
        flash: publish ? 'Published: anyone with the address can read this version now.' : 'Taken down: the public address no longer shows the guide.',
      }),
    });
  });

  app.get('/:guideId/guide.md', { schema: { params: guideParams } }, async (request, reply) => {
    const { ctx, guide, content, savedAt } = await loadGuide(request, request.params.guideId);
    const titles = await linkedTitles(db, ctx.workspace.id, content);
    const stamp = `_Version ${guide.version}, ${formatDate(savedAt)}. ${ctx.workspace.name}._`;
    return reply
      .type('text/markdown; charset=utf-8')
      .header('content-disposition', `attachment; filename="${guide.slug}.md"`)
      .send(guideMarkdown(content, titles, stamp));
  });

  app.get('/:guideId/guide.docx', { schema: { params: guideParams } }, async (request, reply) => {
    const { ctx, guide, content, savedAt } = await loadGuide(request, request.params.guideId);
    const { guideDocx } = await import('./guide-docx.ts');
    const file = await guideDocx(
      content,
      { version: guide.version, savedAt, workspace: ctx.workspace.name },
      await linkedTitles(db, ctx.workspace.id, content),
    );
    return reply
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', `attachment; filename="${guide.slug}.docx"`)
      .send(file);
  });
};
