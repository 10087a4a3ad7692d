import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { Agent } from '../../../test/support/agent.ts';
import type { TestApp } from '../../../test/support/app.ts';
import { testBackends } from '../../../test/support/database.ts';
import { addMember, type TestUser, type TestWorkspace } from '../../../test/support/factories.ts';
import { assertPageHas, assertPageLacks } from '../../../test/support/page-text.ts';
import { startWorkspaceTest } from '../../../test/support/workspace-test.ts';
import { startDeliveryTest, type DeliveryTest } from '../../../test/support/delivery.ts';
import { fromRoot } from '../../core/paths.ts';
import { MAX_UPLOAD_BYTES } from '../../core/http/uploads.ts';
import { evidenceItems } from '../evidence/tables.ts';
import { programmeSessions, programmes } from '../programmes/tables.ts';
import { communityAttachments, communityPosts, communityThreads } from './tables.ts';

const fixture = (name: string) => readFileSync(fromRoot(`test/fixtures/${name}`));
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a6e6f0c10000000049454e44ae426082',
  'hex',
);

for (const backend of testBackends()) {
  describe(`files and linked records in community posts (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let admin: Agent;
    let lead: TestUser;
    let asLead: Agent;
    let asOutsider: Agent;
    let base: string;
    let threadUrl: string;
    let threadId: string;

    const signedIn = async (user: TestUser) => {
      const agent = new Agent(t.app);
      await agent.signIn(user.email, user.password);
      return agent;
    };
    const postCount = async () => (await t.db.select().from(communityPosts)).length;
    const fileCount = async () => (await t.db.select().from(communityAttachments)).length;

    before(async () => {
      ({ t, ws, admin } = await startWorkspaceTest(backend));
      lead = await addMember(t.db, ws.id, 'member', 'Janet Armstrong');
      asLead = await signedIn(lead);
      asOutsider = await signedIn(await addMember(t.db, ws.id, 'member', 'Rob Kaur'));
      await admin.get(`${ws.base}/communities`);
      const created = await admin.post(`${ws.base}/communities`, { name: 'Hub leads', visibility: 'invite_only' });
      base = String(created.headers.location);
      await admin.get(`${base}/members`);
      await admin.post(`${base}/members`, { personIds: [lead.personId] });
    });
    after(() => t.close());

    it('shares a PDF with a new thread and a Word document with a reply, each downloaded as it was sent', async () => {
      await asLead.get(base);
      const started = await asLead.upload(
        `${base}/threads`,
        { field: 'attachment', filename: 'Talking together evaluation.pdf', data: fixture('talking-together-evaluation.pdf') },
        { kind: 'discussion', title: 'Evaluation of Talking Together', body: 'The final report is attached.' },
      );
      assert.equal(started.statusCode, 302, started.body.slice(0, 300));
      threadUrl = String(started.headers.location);
      threadId = threadUrl.split('/').pop()!;
      await asLead.get(threadUrl);
      const replied = await asLead.upload(
        `${threadUrl}/replies`,
        { field: 'attachment', filename: 'front-door-practice-note.docx', data: fixture('front-door-practice-note.docx') },
        { body: 'And the practice note.' },
      );
      assert.equal(replied.statusCode, 302);
      const page = await asLead.get(threadUrl);
      assertPageHas(page.body, /Talking together evaluation\.pdf.*\(PDF, /s);
      assertPageHas(page.body, /front-door-practice-note\.docx.*\(Word document, /s);
      const hrefs = [...page.body.matchAll(/href="([^"]+\/files\/[0-9a-f-]{36})"/g)].map((m) => m[1]);
      assert.equal(hrefs.length, 2);
      const pdf = await asLead.get(hrefs[0]);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.match(String(pdf.headers['content-disposition']), /^attachment; filename="Talking together evaluation.pdf"/);
      assert.equal(pdf.headers['x-content-type-options'], 'nosniff');
      assert.deepEqual(pdf.rawPayload, fixture('talking-together-evaluation.pdf'));
      // An invite-only community's files are as hidden as its words.
      assert.equal((await asOutsider.get(hrefs[0])).statusCode, 404);
    });

    it('keeps a very long file name’s ending, so the file is still known by it', async () => {
      await asLead.get(threadUrl);
      const name = `${'Evaluation of Talking Together '.repeat(10)}final.pdf`;
      const replied = await asLead.upload(
        `${threadUrl}/replies`,
        { field: 'attachment', filename: name, data: fixture('talking-together-evaluation.pdf') },
        { body: 'The long-named copy.' },
      );
      assert.equal(replied.statusCode, 302);
      const [stored] = await t.db
        .select()
        .from(communityAttachments)
        .where(eq(communityAttachments.filename, `${name.slice(0, 196)}.pdf`));
      assert.ok(stored, 'cut to 200 characters, ending kept');
    });

    it('refuses a file whose content is not what its name says, keeping the reply typed and saving nothing', async () => {
      const [posts, files] = [await postCount(), await fileCount()];
      await asLead.get(threadUrl);
      const disguised = await asLead.upload(
        `${threadUrl}/replies`,
        { field: 'attachment', filename: 'minutes.pdf', data: PNG },
        { body: 'Minutes from Tuesday.' },
      );
      assert.equal(disguised.statusCode, 400);
      assertPageHas(disguised.body, /“minutes\.pdf” is named as a PDF but holds a PNG image/);
      assertPageHas(disguised.body, /Minutes from Tuesday\./);
      const program = await asLead.upload(
        `${threadUrl}/replies`,
        { field: 'attachment', filename: 'report.docx', data: Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00') },
        { body: 'x' },
      );
      assertPageHas(program.body, /“report\.docx” is named as a Word document but holds/);
      const page = await asLead.upload(
        `${threadUrl}/replies`,
        { field: 'attachment', filename: 'notes.html', data: '<script>alert(1)</script>' },
        { body: 'x' },
      );
      assertPageHas(page.body, /Files ending “\.html” cannot be shared here/);
      const textWithBinary = await asLead.upload(
        `${threadUrl}/replies`,
        { field: 'attachment', filename: 'data.csv', data: fixture('talking-together-evaluation.pdf') },
        { body: 'x' },
      );
      assertPageHas(textWithBinary.body, /“data\.csv” is named as a CSV file but holds a PDF/);
      const empty = await asLead.upload(`${threadUrl}/replies`, { field: 'attachment', filename: 'empty.pdf', data: Buffer.alloc(0) }, { body: 'x' });
      assertPageHas(empty.body, /“empty\.pdf” is empty/);
      assert.equal(await postCount(), posts);
      assert.equal(await fileCount(), files);
    });

    it('refuses a 60 MB file with a clear page and saves nothing', async () => {
      const threads = (await t.db.select().from(communityThreads)).length;
      await asLead.get(base);
      const huge = await asLead.upload(
        `${base}/threads`,
        { field: 'attachment', filename: 'recording.pdf', data: Buffer.alloc(60 * 1024 * 1024) },
        { kind: 'discussion', title: 'The recording', body: 'Attached.' },
      );
      assert.equal(huge.statusCode, 413);
      assertPageHas(huge.body, new RegExp(`Files can be up to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`));
      assert.equal((await t.db.select().from(communityThreads)).length, threads);
    });

    it('keeps a hidden post’s file from members, and shows it to moderators', async () => {
      const [post] = await t.db.select().from(communityPosts).where(eq(communityPosts.threadId, threadId));
      await admin.get(threadUrl);
      assert.equal((await admin.post(`${threadUrl}/posts/${post.id}/visibility`, { action: 'hide' })).statusCode, 302);
      const [file] = await t.db.select().from(communityAttachments).where(eq(communityAttachments.postId, post.id));
      assert.equal((await asLead.get(`${threadUrl}/files/${file.id}`)).statusCode, 404);
      assertPageLacks((await asLead.get(threadUrl)).body, /front-door-practice-note\.docx/);
      assert.equal((await admin.get(`${threadUrl}/files/${file.id}`)).statusCode, 200);
      await admin.get(threadUrl);
      await admin.post(`${threadUrl}/posts/${post.id}/visibility`, { action: 'restore' });
    });

    it('shows links to evidence and sessions as cards, only to people who may open them', async () => {
      const [item] = await t.db
        .insert(evidenceItems)
        .values({
          workspaceId: ws.id,
          sourceType: 'evaluation_report',
          title: 'Recruiting foster carers: what works',
          year: 2024,
          publisher: 'What Works for Children',
        })
        .returning();
      const [programme] = await t.db
        .insert(programmes)
        .values({
          workspaceId: ws.id,
          name: 'Fostering Recruitment Support Hubs',
          kind: 'delivery_support',
          startsOn: '2026-01-01',
          endsOn: '2026-12-31',
          calendarToken: crypto.randomUUID(),
        })
        .returning();
      const [session] = await t.db
        .insert(programmeSessions)
        .values({
          workspaceId: ws.id,
          programmeId: programme.id,
          kind: 'masterclass',
          title: 'Marketing that brings carers in',
          startsAt: new Date('2026-03-04T10:00:00Z'),
          endsAt: new Date('2026-03-04T12:00:00Z'),
        })
        .returning();
      const body = [
        `Read [the review](http://localhost:3000${ws.base}/evidence/${item.id}) before the`,
        `session at ${ws.base}/programmes/${programme.id}/sessions/${session.id}, and see`,
        `${ws.base}/evidence/${crypto.randomUUID()} (gone) and ${ws.base.replace(/w\/[^/]+/, 'w/another')}/evidence/${item.id}.`,
      ].join(' ');
      await asLead.get(threadUrl);
      assert.equal((await asLead.post(`${threadUrl}/replies`, { body })).statusCode, 302);
      const asMember = await asLead.get(threadUrl);
      assertPageHas(
        asMember.body,
        /Evaluation report\s*<\/span>\s*<a class="govuk-link bw-link-card__title" href="[^"]+">Recruiting foster carers: what works/,
      );
      assertPageHas(asMember.body, /What Works for Children, 2024/);
      // Not in the programme: the session stays a plain link, with nothing about it shown.
      assertPageLacks(asMember.body, /Marketing that brings carers in/);
      assert.equal([...asMember.body.matchAll(/class="bw-link-card"/g)].length, 1);
      const asAdmin = await admin.get(threadUrl);
      assertPageHas(asAdmin.body, /Marketing that brings carers in/);
      assertPageHas(asAdmin.body, /4 March 2026 · Fostering Recruitment Support Hubs/);
    });
  });
}

for (const backend of testBackends()) {
  describe(`a checkpoint return linked from a post (${backend})`, () => {
    let d: DeliveryTest;
    before(async () => {
      d = await startDeliveryTest(backend);
    });
    after(() => d.t.close());

    it('shows the return as a card to those who may read it, and to nobody else', async () => {
      const { admin, ws, base, sites, leads, centre } = d;
      await admin.get(`${ws.base}/communities`);
      const community = String((await admin.post(`${ws.base}/communities`, { name: 'Hub leads', visibility: 'open' })).headers.location);
      await admin.get(`${community}/members`);
      await admin.post(`${community}/members`, { personIds: [leads.Gateshead.user.personId, leads.Sunderland.user.personId, centre.user.personId] });
      const gateshead = leads.Gateshead.agent;
      await gateshead.get(community);
      const returnPath = `${base}/delivery/rounds/1/sites/${sites.Gateshead}`;
      const thread = await gateshead.post(`${community}/threads`, { kind: 'challenge', title: 'Our enquiries fell', body: `See our return: ${returnPath}` });
      const threadUrl = String(thread.headers.location);
      const card = /Checkpoint return\s*<\/span>\s*<a class="govuk-link bw-link-card__title" href="[^"]+">Gateshead Council: /;
      assertPageHas((await gateshead.get(threadUrl)).body, card);
      assertPageHas((await admin.get(threadUrl)).body, card);
      // Another site, and the department before the return is submitted, see only the link.
      assertPageLacks((await leads.Sunderland.agent.get(threadUrl)).body, /bw-link-card/);
      assertPageLacks((await centre.agent.get(threadUrl)).body, /bw-link-card/);
    });
  });
}
