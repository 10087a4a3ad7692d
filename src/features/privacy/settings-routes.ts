import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { workspaces } from '../../core/db/tables.ts';
import { workspaceContext } from '../../core/http/context.ts';
import { authorize, NotFoundError } from '../../core/http/errors.ts';
import { formErrorsFrom, noErrors, type FormErrors } from '../../core/http/forms.ts';
import { formBody, pathParams } from '../../core/http/route-schemas.ts';
import { setFlash } from '../../core/http/flash.ts';
import { renderMarkdown } from '../../core/views/markdown.ts';
import { privacyPolicy } from './policy.ts';
import { formatMonths } from '../../core/views/format.ts';
import { RETENTION_KINDS, RETENTION_MONTHS } from './retention.ts';
import { savePrivacySettings } from './save-privacy-settings.ts';
import { privacySettingsSchema } from './schemas.ts';
import { settingsOf } from './queries.ts';

/** The workspace's privacy notice and retention rules, set by its administrators. */
export const privacySettingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const page = (values: Record<string, unknown>, errors: FormErrors, slug: string) => ({
    title: 'Privacy notice and retention',
    values,
    errors,
    publicPath: `/public/${slug}/privacy`,
    kinds: RETENTION_KINDS.map((kind) => ({
      ...kind,
      items: [{ value: '', text: 'As long as the workspace' }, ...RETENTION_MONTHS.map((months) => ({ value: months, text: formatMonths(Number(months)) }))],
    })),
  });

  app.get('/', async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(privacyPolicy.settings(ctx.member));
    const settings = await settingsOf(db, ctx.workspace.id);
    const values: Record<string, unknown> = { notice: settings.notice };
    for (const { kind } of RETENTION_KINDS) values[kind] = settings.retention[kind] ? String(settings.retention[kind]) : '';
    return reply.page('privacy/views/settings.njk', page(values, noErrors, ctx.workspace.slug));
  });

  app.post('/', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = workspaceContext(request);
    authorize(privacyPolicy.settings(ctx.member));
    const parsed = privacySettingsSchema.safeParse(request.body);
    if (!parsed.success) return reply.status(400).page('privacy/views/settings.njk', page(request.body, formErrorsFrom(parsed.error), ctx.workspace.slug));
    await savePrivacySettings(db, ctx, parsed.data);
    setFlash(reply, { kind: 'success', text: 'Saved the privacy notice and retention rules. Older records are deleted at the next nightly run.' });
    return reply.redirect(`/w/${ctx.workspace.slug}/privacy-settings`);
  });
};

/** A workspace's privacy notice at a public address, for the people whose data it holds, signed in or not (survey respondents). */
export const publicPrivacyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.deps;
  app.get('/public/:workspaceSlug/privacy', { schema: { params: pathParams({ workspaceSlug: z.string().max(100) }) } }, async (request, reply) => {
    // Read here, not through the workspaces feature, which registers this one (as the public lesson pages do).
    const [workspace] = await db.select().from(workspaces).where(eq(workspaces.slug, request.params.workspaceSlug));
    if (!workspace) throw new NotFoundError();
    const settings = await settingsOf(db, workspace.id);
    return reply.header('cache-control', 'public, max-age=300').page('privacy/views/notice.njk', {
      title: `Privacy notice: ${workspace.name}`,
      workspaceName: workspace.name,
      noticeHtml: settings.notice ? renderMarkdown(settings.notice) : '',
      retention: RETENTION_KINDS.filter(({ kind }) => settings.retention[kind]).map(({ label, kind }) => ({
        label,
        period: formatMonths(settings.retention[kind]!),
      })),
      contact: { email: config.contactEmail },
    });
  });
};
