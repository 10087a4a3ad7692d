import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../../core/db/tables.ts';
import { readToken, writeToken } from '../../../test/support/api-token.ts';
import { testBackends } from '../../../test/support/database.ts';
import { startDeliveryTest, type DeliveryTest } from '../../../test/support/delivery.ts';
import { checkpointBriefings } from './briefings/tables.ts';
import { checkpointReturns, deliveryThemes, themeCodings, themeResponses } from './tables.ts';

for (const backend of testBackends()) {
  describe(`delivery loop through the API (${backend})`, () => {
    let d: DeliveryTest;
    let programmeId: string;
    const tokens: Record<string, string> = {};
    const get = async <T>(url: string, who: string) => {
      const response = await d.t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${tokens[who]}` } });
      return { status: response.statusCode, body: response.json<T>() };
    };
    type Listed = { data: Array<{ id: string; siteId: string; status: string; content: { indicators: Record<string, number | null> } }> };

    before(async () => {
      d = await startDeliveryTest(backend);
      programmeId = d.base.split('/').pop()!;
      // Gateshead submits round 1; Sunderland keeps a draft.
      for (const [site, action] of [
        ['Gateshead', 'submit'],
        ['Sunderland', 'save'],
      ] as const) {
        const { agent } = d.leads[site];
        const path = `${d.base}/delivery/rounds/1/sites/${d.sites[site]}`;
        const page = await agent.get(path);
        const fields: Record<string, string> = { revision: /name="revision" value="(\d+)"/.exec(page.body)![1], action };
        for (const [, key] of page.body.matchAll(/name="(w\d+)-rag"/g)) fields[`${key}-rag`] = 'green';
        for (const [, key] of page.body.matchAll(/name="(i\d+)-value"/g)) fields[`${key}-value`] = '12';
        for (const [, key] of page.body.matchAll(/name="(s\d+)-text"/g))
          fields[`${key}-text`] = 'Recruitment events filled up; assessments are the bottleneck.';
        assert.equal((await agent.post(path, fields)).statusCode, 302);
      }
      tokens.admin = await readToken(d.admin, d.ws.base, 'Admin');
      tokens.gateshead = await readToken(d.leads.Gateshead.agent, d.ws.base, 'Gateshead');
      tokens.sunderland = await readToken(d.leads.Sunderland.agent, d.ws.base, 'Sunderland');
      tokens.department = await readToken(d.centre.agent, d.ws.base, 'Department');
      tokens.sunderlandWrites = await writeToken(d.leads.Sunderland.agent, d.ws.base, 'Sunderland system');
      tokens.gatesheadWrites = await writeToken(d.leads.Gateshead.agent, d.ws.base, 'Gateshead system');
      tokens.departmentWrites = await writeToken(d.centre.agent, d.ws.base, 'Department system');
    });
    const put = async <T>(url: string, who: string, body: unknown) => {
      const response = await d.t.app.inject({ method: 'PUT', url, headers: { authorization: `Bearer ${tokens[who]}` }, payload: body as object });
      return { status: response.statusCode, body: response.json<T>() };
    };
    after(() => d.t.close());

    it('gives each reader the returns their pages show: all to those running it, a site its own drafts, the department what is submitted', async () => {
      const url = `/api/v1/programmes/${programmeId}/returns`;
      const seen = async (who: string) =>
        ((await get<Listed>(url, who)).body.data ?? [])
          .map((item) => `${item.siteId === d.sites.Gateshead ? 'Gateshead' : 'Sunderland'} ${item.status}`)
          .sort();
      assert.deepEqual(await seen('admin'), ['Gateshead submitted', 'Sunderland draft']);
      assert.deepEqual(await seen('gateshead'), ['Gateshead submitted']);
      assert.deepEqual(await seen('sunderland'), ['Sunderland draft']);
      assert.deepEqual(await seen('department'), ['Gateshead submitted']);

      const all = (await get<Listed>(url, 'admin')).body.data;
      const draft = all.find((item) => item.status === 'draft')!;
      const submitted = all.find((item) => item.status === 'submitted')!;
      assert.ok(Object.values(submitted.content.indicators).every((value) => value === 12));
      assert.equal((await get(`${url}/${draft.id}`, 'department')).status, 404, 'a draft stays with its site');
      assert.equal((await get(`${url}/${draft.id}`, 'gateshead')).status, 404, 'another site’s draft is not theirs to read');
      assert.equal((await get<{ id: string }>(`${url}/${submitted.id}`, 'department')).body.id, submitted.id);

      const rounds = (await get<{ data: Array<{ id: string; number: number; status: string }> }>(`/api/v1/programmes/${programmeId}/rounds`, 'gateshead')).body
        .data;
      assert.deepEqual(
        rounds.map((round) => `${round.number} ${round.status}`),
        ['1 open', '2 upcoming', '3 upcoming'],
      );
      assert.equal((await get<Listed>(`${url}?roundId=${rounds[1].id}`, 'admin')).body.data.length, 0);
      assert.equal((await get<Listed>(`${url}?roundId=${rounds[0].id}`, 'admin')).body.data.length, 2);
    });

    it('lists every site to those running it and the department, and their own to a site', async () => {
      type Sites = { data: Array<{ name: string; contacts: Array<{ name: string; role: string }> }> };
      const names = async (who: string) => (await get<Sites>(`/api/v1/programmes/${programmeId}/sites`, who)).body.data.map((site) => site.name).sort();
      assert.deepEqual(await names('admin'), ['Gateshead Council', 'Newcastle City Council', 'Sunderland City Council']);
      assert.deepEqual(await names('department'), ['Gateshead Council', 'Newcastle City Council', 'Sunderland City Council']);
      assert.deepEqual(await names('gateshead'), ['Gateshead Council']);
      const [gateshead] = (await get<Sites>(`/api/v1/programmes/${programmeId}/sites`, 'gateshead')).body.data;
      assert.deepEqual(gateshead.contacts, [{ personId: d.leads.Gateshead.user.personId, name: 'Gateshead Lead', role: 'lead' }]);
    });

    it('saves and submits a site’s return by the web form’s rules, refusing what the form would refuse and saving nothing then', async () => {
      type Saved = {
        id: string;
        status: string;
        revision: number;
        source: string;
        content: { workstreams: Record<string, unknown>; indicators: Record<string, unknown> };
      };
      type Problem = { status: number; detail: string; errors?: Array<{ field: string; message: string }> };
      const rounds = (await get<{ data: Array<{ id: string; number: number }> }>(`/api/v1/programmes/${programmeId}/rounds`, 'admin')).body.data;
      const url = (round: number, site: string) => `/api/v1/programmes/${programmeId}/rounds/${rounds[round - 1].id}/sites/${d.sites[site]}/return`;
      const draft = (await get<Listed>(`/api/v1/programmes/${programmeId}/returns`, 'sunderland')).body.data[0] as unknown as Saved;
      assert.equal(draft.revision, 1);
      const workstreams = Object.keys(draft.content.workstreams);
      const indicators = Object.keys(draft.content.indicators);
      const complete = {
        workstreams: Object.fromEntries(workstreams.map((key, i) => [key, i === 0 ? { rag: 'amber', commentary: 'Two assessors left.' } : { rag: 'green' }])),
        indicators: Object.fromEntries(indicators.map((key) => [key, 3])),
        sections: {},
      };

      const stale = await put<Problem>(url(1, 'Sunderland'), 'sunderlandWrites', { revision: 0, content: complete });
      assert.equal(stale.status, 409);
      assert.match(stale.body.detail, /now at revision 1/);

      const bad = await put<Problem>(url(1, 'Sunderland'), 'sunderlandWrites', {
        revision: 1,
        content: {
          workstreams: { [workstreams[0]]: { rag: 'green', commentary: 'x'.repeat(2001) }, w999: { rag: 'red' } },
          milestones: { nowhere: { actualOn: '2026-02-30' } },
          indicators: { [indicators[0]]: -4 },
        },
      });
      assert.equal(bad.status, 400);
      assert.deepEqual(
        bad.body.errors?.map((e) => e.field).sort(),
        [
          `content.indicators.${indicators[0]}`,
          'content.milestones.nowhere',
          'content.workstreams.w999',
          `content.workstreams.${workstreams[0]}.commentary`,
        ].sort(),
      );
      assert.ok(bad.body.errors?.some((e) => /cannot be negative/.test(e.message)));

      const incomplete = await put<Problem>(url(1, 'Sunderland'), 'sunderlandWrites', {
        revision: 1,
        submit: true,
        content: { indicators: complete.indicators },
      });
      assert.equal(incomplete.status, 400);
      assert.deepEqual(
        incomplete.body.errors?.map((e) => e.field),
        workstreams.map((key) => `content.workstreams.${key}.rag`),
      );
      const [unchanged] = await d.t.db.select().from(checkpointReturns).where(eq(checkpointReturns.id, draft.id));
      assert.equal(unchanged.revision, 1, 'nothing was saved by the refused requests');

      const submitted = await put<Saved>(url(1, 'Sunderland'), 'sunderlandWrites', { revision: 1, submit: true, content: complete });
      assert.equal(submitted.status, 200);
      assert.deepEqual([submitted.body.id, submitted.body.status, submitted.body.revision, submitted.body.source], [draft.id, 'submitted', 2, 'api']);
      const audited = await d.t.db
        .select({ summary: auditEvents.summary })
        .from(auditEvents)
        .where(and(eq(auditEvents.workspaceId, d.ws.id), eq(auditEvents.entityId, draft.id)));
      assert.ok(audited.some((row) => /Submitted Sunderland City Council’s return for .* through the API/.test(row.summary)));

      const again = await put<Problem>(url(1, 'Sunderland'), 'sunderlandWrites', { revision: 2, content: complete });
      assert.equal(again.status, 409, 'a submitted return goes back to the site only when the programme team returns it');
      assert.equal((await put(url(1, 'Sunderland'), 'gatesheadWrites', { revision: 2, content: complete })).status, 404, 'another site’s return is not theirs');
      assert.equal((await put(url(1, 'Sunderland'), 'departmentWrites', { revision: 2, content: complete })).status, 403, 'the department reads returns');
      assert.equal((await put(url(1, 'Sunderland'), 'sunderland', { revision: 2, content: complete })).status, 403, 'a read-only token');
      const early = await put<Problem>(url(2, 'Sunderland'), 'sunderlandWrites', { revision: 0, content: complete });
      assert.equal(early.status, 409);
      assert.match(early.body.detail, /not open for returns yet/);
    });

    it('gives themes to those running the programme and the department, responses to everyone, and briefings as the Briefings page does', async () => {
      const workspaceId = d.ws.id;
      const [submitted] = await d.t.db
        .select()
        .from(checkpointReturns)
        .where(and(eq(checkpointReturns.workspaceId, workspaceId), eq(checkpointReturns.siteId, d.sites.Gateshead)));
      const [theme] = await d.t.db
        .insert(deliveryThemes)
        .values({ workspaceId, programmeId, name: 'Assessment capacity', description: 'Too few assessors' })
        .returning();
      await d.t.db
        .insert(themeCodings)
        .values({ workspaceId, programmeId, themeId: theme.id, returnId: submitted.id, sectionKey: 's17', excerpt: 'assessments are the bottleneck' });
      await d.t.db
        .insert(themeResponses)
        .values({ workspaceId, programmeId, themeId: theme.id, roundId: submitted.roundId, response: 'We are funding two assessors per hub.' });
      const [briefing] = await d.t.db
        .insert(checkpointBriefings)
        .values({ workspaceId, programmeId, roundId: submitted.roundId, headline: 'Assessments are the bottleneck' })
        .returning();

      type Themes = { data: Array<{ name: string; answersCoded: number; byRound: unknown; byHub: unknown }> };
      for (const who of ['admin', 'department']) {
        const { status, body } = await get<Themes>(`/api/v1/programmes/${programmeId}/themes`, who);
        assert.equal(status, 200);
        assert.deepEqual(body.data, [
          {
            id: theme.id,
            name: 'Assessment capacity',
            description: 'Too few assessors',
            answersCoded: 1,
            byRound: [{ round: 1, answers: 1 }],
            byHub: [{ hub: 'North East Fostering Hub', answers: 1 }],
          },
        ]);
      }
      assert.equal((await get(`/api/v1/programmes/${programmeId}/themes`, 'gateshead')).status, 403);
      const responses = await get<{ data: Array<{ theme: string; response: string }> }>(`/api/v1/programmes/${programmeId}/theme-responses`, 'gateshead');
      assert.deepEqual(
        responses.body.data.map((r) => `${r.theme}: ${r.response}`),
        ['Assessment capacity: We are funding two assessors per hub.'],
      );

      type Briefings = { data: Array<{ id: string; status: string; roundNumber: number; headline: string }> };
      const briefings = (who: string) => get<Briefings>(`/api/v1/programmes/${programmeId}/briefings`, who);
      assert.deepEqual(
        (await briefings('admin')).body.data.map((b) => `${b.roundNumber} ${b.status} ${b.headline}`),
        ['1 draft Assessments are the bottleneck'],
      );
      assert.deepEqual((await briefings('department')).body.data, [], 'a draft stays with the programme team');
      await d.t.db.update(checkpointBriefings).set({ status: 'shared', sharedAt: new Date() }).where(eq(checkpointBriefings.id, briefing.id));
      assert.deepEqual(
        (await briefings('gateshead')).body.data.map((b) => b.id),
        [briefing.id],
      );
    });
  });
}
