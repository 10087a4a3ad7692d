import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, like } from 'drizzle-orm';
import { auditEvents, mailMessages } from '../../../core/db/tables.ts';
import { testBackends } from '../../../../test/support/database.ts';
import { startDeliveryTest, type DeliveryTest } from '../../../../test/support/delivery.ts';
import { Agent } from '../../../../test/support/agent.ts';
import { createTestWorkspace } from '../../../../test/support/factories.ts';
import { assertPageHas, assertPageLacks } from '../../../../test/support/page-text.ts';
import { automationIsOff, describeAutomation, dueAction, noAutomation, roundAutomationOf, runRoundAutomation, type RoundAutomation } from './automation.ts';
import { checkpointReturns, checkpointRounds } from '../tables.ts';

describe('what a round is due for on a given day', () => {
  const every: RoundAutomation = { openWhenPeriodEnds: true, remindDaysBefore: 3, chaseDaysAfter: 2 };
  const open = { status: 'open' as const, periodEnd: '2026-01-31', dueOn: '2026-02-10', openedAt: new Date('2026-02-01T09:00:00Z') };
  const none = new Set<never>();

  it('opens an upcoming round from the day after its period ends to its due date, if the programme asks', () => {
    const upcoming = { ...open, status: 'upcoming' as const, openedAt: null };
    assert.equal(dueAction(upcoming, every, none, '2026-01-31'), null);
    assert.equal(dueAction(upcoming, every, none, '2026-02-01'), 'open');
    assert.equal(dueAction(upcoming, every, none, '2026-02-10'), 'open');
    assert.equal(dueAction(upcoming, every, none, '2026-02-11'), null, 'a round already past due is opened by hand');
    assert.equal(dueAction(upcoming, { ...every, openWhenPeriodEnds: false }, none, '2026-02-01'), null);
  });

  it('reminds in the days before the due date, once, and not on the day the round opened', () => {
    assert.equal(dueAction(open, every, none, '2026-02-06'), null);
    assert.equal(dueAction(open, every, none, '2026-02-07'), 'before_due');
    assert.equal(dueAction(open, every, none, '2026-02-10'), 'before_due');
    assert.equal(dueAction(open, every, new Set(['before_due' as const]), '2026-02-08'), null);
    assert.equal(dueAction({ ...open, openedAt: new Date('2026-02-08T08:00:00Z') }, every, none, '2026-02-08'), null);
    assert.equal(dueAction({ ...open, openedAt: new Date('2026-02-08T08:00:00Z') }, every, none, '2026-02-09'), 'before_due');
    assert.equal(dueAction(open, { ...every, remindDaysBefore: null }, none, '2026-02-08'), null);
  });

  it('chases late returns once, some days after the due date, instead of a reminder that came too late', () => {
    assert.equal(dueAction(open, every, none, '2026-02-11'), null);
    assert.equal(dueAction(open, every, none, '2026-02-12'), 'after_due');
    assert.equal(dueAction(open, every, new Set(['before_due' as const]), '2026-03-20'), 'after_due');
    assert.equal(dueAction(open, every, new Set(['after_due' as const]), '2026-03-20'), null);
    const openedLate = { ...open, openedAt: new Date('2026-03-20T10:00:00Z') };
    assert.equal(dueAction(openedLate, every, none, '2026-03-20'), null, 'not on the day it opened');
    assert.equal(dueAction(openedLate, every, none, '2026-03-21'), 'after_due');
    assert.equal(dueAction(open, { ...every, chaseDaysAfter: null }, none, '2026-02-12'), null);
  });

  it('says what is switched on in words', () => {
    assert.equal(
      describeAutomation(every),
      'open each round the day after its period ends, remind 3 days before the due date, chase late returns 2 days after it',
    );
    assert.equal(describeAutomation({ openWhenPeriodEnds: false, remindDaysBefore: 1, chaseDaysAfter: null }), 'remind 1 day before the due date');
    assert.equal(automationIsOff(noAutomation), true);
    assert.equal(automationIsOff({ ...noAutomation, chaseDaysAfter: 5 }), false);
  });

  it('leaves closed rounds and programmes without settings alone', () => {
    assert.equal(dueAction({ ...open, status: 'closed' }, every, none, '2026-02-12'), null);
    assert.equal(dueAction(open, noAutomation, none, '2026-02-08'), null);
  });
});

for (const backend of testBackends()) {
  describe(`automatic checkpoint e-mails (${backend})`, () => {
    let d: DeliveryTest;
    let programmeId: string;
    const settingsPath = () => `${d.base}/delivery/rounds/automation`;
    const roundId = async (number: number) =>
      (
        await d.t.db
          .select({ id: checkpointRounds.id })
          .from(checkpointRounds)
          .where(and(eq(checkpointRounds.workspaceId, d.ws.id), eq(checkpointRounds.number, number)))
      )[0].id;
    const mailAbout = (kind: string, title: string) =>
      d.t.db
        .select({ to: mailMessages.toAddress, text: mailMessages.textBody })
        .from(mailMessages)
        .where(and(eq(mailMessages.workspaceId, d.ws.id), eq(mailMessages.kind, kind), like(mailMessages.subject, `%${title}`)));

    before(async () => {
      d = await startDeliveryTest(backend);
      programmeId = d.base.split('/').pop()!;
      // Round 1 (January 2026, due 10 February) opened on 1 February.
      await d.t.db
        .update(checkpointRounds)
        .set({ openedAt: new Date('2026-02-01T09:00:00Z') })
        .where(eq(checkpointRounds.id, await roundId(1)));
    });
    after(() => d.t.close());

    it('saves a programme’s automatic e-mails, refusing bad numbers with clear messages', async () => {
      let page = await d.admin.get(`${d.base}/delivery/rounds`);
      assertPageHas(page.body, /Nothing is sent on its own/);
      const bad: Array<[Record<string, string | string[]>, RegExp]> = [
        [{ remindDaysBefore: '0' }, /Enter at least 1 day before the due date, or leave the box empty/],
        [{ chaseDaysAfter: '61' }, /Enter at most 60 days after the due date/],
        [{ remindDaysBefore: 'three' }, /Enter the days before the due date as a number, or leave the box empty/],
        [{ chaseDaysAfter: '1.5' }, /Enter the days after the due date as a whole number/],
        [{ remindDaysBefore: '<script>alert(1)</script>' }, /Enter the days before the due date as a number/],
        [{ remindDaysBefore: "3'; DROP TABLE checkpoint_rounds; --" }, /Enter the days before the due date as a number/],
        [{ remindDaysBefore: ['3', '4'] }, /Enter the days before the due date as a number/],
      ];
      for (const [fields, message] of bad) {
        const refused = await d.admin.post(settingsPath(), { openWhenPeriodEnds: 'yes', ...fields });
        assert.equal(refused.statusCode, 400, JSON.stringify(fields));
        assertPageHas(refused.body, /There is a problem/);
        assertPageHas(refused.body, message);
        assertPageLacks(refused.body, /<script>alert/);
        assert.deepEqual(await roundAutomationOf(d.t.db, d.ws.id, programmeId), noAutomation, 'nothing saved');
      }

      const saved = await d.admin.post(settingsPath(), { openWhenPeriodEnds: 'yes', remindDaysBefore: ' 3 ', chaseDaysAfter: '2' });
      assert.equal(saved.statusCode, 302);
      page = await d.admin.get(`${d.base}/delivery/rounds`);
      assertPageHas(
        page.body,
        /Bridgework will open each round the day after its period ends, remind 3 days before the due date, chase late returns 2 days after it/,
      );
      assert.deepEqual(await roundAutomationOf(d.t.db, d.ws.id, programmeId), { openWhenPeriodEnds: true, remindDaysBefore: 3, chaseDaysAfter: 2 });
      const [audit] = await d.t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.workspaceId, d.ws.id), eq(auditEvents.action, 'delivery.automation_changed')));
      assert.match(audit.summary, /remind 3 days before/);

      // A lead may not change them; another workspace cannot even see the programme.
      const byLead = await d.leads.Gateshead.agent.post(settingsPath(), { remindDaysBefore: '1' });
      assert.equal(byLead.statusCode, 403);
      const other = await createTestWorkspace(d.t.db, 'Elsewhere Partnership');
      const stranger = new Agent(d.t.app);
      await stranger.signIn(other.admin.email, other.admin.password);
      await stranger.get(`${other.base}/programmes`);
      const fromElsewhere = await stranger.post(`${other.base}/programmes/${programmeId}/delivery/rounds/automation`, { remindDaysBefore: '1' });
      assert.equal(fromElsewhere.statusCode, 404);
      assert.equal((await roundAutomationOf(d.t.db, d.ws.id, programmeId)).remindDaysBefore, 3);
    });

    it('reminds only the sites that have not submitted, once, three days before the due date', async () => {
      const round1 = await roundId(1);
      const [template] = await d.t.db.select({ id: checkpointRounds.templateId }).from(checkpointRounds).where(eq(checkpointRounds.id, round1));
      await d.t.db.insert(checkpointReturns).values({
        workspaceId: d.ws.id,
        programmeId,
        roundId: round1,
        siteId: d.sites.Gateshead,
        templateId: template.id,
        status: 'submitted',
        submittedAt: new Date('2026-02-05T10:00:00Z'),
        content: { workstreams: {}, milestones: {}, indicators: {}, sections: {} },
      });
      const deps = { mailer: d.t.app.deps.mailer, publicUrl: 'http://localhost:3000' };

      assert.deepEqual(await runRoundAutomation(d.t.db, deps, '2026-02-06'), { opened: 0, reminded: 0, chased: 0, peopleMailed: 0 });
      assert.deepEqual(await runRoundAutomation(d.t.db, deps, '2026-02-07'), { opened: 0, reminded: 1, chased: 0, peopleMailed: 1 });
      assert.deepEqual(await runRoundAutomation(d.t.db, deps, '2026-02-08'), { opened: 0, reminded: 0, chased: 0, peopleMailed: 0 }, 'once');
      const reminders = await mailAbout('checkpoint_reminder', 'January 2026');
      assert.deepEqual(
        reminders.map((m) => m.to),
        [d.leads.Sunderland.user.email],
      );
      assert.match(reminders[0].text, /We have not yet had the checkpoint return for January 2026 from Sunderland City Council/);

      const page = await d.admin.get(`${d.base}/delivery/rounds/1`);
      assertPageHas(page.body, /Reminder 3 days before the due date: sent .* to 1 person/);
      assertPageHas(page.body, /Chase 2 days after the due date: 12 February 2026, to sites that have not submitted by then/);
      const [audit] = await d.t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.workspaceId, d.ws.id), eq(auditEvents.action, 'delivery.round_reminded')));
      assert.equal(audit.actorName, 'Bridgework (on the programme’s schedule)');
      assert.match(audit.summary, /automatically 3 days before the due date/);
    });

    it('chases late returns after the due date, and opens the next round when its period ends', async () => {
      const deps = { mailer: d.t.app.deps.mailer, publicUrl: 'http://localhost:3000' };
      assert.deepEqual(await runRoundAutomation(d.t.db, deps, '2026-02-12'), { opened: 0, reminded: 0, chased: 1, peopleMailed: 1 });
      assert.equal((await mailAbout('checkpoint_reminder', 'January 2026')).length, 2);

      assert.deepEqual(await runRoundAutomation(d.t.db, deps, '2026-02-28'), { opened: 0, reminded: 0, chased: 0, peopleMailed: 0 }, 'February is not over');
      assert.deepEqual(await runRoundAutomation(d.t.db, deps, '2026-03-01'), { opened: 1, reminded: 0, chased: 0, peopleMailed: 2 });
      const [round2] = await d.t.db
        .select()
        .from(checkpointRounds)
        .where(eq(checkpointRounds.id, await roundId(2)));
      assert.equal(round2.status, 'open');
      assert.deepEqual(
        (await mailAbout('checkpoint_open', 'February 2026')).map((m) => m.to).sort(),
        [d.leads.Gateshead.user.email, d.leads.Sunderland.user.email].sort(),
      );
      assert.deepEqual(
        await runRoundAutomation(d.t.db, deps, '2026-03-01'),
        { opened: 0, reminded: 0, chased: 0, peopleMailed: 0 },
        'no reminder on the day it opened',
      );
    });

    it('sends each e-mail once when two server processes run it at the same moment', async () => {
      const deps = { mailer: d.t.app.deps.mailer, publicUrl: 'http://localhost:3000' };
      await d.t.db
        .update(checkpointRounds)
        .set({ openedAt: new Date('2026-03-01T09:00:00Z') })
        .where(eq(checkpointRounds.id, await roundId(2)));
      const reminded = await Promise.all([runRoundAutomation(d.t.db, deps, '2026-03-07'), runRoundAutomation(d.t.db, deps, '2026-03-07')]);
      assert.equal(reminded[0].reminded + reminded[1].reminded, 1);
      assert.equal((await mailAbout('checkpoint_reminder', 'February 2026')).length, 2, 'both leads, once each');

      const opened = await Promise.all([runRoundAutomation(d.t.db, deps, '2026-04-01'), runRoundAutomation(d.t.db, deps, '2026-04-01')]);
      assert.equal(opened[0].opened + opened[1].opened, 1);
      assert.equal((await mailAbout('checkpoint_open', 'March 2026')).length, 2);
    });

    it('opens a round once when two facilitators press Open at the same moment', async () => {
      await d.admin.get(`${d.base}/delivery/rounds`);
      assert.equal(
        (await d.admin.post(`${d.base}/delivery/rounds`, { frequency: 'monthly', firstPeriodStart: '2026-04-01', count: '1', dueDaysAfter: '10' })).statusCode,
        302,
      );
      await d.admin.get(`${d.base}/delivery/rounds/4`);
      const pressed = await Promise.all([d.admin.post(`${d.base}/delivery/rounds/4/open`), d.admin.post(`${d.base}/delivery/rounds/4/open`)]);
      assert.deepEqual(
        pressed.map((r) => r.statusCode),
        [302, 302],
      );
      assert.equal((await mailAbout('checkpoint_open', 'April 2026')).length, 2, 'each lead e-mailed once');
      const opens = await d.t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.workspaceId, d.ws.id), like(auditEvents.summary, 'Opened checkpoint round 4 %')));
      assert.equal(opens.length, 1);
    });
  });
}
