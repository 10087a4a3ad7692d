import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../core/http/errors.ts';
import { countOf } from '../../core/views/labels.ts';
import { redirectWithFlash } from '../../core/http/flash.ts';
import { fieldError, formErrorsFrom, noErrors, type FormErrors } from '../../core/http/forms.ts';
import { choice, dateField } from '../../core/http/fields.ts';
import { addDays, londonToday } from '../../core/dates.ts';
import { loadDelivery, loadManagedDelivery, type DeliveryRequest } from './access.ts';
import { closeRound, findRound, openRound, remindRound, RoundRuleError, roundsOf, roundTracker, scheduleRounds, submissionCounts } from './rounds.ts';
import { automationIsOff, automationSchema, describeAutomation, remindersOf, roundAutomationOf, saveRoundAutomation } from './round-automation.ts';
import { sitesOf } from './sites.ts';
import { itemCount, latestTemplate } from './template.ts';

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

/** Checkpoint rounds: scheduling them, their automatic e-mails, and each round's tracker and actions. */
export const roundRoutes: FastifyPluginAsync = async (app) => {
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

  app.get('/:programmeId/delivery/rounds', async (request, reply) => {
    const delivery = await loadDelivery(request);
    if (!delivery.canSeeDashboard) return reply.redirect(`${delivery.deliveryBase}/returns`);
    return reply.page('delivery/views/rounds.njk', await roundsPage(delivery));
  });

  app.post('/:programmeId/delivery/rounds', async (request, reply) => {
    const delivery = await loadManagedDelivery(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = scheduleSchema.safeParse(body);
    if (!parsed.success) return reply.status(400).page('delivery/views/rounds.njk', await roundsPage(delivery, body, formErrorsFrom(parsed.error)));
    try {
      const added = await scheduleRounds(db, delivery.ctx, delivery.programme, parsed.data);
      return redirectWithFlash(
        reply,
        delivery.deliveryBase + '/rounds',
        `Scheduled ${added} round${added === 1 ? '' : 's'}. Open each when its period ends: sites are e-mailed then.`,
      );
    } catch (error) {
      if (!(error instanceof RoundRuleError)) throw error;
      return reply.status(400).page('delivery/views/rounds.njk', await roundsPage(delivery, body, fieldError(error.field, error.message)));
    }
  });

  app.post('/:programmeId/delivery/rounds/automation', async (request, reply) => {
    const delivery = await loadManagedDelivery(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = automationSchema.safeParse(body);
    if (!parsed.success)
      return reply
        .status(400)
        .page('delivery/views/rounds.njk', await roundsPage(delivery, {}, noErrors, { values: body, errors: formErrorsFrom(parsed.error) }));
    await saveRoundAutomation(db, delivery.ctx, delivery.programme, parsed.data);
    return redirectWithFlash(
      reply,
      delivery.deliveryBase + '/rounds',
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
    const delivery = await loadManagedDelivery(request);
    const { number, action } = request.params as { number: string; action: string };
    const round = await loadRound(delivery, number);
    const path = `/rounds/${round.number}`;
    try {
      if (action === 'open') {
        const mailed = await openRound(db, mailDeps, delivery.ctx, delivery.programme, round);
        return redirectWithFlash(
          reply,
          delivery.deliveryBase + path,
          round.status === 'closed'
            ? `Reopened ${round.title}.`
            : `Opened ${round.title}. E-mailed ${mailed} site lead${mailed === 1 ? '' : 's'} and contacts.`,
        );
      }
      if (action === 'close') {
        await closeRound(db, delivery.ctx, delivery.programme, round);
        return redirectWithFlash(reply, delivery.deliveryBase + path, `Closed ${round.title}. Returns can no longer be changed.`);
      }
      if (action === 'remind') {
        const sent = await remindRound(db, mailDeps, delivery.ctx, delivery.programme, round);
        return redirectWithFlash(
          reply,
          delivery.deliveryBase + path,
          sent ? `Sent reminders to ${sent} people.` : 'Every site has submitted, or the sites waiting have no one with an e-mail address to remind.',
        );
      }
    } catch (error) {
      if (!(error instanceof RoundRuleError)) throw error;
      return redirectWithFlash(reply, delivery.deliveryBase + path, error.message, 'important');
    }
    throw new NotFoundError();
  });
};
