import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../core/http/errors.ts';
import { sectionPurposeLabels } from '../../core/views/labels.ts';
import { redirectWithFlash } from '../../core/http/flash.ts';
import { formErrorsFrom, noErrors, type FormErrors, formText } from '../../core/http/forms.ts';
import { choice, dateField, optionalText, requiredText } from '../../core/http/fields.ts';
import { loadDelivery, loadManagedDelivery, type DeliveryRequest } from './access.ts';
import { roundsOf } from './rounds.ts';
import { sectionPurposes } from './tables.ts';
import {
  addItem,
  changeTemplate,
  emptyDefinition,
  itemCount,
  latestTemplate,
  moveItem,
  removeItem,
  standardDefinition,
  templateItemKinds,
  TemplateRuleError,
  updateItem,
  type TemplateItemKind,
} from './template.ts';

export const templateKindLabels: Record<TemplateItemKind, { plural: string; singular: string; hint: string }> = {
  workstreams: { plural: 'Workstreams', singular: 'workstream', hint: 'Each site gives every workstream a RAG status, and explains amber and red.' },
  milestones: { plural: 'Milestones', singular: 'milestone', hint: 'Sites give the date each was met, or the date now forecast.' },
  indicators: {
    plural: 'Indicators',
    singular: 'indicator',
    hint: 'Figures for the period. The target is per site per round; leave it empty where there is none.',
  },
  sections: { plural: 'Free-text sections', singular: 'free-text section', hint: 'The narrative the checkpoint meeting reads: these are coded into themes.' },
};

const numberOrNull = (label: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v.trim().replace(/,/g, '')) : null),
    z
      .number({ error: `${label} must be a number` })
      .finite(`${label} must be a number`)
      .min(0, `${label} cannot be negative`)
      .max(1e9, `${label} is too large`)
      .nullable(),
  );

const itemSchemas = {
  workstreams: z.object({ name: requiredText('the workstream’s name', 200), description: optionalText('description', 1000) }),
  milestones: z.object({
    name: requiredText('the milestone', 200),
    plannedOn: dateField('the planned date'),
  }),
  indicators: z.object({
    name: requiredText('the indicator’s name', 200),
    definition: requiredText('a definition, so every site counts the same thing', 1000),
    unit: requiredText('the unit, like enquiries or days', 40),
    target: numberOrNull('The target'),
    aggregation: z.preprocess((v) => v ?? 'sum', choice(['sum', 'average'] as const, 'Choose whether sites’ figures are added up or averaged')),
    better: z.preprocess((v) => v ?? 'higher', choice(['higher', 'lower'] as const, 'Choose whether a higher or a lower figure is better')),
  }),
  sections: z.object({
    name: requiredText('the section’s name', 200),
    prompt: optionalText('prompt', 1000),
    purpose: z.preprocess((v) => v ?? 'other', choice(sectionPurposes, 'Choose what the section is for')),
  }),
} as const;

/** The return template: the standard start, and each workstream, milestone, indicator and question. */
export const templateRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app.deps;

  async function templatePage(delivery: DeliveryRequest, edit?: { kind: TemplateItemKind; key?: string; values: Record<string, unknown>; errors: FormErrors }) {
    const template = await latestTemplate(db, delivery.ctx.workspace.id, delivery.programme.id);
    const rounds = await roundsOf(db, delivery.ctx.workspace.id, delivery.programme.id);
    const definition = template?.definition ?? emptyDefinition();
    const versionsInUse = [...new Set(rounds.map((r) => r.templateId))];
    return {
      ...delivery,
      title: `Return template – ${delivery.programme.name}`,
      section: 'delivery',
      deliverySection: 'template',
      template,
      definition,
      empty: itemCount(definition) === 0,
      frozen: Boolean(template && versionsInUse.includes(template.id)),
      roundsOnVersion: template ? rounds.filter((r) => r.templateId === template.id).map((r) => r.number) : [],
      kinds: templateItemKinds.map((kind) => ({ kind, ...templateKindLabels[kind], article: kind === 'indicators' ? 'an' : 'a', items: definition[kind] })),
      edit,
      purposeItems: sectionPurposes.map((value) => ({ value, text: sectionPurposeLabels[value] })),
      errors: edit?.errors ?? noErrors,
    };
  }

  app.get('/:programmeId/delivery/template', async (request, reply) => {
    const delivery = await loadDelivery(request);
    if (!delivery.canSeeDashboard) return reply.redirect(`${delivery.deliveryBase}/returns`);
    const query = request.query as { edit?: string; kind?: string };
    let edit;
    if (delivery.canManage && query.kind && (templateItemKinds as string[]).includes(query.kind)) {
      const kind = query.kind as TemplateItemKind;
      const template = await latestTemplate(db, delivery.ctx.workspace.id, delivery.programme.id);
      const item = query.edit ? (template?.definition[kind] as Array<{ key: string }> | undefined)?.find((i) => i.key === query.edit) : undefined;
      if (query.edit && !item) throw new NotFoundError();
      edit = { kind, key: item?.key, values: (item ?? {}) as Record<string, unknown>, errors: noErrors };
    }
    return reply.page('delivery/views/template.njk', await templatePage(delivery, edit));
  });

  app.post('/:programmeId/delivery/template/standard', async (request, reply) => {
    const delivery = await loadManagedDelivery(request);
    const template = await latestTemplate(db, delivery.ctx.workspace.id, delivery.programme.id);
    if (template && itemCount(template.definition) > 0)
      return redirectWithFlash(reply, delivery.deliveryBase + '/template', 'The template already has items. Change them one by one below.', 'important');
    await changeTemplate(db, delivery.ctx, delivery.programme.id, 'Started from the standard fostering recruitment return', (definition) =>
      Object.assign(definition, standardDefinition(delivery.programme.startsOn)),
    );
    return redirectWithFlash(
      reply,
      delivery.deliveryBase + '/template',
      'Added the standard return: 5 workstreams, 5 milestones, 6 indicators and 4 free-text sections. Change any of them below.',
    );
  });

  app.post('/:programmeId/delivery/template/items', async (request, reply) => {
    const delivery = await loadManagedDelivery(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const kind = formText(body.kind) as TemplateItemKind;
    if (!templateItemKinds.includes(kind)) throw new NotFoundError();
    const key = typeof body.key === 'string' && body.key ? body.key : undefined;
    const action = formText(body.action, 'save');
    try {
      if (key && (action === 'remove' || action === 'up' || action === 'down')) {
        let name = '';
        const saved = await changeTemplate(
          db,
          delivery.ctx,
          delivery.programme.id,
          `${action === 'remove' ? 'Removed' : 'Moved'} a ${templateKindLabels[kind].singular}`,
          (definition) => {
            if (action === 'remove') name = removeItem(definition, kind, key);
            else moveItem(definition, kind, key, action);
          },
        );
        return redirectWithFlash(
          reply,
          delivery.deliveryBase + '/template',
          action === 'remove'
            ? `Removed “${name}”. Returns already made keep their answer to it (template version ${saved.version}).`
            : `Moved (template version ${saved.version}).`,
        );
      }
      const parsed = itemSchemas[kind].safeParse(body);
      if (!parsed.success)
        return reply
          .status(400)
          .page('delivery/views/template.njk', await templatePage(delivery, { kind, key, values: body, errors: formErrorsFrom(parsed.error) }));
      const saved = await changeTemplate(
        db,
        delivery.ctx,
        delivery.programme.id,
        `${key ? 'Changed' : 'Added'} the ${templateKindLabels[kind].singular} “${parsed.data.name}”`,
        (definition) => {
          if (key) updateItem(definition, kind, key, parsed.data);
          else addItem(definition, kind, parsed.data);
        },
      );
      return redirectWithFlash(
        reply,
        delivery.deliveryBase + '/template',
        `${key ? 'Saved' : 'Added'} “${parsed.data.name}” (template version ${saved.version}).`,
      );
    } catch (error) {
      if (!(error instanceof TemplateRuleError)) throw error;
      return redirectWithFlash(reply, delivery.deliveryBase + '/template', error.message, 'important');
    }
  });
};
