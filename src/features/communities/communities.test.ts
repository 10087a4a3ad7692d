import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { Agent } from '../../../test/support/agent.ts';
import type { TestApp } from '../../../test/support/app.ts';
import { testBackends } from '../../../test/support/database.ts';
import { addMember, type TestUser, type TestWorkspace } from '../../../test/support/factories.ts';
import { assertPageHas, assertPageLacks } from '../../../test/support/page-text.ts';
import { startWorkspaceTest } from '../../../test/support/workspace-test.ts';
import { communities, communityMembers, communityPosts, communityThreads } from './tables.ts';
import { workspaceEvents } from '../../core/db/tables.ts';

for (const backend of testBackends()) {
  describe(`communities of interest (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let admin: Agent;
    let lead: TestUser;
    let asLead: Agent;
    let other: TestUser;
    let asOther: Agent;
    let openId: string;
    let closedId: string;

    const signedIn = async (user: TestUser) => {
      const agent = new Agent(t.app);
      await agent.signIn(user.email, user.password);
      return agent;
    };

    before(async () => {
      ({ t, ws, admin } = await startWorkspaceTest(backend));
      lead = await addMember(t.db, ws.id, 'member', 'Janet Armstrong');
      other = await addMember(t.db, ws.id, 'member', 'Rob Kaur');
      asLead = await signedIn(lead);
      asOther = await signedIn(other);
    });
    after(() => t.close());

    it('starts open and invite-only communities, refusing a blank or repeated name and anyone but staff', async () => {
      await admin.get(`${ws.base}/communities`);
      const blank = await admin.post(`${ws.base}/communities`, { name: '', visibility: 'open' });
      assert.equal(blank.statusCode, 400);
      assertPageHas(blank.body, /Enter the community’s name/);
      const open = await admin.post(`${ws.base}/communities`, { name: 'Hub leads', description: 'For the ten hub leads.', visibility: 'open' });
      assert.equal(open.statusCode, 302);
      openId = String(open.headers.location).split('/').pop()!;
      const again = await admin.post(`${ws.base}/communities`, { name: 'HUB LEADS', visibility: 'open' });
      assert.equal(again.statusCode, 409);
      assertPageHas(again.body, /already a community with this name/);
      const closed = await admin.post(`${ws.base}/communities`, { name: 'Chief executives', visibility: 'invite_only' });
      closedId = String(closed.headers.location).split('/').pop()!;
      await asLead.get(`${ws.base}/communities`);
      assert.equal((await asLead.post(`${ws.base}/communities`, { name: 'Mine', visibility: 'open' })).statusCode, 403);
      assert.equal((await t.db.select().from(communities)).length, 2);
    });

    it('lets its moderators change a community, and nobody else', async () => {
      const form = await admin.get(`${ws.base}/communities/${openId}/edit`);
      assertPageHas(form.body, /For the ten hub leads\./);
      const taken = await admin.post(`${ws.base}/communities/${openId}/edit`, { name: 'Chief executives', visibility: 'open' });
      assert.equal(taken.statusCode, 409);
      assertPageHas(taken.body, /already a community with this name/);
      const badProgramme = await admin.post(`${ws.base}/communities/${openId}/edit`, {
        name: 'Hub leads',
        visibility: 'open',
        programmeId: crypto.randomUUID(),
      });
      assertPageHas(badProgramme.body, /Choose a programme from the list/);
      const saved = await admin.post(`${ws.base}/communities/${openId}/edit`, {
        name: 'Hub leads',
        description: 'For the ten hub leads and their deputies.',
        visibility: 'open',
      });
      assert.equal(saved.statusCode, 302);
      const [row] = await t.db.select().from(communities).where(eq(communities.id, openId));
      assert.equal(row.description, 'For the ten hub leads and their deputies.');
      assert.equal((await asLead.get(`${ws.base}/communities/${openId}/edit`)).statusCode, 403);
      await asLead.get(`${ws.base}/communities`);
      assert.equal((await asLead.post(`${ws.base}/communities/${openId}/edit`, { name: 'Taken over', visibility: 'open' })).statusCode, 403);
    });

    it('keeps an invite-only community out of sight of everyone outside it', async () => {
      const list = await asLead.get(`${ws.base}/communities`);
      assertPageHas(list.body, /Hub leads/);
      assertPageLacks(list.body, /Chief executives/);
      assert.equal((await asLead.get(`${ws.base}/communities/${closedId}`)).statusCode, 404);
      await asLead.get(`${ws.base}/communities`);
      assert.equal((await asLead.post(`${ws.base}/communities/${closedId}/membership`, { action: 'join' })).statusCode, 404);
      // A moderator adds them; then they see it.
      await admin.get(`${ws.base}/communities/${closedId}/members`);
      const added = await admin.post(`${ws.base}/communities/${closedId}/members`, { personIds: [lead.personId] });
      assert.equal(added.statusCode, 302);
      assert.equal((await asLead.get(`${ws.base}/communities/${closedId}`)).statusCode, 200);
      assert.equal((await asOther.get(`${ws.base}/communities/${closedId}`)).statusCode, 404);
    });

    it('lets people join an open community, post a challenge, answer it and mark what helped', async () => {
      const page = await asLead.get(`${ws.base}/communities/${openId}`);
      assertPageHas(page.body, /Join the community/);
      // Not a member yet: posting is refused.
      assert.equal((await asLead.post(`${ws.base}/communities/${openId}/threads`, { kind: 'challenge', title: 'x', body: 'y' })).statusCode, 403);
      await asLead.get(`${ws.base}/communities/${openId}`);
      assert.equal((await asLead.post(`${ws.base}/communities/${openId}/membership`, { action: 'join' })).statusCode, 302);
      await asLead.get(`${ws.base}/communities/${openId}`);
      const blank = await asLead.post(`${ws.base}/communities/${openId}/threads`, { kind: 'challenge', title: '', body: '' });
      assert.equal(blank.statusCode, 400);
      assertPageHas(blank.body, /Enter a title/);
      const started = await asLead.post(`${ws.base}/communities/${openId}/threads`, {
        kind: 'challenge',
        title: 'Has anyone cut the wait for an assessor?',
        body: 'Our households wait **eight weeks** for an assessor.',
      });
      assert.equal(started.statusCode, 302);
      const threadPath = String(started.headers.location);
      await asOther.get(`${ws.base}/communities/${openId}`);
      await asOther.post(`${ws.base}/communities/${openId}/membership`, { action: 'join' });
      await asOther.get(threadPath);
      const replied = await asOther.post(`${threadPath}/replies`, { body: 'We shared a pool of independent assessors across the hub.' });
      assert.equal(replied.statusCode, 302);
      const [post] = await t.db.select().from(communityPosts);
      // Only the person who asked (or a moderator) marks what helped.
      assert.equal((await asOther.post(`${threadPath}/posts/${post.id}/helpful`, { helpful: 'yes' })).statusCode, 403);
      const thread = await asLead.get(threadPath);
      assertPageHas(thread.body, /<strong>eight weeks<\/strong>/);
      assertPageHas(thread.body, /This helped/);
      assert.equal((await asLead.post(`${threadPath}/posts/${post.id}/helpful`, { helpful: 'yes' })).statusCode, 302);
      const [solved] = await t.db.select().from(communityThreads);
      assert.ok(solved.solvedAt, 'the challenge is solved');
      const told = await t.db.select().from(workspaceEvents).where(eq(workspaceEvents.type, 'thread.solved'));
      assert.deepEqual(
        told.map((event) => event.entityId),
        [solved.id],
        'solving is told to systems outside, once',
      );
      assert.equal(solved.replyCount, 1);
      assertPageHas((await asLead.get(`${ws.base}/communities/${openId}`)).body, /Solved/);
      await asLead.get(threadPath);
      await asLead.post(`${threadPath}/posts/${post.id}/helpful`, { helpful: 'no' });
      assert.equal((await t.db.select().from(communityThreads))[0].solvedAt, null, 'open again with no helpful answer');
    });

    it('refuses a reply that is too long, keeps what was typed, and saves nothing', async () => {
      const [thread] = await t.db.select().from(communityThreads);
      const threadPath = `${ws.base}/communities/${openId}/threads/${thread.id}`;
      await asOther.get(threadPath);
      const huge = 'a'.repeat(1_000_000);
      const refused = await asOther.post(`${threadPath}/replies`, { body: huge });
      assert.equal(refused.statusCode, 400);
      assertPageHas(refused.body, /must be 20000 characters or fewer/);
      assert.equal((await t.db.select().from(communityPosts)).length, 1);
    });

    it('marks what is new since a member’s last visit', async () => {
      await asLead.get(`${ws.base}/communities/${openId}`);
      await asOther.get(`${ws.base}/communities/${openId}`);
      await asOther.post(`${ws.base}/communities/${openId}/threads`, {
        kind: 'discussion',
        title: 'Radio campaign results',
        body: 'Enquiries rose by a third.',
      });
      assertPageHas((await asLead.get(`${ws.base}/communities`)).body, /1 new/);
      const page = await asLead.get(`${ws.base}/communities/${openId}`);
      assertPageHas(page.body, /1 thread<\/strong> has new posts since your last visit/);
      assertPageLacks((await asLead.get(`${ws.base}/communities`)).body, /1 new/);
    });

    it('finds threads by their words and their answers, but never in a community one cannot see', async () => {
      const found = await asLead.get(`${ws.base}/communities?q=${encodeURIComponent('has anyone shared independent assessors')}`);
      assertPageHas(found.body, /Threads matching/);
      assertPageHas(found.body, /Has anyone cut the wait for an assessor\?/);
      // A thread in the invitation-only community: found by its member, not by someone outside it.
      await asLead.get(`${ws.base}/communities/${closedId}`);
      await asLead.post(`${ws.base}/communities/${closedId}/threads`, {
        kind: 'discussion',
        title: 'Board papers for November',
        body: 'The confidential budget figures.',
      });
      assertPageHas((await asLead.get(`${ws.base}/communities?q=confidential+budget`)).body, /Board papers for November/);
      const outsider = await asOther.get(`${ws.base}/communities?q=confidential+budget`);
      assertPageLacks(outsider.body, /Board papers for November/);
      assertPageHas(outsider.body, /No thread you can see matches/);
      assert.equal((await asOther.get(`${ws.base}/communities?q=a%00b`)).statusCode, 400);
    });

    it('shows script and HTML in posts as text and never links to javascript: or data:', async () => {
      const attacks = [
        '<script>alert(1)</script>',
        '<img src=x onerror=alert(1)>',
        '<svg onload=alert(1)>',
        '<iframe src="javascript:alert(1)"></iframe>',
        '<a href="javascript:alert(1)">x</a>',
        '[click](javascript:alert(1))',
        '[click](JaVaScRiPt:alert(1))',
        '[click](javascript&#58;alert(1))',
        '[click](&#106;avascript:alert(1))',
        '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
        '[click](vbscript:msgbox(1))',
        '[click]( javascript:alert(1))',
        '[click](java\tscript:alert(1))',
        '![x](javascript:alert(1))',
        '![x](x" onerror="alert(1))',
        '[x](https://example.org "title" onmouseover="alert(1)")',
        '<a href="https://example.org" onclick="alert(1)">x</a>',
        '<div style="background:url(javascript:alert(1))">x</div>',
        '<body onload=alert(1)>',
        '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
        '<object data="javascript:alert(1)"></object>',
        '<embed src="javascript:alert(1)">',
        '<form action="javascript:alert(1)"><button>x</button></form>',
        '<input onfocus=alert(1) autofocus>',
        '<details open ontoggle=alert(1)>',
        '<video><source onerror=alert(1)></video>',
        '<base href="javascript:alert(1)//">',
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
        '<link rel=stylesheet href="javascript:alert(1)">',
        '<style>@import "javascript:alert(1)";</style>',
        '"><script>alert(1)</script>',
        '<scr<script>ipt>alert(1)</script>',
        '`<script>alert(1)</script>`',
        '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:alert(1)">x</a>',
        '[x](<javascript:alert(1)>)',
      ];
      assert.ok(attacks.length >= 30);
      const [thread] = await t.db.select().from(communityThreads).where(eq(communityThreads.title, 'Radio campaign results'));
      const threadPath = `${ws.base}/communities/${openId}/threads/${thread.id}`;
      await asLead.get(threadPath);
      for (const attack of attacks) {
        const posted = await asLead.post(`${threadPath}/replies`, { body: attack });
        assert.equal(posted.statusCode, 302, attack);
      }
      const page = await asLead.get(threadPath);
      const main = page.body.slice(page.body.indexOf('<main'), page.body.indexOf('</main>'));
      // Every tag on the page is one the page itself uses, with no event handlers and no script addresses.
      const posted = [...main.matchAll(/<div class="bw-post__body">([\s\S]*?)<\/div>/g)].map((m) => m[1]).join('\n');
      for (const [tag, name, attributes] of posted.matchAll(/<([a-z][a-z0-9]*)\b([^>]*)>/gi)) {
        assert.doesNotMatch(name, /^(script|img|svg|iframe|object|embed|input|details|video|source|base|meta|link|style|math|body)$/i, tag);
        assert.doesNotMatch(attributes, /\son[a-z]+\s*=/i, tag);
        assert.doesNotMatch(attributes, /(href|src|action)\s*=\s*"\s*(javascript|data|vbscript|&#)/i, tag);
      }
      // What was typed is still there to read, as text.
      assertPageHas(main, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    });

    it('refuses a reply or a new thread from someone who has left the community, saving nothing', async () => {
      const [thread] = await t.db.select().from(communityThreads).where(eq(communityThreads.communityId, openId));
      const threadPath = `${ws.base}/communities/${openId}/threads/${thread.id}`;
      await asOther.get(`${ws.base}/communities/${openId}`);
      assert.equal((await asOther.post(`${ws.base}/communities/${openId}/membership`, { action: 'leave' })).statusCode, 302);
      const posts = (await t.db.select().from(communityPosts)).length;
      await asOther.get(threadPath);
      const reply = await asOther.post(`${threadPath}/replies`, { body: 'One more thing.' });
      assert.equal(reply.statusCode, 403);
      assertPageHas(reply.body, /Join the community to reply in it/);
      const started = await asOther.post(`${ws.base}/communities/${openId}/threads`, { kind: 'discussion', title: 'After leaving', body: 'x' });
      assert.equal(started.statusCode, 403);
      assert.equal((await t.db.select().from(communityPosts)).length, posts);
      assertPageLacks((await asOther.get(threadPath)).body, /name="body"/);
      // Joining again lets them post once more.
      await asOther.get(`${ws.base}/communities/${openId}`);
      await asOther.post(`${ws.base}/communities/${openId}/membership`, { action: 'join' });
    });

    it('adds a whole programme cohort at once and records every change in the audit log', async () => {
      await admin.get(`${ws.base}/programmes/new`);
      const made = await admin.post(`${ws.base}/programmes`, { name: 'Hubs', kind: 'delivery_support', startsOn: '2026-01-01', endsOn: '2026-12-31' });
      const programmeId = String(made.headers.location)
        .replace(/\/cohort$/, '')
        .split('/')
        .pop()!;
      await admin.get(`${ws.base}/programmes/${programmeId}/cohort`);
      await admin.post(`${ws.base}/programmes/${programmeId}/cohort`, { personId: other.personId, role: 'participant' });
      await admin.get(`${ws.base}/communities/${closedId}/members`);
      const added = await admin.post(`${ws.base}/communities/${closedId}/members`, { fromProgrammeId: programmeId });
      assert.equal(added.statusCode, 302);
      const members = await t.db.select().from(communityMembers).where(eq(communityMembers.communityId, closedId));
      assert.ok(members.some((m) => m.personId === other.personId));
      const audit = await admin.get(`${ws.base}/admin/audit?type=community`);
      assertPageHas(audit.body, /Started the community “Hub leads”/);
      assertPageHas(audit.body, /Joined the community “Hub leads”/);
      const answers = await admin.get(`${ws.base}/admin/audit?type=community_post&q=${encodeURIComponent('helped')}`);
      assertPageHas(answers.body, /Marked an answer in “Has anyone cut the wait for an assessor\?” as one that helped/);
    });
  });
}
