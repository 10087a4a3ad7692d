import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { ForbiddenError, NotFoundError } from '../../core/http/errors.ts';
import { countOf, sectionPurposeLabels } from '../../core/views/labels.ts';
import { buildDashboard, dashboardWorkbook } from './dashboard.ts';
import { setFlash } from '../../core/http/flash.ts';
import { fieldError, formErrorsFrom, noErrors, type FormErrors, formText } from '../../core/http/forms.ts';
import { choice, dateField, optionalText, requiredText } from '../../core/http/fields.ts';
import { addDays, londonToday } from '../../core/dates.ts';
import { programmeOverviewPanels } from '../programmes/overview-panels.ts';
import { loadDelivery, requireManager, type DeliveryRequest } from './access.ts';
import { deliveryOverview } from './overview-panel.ts';
import { closeRound, findRound, openRound, remindRound, RoundRuleError, roundsOf, roundTracker, scheduleRounds, submissionCounts } from './rounds.ts';
import { automationIsOff, automationSchema, describeAutomation, remindersOf, roundAutomationOf, saveRoundAutomation } from './round-automation.ts';
import { addSites, removeSite, removeSiteContact, setSiteContact, SiteRuleError, siteOptions, sitesOf } from './sites.ts';
import { sectionPurposes, siteContactRoles } from './tables.ts';
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

const scheduleSchema = z.object({
  frequency: choice(['monthly', 'quarterly'] as const, 'Choose monthly or quarterly'),
  firstPeriodStart: dateField('the first day'),
  count: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() ? Number(v) : undefined),
    z
      .number({ error: 'Enter how many rounds to add' })
      .int('Enter a whole number of rounds')
      .min(1, 'Add at least one round')
      .max(60, 'Add at most 60 rounds at a time'),
  ),
  dueDaysAfter: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() ? Number(v) : 10),
    z
      .number({ error: 'Enter the days allowed after the period ends' })
      .int('Enter a whole number of days')
      .min(0, 'Days after the period cannot be negative')
      .max(90, 'Allow at most 90 days after the period'),
  ),
});

export const deliveryRoutes: FastifyPluginAsync = async (app) => {
  programmeOverviewPanels.add('delivery', deliveryOverview);
  const { db, config, mailer } = app.deps;
  const mailDeps = { mailer, publicUrl: config.publicUrl };
  const managed = async (request: Parameters<typeof loadDelivery>[0]) => {
    const delivery = await loadDelivery(request);
    requireManager(delivery);
    return delivery;
  };
  const back = (reply: FastifyReply, delivery: DeliveryRequest, path: string, text: string, kind: 'success' | 'important' = 'success') => {
    setFlash(reply, { kind, text });
    return reply.redirect(`${delivery.deliveryBase}${path}`);
  };

  // The delivery loop's front door sends each person to what they do here.
  app.get('/:programmeId/delivery', async (request, reply) => {
    const delivery = await loadDelivery(request);
    if (delivery.canManage) return reply.redirect(`${delivery.deliveryBase}/rounds`);
    if (delivery.isDepartment) return reply.redirect(`${delivery.deliveryBase}/dashboard`);
    return reply.redirect(`${delivery.deliveryBase}/returns`);
  });

  async function sitesPage(delivery: DeliveryRequest, errors: FormErrors = noErrors) {
    const workspaceId = delivery.ctx.workspace.id;
    const [sites, options] = await Promise.all([sitesOf(db, workspaceId, delivery.programme.id), siteOptions(db, workspaceId, delivery.programme.id)]);
    const hubs = new Map<string, { hub: string; region: string; sites: typeof sites }>();
    for (const site of sites) {
      const key = site.hub || 'Not in a hub';
      const entry = hubs.get(key) ?? { hub: key, region: site.region, sites: [] };
      entry.sites.push(site);
      hubs.set(key, entry);
    }
    return {
      ...delivery,
      title: `Sites – ${delivery.programme.name}`,
      section: 'delivery',
      deliverySection: 'sites',
      hubs: [...hubs.values()],
      siteCount: sites.length,
      organisationOptions: options.map((o) => ({ value: o.id, text: o.kind === 'hub' || o.kind === 'region' ? `${o.name} (every authority in it)` : o.name })),
      errors,
    };
  }

  app.get('/:programmeId/delivery/sites', async (request, reply) => {
    const delivery = await loadDelivery(request);
    if (!delivery.canSeeDashboard) return reply.redirect(`${delivery.deliveryBase}/returns`);
    return reply.page('delivery/views/sites.njk', await sitesPage(delivery));
  });

  app.post('/:programmeId/delivery/sites', async (request, reply) => {
    const delivery = await managed(request);
    const { organisationId } = (request.body ?? {}) as { organisationId?: string };
    if (!organisationId)
      return reply
        .status(400)
        .page('delivery/views/sites.njk', await sitesPage(delivery, fieldError('organisationId', 'Choose an authority, hub or region to add')));
    try {
      const added = await addSites(db, delivery.ctx, delivery.programme.id, organisationId);
      return back(reply, delivery, '/sites', added ? `Added ${added} site${added === 1 ? '' : 's'}.` : 'Those sites were already in the programme.');
    } catch (error) {
      if (!(error instanceof SiteRuleError)) throw error;
      return reply.status(400).page('delivery/views/sites.njk', await sitesPage(delivery, fieldError('organisationId', error.message)));
    }
  });

  app.post('/:programmeId/delivery/sites/:siteId/remove', async (request, reply) => {
    const delivery = await managed(request);
    try {
      const name = await removeSite(db, delivery.ctx, delivery.programme.id, (request.params as { siteId: string }).siteId);
      return back(reply, delivery, '/sites', `Removed ${name}.`);
    } catch (error) {
      if (!(error instanceof SiteRuleError)) throw error;
      return back(reply, delivery, '/sites', error.message, 'important');
    }
  });

  app.post('/:programmeId/delivery/sites/:siteId/contacts', async (request, reply) => {
    const delivery = await managed(request);
    const { siteId } = request.params as { siteId: string };
    const body = (request.body ?? {}) as { personId?: string; role?: string; action?: string };
    if (body.action === 'remove') {
      await removeSiteContact(db, delivery.ctx, delivery.programme.id, siteId, String(body.personId ?? ''));
      return back(reply, delivery, `/sites/${siteId}`, 'Removed the contact.');
    }
    const role = (siteContactRoles as readonly string[]).includes(String(body.role)) ? (body.role as (typeof siteContactRoles)[number]) : 'contact';
    try {
      const name = await setSiteContact(db, delivery.ctx, delivery.programme.id, siteId, String(body.personId ?? ''), role);
      return back(reply, delivery, `/sites/${siteId}`, `${name} is now ${role === 'lead' ? 'a lead, who submits the returns' : 'a contact'}.`);
    } catch (error) {
      if (!(error instanceof SiteRuleError)) throw error;
      return back(reply, delivery, `/sites/${siteId}`, error.message, 'important');
    }
  });

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
    const delivery = await managed(request);
    const template = await latestTemplate(db, delivery.ctx.workspace.id, delivery.programme.id);
    if (template && itemCount(template.definition) > 0)
      return back(reply, delivery, '/template', 'The template already has items. Change them one by one below.', 'important');
    await changeTemplate(db, delivery.ctx, delivery.programme.id, 'Started from the standard fostering recruitment return', (definition) =>
      Object.assign(definition, standardDefinition(delivery.programme.startsOn)),
    );
    return back(
      reply,
      delivery,
      '/template',
      'Added the standard return: 5 workstreams, 5 milestones, 6 indicators and 4 free-text sections. Change any of them below.',
    );
  });

  app.post('/:programmeId/delivery/template/items', async (request, reply) => {
    const delivery = await managed(request);
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
        return back(
          reply,
          delivery,
          '/template',
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
      return back(reply, delivery, '/template', `${key ? 'Saved' : 'Added'} “${parsed.data.name}” (template version ${saved.version}).`);
    } catch (error) {
      if (!(error instanceof TemplateRuleError)) throw error;
      return back(reply, delivery, '/template', error.message, 'important');
    }
  });

  type FormState = { values: Record<string, unknown>; errors: FormErrors };
  async function roundsPage(delivery: DeliveryRequest, values: Record<string, unknown> = {}, errors: FormErrors = noErrors, automationForm?: FormState) {
    const workspaceId = delivery.ctx.workspace.id;
    const [rounds, counts, sites, template, automation] = await Promise.all([
      roundsOf(db, workspaceId, delivery.programme.id),
      submissionCounts(db, workspaceId, delivery.programme.id),
      sitesOf(db, workspaceId, delivery.programme.id, { contacts: false }),
      latestTemplate(db, workspaceId, delivery.programme.id),
      roundAutomationOf(db, workspaceId, delivery.programme.id),
    ]);
    const today = londonToday();
    const versions = new Map<string, number>();
    if (template) versions.set(template.id, template.version);
    return {
      ...delivery,
      title: `Checkpoint rounds – ${delivery.programme.name}`,
      section: 'delivery',
      deliverySection: 'rounds',
      rounds: rounds.map((round) => ({
        ...round,
        counts: counts.get(round.id) ?? { submitted: 0, draft: 0 },
        overdue: round.status === 'open' && today > round.dueOn,
      })),
      siteCount: sites.length,
      hasTemplate: Boolean(template && itemCount(template.definition) > 0),
      values: { frequency: 'monthly', count: '12', dueDaysAfter: '10', ...values },
      // One error summary at the top of the page, for whichever form was sent.
      errors: automationForm?.errors ?? errors,
      scheduleFailed: errors.list.length > 0,
      automation,
      automationOff: automationIsOff(automation),
      automationSummary: describeAutomation(automation),
      automationValues: automationForm?.values ?? {
        openWhenPeriodEnds: automation.openWhenPeriodEnds ? 'yes' : '',
        remindDaysBefore: automation.remindDaysBefore?.toString() ?? '',
        chaseDaysAfter: automation.chaseDaysAfter?.toString() ?? '',
      },
      automationFailed: Boolean(automationForm),
    };
  }

  app.get('/:programmeId/delivery/rounds', async (request, reply) => {
    const delivery = await loadDelivery(request);
    if (!delivery.canSeeDashboard) return reply.redirect(`${delivery.deliveryBase}/returns`);
    return reply.page('delivery/views/rounds.njk', await roundsPage(delivery));
  });

  app.post('/:programmeId/delivery/rounds', async (request, reply) => {
    const delivery = await managed(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = scheduleSchema.safeParse(body);
    if (!parsed.success) return reply.status(400).page('delivery/views/rounds.njk', await roundsPage(delivery, body, formErrorsFrom(parsed.error)));
    try {
      const added = await scheduleRounds(db, delivery.ctx, delivery.programme, parsed.data);
      return back(reply, delivery, '/rounds', `Scheduled ${added} round${added === 1 ? '' : 's'}. Open each when its period ends: sites are e-mailed then.`);
    } catch (error) {
      if (!(error instanceof RoundRuleError)) throw error;
      return reply.status(400).page('delivery/views/rounds.njk', await roundsPage(delivery, body, fieldError(error.field, error.message)));
    }
  });

  app.post('/:programmeId/delivery/rounds/automation', async (request, reply) => {
    const delivery = await managed(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = automationSchema.safeParse(body);
    if (!parsed.success)
      return reply
        .status(400)
        .page('delivery/views/rounds.njk', await roundsPage(delivery, {}, noErrors, { values: body, errors: formErrorsFrom(parsed.error) }));
    await saveRoundAutomation(db, delivery.ctx, delivery.programme, parsed.data);
    return back(
      reply,
      delivery,
      '/rounds',
      `Saved. Bridgework will ${automationIsOff(parsed.data) ? 'send nothing on its own: open rounds and send reminders yourself' : describeAutomation(parsed.data)}.`,
    );
  });

  async function loadRound(delivery: DeliveryRequest, number: string) {
    const round = await findRound(db, delivery.ctx.workspace.id, delivery.programme.id, Number(number));
    if (!round) throw new NotFoundError();
    return round;
  }

  app.get('/:programmeId/delivery/rounds/:number', async (request, reply) => {
    const delivery = await loadDelivery(request);
    if (!delivery.canSeeDashboard) return reply.redirect(`${delivery.deliveryBase}/returns`);
    const round = await loadRound(delivery, (request.params as { number: string }).number);
    const [tracker, automation, automaticReminders] = await Promise.all([
      roundTracker(db, delivery.ctx.workspace.id, delivery.programme.id, round),
      roundAutomationOf(db, delivery.ctx.workspace.id, delivery.programme.id),
      remindersOf(db, delivery.ctx.workspace.id, round.id),
    ]);
    const filter = (request.query as { show?: string }).show;
    return reply.page('delivery/views/round.njk', {
      ...delivery,
      title: `Round ${round.number}: ${round.title} – ${delivery.programme.name}`,
      section: 'delivery',
      deliverySection: 'rounds',
      round,
      tracker,
      automaticEmails: [
        automation.remindDaysBefore && {
          label: `Reminder ${countOf(automation.remindDaysBefore, 'day')} before the due date`,
          on: addDays(round.dueOn, -automation.remindDaysBefore),
          sent: automaticReminders.before_due,
        },
        automation.chaseDaysAfter && {
          label: `Chase ${countOf(automation.chaseDaysAfter, 'day')} after the due date`,
          on: addDays(round.dueOn, automation.chaseDaysAfter),
          sent: automaticReminders.after_due,
        },
      ].filter(Boolean),
      rows: filter ? tracker.rows.filter((row) => row.state === filter || (filter === 'submitted' && row.state === 'submitted_late')) : tracker.rows,
      filter,
    });
  });

  app.post('/:programmeId/delivery/rounds/:number/:action', async (request, reply) => {
    const delivery = await managed(request);
    const { number, action } = request.params as { number: string; action: string };
    const round = await loadRound(delivery, number);
    const path = `/rounds/${round.number}`;
    try {
      if (action === 'open') {
        const mailed = await openRound(db, mailDeps, delivery.ctx, delivery.programme, round);
        return back(
          reply,
          delivery,
          path,
          round.status === 'closed'
            ? `Reopened ${round.title}.`
            : `Opened ${round.title}. E-mailed ${mailed} site lead${mailed === 1 ? '' : 's'} and contacts.`,
        );
      }
      if (action === 'close') {
        await closeRound(db, delivery.ctx, delivery.programme, round);
        return back(reply, delivery, path, `Closed ${round.title}. Returns can no longer be changed.`);
      }
      if (action === 'remind') {
        const sent = await remindRound(db, mailDeps, delivery.ctx, delivery.programme, round);
        return back(
          reply,
          delivery,
          path,
          sent ? `Sent reminders to ${sent} people.` : 'Every site has submitted, or the sites waiting have no one with an e-mail address to remind.',
        );
      }
    } catch (error) {
      if (!(error instanceof RoundRuleError)) throw error;
      return back(reply, delivery, path, error.message, 'important');
    }
    throw new NotFoundError();
  });
};

export const dashboardRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app.deps;

  const filtersFrom = (query: Record<string, string | undefined>) => ({
    round: query.round && /^\d{1,5}$/.test(query.round) ? Number(query.round) : undefined,
    hubId: query.hub && /^[0-9a-f-]{36}$/i.test(query.hub) ? query.hub : undefined,
    region: query.region ? query.region.slice(0, 100) : undefined,
  });

  app.get('/:programmeId/delivery/dashboard', async (request, reply) => {
    const delivery = await loadDelivery(request);
    if (!delivery.canSeeDashboard)
      throw new ForbiddenError(
        'The dashboard is for the programme team and the department. Your own returns and the briefings shared with sites are under “Your returns” and “Briefings”.',
      );
    const query = request.query as Record<string, string | undefined>;
    const dashboard = await buildDashboard(db, delivery.ctx.workspace.id, delivery.programme.id, filtersFrom(query));
    const params = new URLSearchParams(
      Object.entries({ round: dashboard.round ? String(dashboard.round.number) : '', hub: query.hub ?? '', region: query.region ?? '' }).filter(([, v]) => v),
    );
    return reply.page('delivery/views/dashboard.njk', {
      ...delivery,
      title: `Dashboard – ${delivery.programme.name}`,
      section: 'delivery',
      deliverySection: 'dashboard',
      dashboard,
      query: { round: dashboard.round ? String(dashboard.round.number) : '', hub: query.hub ?? '', region: query.region ?? '' },
      exportQuery: params.toString(),
      roundOptions: dashboard.rounds.map((r) => ({ value: String(r.number), text: `${r.number}: ${r.title}` })),
      hubOptions: dashboard.hubs.map((h) => ({ value: h.id, text: h.name })),
      regionOptions: dashboard.regions.map((r) => ({ value: r, text: r })),
    });
  });

  app.get('/:programmeId/delivery/dashboard.xlsx', async (request, reply) => {
    const delivery = await loadDelivery(request);
    if (!delivery.canSeeDashboard) throw new ForbiddenError('The dashboard is for the programme team and the department.');
    const dashboard = await buildDashboard(
      db,
      delivery.ctx.workspace.id,
      delivery.programme.id,
      filtersFrom(request.query as Record<string, string | undefined>),
    );
    if (dashboard.empty) throw new NotFoundError('There are no rounds to export yet.');
    const buffer = await dashboardWorkbook(dashboard, delivery.programme.name);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="dashboard round ${dashboard.round.number}.xlsx"`)
      .send(buffer);
  });
};
