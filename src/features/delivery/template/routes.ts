import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NotFoundError } from '../../../core/http/errors.ts';
import { noErrors, type FormErrors } from '../../../core/http/forms.ts';
import { formBody } from '../../../core/http/route-schemas.ts';
import { submitAction, submitForm } from '../../../core/http/submit-form.ts';
import { sectionPurposeLabels } from '../../../core/views/labels.ts';
import { loadDelivery, loadManagedDelivery, type DeliveryRequest } from '../load.ts';
import { roundsOf } from '../rounds/queries.ts';
import { deliveryParams } from '../schemas.ts';
import { sectionPurposes } from '../tables.ts';
import { changeTemplate } from './change-template.ts';
import { addItem, emptyDefinition, itemCount, moveItem, removeItem, templateItemKinds, updateItem, type TemplateItemKind } from './definition.ts';
import { latestTemplate } from './queries.ts';
import { itemSchemas, itemTarget, templatePageQuery } from './schemas.ts';
import { useStandardTemplate } from './use-standard-template.ts';

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

/** The return template: the standard start, and each workstream, milestone, indicator and question. */
export const templateRoutes: FastifyPluginAsyncZod = async (app) => {
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

  app.get('/:programmeId/delivery/template', { schema: { params: deliveryParams, querystring: templatePageQuery } }, async (request, reply) => {
    const delivery = await loadDelivery(request, request.params.programmeId);
    if (!delivery.canSeeDashboard) return reply.redirect(`${delivery.deliveryBase}/returns`);
    const { kind, edit: editKey } = request.query;
    let edit;
    if (delivery.canManage && kind) {
      const template = await latestTemplate(db, delivery.ctx.workspace.id, delivery.programme.id);
      const item = editKey ? template?.definition[kind].find((i) => i.key === editKey) : undefined;
      if (editKey && !item) throw new NotFoundError();
      edit = { kind, key: item?.key, values: { ...item }, errors: noErrors };
    }
    return reply.page('delivery/views/template.njk', await templatePage(delivery, edit));
  });

  app.post('/:programmeId/delivery/template/standard', { schema: { params: deliveryParams } }, async (request, reply) => {
    const delivery = await loadManagedDelivery(request, request.params.programmeId);
    return submitAction(reply, {
      back: `${delivery.deliveryBase}/template`,
      run: () => useStandardTemplate(db, delivery.ctx, delivery, delivery.programme),
      done: () => ({ flash: 'Added the standard return: 5 workstreams, 5 milestones, 6 indicators and 4 free-text sections. Change any of them below.' }),
    });
  });

  app.post('/:programmeId/delivery/template/items', { schema: { params: deliveryParams, body: formBody } }, async (request, reply) => {
    const delivery = await loadManagedDelivery(request, request.params.programmeId);
    const target = itemTarget.safeParse(request.body);
    if (!target.success) throw new NotFoundError();
    const { kind, key, action } = target.data;
    const back = `${delivery.deliveryBase}/template`;
    const singular = templateKindLabels[kind].singular;
    if (key && action !== 'save') {
      let name = '';
      return submitAction(reply, {
        back,
        run: () =>
          changeTemplate(db, delivery.ctx, delivery, delivery.programme.id, `${action === 'remove' ? 'Removed' : 'Moved'} a ${singular}`, (definition) => {
            if (action === 'remove') name = removeItem(definition, kind, key);
            else moveItem(definition, kind, key, action);
          }),
        done: (saved) => ({
          flash:
            action === 'remove'
              ? `Removed “${name}”. Returns already made keep their answer to it (template version ${saved.version}).`
              : `Moved (template version ${saved.version}).`,
        }),
      });
    }
    return submitForm(reply, {
      schema: itemSchemas[kind],
      body: request.body,
      redisplay: async (errors) => reply.page('delivery/views/template.njk', await templatePage(delivery, { kind, key, values: request.body, errors })),
      save: (item) =>
        changeTemplate(db, delivery.ctx, delivery, delivery.programme.id, `${key ? 'Changed' : 'Added'} the ${singular} “${item.name}”`, (definition) => {
          if (key) updateItem(definition, kind, key, item);
          else addItem(definition, kind, item);
        }),
      done: (saved, item) => ({ to: back, flash: `${key ? 'Saved' : 'Added'} “${item.name}” (template version ${saved.version}).` }),
    });
  });
};
