import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { zipBomb } from '../../../../test/support/zip-bomb.ts';
import { readFileSync } from 'node:fs';
import { fromRoot } from '../../../core/paths.ts';
import type { TestApp } from '../../../../test/support/app.ts';
import { startWorkspaceTest } from '../../../../test/support/workspace-test.ts';
import { Agent } from '../../../../test/support/agent.ts';
import { testBackends } from '../../../../test/support/database.ts';
import { addMember, createTestWorkspace, type TestWorkspace } from '../../../../test/support/factories.ts';
import { importEvidenceItems } from '../import-evidence.ts';
import { evidenceAttachments } from '../tables.ts';
import { eq } from 'drizzle-orm';

const fixture = (name: string) => readFileSync(fromRoot('test/fixtures', name));

for (const backend of testBackends()) {
  describe(`evidence attachments (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let admin: Agent;
    let itemUrl: string;
    let itemId: string;

    before(async () => {
      ({ t, ws, admin } = await startWorkspaceTest(backend));
      [itemId] = await importEvidenceItems(t.db, ws.id, { accountId: null, name: 'Seed' }, [
        { sourceType: 'evaluation_report', title: 'Evaluation of the Talking Together pilot', year: 2023 },
        { sourceType: 'practitioner_insight', title: 'Family hub practice notes', year: 2024 },
      ]);
      itemUrl = `${ws.base}/evidence/${itemId}`;
    });
    after(() => t.close());

    it('attaches a PDF, reads its text and finds the item by words only the PDF contains', async () => {
      assert.doesNotMatch((await admin.get(`${ws.base}/evidence?q=speech+therapy+referrals+sooner`)).body, /Talking Together pilot<\/a>/);
      await admin.get(itemUrl);
      const attached = await admin.upload(
        `${itemUrl}/attachments`,
        { filename: 'talking-together-evaluation.pdf', data: fixture('talking-together-evaluation.pdf') },
        { label: 'Full report' },
      );
      assert.equal(attached.statusCode, 302);
      const page = await admin.get(itemUrl);
      assert.match(page.body, /Full report/);
      assert.match(page.body, /Text of 2 pages read for search/);
      const search = await admin.get(`${ws.base}/evidence?q=speech+therapy+referrals+sooner`);
      assert.match(search.body, /Evaluation of the Talking Together pilot/);
      const id = /attachments\/([0-9a-f-]{36})" download/.exec(page.body)![1];
      const download = await admin.get(`${itemUrl}/attachments/${id}`);
      assert.equal(download.statusCode, 200);
      assert.equal(download.headers['content-type'], 'application/pdf');
      assert.match(String(download.headers['content-disposition']), /^attachment; filename="talking-together-evaluation.pdf"/);
      assert.deepEqual(download.rawPayload, fixture('talking-together-evaluation.pdf'));
    });

    it('attaches a Word document and a link', async () => {
      const second = (await admin.get(`${ws.base}/evidence?q=family+hub+practice+notes`)).body;
      const secondUrl = `${ws.base}/evidence/${/evidence\/([0-9a-f-]{36})">Family hub practice notes/.exec(second)![1]}`;
      await admin.get(secondUrl);
      const word = await admin.upload(`${secondUrl}/attachments`, {
        filename: 'front-door-practice-note.docx',
        data: fixture('front-door-practice-note.docx'),
      });
      assert.equal(word.statusCode, 302);
      assert.match((await admin.get(`${ws.base}/evidence?q=waiting+times+fell+from+nine+weeks`)).body, /Family hub practice notes/);
      const badLink = await admin.post(`${secondUrl}/attachments`, { kind: 'link', url: 'javascript:alert(1)' });
      assert.equal(badLink.statusCode, 400);
      assert.match(badLink.body, /Enter a link starting with https:\/\//);
      assert.equal(
        (
          await admin.post(`${secondUrl}/attachments`, {
            kind: 'link',
            url: 'https://www.gov.uk/government/collections/family-hubs',
            label: 'GOV.UK family hubs',
          })
        ).statusCode,
        302,
      );
      assert.match((await admin.get(secondUrl)).body, /GOV.UK family hubs/);
    });

    it('refuses files it cannot use, with a clear message, and saves nothing', async () => {
      const before = (await t.db.select().from(evidenceAttachments)).length;
      const cases: Array<[string, Buffer | string, RegExp]> = [
        ['report.pdf', 'this is plain text pretending to be a PDF', /not a PDF, though its name ends in .pdf/],
        ['notes.docx', 'not a zip at all', /not a Word document, though its name ends in .docx/],
        ['bomb.docx', zipBomb(), /This Word document was not opened\. The file expands to more than 100\.0 MB/],
        ['old.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), /older Word document \(.doc\)/],
        ['empty.pdf', Buffer.alloc(0), /The file is empty/],
        ['photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]), /Attach a PDF or a Word document/],
        ['broken.pdf', Buffer.from('%PDF-1.4\n1 0 obj garbage'), /This PDF could not be read/],
      ];
      await admin.get(itemUrl);
      for (const [filename, data, message] of cases) {
        const response = await admin.upload(`${itemUrl}/attachments`, { filename, data });
        assert.equal(response.statusCode, 400, filename);
        assert.match(response.body, message, filename);
      }
      const noFile = await admin.post(`${itemUrl}/attachments`, { label: 'x' });
      assert.equal(noFile.statusCode, 400);
      assert.match(noFile.body, /Choose a PDF or Word document to attach/);
      assert.equal((await t.db.select().from(evidenceAttachments)).length, before);
    });

    it('keeps attachments to the people who may edit the item and to the workspace', async () => {
      const member = await addMember(t.db, ws.id, 'member');
      const asMember = new Agent(t.app);
      await asMember.signIn(member.email, member.password);
      await asMember.get(itemUrl);
      const refused = await asMember.upload(`${itemUrl}/attachments`, { filename: 'x.pdf', data: fixture('talking-together-evaluation.pdf') });
      assert.equal(refused.statusCode, 403);
      const [file] = await t.db.select().from(evidenceAttachments).where(eq(evidenceAttachments.evidenceId, itemId));
      assert.equal((await asMember.get(`${itemUrl}/attachments/${file.id}`)).statusCode, 200, 'members may read');
      assert.equal((await asMember.post(`${itemUrl}/attachments/${file.id}/delete`)).statusCode, 403);
      const other = await createTestWorkspace(t.db);
      const stranger = new Agent(t.app);
      await stranger.signIn(other.admin.email, other.admin.password);
      assert.equal((await stranger.get(`${other.base}/evidence/${itemId}/attachments/${file.id}`)).statusCode, 404);
      await admin.get(itemUrl);
      assert.equal((await admin.post(`${itemUrl}/attachments/${file.id}/delete`)).statusCode, 302);
      assert.doesNotMatch(
        (await admin.get(`${ws.base}/evidence?q=speech+therapy+referrals+sooner`)).body,
        /Talking Together pilot<\/a>/,
        'its text leaves the index',
      );
    });
  });
}
