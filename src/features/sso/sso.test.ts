import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, sql } from 'drizzle-orm';
import type { TestApp } from '../../../test/support/app.ts';
import { Agent } from '../../../test/support/agent.ts';
import { testBackends } from '../../../test/support/database.ts';
import { addMember, createTestWorkspace, type TestUser, type TestWorkspace } from '../../../test/support/factories.ts';
import { startTestProvider, type TestProvider } from '../../../test/support/oidc-provider.ts';
import { assertPageHas, assertPageLacks } from '../../../test/support/page-text.ts';
import { startWorkspaceTest } from '../../../test/support/workspace-test.ts';
import { accounts, auditEvents, workspaces } from '../../core/db/tables.ts';
import { invitations, memberships } from '../access/tables.ts';
import { organisations } from '../organisations/tables.ts';
import { people } from '../people/tables.ts';
import { operatorMember } from '../../core/operations.ts';
import { setSsoRequired } from './set-sso-required.ts';
import { ssoAttempts, ssoIdentities, ssoProviders, ssoRules } from './tables.ts';

for (const backend of testBackends()) {
  describe(`single sign-on (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let admin: Agent;
    let provider: TestProvider;
    let organisationId: string;

    const audits = async (action: string) =>
      (
        await t.db
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.workspaceId, ws.id), eq(auditEvents.action, action)))
      ).map((row) => row.summary);
    const accountByEmail = async (email: string) =>
      (
        await t.db
          .select()
          .from(accounts)
          .where(eq(sql`lower(${accounts.email})`, email))
      )[0];

    /** The whole journey as a browser makes it: the workspace's sign-in link, the provider's forms as `login`, and back. */
    async function signInThrough(agent: Agent, login: string, options: { next?: string; abort?: boolean } = {}) {
      const started = await agent.get(`/sso/${ws.slug}${options.next ? `?next=${encodeURIComponent(options.next)}` : ''}`);
      assert.equal(started.statusCode, 302, started.body);
      const back = await provider.signIn(String(started.headers.location), login, { abort: options.abort });
      return { callback: back, response: await agent.get(`${back.pathname}${back.search}`) };
    }

    before(async () => {
      ({ t, ws, admin } = await startWorkspaceTest(backend, { OUTBOUND_ALLOWED_HOSTS: '127.0.0.1' }));
      provider = await startTestProvider([`${t.config.publicUrl}/sso/${ws.slug}/callback`]);
      [{ id: organisationId }] = await t.db
        .insert(organisations)
        .values({ workspaceId: ws.id, name: 'Department for Levelling Up', kind: 'department' })
        .returning();
    });
    after(async () => {
      await t.close();
      await provider.close();
    });

    it('sets up the provider, reading its settings first and refusing what is wrong with a reason', async () => {
      const page = await admin.get(`${ws.base}/sso`);
      assert.equal(page.statusCode, 200);
      assertPageHas(page.body, new RegExp(`${t.config.publicUrl}/sso/${ws.slug}/callback`));
      const good = {
        displayName: 'Levelling Up account',
        issuerUrl: provider.issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        enabled: 'yes',
      };
      const cases: Array<[Record<string, string>, RegExp]> = [
        [{ ...good, displayName: '' }, /Enter the name to show on the button/],
        [{ ...good, issuerUrl: 'login.example' }, /Enter the issuer as a full address/],
        [{ ...good, clientId: '' }, /Enter the client ID/],
        [{ ...good, clientSecret: '' }, /Enter the client secret/],
        [{ ...good, issuerUrl: 'https://10.1.2.3/tenant' }, /10\.1\.2\.3 is a private address/],
        [{ ...good, issuerUrl: 'http://login.example.org' }, /Only https:\/\/ addresses are reached/],
        [
          { ...good, issuerUrl: 'http://127.0.0.1:1' },
          /Could not read the provider’s settings from http:\/\/127\.0\.0\.1:1: The server refused the connection/,
        ],
        [{ ...good, issuerUrl: `${provider.issuer}/elsewhere` }, /Could not read the provider’s settings/],
      ];
      for (const [form, message] of cases) {
        const refused = await admin.post(`${ws.base}/sso`, form);
        assert.equal(refused.statusCode, 400, JSON.stringify(form));
        assertPageHas(refused.body, message);
      }
      assert.equal((await t.db.select().from(ssoProviders).where(eq(ssoProviders.workspaceId, ws.id))).length, 0);

      const saved = await admin.post(`${ws.base}/sso`, { ...good, issuerUrl: `${provider.issuer}/` });
      assert.equal(saved.statusCode, 302, saved.body);
      const shown = await admin.get(`${ws.base}/sso`);
      assertPageHas(shown.body, /answered as an OpenID provider should/);
      assertPageLacks(shown.body, new RegExp(provider.clientSecret));
      assertPageHas(shown.body, /Saved, and never shown again/);
      // Saved again without the secret keeps it.
      assert.equal((await admin.post(`${ws.base}/sso`, { ...good, clientSecret: '', displayName: 'Department account' })).statusCode, 302);
      const [row] = await t.db.select().from(ssoProviders).where(eq(ssoProviders.workspaceId, ws.id));
      assert.equal(row.clientSecret, provider.clientSecret);
      assert.equal(row.issuerUrl, provider.issuer);
      assert.deepEqual(await audits('sso.provider_added'), [`Set up single sign-on through Levelling Up account (${provider.issuer})`]);
      assert.deepEqual(await audits('sso.provider_changed'), [`Changed single sign-on through Department account (${provider.issuer})`]);
    });

    it('adds and removes rules for who may join, refusing incomplete ones', async () => {
      await admin.get(`${ws.base}/sso`);
      const cases: Array<[Record<string, string>, RegExp]> = [
        [{ matchBy: 'domain', emailDomain: '', role: 'member' }, /Enter the email domain/],
        [{ matchBy: 'domain', emailDomain: 'someone@levellingup.gov.uk', role: 'member' }, /Enter a domain such as/],
        [{ matchBy: 'claim', claimName: '', claimValue: 'x', role: 'member' }, /Enter the claim’s name/],
        [{ matchBy: 'claim', claimName: 'groups', claimValue: '', role: 'member' }, /Enter the value the claim must hold/],
        [{ matchBy: 'domain', emailDomain: 'levellingup.gov.uk', role: 'owner' }, /Choose a role from the list/],
        [
          { matchBy: 'domain', emailDomain: 'levellingup.gov.uk', role: 'member', organisationId: '5f0c7a52-4a8e-4a55-9f39-1d6c7c1f0a11' },
          /Choose an organisation from the list/,
        ],
        [{ emailDomain: 'levellingup.gov.uk', role: 'member' }, /Choose whether to match an email domain or a claim/],
      ];
      for (const [form, message] of cases) {
        const refused = await admin.post(`${ws.base}/sso/rules`, form);
        assert.equal(refused.statusCode, 400, JSON.stringify(form));
        assertPageHas(refused.body, message);
      }
      assert.equal((await t.db.select().from(ssoRules).where(eq(ssoRules.workspaceId, ws.id))).length, 0);
      assert.equal(
        (await admin.post(`${ws.base}/sso/rules`, { matchBy: 'domain', emailDomain: '@LevellingUp.gov.uk', role: 'member', organisationId })).statusCode,
        302,
      );
      assert.equal(
        (await admin.post(`${ws.base}/sso/rules`, { matchBy: 'claim', claimName: 'groups', claimValue: 'bw-facilitators', role: 'facilitator' })).statusCode,
        302,
      );
      assert.equal((await admin.post(`${ws.base}/sso/rules`, { matchBy: 'domain', emailDomain: 'temporary.example', role: 'viewer' })).statusCode, 302);
      const page = await admin.get(`${ws.base}/sso`);
      assertPageHas(page.body, /an email address at <strong>levellingup\.gov\.uk<\/strong><\/td>\s*<td[^>]*>Member, Department for Levelling Up/);
      assertPageHas(page.body, /the claim <code>groups<\/code> holding <strong>bw-facilitators<\/strong><\/td>\s*<td[^>]*>Facilitator</);
      const [temporary] = await t.db
        .select()
        .from(ssoRules)
        .where(and(eq(ssoRules.workspaceId, ws.id), eq(ssoRules.emailDomain, 'temporary.example')));
      assert.equal((await admin.post(`${ws.base}/sso/rules/${temporary.id}/remove`)).statusCode, 302);
      assert.equal((await admin.post(`${ws.base}/sso/rules/${temporary.id}/remove`)).statusCode, 404);
      assert.deepEqual(await audits('sso.rule_removed'), ['Removed the rule for email addresses at temporary.example']);
      assert.equal((await audits('sso.rule_added')).length, 3);
    });

    it('finds the workspace by email domain, and lets a new person join through the provider by the domain rule', async () => {
      provider.people.set('ada', { email: 'Ada.Byron@levellingup.gov.uk', email_verified: true, name: 'Ada Byron' });
      const visitor = new Agent(t.app);
      assertPageHas((await visitor.get('/sign-in')).body, /Sign in with single sign-on/);
      await visitor.get('/sign-in/sso');
      const found = await visitor.post('/sign-in/sso', { email: 'ada.byron@levellingup.gov.uk' });
      assert.equal(found.statusCode, 200);
      assertPageHas(found.body, new RegExp(`Sign in to ${ws.name} with Department account`));
      const link = /href="(\/sso\/[^"]+)"/.exec(found.body)![1].replaceAll('&amp;', '&');

      const started = await visitor.get(link);
      assert.equal(started.statusCode, 302);
      const authorization = new URL(String(started.headers.location));
      assert.equal(authorization.origin, provider.issuer);
      for (const parameter of ['state', 'nonce', 'code_challenge']) assert.ok(authorization.searchParams.get(parameter), parameter);
      assert.equal(authorization.searchParams.get('code_challenge_method'), 'S256');
      assert.equal(authorization.searchParams.get('login_hint'), 'ada.byron@levellingup.gov.uk');
      assert.equal(authorization.searchParams.get('redirect_uri'), `${t.config.publicUrl}/sso/${ws.slug}/callback`);
      const back = await provider.signIn(authorization.href, 'ada');
      const arrived = await visitor.get(`${back.pathname}${back.search}`);
      assert.equal(arrived.statusCode, 302, arrived.body);
      assert.equal(arrived.headers.location, ws.base);
      const home = await visitor.get(ws.base);
      assert.equal(home.statusCode, 200);
      assertPageHas(home.body, new RegExp(`Welcome to ${ws.name}\\. You joined through Department account`));

      const account = await accountByEmail('ada.byron@levellingup.gov.uk');
      assert.equal(account.name, 'Ada Byron');
      assert.equal(account.passwordHash, null);
      const [joined] = await t.db
        .select({ role: memberships.role, organisationId: people.organisationId, fullName: people.fullName })
        .from(memberships)
        .innerJoin(people, eq(people.id, memberships.personId))
        .where(and(eq(memberships.workspaceId, ws.id), eq(memberships.accountId, account.id)));
      assert.deepEqual(joined, { role: 'member', organisationId, fullName: 'Ada Byron' });
      assert.deepEqual(await audits('sso.joined'), ['Ada Byron joined through Department account as member (an email address at levellingup.gov.uk)']);
      assert.equal((await t.db.select().from(ssoAttempts).where(eq(ssoAttempts.workspaceId, ws.id))).length, 0);

      // The same answer again is refused: the attempt was used up.
      const replay = await new Agent(t.app).get(`${back.pathname}${back.search}`);
      assert.equal(replay.statusCode, 400);
      assertPageHas(replay.body, /was started in another browser\. Start again/);

      // Next time: the same person, no second membership or joining, and the page asked for is where they land.
      const again = new Agent(t.app);
      const { response } = await signInThrough(again, 'ada', { next: `${ws.base}/people` });
      assert.equal(response.headers.location, `${ws.base}/people`);
      assert.equal(
        (
          await t.db
            .select()
            .from(memberships)
            .where(and(eq(memberships.workspaceId, ws.id), eq(memberships.accountId, account.id)))
        ).length,
        1,
      );
      assert.equal((await audits('sso.joined')).length, 1);
      assert.equal((await audits('sso.linked')).length, 1);

      // What is held about them includes their identity at the provider; erasing them removes it.
      const [ada] = await t.db
        .select()
        .from(memberships)
        .where(and(eq(memberships.workspaceId, ws.id), eq(memberships.accountId, account.id)));
      const held = await admin.get(`${ws.base}/people/${ada.personId}/personal-data`);
      assertPageHas(held.body, /Single sign-on identities/);
      assertPageHas(held.body, /subject-ada/);
    });

    it('lets someone join by a claim, and through their invitation with its role', async () => {
      provider.people.set('grace', { email: 'grace@partner.example', name: 'Grace Hopper', groups: ['staff', 'bw-facilitators'] });
      const { response } = await signInThrough(new Agent(t.app), 'grace');
      assert.equal(response.statusCode, 302, response.body);
      const grace = await accountByEmail('grace@partner.example');
      const [membership] = await t.db
        .select()
        .from(memberships)
        .where(and(eq(memberships.workspaceId, ws.id), eq(memberships.accountId, grace.id)));
      assert.equal(membership.role, 'facilitator');

      const [person] = await t.db.insert(people).values({ workspaceId: ws.id, fullName: 'Idris Okafor', email: 'idris@council.example' }).returning();
      await admin.get(`${ws.base}/people/${person.id}`);
      assert.equal((await admin.post(`${ws.base}/access/invitations`, { personId: person.id, role: 'expert' })).statusCode, 302);
      provider.people.set('idris', { email: 'idris@council.example', name: 'Idris Okafor' });
      assert.equal((await signInThrough(new Agent(t.app), 'idris')).response.statusCode, 302);
      const idris = await accountByEmail('idris@council.example');
      const [joined] = await t.db
        .select()
        .from(memberships)
        .where(and(eq(memberships.workspaceId, ws.id), eq(memberships.accountId, idris.id)));
      assert.deepEqual([joined.role, joined.personId], ['expert', person.id]);
      const [invitation] = await t.db
        .select()
        .from(invitations)
        .where(and(eq(invitations.workspaceId, ws.id), eq(invitations.personId, person.id)));
      assert.ok(invitation.acceptedAt);
    });

    it('refuses whom the provider cannot vouch for, and sign-ins that went wrong, with a reason and nothing saved', async () => {
      provider.people.set('stranger', { email: 'stranger@elsewhere.example', name: 'A Stranger' });
      provider.people.set('unverified', { email: 'mallory@levellingup.gov.uk', email_verified: false, name: 'Mallory' });
      provider.people.set('nameless', { name: 'No Email' });
      const cases: Array<[string, number, RegExp]> = [
        ['stranger', 403, /nothing there gives you access to/],
        ['unverified', 403, /says your email address mallory@levellingup\.gov\.uk is not verified/],
        ['nameless', 403, /did not give your email address/],
      ];
      for (const [login, status, message] of cases) {
        const { response } = await signInThrough(new Agent(t.app), login);
        assert.equal(response.statusCode, status, login);
        assertPageHas(response.body, message);
      }
      assert.equal(await accountByEmail('stranger@elsewhere.example'), undefined);
      assert.equal(await accountByEmail('mallory@levellingup.gov.uk'), undefined);

      const cancelled = await signInThrough(new Agent(t.app), 'ada', { abort: true });
      assert.equal(cancelled.response.statusCode, 400);
      assertPageHas(cancelled.response.body, /Signing in was cancelled or refused at the provider/);

      // An answer whose state was changed on the way is refused.
      const agent = new Agent(t.app);
      const started = await agent.get(`/sso/${ws.slug}`);
      const back = await provider.signIn(String(started.headers.location), 'ada');
      back.searchParams.set('state', 'forged');
      const forged = await agent.get(`${back.pathname}${back.search}`);
      assert.equal(forged.statusCode, 400);
      assertPageHas(forged.body, /did not sign you in/);

      const cookieless = await new Agent(t.app).get(`/sso/${ws.slug}/callback?code=abc&state=def`);
      assert.equal(cookieless.statusCode, 400);
      assert.equal((await new Agent(t.app).get('/sso/no-such-workspace')).statusCode, 404);
      const other = await createTestWorkspace(t.db);
      assert.equal((await new Agent(t.app).get(`/sso/${other.slug}`)).statusCode, 404);
    });

    it('links an account used elsewhere only once its owner has signed in with its password', async () => {
      const other = await createTestWorkspace(t.db);
      const elsewhere: TestUser = await addMember(t.db, other.id, 'member', 'Noor Shah');
      provider.people.set('noor', { email: elsewhere.email, name: 'Noor Shah' });
      await t.db.insert(ssoRules).values({ workspaceId: ws.id, position: 10, emailDomain: 'example.org', role: 'viewer' });
      const refused = await signInThrough(new Agent(t.app), 'noor');
      assert.equal(refused.response.statusCode, 403);
      assertPageHas(refused.response.body, /already a Bridgework account for .* used in other workspaces\. Sign in with its password first/);
      assert.equal((await t.db.select().from(ssoIdentities).where(eq(ssoIdentities.accountId, elsewhere.accountId))).length, 0);

      const owner = new Agent(t.app);
      await owner.signIn(elsewhere.email, elsewhere.password);
      const linked = await signInThrough(owner, 'noor');
      assert.equal(linked.response.statusCode, 302, linked.response.body);
      assert.equal((await t.db.select().from(ssoIdentities).where(eq(ssoIdentities.accountId, elsewhere.accountId))).length, 1);
      assert.equal((await owner.get(ws.base)).statusCode, 200);
      assert.equal((await owner.get(other.base)).statusCode, 200);

      // Erased here at their request: the identity at this workspace's provider goes; the account stays for the other workspace.
      const [here] = await t.db
        .select()
        .from(memberships)
        .where(and(eq(memberships.workspaceId, ws.id), eq(memberships.accountId, elsewhere.accountId)));
      await admin.get(`${ws.base}/people/${here.personId}/erase`);
      assert.equal((await admin.post(`${ws.base}/people/${here.personId}/erase`)).statusCode, 302);
      assert.equal((await t.db.select().from(ssoIdentities).where(eq(ssoIdentities.accountId, elsewhere.accountId))).length, 0);
      assert.ok(await accountByEmail(elsewhere.email));
    });

    it('turns password sign-in off only for an administrator signed in through the provider, and sends password sessions there', async () => {
      await admin.get(`${ws.base}/sso`);
      const early = await admin.post(`${ws.base}/sso/sign-in-method`, { ssoRequired: 'yes' });
      assert.equal(early.statusCode, 400);
      assertPageHas(early.body, /Sign in through Department account first/);
      assertPageHas((await admin.post(`${ws.base}/sso/sign-in-method`, { ssoRequired: 'maybe' })).body, /Choose how members sign in/);

      // The administrator's account is only in this workspace, so the provider may sign it in; the session then counts as single sign-on.
      provider.people.set('alex', { email: ws.admin.email, name: 'Alex Admin' });
      const viaProvider = await signInThrough(admin, 'alex');
      assert.equal(viaProvider.response.statusCode, 302);
      await admin.get(`${ws.base}/sso`);
      assert.equal((await admin.post(`${ws.base}/sso/sign-in-method`, { ssoRequired: 'yes' })).statusCode, 302);
      assert.deepEqual(await audits('sso.required'), ['Members must now sign in through single sign-on']);
      const [workspace] = await t.db.select().from(workspaces).where(eq(workspaces.id, ws.id));
      assert.equal(workspace.ssoRequired, true);

      // Turning the provider off now would lock everyone out.
      const off = await admin.post(`${ws.base}/sso`, {
        displayName: 'Department account',
        issuerUrl: provider.issuer,
        clientId: provider.clientId,
        enabled: 'no',
      });
      assert.equal(off.statusCode, 400);
      assertPageHas(off.body, /Let them sign in with a password again before turning it off/);

      // A member signed in with a password is sent to the provider for pages, and refused for forms; other workspaces are unaffected.
      const member = await addMember(t.db, ws.id, 'member');
      const other = await createTestWorkspace(t.db);
      await t.db.insert(memberships).values({
        workspaceId: other.id,
        accountId: member.accountId,
        personId: (await t.db.insert(people).values({ workspaceId: other.id, fullName: member.name }).returning())[0].id,
        role: 'member',
      });
      const withPassword = new Agent(t.app);
      await withPassword.signIn(member.email, member.password);
      const sent = await withPassword.get(`${ws.base}/people`);
      assert.equal(sent.statusCode, 302);
      assert.equal(sent.headers.location, `/sso/${ws.slug}?next=${encodeURIComponent(`${ws.base}/people`)}`);
      await withPassword.get(other.base);
      const form = await withPassword.post(`${ws.base}/notifications/settings`, {});
      assert.equal(form.statusCode, 403);
      assert.equal((await withPassword.get(other.base)).statusCode, 200);

      // The operator's way back in, should the provider break (npm run cli -- allow-passwords).
      await setSsoRequired(
        t.db,
        { workspace: { ...ws, isExample: false }, member: operatorMember, actor: { accountId: null, name: 'Command line' } },
        false,
        false,
      );
      const [allowed] = await t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.workspaceId, ws.id), eq(auditEvents.action, 'sso.passwords_allowed')));
      assert.deepEqual([allowed.actorName, allowed.summary], ['Command line', 'Members may sign in with a password again']);
      assert.equal((await withPassword.get(`${ws.base}/people`)).statusCode, 200);
    });

    it('says the provider cannot be reached rather than failing', async () => {
      await t.db.update(ssoProviders).set({ issuerUrl: 'http://127.0.0.1:1', updatedAt: new Date() }).where(eq(ssoProviders.workspaceId, ws.id));
      const down = await new Agent(t.app).get(`/sso/${ws.slug}`);
      assert.equal(down.statusCode, 502);
      assertPageHas(down.body, /Department account could not be reached: The server refused the connection/);
      await t.db.update(ssoProviders).set({ issuerUrl: provider.issuer, updatedAt: new Date() }).where(eq(ssoProviders.workspaceId, ws.id));
    });

    it('is for administrators only', async () => {
      const facilitator = await addMember(t.db, ws.id, 'facilitator');
      const agent = new Agent(t.app);
      await agent.signIn(facilitator.email, facilitator.password);
      assert.equal((await agent.get(`${ws.base}/sso`)).statusCode, 403);
      await agent.get(ws.base);
      assert.equal((await agent.post(`${ws.base}/sso/rules`, { matchBy: 'domain', emailDomain: 'x.example', role: 'administrator' })).statusCode, 403);
      assert.equal((await agent.post(`${ws.base}/sso/sign-in-method`, { ssoRequired: 'no' })).statusCode, 403);
    });
  });
}
