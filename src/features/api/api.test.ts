import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import type { TestApp } from '../../../test/support/app.ts';
import { Agent } from '../../../test/support/agent.ts';
import { testBackends } from '../../../test/support/database.ts';
import { addMember, createTestWorkspace, type TestWorkspace } from '../../../test/support/factories.ts';
import { startWorkspaceTest } from '../../../test/support/workspace-test.ts';
import { auditEvents } from '../../core/db/tables.ts';
import { apiTokens } from './tables.ts';
import { lessons } from '../lessons/tables.ts';
import { cohortMembers } from '../programmes/tables.ts';
import {
  exampleRequests,
  insertCommunityThread,
  insertDeliveryProgramme,
  insertReadingList,
  insertGuide,
  insertProgramme,
  insertSession,
} from '../../../test/support/api-examples.ts';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type OpenApi = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>> };

/** Make a token through the tokens page, as a person would, and read it off the page that answers. */
async function makeToken(agent: Agent, ws: TestWorkspace, access: 'read' | 'read-write', name = `Token ${access}`) {
  await agent.get(`${ws.base}/api-tokens`);
  const page = await agent.post(`${ws.base}/api-tokens`, { name, access, lifetimeDays: '90' });
  assert.equal(page.statusCode, 200, /<title>([^<]*)/.exec(page.body)?.[1] ?? page.body.slice(0, 300));
  const token = /<code class="bw-token" id="new-token">(bw_[A-Za-z0-9_-]+)<\/code>/.exec(page.body)?.[1];
  assert.ok(token, 'the page shows the new token');
  return token;
}

for (const backend of testBackends()) {
  describe(`JSON API and personal tokens (${backend})`, () => {
    let t: TestApp;
    const programmeFor = (workspaceId: string, name: string) => insertProgramme(t.db, workspaceId, name);
    const sessionFor = (programmeId: string, personId: string) => insertSession(t.db, ws.id, programmeId, personId);
    let ws: TestWorkspace;
    let admin: Agent;
    let readToken: string;
    let writeToken: string;
    const call = (method: 'GET' | 'POST' | 'PUT', url: string, token?: string, body?: unknown, headers: Record<string, string> = {}) =>
      t.app.inject({
        method,
        url,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        ...(body === undefined ? {} : { payload: body as object }),
      });

    before(async () => {
      ({ t, ws, admin } = await startWorkspaceTest(backend));
      readToken = await makeToken(admin, ws, 'read');
      writeToken = await makeToken(admin, ws, 'read-write');
    });
    after(() => t.close());

    it('keeps only a hash of each token, lists them without it, and audits their making', async () => {
      const rows = await t.db.select().from(apiTokens).where(eq(apiTokens.workspaceId, ws.id));
      assert.equal(rows.length, 2);
      for (const row of rows) {
        assert.notEqual(row.tokenHash, readToken);
        assert.notEqual(row.tokenHash, writeToken);
        assert.match(row.tokenHash, /^[0-9a-f]{64}$/);
      }
      const page = await admin.get(`${ws.base}/api-tokens`);
      assert.ok(!page.body.includes(readToken), 'a token is never shown twice');
      assert.match(page.body, /Token read/);
      const audits = await t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.workspaceId, ws.id), eq(auditEvents.action, 'api-token.created')));
      assert.equal(audits.length, 2);
    });

    it('refuses a token form with nothing chosen, saying what is missing', async () => {
      await admin.get(`${ws.base}/api-tokens`);
      const page = await admin.post(`${ws.base}/api-tokens`, { name: '', access: 'everything', lifetimeDays: '9999' });
      assert.equal(page.statusCode, 400);
      assert.match(page.body, /Enter a name for the token/);
      assert.match(page.body, /Select what the token may do/);
      assert.match(page.body, /Select how long the token works/);
    });

    it('answers with the workspace’s records, a page at a time', async () => {
      for (let i = 0; i < 3; i++) await call('POST', '/api/v1/topics', writeToken, { name: `Topic ${i}` });
      const first = await call('GET', '/api/v1/topics?limit=2', readToken);
      assert.equal(first.statusCode, 200);
      const page1 = first.json<{ data: Array<{ id: string; name: string }>; next: string | null }>();
      assert.equal(page1.data.length, 2);
      assert.ok(page1.next);
      const second = await call('GET', `/api/v1/topics?limit=2&cursor=${page1.next}`, readToken);
      const page2 = second.json<{ data: Array<{ id: string }>; next: string | null }>();
      assert.equal(page2.data.length, 1);
      assert.equal(page2.next, null);
      assert.equal(new Set([...page1.data, ...page2.data].map((topic) => topic.id)).size, 3, 'no record twice, none skipped');
      const people = await call('GET', '/api/v1/people', readToken);
      assert.equal(people.statusCode, 200);
      assert.ok(people.json<{ data: Array<{ fullName: string }> }>().data.some((person) => person.fullName === 'Alex Admin'));
    });

    it('creates and changes records through the same operations as the pages, audited', async () => {
      const created = await call('POST', '/api/v1/people', writeToken, { fullName: 'Priya Shah', email: 'priya@example.org', openToContact: true });
      assert.equal(created.statusCode, 201, created.body);
      const person = created.json<{ id: string; fullName: string; email: string }>();
      assert.equal(created.headers.location, `/api/v1/people/${person.id}`);
      const replaced = await call('PUT', `/api/v1/people/${person.id}`, writeToken, {
        fullName: 'Priya Shah',
        jobTitle: 'Policy adviser',
        email: 'priya@example.org',
      });
      assert.equal(replaced.statusCode, 200, replaced.body);
      assert.equal(replaced.json<{ jobTitle: string }>().jobTitle, 'Policy adviser');
      const audits = await t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.workspaceId, ws.id), eq(auditEvents.entityId, person.id)));
      assert.deepEqual(audits.map((audit) => audit.action).sort(), ['person.created', 'person.updated']);
    });

    it('explains bad input as a problem document, field by field, and saves nothing', async () => {
      const missing = await call('POST', '/api/v1/people', writeToken, { email: 'not-an-email' });
      assert.equal(missing.statusCode, 400);
      assert.match(missing.headers['content-type'] as string, /^application\/problem\+json/);
      const problem = missing.json<{ status: number; title: string; errors: Array<{ field: string; message: string }> }>();
      assert.equal(problem.status, 400);
      assert.ok(problem.errors.some((error) => error.field === 'fullName'));
      const badEmail = await call('POST', '/api/v1/people', writeToken, { fullName: 'Sam', email: 'not-an-email' });
      assert.equal(badEmail.statusCode, 400);
      assert.ok(badEmail.json<{ errors: Array<{ field: string }> }>().errors.some((error) => error.field === 'email'));
      const duplicate = await call('POST', '/api/v1/topics', writeToken, { name: 'topic 0' });
      assert.equal(duplicate.statusCode, 409);
      assert.deepEqual(duplicate.json<{ errors: unknown }>().errors, [{ field: 'name', message: 'There is already a topic with that name' }]);
      assert.equal((await call('GET', '/api/v1/topics?cursor=rubbish', readToken)).statusCode, 400);
      assert.equal((await call('GET', '/api/v1/topics?limit=5000', readToken)).statusCode, 400);
      assert.equal((await call('GET', '/api/v1/people/00000000-0000-4000-8000-000000000000', readToken)).statusCode, 404);
      assert.equal((await call('PUT', '/api/v1/people/00000000-0000-4000-8000-000000000000', writeToken, { fullName: 'Nobody' })).statusCode, 404);
      assert.equal((await call('GET', '/api/v1/people/not-an-id', readToken)).statusCode, 404);
      const names = (await call('GET', '/api/v1/people?limit=200', readToken)).json<{ data: Array<{ fullName: string }> }>().data.map((p) => p.fullName);
      assert.ok(!names.includes('Sam'));
    });

    it('refuses requests without a valid token, and writes with a read-only one', async () => {
      const none = await call('GET', '/api/v1/people');
      assert.equal(none.statusCode, 401);
      assert.match(none.headers['content-type'] as string, /^application\/problem\+json/);
      assert.equal((await call('GET', '/api/v1/people', 'bw_guessed-token')).statusCode, 401);
      // A signed-in browser's cookie is not a token.
      assert.equal((await admin.get('/api/v1/people')).statusCode, 401);
      const write = await call('POST', '/api/v1/topics', readToken, { name: 'Refused' });
      assert.equal(write.statusCode, 403);
      assert.match(write.json<{ detail: string }>().detail, /can only read/);
    });

    it('gives a viewer’s token no more than the viewer has', async () => {
      const viewer = await addMember(t.db, ws.id, 'viewer');
      const agent = new Agent(t.app);
      await agent.signIn(viewer.email, viewer.password);
      const page = await agent.get(`${ws.base}/api-tokens`);
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /value="read-write"/);
      const refused = await agent.post(`${ws.base}/api-tokens`, { name: 'Sneaky', access: 'read-write', lifetimeDays: '30' });
      assert.equal(refused.statusCode, 403);
      const token = await makeToken(agent, ws, 'read', 'Viewer reads');
      assert.equal((await call('GET', '/api/v1/topics', token)).statusCode, 200);
      // Contact details only as the profile page shows them: Priya's replaced profile is not open to contact.
      const emailOfPriya = async (as: string) =>
        (await call('GET', '/api/v1/people?limit=200', as))
          .json<{ data: Array<{ fullName: string; email: string | null }> }>()
          .data.find((person) => person.fullName === 'Priya Shah')?.email;
      assert.equal(await emailOfPriya(token), null, 'hidden from a viewer');
      assert.equal(await emailOfPriya(readToken), 'priya@example.org', 'shown to staff');
    });

    it('never shows another workspace’s records, even by id', async () => {
      const other = await createTestWorkspace(t.db);
      const otherAdmin = new Agent(t.app);
      await otherAdmin.signIn(other.admin.email, other.admin.password);
      const otherToken = await makeToken(otherAdmin, other, 'read');
      const ours = (await call('GET', '/api/v1/people?limit=200', readToken)).json<{ data: Array<{ id: string }> }>().data;
      for (const person of ours.slice(0, 3)) assert.equal((await call('GET', `/api/v1/people/${person.id}`, otherToken)).statusCode, 404);
      const theirs = (await call('GET', '/api/v1/people?limit=200', otherToken)).json<{ data: Array<{ id: string }> }>().data;
      assert.ok(theirs.every((person) => !ours.some((mine) => mine.id === person.id)));
    });

    it('answers an unchanged read with 304 to its ETag, and says how many requests are left', async () => {
      const first = await call('GET', '/api/v1/topics', readToken);
      const etag = first.headers.etag as string;
      assert.ok(etag);
      assert.ok(Number(first.headers['x-ratelimit-remaining']) < Number(first.headers['x-ratelimit-limit']));
      const again = await call('GET', '/api/v1/topics', readToken, undefined, { 'if-none-match': etag });
      assert.equal(again.statusCode, 304);
      assert.equal(again.body, '');
      await call('POST', '/api/v1/topics', writeToken, { name: 'A change' });
      assert.equal((await call('GET', '/api/v1/topics', readToken, undefined, { 'if-none-match': etag })).statusCode, 200);
    });

    it('publishes a valid OpenAPI document, and every documented operation answers as it says', async () => {
      const openapi = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<OpenApi>();
      const validation = await new Validator().validate(openapi);
      assert.equal(validation.valid, true, JSON.stringify(validation.errors));

      const token = await makeToken(admin, ws, 'read-write', 'Contract test');
      const { importEvidenceItems } = await import('../evidence/import-evidence.ts');
      const { organisations } = await import('../organisations/tables.ts');
      const [evidence] = await importEvidenceItems(t.db, ws.id, { accountId: null, name: 'Test' }, [
        { sourceType: 'guidance', title: 'Documented item', authors: ['Ada Lovelace'] },
      ]);
      const [{ id: organisation }] = await t.db
        .insert(organisations)
        .values({ workspaceId: ws.id, name: 'Documented Council', kind: 'local_authority' })
        .returning({ id: organisations.id });
      const person = (await call('POST', '/api/v1/people', token, { fullName: 'Someone documented' })).json<{ id: string }>().id;
      const topic = (await call('POST', '/api/v1/topics', token, { name: 'Another documented topic' })).json<{ id: string }>().id;
      const [{ id: lesson }] = await t.db
        .insert(lessons)
        .values({
          workspaceId: ws.id,
          title: 'A documented lesson',
          whatHappened: 'x',
          status: 'published',
          publishedAt: new Date(),
          reviewDueOn: '2027-12-01',
        })
        .returning({ id: lessons.id });
      const programme = await programmeFor(ws.id, 'A documented programme');
      const delivery = await insertDeliveryProgramme(t.db, ws.id, organisation);
      const session = await sessionFor(programme, person);
      const discussion = await insertCommunityThread(t.db, ws.id, person);
      const { guide, content } = await insertGuide(t.db, ws.id, lesson);
      const readingList = await insertReadingList(t.db, ws.id, evidence);
      const examples = exampleRequests({
        person,
        organisation,
        topic,
        evidence,
        lesson,
        programme,
        session,
        ...discussion,
        guide,
        readingList,
        ...delivery,
      });

      const ajv = new Ajv2020({ strict: false, allErrors: true });
      addFormats.default(ajv);
      const documented = Object.entries(openapi.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`));
      assert.deepEqual(
        documented.filter((operation) => !examples[operation]),
        [],
        'every documented operation has an example request',
      );
      for (const operation of documented) {
        const [method, path] = operation.split(' ');
        const example = examples[operation];
        const response = await call(method.toUpperCase() as 'GET' | 'POST' | 'PUT', example.url, token, example.body);
        const declared = openapi.paths[path][method].responses[String(response.statusCode)];
        assert.ok(declared, `${operation} answered ${response.statusCode}, which it does not document: ${response.body.slice(0, 300)}`);
        assert.ok(response.statusCode < 300, `${operation} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
        const schema = declared.content?.['application/json']?.schema;
        assert.ok(schema, `${operation} documents its answer`);
        const valid = ajv.validate(schema, response.json());
        assert.ok(valid, `${operation}: ${ajv.errorsText()}`);
      }
      const read = (await call('GET', `/api/v1/guides/${guide}`, token)).json<{ sections: unknown }>();
      assert.deepEqual(read.sections, content.sections, 'a guide reads back as its latest version holds it');
    });

    it('shows lessons as the pages do: drafts only to the staff who curate them', async () => {
      const [draft, published] = await t.db
        .insert(lessons)
        .values([
          { workspaceId: ws.id, title: 'Draft for the API', whatHappened: 'x', status: 'draft' },
          { workspaceId: ws.id, title: 'Published for the API', whatHappened: 'x', status: 'published', publishedAt: new Date() },
        ])
        .returning({ id: lessons.id });
      const member = await addMember(t.db, ws.id, 'member');
      const agent = new Agent(t.app);
      await agent.signIn(member.email, member.password);
      const memberToken = await makeToken(agent, ws, 'read', 'Member lessons');
      const adminToken = await makeToken(admin, ws, 'read', 'Admin lessons');
      const titles = async (token: string) =>
        (await call('GET', '/api/v1/lessons?limit=100', token)).json<{ data: Array<{ title: string }> }>().data.map((l) => l.title);
      assert.ok((await titles(adminToken)).includes('Draft for the API'));
      assert.ok(!(await titles(memberToken)).includes('Draft for the API'));
      assert.ok((await titles(memberToken)).includes('Published for the API'));
      assert.equal((await call('GET', `/api/v1/lessons/${draft.id}`, memberToken)).statusCode, 404);
      assert.equal((await call('GET', `/api/v1/lessons/${published.id}`, memberToken)).statusCode, 200);
    });

    it('shows programmes as the pages do: all to staff, their own cohorts’ to others', async () => {
      const mine = await programmeFor(ws.id, 'Programme with the member');
      const other = await programmeFor(ws.id, 'Programme without the member');
      const member = await addMember(t.db, ws.id, 'member');
      await t.db.insert(cohortMembers).values({ workspaceId: ws.id, programmeId: mine, personId: member.personId, role: 'participant' });
      const agent = new Agent(t.app);
      await agent.signIn(member.email, member.password);
      const memberToken = await makeToken(agent, ws, 'read', 'Member programmes');
      const adminToken = await makeToken(admin, ws, 'read', 'Admin programmes');
      const names = async (token: string) =>
        (await call('GET', '/api/v1/programmes?limit=100', token)).json<{ data: Array<{ name: string; calendarToken?: string }> }>().data;
      assert.deepEqual(
        (await names(memberToken)).map((p) => p.name),
        ['Programme with the member'],
      );
      assert.ok((await names(adminToken)).some((p) => p.name === 'Programme without the member'));
      assert.ok(
        (await names(adminToken)).every((p) => p.calendarToken === undefined),
        'the calendar feed’s secret stays out',
      );
      assert.equal((await call('GET', `/api/v1/programmes/${other}`, memberToken)).statusCode, 404);
      assert.equal((await call('GET', `/api/v1/programmes/${mine}`, memberToken)).statusCode, 200);

      // Sessions to the cohort; their figures and attendance only to the people running it.
      const session = await sessionFor(mine, member.personId);
      type Sessions = { data: Array<{ title: string; figures: { attended: number } | null }> };
      const asMember = (await call('GET', `/api/v1/programmes/${mine}/sessions`, memberToken)).json<Sessions>().data;
      assert.deepEqual(
        asMember.map((s) => [s.title, s.figures]),
        [['Opening masterclass', null]],
      );
      assert.equal((await call('GET', `/api/v1/programmes/${mine}/sessions`, adminToken)).json<Sessions>().data[0].figures?.attended, 1);
      assert.equal((await call('GET', `/api/v1/programmes/${mine}/sessions/${session}/attendance`, memberToken)).statusCode, 403);
      assert.deepEqual((await call('GET', `/api/v1/programmes/${mine}/sessions/${session}/attendance`, adminToken)).json<{ data: unknown[] }>().data, [
        { personId: member.personId, status: 'attended' },
      ]);
      assert.equal((await call('GET', `/api/v1/programmes/${other}/sessions`, memberToken)).statusCode, 403, 'refused as the programme’s pages are');
    });

    it('stops a revoked or expired token at once, and shows when each was last used', async () => {
      const token = await makeToken(admin, ws, 'read', 'Short-lived');
      assert.equal((await call('GET', '/api/v1/topics', token)).statusCode, 200);
      const [row] = await t.db
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.workspaceId, ws.id), eq(apiTokens.name, 'Short-lived')));
      assert.ok(row.lastUsedAt, 'last use is recorded');
      await admin.get(`${ws.base}/api-tokens`);
      const revoked = await admin.post(`${ws.base}/api-tokens/${row.id}/revoke`);
      assert.equal(revoked.statusCode, 302);
      assert.equal((await call('GET', '/api/v1/topics', token)).statusCode, 401);
      const page = await admin.get(`${ws.base}/api-tokens`);
      assert.match(page.body, /Revoked/);
      await t.db
        .update(apiTokens)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(and(eq(apiTokens.workspaceId, ws.id), eq(apiTokens.name, 'Token read')));
      assert.equal((await call('GET', '/api/v1/topics', readToken)).statusCode, 401);
    });

    it('describes itself in an OpenAPI 3.1 document and a reference page anyone can read', async () => {
      const document = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
      assert.equal(document.statusCode, 200);
      const openapi = document.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
      assert.equal(openapi.openapi, '3.1.0');
      assert.ok(openapi.paths['/api/v1/people']?.get && openapi.paths['/api/v1/people']?.post);
      assert.ok(!Object.keys(openapi.paths).some((path) => path.endsWith('/openapi.json') || path.endsWith('/reference')));
      const reference = await t.app.inject({ method: 'GET', url: '/api/v1/reference' });
      assert.equal(reference.statusCode, 200);
      assert.match(reference.body, /List people/);
      assert.match(reference.body, /<code>fullName<\/code>/);
    });
  });
}
