import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { testBackends } from '../../../test/support/database.ts';
import { startDeliveryTest, type DeliveryTest } from '../../../test/support/delivery.ts';
import { assertPageHas, assertPageLacks } from '../../../test/support/page-text.ts';
import { communityPosts } from '../communities/tables.ts';
import { lessonSources, lessons } from './tables.ts';
import { sql } from 'drizzle-orm';
import { rows } from '../../core/db/client.ts';
import { Agent } from '../../../test/support/agent.ts';
import type { TestApp } from '../../../test/support/app.ts';
import { startExampleTest } from '../../../test/support/workspace-test.ts';

for (const backend of testBackends()) {
  describe(`drawing lessons from the work (${backend})`, () => {
    let d: DeliveryTest;
    before(async () => {
      d = await startDeliveryTest(backend);
    });
    after(() => d.t.close());

    const drawnFrom = async (location: string) => {
      const id = location.split('/').at(-2)!;
      const [lesson] = await d.t.db.select().from(lessons).where(eq(lessons.id, id));
      const [source] = await d.t.db.select().from(lessonSources).where(eq(lessonSources.lessonId, id));
      return { lesson, source };
    };

    it('offers lessons beside a return’s challenges, and draws a lesson from a submitted answer with one button', async () => {
      const { admin, base, sites, leads } = d;
      const path = `${base}/delivery/rounds/1/sites/${sites.Gateshead}`;
      const form = await leads.Gateshead.agent.get(path);
      assert.match(form.body, /data-lesson-matches/, 'the panel sits beside the challenges');
      const fields: Record<string, string> = { revision: /name="revision" value="(\d+)"/.exec(form.body)![1], action: 'submit' };
      for (const [, key] of form.body.matchAll(/name="(w\d+)-rag"/g)) fields[`${key}-rag`] = 'green';
      for (const [, key] of form.body.matchAll(/name="(i\d+)-value"/g)) fields[`${key}-value`] = '4';
      for (const [, key] of form.body.matchAll(/name="(s\d+)-text"/g))
        fields[`${key}-text`] = 'Calling every enquirer back within a day kept twice as many in the process. Weekend calls mattered most.';
      assert.equal((await leads.Gateshead.agent.post(path, fields)).statusCode, 302);
      // The site lead cannot draw lessons; the staff can, from each answer.
      assertPageLacks((await leads.Gateshead.agent.get(path)).body, /Draw a lesson from this/);
      const page = await admin.get(path);
      assertPageHas(page.body, /Draw a lesson from this/);
      const [, returnId, sectionKey] = /name="sourceId" value="([0-9a-f-]{36})">\s*<input type="hidden" name="sectionKey" value="(s\d+)"/.exec(page.body)!;
      const drawn = await admin.post(`${d.ws.base}/lessons/promote`, { kind: 'return_insight', sourceId: returnId, sectionKey });
      assert.equal(drawn.statusCode, 302);
      const { lesson, source } = await drawnFrom(String(drawn.headers.location));
      assert.equal(lesson.title, 'Calling every enquirer back within a day kept twice as many in the process');
      assert.equal(lesson.status, 'draft');
      assert.equal(lesson.sitesSeen, 1);
      assert.match(source.label, /^Gateshead Council, .*:/);
      assert.equal(source.restricted, false, 'a submitted return is the programme’s finding');
      // An empty answer has nothing to draw from.
      const none = await admin.post(`${d.ws.base}/lessons/promote`, { kind: 'return_insight', sourceId: returnId, sectionKey: 's999' });
      assert.equal(none.statusCode, 404);
    });

    it('draws a lesson from a solved challenge with the answers that helped', async () => {
      const { admin, ws, leads } = d;
      await admin.get(`${ws.base}/communities`);
      const community = String((await admin.post(`${ws.base}/communities`, { name: 'Hub leads', visibility: 'invite_only' })).headers.location);
      await admin.get(`${community}/members`);
      await admin.post(`${community}/members`, { personIds: [leads.Gateshead.user.personId, leads.Sunderland.user.personId] });
      await leads.Sunderland.agent.get(community);
      const thread = String(
        (
          await leads.Sunderland.agent.post(`${community}/threads`, {
            kind: 'challenge',
            title: 'How do you keep enquirers warm?',
            body: 'Half our enquirers drop out before the visit.',
          })
        ).headers.location,
      );
      await leads.Gateshead.agent.get(thread);
      await leads.Gateshead.agent.post(`${thread}/replies`, { body: 'We call back within a day, weekends too.' });
      const [post] = await d.t.db.select().from(communityPosts);
      await leads.Sunderland.agent.get(thread);
      await leads.Sunderland.agent.post(`${thread}/posts/${post.id}/helpful`, { helpful: 'yes' });
      assertPageHas((await admin.get(thread)).body, /Draw a lesson from this/);
      const drawn = await admin.post(`${ws.base}/lessons/promote`, { kind: 'thread', sourceId: thread.split('/').pop()! });
      const { lesson, source } = await drawnFrom(String(drawn.headers.location));
      assert.equal(lesson.title, 'How do you keep enquirers warm');
      assert.match(lesson.whatWorked, /weekends too/);
      assert.equal(source.restricted, true, 'an invite-only community’s words are not for a public page');
    });
  });
}

for (const backend of testBackends()) {
  describe(`drawing a lesson from a survey answer (${backend})`, () => {
    let t: TestApp;
    let admin: Agent;
    let home: string;
    before(async () => {
      ({ t, admin, home } = await startExampleTest(backend));
    });
    after(() => t.close());

    it('names nobody, and keeps an answer private unless the survey was anonymous or they agreed to be quoted', async () => {
      const answers = await rows<{ responseId: string; questionId: string; programmeId: string; consent: boolean; anonymous: boolean }>(
        t.db,
        sql`select a.response_id as "responseId", a.question_id as "questionId", s.programme_id as "programmeId", r.quote_consent as consent, s.anonymous
              from survey_answers a join survey_responses r on r.id = a.response_id join surveys s on s.id = r.survey_id
             where a.value_text <> '' and r.status = 'submitted' order by r.quote_consent, a.response_id limit 200`,
      );
      const named = answers.find((a) => !a.consent && !a.anonymous);
      const quotable = answers.find((a) => a.consent || a.anonymous);
      assert.ok(named && quotable, 'the example has both kinds of answer');
      assertPageHas((await admin.get(`${home}/programmes/${named.programmeId}/evaluation/quotes`)).body, /Draw a lesson from this/);
      for (const [answer, restricted] of [
        [named, true],
        [quotable, false],
      ] as const) {
        const drawn = await admin.post(`${home}/lessons/promote`, { kind: 'survey', sourceId: answer.responseId, sectionKey: answer.questionId });
        assert.equal(drawn.statusCode, 302);
        const id = String(drawn.headers.location).split('/').at(-2)!;
        const [source] = await t.db.select().from(lessonSources).where(eq(lessonSources.lessonId, id));
        assert.equal(source.kind, 'survey');
        assert.equal(source.restricted, restricted);
        assert.match(source.label, /survey: “/);
      }
    });
  });
}
