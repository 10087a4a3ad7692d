import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_UPLOAD_BYTES } from '../../../core/http/uploads.ts';
import { zipBomb } from '../../../../test/support/zip-bomb.ts';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { testBackends } from '../../../../test/support/database.ts';
import { assertPageHas, pageExcerpt } from '../../../../test/support/page-text.ts';
import { startDeliveryTest, type DeliveryTest } from '../../../../test/support/delivery.ts';
import type { Agent } from '../../../../test/support/agent.ts';
import { checkpointReturns, returnTemplates } from '../tables.ts';
import { workspaceEvents } from '../../../core/db/tables.ts';

/** A workbook as a lead fills it in: every row found by its reference in column B. */
async function filled(
  buffer: Buffer,
  change?: (sheet: ExcelJS.Worksheet, rowOf: (key: string) => number, workbook: ExcelJS.Workbook) => void,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('Return')!;
  const rows = new Map<string, number>();
  sheet.eachRow((row, number) => {
    const key = row.getCell(2).text;
    if (/^[wmis]\d+$/.test(key)) rows.set(key, number);
  });
  for (const [key, number] of rows) {
    const cell = sheet.getCell(`D${number}`);
    if (key.startsWith('w')) cell.value = key === 'w2' ? 'Amber' : 'Green';
    if (key.startsWith('i')) cell.value = 12;
    if (key.startsWith('s')) cell.value = 'We ran a joint information evening with the neighbouring authorities; 14 households came.';
    if (key === 'm6') cell.value = new Date(Date.UTC(2026, 1, 3));
  }
  sheet.getCell(`F${rows.get('w2')}`).value = 'Assessment backlog after two social workers left.';
  sheet.getCell(`E${rows.get('m7')}`).value = '15/05/2026';
  change?.(sheet, (key) => rows.get(key)!, workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

for (const backend of testBackends()) {
  describe(`delivery loop: returns by Excel, checked cell by cell (${backend})`, () => {
    let d: DeliveryTest;
    let sunderland: Agent;
    const page = (round: number, site: string) => `${d.base}/delivery/rounds/${round}/sites/${d.sites[site]}`;
    const download = async (agent: Agent, round: number, site: string) => {
      const response = await agent.get(`${page(round, site)}/return.xlsx`);
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-type']), /spreadsheetml/);
      return response.rawPayload;
    };
    const upload = async (agent: Agent, round: number, site: string, data: Buffer | string, submit = true, filename = 'return.xlsx') => {
      await agent.get(page(round, site));
      return agent.upload(`${page(round, site)}/upload`, { filename, data }, submit ? { submit: 'yes' } : {});
    };
    const sunderlandReturns = () => d.t.db.select().from(checkpointReturns).where(eq(checkpointReturns.siteId, d.sites.Sunderland));

    before(async () => {
      d = await startDeliveryTest(backend);
      sunderland = d.leads.Sunderland.agent;
    });
    after(() => d.t.close());

    it('downloads a pre-filled template and submits it back from Excel', async () => {
      const gateshead = d.leads.Gateshead.agent;
      const template = await download(gateshead, 1, 'Gateshead');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(template as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('Return')!;
      assert.equal(sheet.getCell('B4').value, 'Gateshead Council');
      assert.equal(sheet.getCell('B7').value, 1);
      assert.match(sheet.getCell('B8').text, /^BW1\//);
      const response = await upload(gateshead, 1, 'Gateshead', await filled(template));
      assert.equal(response.statusCode, 302, pageExcerpt(response.body));
      const [saved] = await d.t.db.select().from(checkpointReturns).where(eq(checkpointReturns.siteId, d.sites.Gateshead));
      assert.equal(saved.status, 'submitted');
      assert.equal(saved.source, 'excel');
      assert.equal(saved.content.workstreams.w2.rag, 'amber');
      assert.equal(saved.content.indicators.i11, 12);
      assert.equal(saved.content.milestones.m6.actualOn, '2026-02-03');
      assert.equal(saved.content.milestones.m7.forecastOn, '2026-05-15');
      const again = await download(gateshead, 1, 'Gateshead');
      const reread = new ExcelJS.Workbook();
      await reread.xlsx.load(again as unknown as ArrayBuffer);
      assert.ok(
        JSON.stringify(reread.getWorksheet('Return')!.getSheetValues()).includes('Assessment backlog'),
        'the saved answers come back in a fresh download',
      );
    });

    it('saves an upload as a draft when asked, and reports missing answers by cell when submitting', async () => {
      const template = await download(sunderland, 1, 'Sunderland');
      const incomplete = await filled(template, (sheet, rowOf) => {
        sheet.getCell(`D${rowOf('w1')}`).value = null;
        sheet.getCell(`D${rowOf('i12')}`).value = null;
      });
      const refused = await upload(sunderland, 1, 'Sunderland', incomplete, true);
      assert.equal(refused.statusCode, 400);
      assertPageHas(refused.body, /Cell D\d+: Choose a RAG status for Marketing and recruitment campaign/);
      assertPageHas(refused.body, /Cell D\d+: Enter a figure for Initial visits/);
      assert.equal((await sunderlandReturns()).length, 0, 'nothing saved');
      assert.equal((await upload(sunderland, 1, 'Sunderland', incomplete, false)).statusCode, 302);
      const [draft] = await sunderlandReturns();
      assert.equal(draft.status, 'draft');
      assert.equal(draft.content.workstreams.w1.rag, '');
    });

    const badFiles: Array<[string, () => Promise<Buffer | string>, RegExp]> = [
      ['a text file renamed .xlsx', async () => 'Site,Enquiries\nSunderland,12\n', /is not an Excel workbook \(\.xlsx\)/],
      [
        'a zip that is not a workbook',
        async () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 1)]),
        /could not be read as an Excel workbook/,
      ],
      [
        'a zip bomb of 100 KB that expands past 100 MB',
        async () => zipBomb(110 * 1024 * 1024, 'xl/workbook.xml'),
        /was not opened\. The file expands to more than 100\.0 MB/,
      ],
      [
        'a 6 MB file',
        async () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(6 * 1024 * 1024)]),
        /is 6\.0 MB\. A checkpoint return is well under 1 MB/,
      ],
      [
        'text in a number cell',
        async () => filled(await download(sunderland, 1, 'Sunderland'), (sheet, rowOf) => (sheet.getCell(`D${rowOf('i11')}`).value = 'about thirty')),
        /Cell D\d+: Enquiries must be a number, but the cell holds “about thirty”/,
      ],
      [
        'a formula',
        async () =>
          filled(await download(sunderland, 1, 'Sunderland'), (sheet, rowOf) => (sheet.getCell(`D${rowOf('i13')}`).value = { formula: 'D20+D21', result: 9 })),
        /Cell D\d+: Applications is a formula\. Type the value itself/,
      ],
      [
        'merged cells',
        async () => filled(await download(sunderland, 1, 'Sunderland'), (sheet, rowOf) => sheet.mergeCells(`D${rowOf('s17')}:E${rowOf('s17')}`)),
        /Cells D\d+:E\d+ are merged/,
      ],
      [
        'moved columns',
        async () => filled(await download(sunderland, 1, 'Sunderland'), (sheet) => sheet.spliceColumns(3, 0, [])),
        /Cell C10: The heading should be “Item” but is empty\. Columns have been moved/,
      ],
      [
        'a hidden return sheet',
        async () =>
          filled(await download(sunderland, 1, 'Sunderland'), (sheet, _rowOf, workbook) => {
            workbook.addWorksheet('Notes');
            sheet.state = 'hidden';
          }),
        /The “Return” sheet is hidden/,
      ],
      [
        'a bad RAG and a bad date',
        async () =>
          filled(await download(sunderland, 1, 'Sunderland'), (sheet, rowOf) => {
            sheet.getCell(`D${rowOf('w3')}`).value = 'Purple';
            sheet.getCell(`D${rowOf('m8')}`).value = 'next spring';
          }),
        /Cell D\d+: The RAG status for Support and retention of carers must be Green, Amber or Red[\s\S]*Cell D\d+: The date “Single front door for enquiries live” was met: “next spring” is not a date/,
      ],
      [
        'a negative figure',
        async () =>
          filled(await download(sunderland, 1, 'Sunderland'), (sheet, rowOf) => {
            sheet.getCell(`D${rowOf('i12')}`).value = -5;
          }),
        /Cell D\d+: Initial visits cannot be negative \(you entered “-5”\)/,
      ],
      [
        'a renamed sheet',
        async () => filled(await download(sunderland, 1, 'Sunderland'), (sheet) => (sheet.name = 'My return')),
        /has no sheet called “Return” \(it has “My return”\)/,
      ],
      [
        'another site’s file',
        async () => filled(await download(d.admin, 1, 'Newcastle')),
        /This file is the return for Newcastle City Council, not Sunderland City Council/,
      ],
      [
        'next round’s file',
        async () => filled(await download(sunderland, 2, 'Sunderland')),
        /This file is the return for round 2 \(February 2026\), not round 1 \(January 2026\)/,
      ],
    ];
    for (const [name, make, message] of badFiles) {
      it(`refuses ${name} with a clear message and saves nothing`, async () => {
        const before = await sunderlandReturns();
        const response = await upload(sunderland, 1, 'Sunderland', await make(), true, name.includes('text file') ? 'return.xlsx' : 'Sunderland return.xlsx');
        assert.equal(response.statusCode, 400);
        assertPageHas(response.body, /The Excel file could not be used; nothing was saved/);
        assertPageHas(response.body, message);
        assert.deepEqual(await sunderlandReturns(), before, 'the saved draft is untouched');
      });
    }

    it('refuses a file from an older template version', async () => {
      const template = await download(sunderland, 1, 'Sunderland');
      await d.admin.get(`${d.base}/delivery/template`);
      await d.admin.post(`${d.base}/delivery/template/items`, {
        kind: 'indicators',
        name: 'Enquiries from the website',
        definition: 'Enquiries that came through the hub website.',
        unit: 'enquiries',
        target: '',
      });
      const [newest] = (await d.t.db.select().from(returnTemplates)).filter((t) => t.version === 2);
      const moved = await filled(template, (sheet) => {
        sheet.getCell('B7').value = 2;
        sheet.getCell('B8').value = sheet.getCell('B8').text.replace(/[^/]+$/, newest.id);
      });
      const response = await upload(sunderland, 1, 'Sunderland', moved);
      assert.equal(response.statusCode, 400);
      assertPageHas(response.body, /This file was made from template version 2, but round 1 uses version 1/);
    });

    it('refuses uploads for sites the person does not lead, and for a closed round', async () => {
      const gatesheadFile = await filled(await download(d.leads.Gateshead.agent, 1, 'Gateshead'));
      await sunderland.get(page(1, 'Sunderland'));
      const forbidden = await sunderland.upload(`${page(1, 'Gateshead')}/upload`, { filename: 'r.xlsx', data: gatesheadFile }, { submit: 'yes' });
      assert.equal(forbidden.statusCode, 403);
      const file = await filled(await download(sunderland, 1, 'Sunderland'));
      await d.admin.get(`${d.base}/delivery/rounds/1`);
      await d.admin.post(`${d.base}/delivery/rounds/1/close`);
      const [event] = await d.t.db.select().from(workspaceEvents).where(eq(workspaceEvents.type, 'round.closed'));
      assert.equal((event.data as { round: { number: number } }).round.number, 1, 'the closing is told to systems outside');
      const closed = await upload(sunderland, 1, 'Sunderland', file);
      assert.equal(closed.statusCode, 400);
      assertPageHas(closed.body, /Round 1 \(January 2026\) is closed, so its returns can no longer be changed/);
      const form = await sunderland.get(page(1, 'Sunderland'));
      assertPageHas(form.body, /This round is closed/);
    });

    it('refuses a file over the upload limit with a clear page', async () => {
      await sunderland.get(page(1, 'Sunderland'));
      const response = await sunderland.upload(`${page(1, 'Sunderland')}/upload`, { filename: 'huge.xlsx', data: Buffer.alloc(MAX_UPLOAD_BYTES + 10) });
      assert.equal(response.statusCode, 413);
      assertPageHas(response.body, /Files can be up to 40 MB/);
    });
  });
}
