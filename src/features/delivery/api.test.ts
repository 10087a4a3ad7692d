import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readToken } from '../../../test/support/api-token.ts';
import { testBackends } from '../../../test/support/database.ts';
import { startDeliveryTest, type DeliveryTest } from '../../../test/support/delivery.ts';

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
    });
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
  });
}
