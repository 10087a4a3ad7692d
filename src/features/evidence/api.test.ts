import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import type { TestApp } from '../../../test/support/app.ts';
import { writeToken } from '../../../test/support/api-token.ts';
import { testBackends } from '../../../test/support/database.ts';
import { addMember, type TestWorkspace } from '../../../test/support/factories.ts';
import { startWorkspaceTest } from '../../../test/support/workspace-test.ts';
import { Agent } from '../../../test/support/agent.ts';
import { auditEvents } from '../../core/db/tables.ts';
import { topics } from '../topics/tables.ts';
import { evidenceItems } from './tables.ts';

type Item = { id: string; title: string; authors: string[]; year: number | null; doi: string | null; strength: string | null; topicIds: string[] };
type Problem = { detail: string; errors: Array<{ field: string; message: string }> };

for (const backend of testBackends()) {
  describe(`the evidence library through the API (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let admin: Agent;
    let token: string;
    let topicIds: string[];
    const send = async <T>(method: 'POST' | 'PUT', url: string, body: unknown, as = token) => {
      const response = await t.app.inject({ method, url, headers: { authorization: `Bearer ${as}` }, payload: body as object });
      return { status: response.statusCode, body: response.json<T>(), headers: response.headers };
    };
    const itemCount = async () => (await t.db.select().from(evidenceItems).where(eq(evidenceItems.workspaceId, ws.id))).length;

    before(async () => {
      ({ t, ws, admin } = await startWorkspaceTest(backend));
      token = await writeToken(admin, ws.base, 'Library sync');
      topicIds = (
        await t.db
          .insert(topics)
          .values([
            { workspaceId: ws.id, name: 'Kinship care' },
            { workspaceId: ws.id, name: 'Foster carer recruitment' },
          ])
          .returning()
      ).map((topic) => topic.id);
    });
    after(() => t.close());

    it('adds and replaces items by the form’s rules, searchable at once and audited', async () => {
      const added = await send<Item>('POST', '/api/v1/evidence', {
        sourceType: 'systematic_review',
        title: 'Recruiting and retaining foster carers: a systematic review',
        authors: ['Okafor, Sam', 'Lindqvist, Ana'],
        year: 2023,
        doi: 'https://doi.org/10.1111/CFS.13001',
        strength: 'moderate',
        strengthRationale: 'Twelve studies of mixed quality',
        topicIds: [topicIds[1]],
      });
      assert.equal(added.status, 201, JSON.stringify(added.body));
      assert.equal(added.headers.location, `/api/v1/evidence/${added.body.id}`);
      assert.deepEqual(
        [added.body.authors, added.body.year, added.body.doi, added.body.strength, added.body.topicIds],
        [['Okafor, Sam', 'Lindqvist, Ana'], 2023, '10.1111/cfs.13001', 'moderate', [topicIds[1]]],
      );
      const found = await admin.get(`${ws.base}/evidence?q=${encodeURIComponent('retaining foster carers')}`);
      assert.match(found.body, /Recruiting and retaining foster carers/);

      const replaced = await send<Item>('PUT', `/api/v1/evidence/${added.body.id}`, {
        sourceType: 'systematic_review',
        title: 'Recruiting and retaining foster carers: a systematic review',
        authors: ['Okafor, Sam'],
        year: 2024,
        topicIds,
      });
      assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
      assert.deepEqual([replaced.body.authors, replaced.body.year, replaced.body.doi, replaced.body.strength], [['Okafor, Sam'], 2024, null, null]);
      assert.deepEqual(replaced.body.topicIds, [...topicIds].sort());
      const audits = await t.db
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(and(eq(auditEvents.workspaceId, ws.id), eq(auditEvents.entityId, added.body.id)));
      assert.deepEqual(audits.map((audit) => audit.action).sort(), ['evidence.created', 'evidence.updated']);
    });

    it('says what is wrong with each field, and saves nothing', async () => {
      const before = await itemCount();
      const cases: Array<[Record<string, unknown>, string, RegExp]> = [
        [{ sourceType: 'policy_document', title: '' }, 'title', /Enter the title/],
        [
          { sourceType: 'policy_document', title: 'A strategy', strength: 'strong', strengthRationale: 'x' },
          'strength',
          /Only research, reviews and evaluations/,
        ],
        [{ sourceType: 'research_study', title: 'A study', strength: 'strong' }, 'strengthRationale', /Say why you gave this rating/],
        [{ sourceType: 'research_study', title: 'A study', year: 1500 }, 'year', /Enter a year between 1800/],
        [{ sourceType: 'research_study', title: 'A study', doi: 'not a doi' }, 'doi', /Enter a DOI like/],
        [{ sourceType: 'research_study', title: 'A study', url: 'ftp://files.example.org/x' }, 'url', /starting with https:\/\//],
        [{ sourceType: 'research_study', title: 'A study', topicIds: ['6b0f0a57-0f3e-4c1c-9a55-1b2c3d4e5f60'] }, 'topicIds', /Select topics from the list/],
      ];
      for (const [body, field, message] of cases) {
        const refused = await send<Problem>('POST', '/api/v1/evidence', body);
        assert.equal(refused.status, 400, JSON.stringify(body));
        const error = refused.body.errors.find((e) => e.field === field);
        assert.ok(error, `${field}: ${JSON.stringify(refused.body.errors)}`);
        assert.match(error.message, message);
      }
      const wrongType = await send<Problem>('POST', '/api/v1/evidence', { sourceType: 'blog', title: 'x', year: '2020' });
      assert.equal(wrongType.status, 400);
      assert.deepEqual(wrongType.body.errors.map((e) => e.field).sort(), ['sourceType', 'year']);
      assert.equal(await itemCount(), before);
    });

    it('lets experts add items and change their own only; members read', async () => {
      const expert = await addMember(t.db, ws.id, 'expert');
      const member = await addMember(t.db, ws.id, 'member');
      const tokenOf = async (user: { email: string; password: string }) => {
        const agent = new Agent(t.app);
        await agent.signIn(user.email, user.password);
        return writeToken(agent, ws.base, 'Mine');
      };
      const expertToken = await tokenOf(expert);
      const memberToken = await tokenOf(member);
      const item = { sourceType: 'practitioner_insight', title: 'What worked in our hub', sitesCount: 3, evaluated: false };
      assert.equal((await send('POST', '/api/v1/evidence', item, memberToken)).status, 403);
      const own = await send<Item>('POST', '/api/v1/evidence', item, expertToken);
      assert.equal(own.status, 201);
      assert.equal((await send('PUT', `/api/v1/evidence/${own.body.id}`, { ...item, sitesCount: 4 }, expertToken)).status, 200);
      const others = await send<Item>('POST', '/api/v1/evidence', { sourceType: 'guidance', title: 'Statutory guidance' });
      assert.equal((await send('PUT', `/api/v1/evidence/${others.body.id}`, { sourceType: 'guidance', title: 'Changed' }, expertToken)).status, 403);
      assert.equal((await send('PUT', '/api/v1/evidence/6b0f0a57-0f3e-4c1c-9a55-1b2c3d4e5f60', item)).status, 404);
    });
  });
}
