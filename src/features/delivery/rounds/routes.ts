import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NotFoundError } from '../../../core/http/errors.ts';
import { noErrors, type FormErrors } from '../../../core/http/forms.ts';
import { formBody } from '../../../core/http/route-schemas.ts';
import { submitAction, submitForm } from '../../../core/http/submit-form.ts';
import { countOf } from '../../../core/views/format.ts';
import { addDays, londonToday } from '../../../core/dates.ts';
import { loadDelivery, loadManagedDelivery, type DeliveryRequest } from '../load.ts';
import { deliveryParams, roundActionParams, roundParams } from '../schemas.ts';
import { sitesOf } from '../sites/queries.ts';
import { itemCount } from '../template/definition.ts';
import { latestTemplate } from '../template/queries.ts';
import { automationIsOff, describeAutomation, remindersOf, roundAutomationOf } from './automation.ts';
import { closeRound } from './close-round.ts';
import { openRound } from './open-round.ts';
import { findRound, roundsOf, roundTracker, submissionCounts } from './queries.ts';
import { remindRound } from './remind-round.ts';
import { saveRoundAutomation } from './save-round-automation.ts';
import { scheduleRounds } from './schedule-rounds.ts';
import { automationSchema, roundPageQuery, scheduleSchema } from './schemas.ts';

/** Checkpoint rounds: scheduling them, their automatic e-mails, and each round's tracker and actions. */
export const roundRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config, mailer } = app.deps;
  const mailDeps = { mailer, publicUrl: config.publicUrl };

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

  app.get('/:programmeId/delivery/rounds', { schema: { params: deliveryParams } }, async (request, reply) => {
    const delivery = await loadDelivery(request, request.params.programmeId);
    if (!delivery.canSeeDashboard) return reply.redirect(`${delivery.deliveryBase}/returns`);
    return reply.page('delivery/views/rounds.njk', await roundsPage(delivery));
  });

  app.post('/:programmeId/delivery/rounds', { schema: { params: deliveryParams, body: formBody } }, async (request, reply) => {
    const delivery = await loadManagedDelivery(request, request.params.programmeId);
    return submitForm(reply, {
      schema: scheduleSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('delivery/views/rounds.njk', await roundsPage(delivery, request.body, errors)),
      save: (input) => scheduleRounds(db, delivery.ctx, delivery, delivery.programme, input),
      done: (added) => ({
        to: `${delivery.deliveryBase}/rounds`,
        flash: `Scheduled ${countOf(added, 'round')}. Open each when its period ends: sites are e-mailed then.`,
      }),
    });
  });

  app.post('/:programmeId/delivery/rounds/automation', { schema: { params: deliveryParams, body: formBody } }, async (request, reply) => {
    const delivery = await loadManagedDelivery(request, request.params.programmeId);
    return submitForm(reply, {
      schema: automationSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('delivery/views/rounds.njk', await roundsPage(delivery, {}, noErrors, { values: request.body, errors })),
      save: (settings) => saveRoundAutomation(db, delivery.ctx, delivery, delivery.programme, settings),
      done: (_, settings) => ({
        to: `${delivery.deliveryBase}/rounds`,
        flash: `Saved. Bridgework will ${automationIsOff(settings) ? 'send nothing on its own: open rounds and send reminders yourself' : describeAutomation(settings)}.`,
      }),
    });
  });

  async function loadRound(delivery: DeliveryRequest, number: number) {
    const round = await findRound(db, delivery.ctx.workspace.id, delivery.programme.id, number);
    if (!round) throw new NotFoundError();
    return round;
  }

  app.get('/:programmeId/delivery/rounds/:number', { schema: { params: roundParams, querystring: roundPageQuery } }, async (request, reply) => {
    const delivery = await loadDelivery(request, request.params.programmeId);
    if (!delivery.canSeeDashboard) return reply.redirect(`${delivery.deliveryBase}/returns`);
    const round = await loadRound(delivery, request.params.number);
    const [tracker, automation, automaticReminders] = await Promise.all([
      roundTracker(db, delivery.ctx.workspace.id, delivery.programme.id, round),
      roundAutomationOf(db, delivery.ctx.workspace.id, delivery.programme.id),
      remindersOf(db, delivery.ctx.workspace.id, round.id),
    ]);
    const filter = request.query.show;
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

  app.post('/:programmeId/delivery/rounds/:number/:action', { schema: { params: roundActionParams } }, async (request, reply) => {
    const delivery = await loadManagedDelivery(request, request.params.programmeId);
    const round = await loadRound(delivery, request.params.number);
    const back = `${delivery.deliveryBase}/rounds/${round.number}`;
    switch (request.params.action) {
      case 'open':
        return submitAction(reply, {
          back,
          run: () => openRound(db, mailDeps, delivery.ctx, delivery, delivery.programme, round),
          done: (mailed) => ({
            flash: round.status === 'closed' ? `Reopened ${round.title}.` : `Opened ${round.title}. E-mailed ${countOf(mailed, 'site lead')} and contacts.`,
          }),
        });
      case 'close':
        return submitAction(reply, {
          back,
          run: () => closeRound(db, delivery.ctx, delivery, delivery.programme, round),
          done: () => ({ flash: `Closed ${round.title}. Returns can no longer be changed.` }),
        });
      case 'remind':
        return submitAction(reply, {
          back,
          run: () => remindRound(db, mailDeps, delivery.ctx, delivery, delivery.programme, round),
          done: (sent) => ({
            flash: sent ? `Sent reminders to ${sent} people.` : 'Every site has submitted, or the sites waiting have no one with an e-mail address to remind.',
          }),
        });
    }
  });
};
