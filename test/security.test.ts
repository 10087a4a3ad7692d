import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { rows } from '../src/core/db/client.ts';
import { workspaces } from '../src/core/db/tables.ts';
import { Agent } from './support/agent.ts';
import type { TestApp } from './support/app.ts';
import { testBackends } from './support/database.ts';
import { addMember, createTestWorkspace } from './support/factories.ts';
import { startExampleTest } from './support/workspace-test.ts';

/** What a viewer may do with the administrator's forms: their own e-mail settings, and following a thread they can read. */
const VIEWER_MAY = ['/notifications/settings', '/communities/:id/threads/:id/follow'];

/** Pages and forms gathered from the example workspace: enough to reach every kind, few enough to stay quick. */
const MAX_PAGES = 250;

/** A page's address with its ids and numbers collapsed, so one of each kind is followed. */
const kindOf = (path: string) =>
  path
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id')
    .replace(/\/\d+(?=\/|$|\?)/g, '/:n')
    .replace(/\?.*$/, '');

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/**
 * What a form would send as the administrator left it: hidden fields (which
 * carry ids: the person invited, the item added), typed values, checked
 * boxes, chosen options, text areas and a named button. The form token is
 * left out: each sender brings their own.
 */
function formFields(form: Element): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  const add = (name: string | undefined, value: string) => {
    if (name && name !== '_csrf') (fields[name] ??= []).push(value);
  };
  for (const control of DomUtils.findAll((node) => ['input', 'textarea', 'select', 'button'].includes(node.name), [form])) {
    const { name, type = 'text', value, checked } = control.attribs;
    if (control.name === 'input') {
      if (['submit', 'button', 'file', 'image'].includes(type) || ((type === 'checkbox' || type === 'radio') && checked === undefined)) continue;
      add(name, value ?? '');
    } else if (control.name === 'textarea') add(name, DomUtils.textContent(control));
    else if (control.name === 'select') {
      const options = DomUtils.findAll((node) => node.name === 'option', [control]);
      const chosen = options.find((option) => option.attribs.selected !== undefined) ?? options[0];
      if (chosen) add(name, chosen.attribs.value ?? DomUtils.textContent(chosen));
    } else if (name) add(name, value ?? DomUtils.textContent(control));
  }
  return fields;
}

/**
 * Every page and form the example workspace's administrator can reach,
 * gathered by following links, then tried with the same real ids by people
 * who must be refused: someone signed out, and another workspace's
 * administrator (signed in, with a valid form token of their own). None may
 * see a page of the workspace or change anything in it; nothing they send
 * may write an audit row, which every change writes.
 */
for (const backend of testBackends()) {
  describe(`security: every page and form of a workspace refused to outsiders (${backend})`, () => {
    let t: TestApp;
    let admin: Agent;
    let base: string;
    let workspaceId: string;
    let workspaceName: string;
    const pages = new Set<string>();
    /** Links the administrator followed that did not answer with a page (a redirect, a 404 for a record since deleted). */
    const unanswered: string[] = [];
    /** Each form's address, with what it sends. */
    const forms = new Map<string, Record<string, string[]>>();

    /** Rows in the workspace's audit log and in its people, programmes and evidence: any change moves one. */
    const footprint = async () =>
      (
        await rows<{ audit: number; people: number; programmes: number; evidence: number }>(
          t.db,
          sql`SELECT (SELECT count(*)::int FROM audit_events WHERE workspace_id = ${workspaceId}) AS audit,
                     (SELECT count(*)::int FROM people WHERE workspace_id = ${workspaceId}) AS people,
                     (SELECT count(*)::int FROM programmes WHERE workspace_id = ${workspaceId}) AS programmes,
                     (SELECT count(*)::int FROM evidence_items WHERE workspace_id = ${workspaceId}) AS evidence`,
        )
      )[0];

    before(async () => {
      let home: string;
      ({ t, admin, home } = await startExampleTest(backend));
      base = home.replace(/\/$/, '');
      const [workspace] = await t.db
        .select()
        .from(workspaces)
        .where(eq(workspaces.slug, base.split('/')[2]));
      workspaceId = workspace.id;
      workspaceName = workspace.name;
      // Follow links breadth first, as the administrator, one page of each kind.
      const queue = [base];
      const seen = new Set([kindOf(base)]);
      const tried = new Set([base]);
      while (queue.length && pages.size < MAX_PAGES) {
        const url = queue.shift()!;
        const response = await admin.get(url);
        if (response.statusCode !== 200) {
          unanswered.push(`${url}: ${response.statusCode}`);
          // Another link of the kind may answer (one programme has no delivery loop, the next does).
          seen.delete(kindOf(url));
          continue;
        }
        pages.add(url);
        if (!String(response.headers['content-type']).startsWith('text/html')) continue;
        const document = parseDocument(response.body);
        for (const form of DomUtils.findAll((node) => node.name === 'form' && node.attribs.method === 'post', document.children)) {
          const path = form.attribs.action ?? '';
          if (path.startsWith(`${base}/`) && !forms.has(path)) forms.set(path, formFields(form));
        }
        for (const link of DomUtils.findAll((node) => node.name === 'a' && Boolean(node.attribs.href), document.children)) {
          const path = link.attribs.href.split('#')[0];
          if (!path.startsWith(`${base}/`) || seen.has(kindOf(path)) || tried.has(path)) continue;
          tried.add(path);
          seen.add(kindOf(path));
          queue.push(path);
        }
      }
    });
    after(() => t.close());

    it('gathers a real workspace’s pages and forms to try', () => {
      console.log(`${pages.size} pages and ${forms.size} forms gathered; links not answered with a page: ${unanswered.join(', ') || 'none'}`);
      assert.deepEqual(
        unanswered.filter((line) => /: 5\d\d$/.test(line)),
        [],
        'no link the administrator follows fails on the server',
      );
      assert.ok(pages.size > 80, `${pages.size} pages`);
      assert.ok(forms.size > 200, `${forms.size} forms`);
    });

    it('sends someone signed out to sign in, from every page, and changes nothing for their forms', async () => {
      const before = await footprint();
      const stranger = new Agent(t.app);
      const shown: string[] = [];
      for (const url of pages) {
        const response = await stranger.get(url);
        if (response.statusCode !== 302 || !String(response.headers.location).startsWith('/sign-in')) shown.push(`${url}: ${response.statusCode}`);
      }
      assert.deepEqual(shown, [], 'every page asks a stranger to sign in');
      const accepted: string[] = [];
      await stranger.get('/sign-in');
      for (const [action, fields] of forms) {
        const response = await stranger.post(action, fields);
        if (response.statusCode < 400 && !String(response.headers.location).startsWith('/sign-in')) accepted.push(`${action}: ${response.statusCode}`);
      }
      assert.deepEqual(accepted, [], 'every form refuses a stranger');
      assert.deepEqual(await footprint(), before);
    });

    it('shows another workspace’s administrator none of its pages and lets them change nothing, with the real ids', async () => {
      const other = await createTestWorkspace(t.db);
      const outsider = new Agent(t.app);
      await outsider.signIn(other.admin.email, other.admin.password);
      const before = await footprint();
      const shown: string[] = [];
      for (const url of pages) {
        const response = await outsider.get(url);
        if (response.statusCode < 400 || response.body.includes(workspaceName)) shown.push(`${url}: ${response.statusCode}`);
      }
      assert.deepEqual(shown, [], 'every page is refused to another workspace’s administrator');
      // Their own page first: a valid form token, theirs, as a real attacker would have.
      await outsider.get(other.base);
      const accepted: string[] = [];
      for (const [action, fields] of forms) {
        const response = await outsider.post(action, fields);
        if (response.statusCode < 400) accepted.push(`${action}: ${response.statusCode}`);
      }
      assert.deepEqual(accepted, [], 'every form refuses another workspace’s administrator');
      assert.deepEqual(await footprint(), before);

      // The same real ids asked for inside their own workspace: a record is found only in the workspace it belongs to.
      const inOwn = (url: string) => url.replace(base, other.base);
      const withIds = [...pages].filter((url) => UUID.test(url));
      assert.ok(withIds.length > 30, `${withIds.length} pages name a record`);
      const leaked: string[] = [];
      for (const url of withIds) {
        const response = await outsider.get(inOwn(url));
        if (response.statusCode < 400 || response.body.includes(workspaceName)) leaked.push(`${inOwn(url)}: ${response.statusCode}`);
      }
      assert.deepEqual(leaked, [], 'no record of one workspace is shown in another');
      await outsider.get(other.base);
      const changed: string[] = [];
      // Their own workspace's audit log grows with anything they manage to do there; the other one's must not.
      // Their own forms too, sent with the other workspace's ids in the fields (the person invited, the item added). A form
      // may answer a record it cannot find by going back with a message (302), so what is checked is that nothing changed.
      let audited = (await footprint()).audit;
      let [{ own: ownAudited }] = await rows<{ own: number }>(t.db, sql`SELECT count(*)::int AS own FROM audit_events WHERE workspace_id = ${other.id}`);
      for (const [action, fields] of forms) {
        if (
          !UUID.test(action) &&
          !Object.values(fields)
            .flat()
            .some((value) => UUID.test(value))
        )
          continue;
        const response = await outsider.post(inOwn(action), fields);
        const now = (await footprint()).audit;
        const [{ own }] = await rows<{ own: number }>(t.db, sql`SELECT count(*)::int AS own FROM audit_events WHERE workspace_id = ${other.id}`);
        if (now !== audited || own !== ownAudited || response.statusCode === 200) changed.push(`${inOwn(action)}: ${response.statusCode}`);
        audited = now;
        ownAudited = own;
      }
      assert.deepEqual(changed, [], 'no record of one workspace is changed from another');
      assert.deepEqual(await footprint(), before);
    });

    it('lets a viewer change none of what the administrator’s forms change, but their own settings', async () => {
      const viewer = await addMember(t.db, workspaceId, 'viewer');
      const agent = new Agent(t.app);
      await agent.signIn(viewer.email, viewer.password);
      await agent.get(base);
      const changed: string[] = [];
      let audited = (await footprint()).audit;
      for (const [action, fields] of forms) {
        await agent.post(action, fields);
        const now = (await footprint()).audit;
        if (now !== audited) changed.push(kindOf(action).replace(base, ''));
        audited = now;
      }
      assert.deepEqual(changed, VIEWER_MAY, 'a viewer changes only what is theirs to change');
    });

    it('refuses the workspace’s own administrator a form sent without its token (CSRF)', async () => {
      const before = await footprint();
      const refused: string[] = [];
      for (const [action, fields] of [...forms].slice(0, 60)) {
        const response = await admin.post(action, fields, { csrf: false });
        if (response.statusCode !== 403) refused.push(`${action}: ${response.statusCode}`);
      }
      assert.deepEqual(refused, [], 'a form without its token is refused');
      assert.deepEqual(await footprint(), before);
    });
  });
}
