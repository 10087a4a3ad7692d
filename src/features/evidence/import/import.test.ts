import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { fromRoot } from '../../../core/paths.ts';
import { evidenceImportRows, evidenceImports, evidenceItems } from '../tables.ts';
import { importEvidenceItems } from '../import-evidence.ts';
import { failInterruptedImports } from './import-queries.ts';
import { EVIDENCE_IMPORT_JOB } from './run-import.ts';
import type { TestApp } from '../../../../test/support/app.ts';
import { startWorkspaceTest } from '../../../../test/support/workspace-test.ts';
import { Agent } from '../../../../test/support/agent.ts';
import { testBackends } from '../../../../test/support/database.ts';
import { addMember, createTestWorkspace, type TestWorkspace } from '../../../../test/support/factories.ts';

const fixture = (name: string) => readFileSync(fromRoot('test/fixtures', name));

for (const backend of testBackends()) {
  describe(`importing references (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let admin: Agent;

    async function upload(filename: string, data: Buffer | string) {
      await admin.get(`${ws.base}/evidence/import`);
      return admin.upload(`${ws.base}/evidence/import`, { filename, data });
    }

    /** Do the queued imports here (the test app works no queue by itself), then show the import's page. */
    async function waitUntilDone(url: string) {
      await t.app.deps.jobs.workWaiting(EVIDENCE_IMPORT_JOB);
      return admin.get(url);
    }

    const libraryCount = async () => (await t.db.select().from(evidenceItems).where(eq(evidenceItems.workspaceId, ws.id))).length;

    before(async () => {
      ({ t, ws, admin } = await startWorkspaceTest(backend));
      await importEvidenceItems(t.db, ws.id, { accountId: null, name: 'Seed' }, [
        { sourceType: 'evaluation_report', title: 'Evaluation of the Talking Together health visiting pilot', year: 2023 },
      ]);
    });
    after(() => t.close());

    it('previews a Zotero RIS file row by row, then imports only the new records', async () => {
      const response = await upload('zotero.ris', fixture('zotero.ris'));
      assert.equal(response.statusCode, 302);
      const url = String(response.headers.location);
      const preview = await admin.get(url);
      assert.match(preview.body, /2 new/);
      assert.match(preview.body, /2 already in the library or repeated/);
      assert.match(preview.body, /1 cannot be imported/);
      assert.match(preview.body, /already in the library/);
      assert.match(preview.body, /appears earlier in this file, as record 1/);
      assert.match(preview.body, /It has no title/);
      assert.match(preview.body, /The year “20xx” is not a year/);
      assert.equal(await libraryCount(), 1, 'nothing saved by the preview');

      await admin.get(url);
      const confirmed = await admin.post(`${url}/confirm`);
      assert.equal(confirmed.statusCode, 200);
      assert.match(confirmed.body, /Importing 2 items/);
      const progressUrl = /data-import-progress="([^"]+)"/.exec(confirmed.body)![1];
      const waiting = await t.app.inject({ method: 'GET', url: progressUrl });
      assert.deepEqual(waiting.json(), { done: 0, total: 2, finished: false, failed: false }, 'queued, not yet started');
      assert.match((await admin.get(url)).body, /Importing/);
      const done = await waitUntilDone(url);
      const progress = await t.app.inject({ method: 'GET', url: progressUrl });
      assert.deepEqual(progress.json(), { done: 2, total: 2, finished: true, failed: false }, 'the progress address needs no session');
      assert.equal((await t.app.inject({ method: 'GET', url: progressUrl.replace(/[^/]+$/, 'not-a-token') })).statusCode, 404);
      assert.equal((await t.app.inject({ method: 'GET', url: `/import-progress/not-a-workspace/x` })).statusCode, 404);
      const other = await createTestWorkspace(t.db);
      assert.equal((await t.app.inject({ method: 'GET', url: progressUrl.replace(ws.id, other.id) })).statusCode, 404, 'the token belongs to its workspace');
      assert.match(done.body, /2 items added/);
      assert.equal(await libraryCount(), 3);
      const [review] = await t.db.select().from(evidenceItems).where(eq(evidenceItems.doi, '10.1002/cl2.1081'));
      assert.equal(review.sourceType, 'systematic_review');
      assert.deepEqual(review.authors, ['Okoro, Ruth', 'Lindqvist, Anna']);
      assert.equal(review.publisher, 'Campbell Systematic Reviews');
      const search = await admin.get(`${ws.base}/evidence?q=book+sharing+vocabulary`);
      assert.match(search.body, /Shared book reading interventions/);

      const again = await admin.post(`${url}/confirm`);
      assert.equal(again.statusCode, 302);
      assert.match((await admin.get(url)).body, /already been imported/);
      assert.equal(await libraryCount(), 3, 'a second click imports nothing');
      const duplicateFile = await upload('zotero.ris', fixture('zotero.ris'));
      assert.match((await admin.get(String(duplicateFile.headers.location))).body, /0 new/);
    });

    it('reads BibTeX with LaTeX accents and a Windows-1252 CSV from Excel', async () => {
      const bib = await upload('mendeley.bib', fixture('mendeley.bib'));
      const bibPreview = await admin.get(String(bib.headers.location));
      assert.match(bibPreview.body, /2 new/);
      assert.match(bibPreview.body, /Möller, Jürgen/);
      const csv = await upload('excel-1252.csv', fixture('excel-1252.csv'));
      const csvPreview = await admin.get(String(csv.headers.location));
      assert.match(csvPreview.body, /read as Windows-1252/);
      assert.match(csvPreview.body, /Café conversations with parents in éducation/);
      assert.match(csvPreview.body, /2 new/);
      assert.match(csvPreview.body, /1 cannot be imported/);
      assert.match(csvPreview.body, /The DOI “not-a-doi” is not a DOI/);
      await admin.post(`${csv.headers.location}/confirm`);
      await waitUntilDone(String(csv.headers.location));
      const [insight] = await t.db.select().from(evidenceItems).where(eq(evidenceItems.title, 'Café conversations with parents in éducation'));
      assert.equal(insight.sourceType, 'practitioner_insight');
      assert.equal(insight.population, 'Parents');
    });

    it('gives a clear message for every file it cannot read, and saves nothing', async () => {
      const before = await libraryCount();
      const cases: Array<[string, Buffer | string, RegExp]> = [
        ['empty.ris', '', /The file is empty/],
        ['random.bin', Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256)), /This is not a text file/],
        ['mixed.txt', 'TY  - JOUR\nTI  - Half RIS\nER  - \n\n@article{half, title = {Half BibTeX}}\n', /holds both RIS and BibTeX records/],
        ['broken.json', '[{"title": "Unclosed"', /not valid JSON/],
        ['report.pdf', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), /This is a PDF/],
        ['sheet.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), /looks like an Excel or Word file/],
        ['notes.txt', 'Just some notes about evidence.', /does not look like a reference file/],
        ['people.csv', 'Name,Email\nAda,ada@example.org', /needs a column headed &quot;Title&quot;/],
        ['nothing.bib', '% only a comment\n', /does not look like|No references were found/],
      ];
      for (const [name, data, message] of cases) {
        const response = await upload(name, data);
        assert.equal(response.statusCode, 400, name);
        assert.match(response.body, message, name);
        assert.match(response.body, /href="#file"/);
      }
      const none = await admin.post(`${ws.base}/evidence/import`, {});
      assert.equal(none.statusCode, 400);
      assert.equal(await libraryCount(), before);
    });

    it('reads a file record by record: a broken, empty or oversized record is listed with its line and why, and the rest import', async () => {
      const bib = [
        '@article{first, title = {Kinship care outcomes in {\\"O}rebro}, year = {2019}}',
        '',
        '@article{broken, title = {Unbalanced {brace in this one}, year = {2020}',
        '',
        '@article{third, title = {Kinship care after the broken entry}, year = {2021}}',
        '@article{empty,}',
      ].join('\n');
      const response = await upload('partly-broken.bib', bib);
      assert.equal(response.statusCode, 302);
      const preview = await admin.get(String(response.headers.location));
      assert.match(preview.body, /2 new/);
      assert.match(preview.body, /2 cannot be imported/);
      assert.match(preview.body, /Kinship care outcomes in Örebro/);
      assert.match(preview.body, /line 3<\/span>/);
      assert.match(preview.body, /This entry could not be read/);
      assert.match(preview.body, /It has no title/);

      // UTF-16 with a byte-order mark, as some Windows tools save RIS.
      const utf16 = Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from('TY  - RPRT\r\nTI  - Fostering in Ærø and Łódź\r\nPY  - 2022\r\nER  - \r\n', 'utf16le'),
      ]);
      const wide = await admin.get(String((await upload('windows.ris', utf16)).headers.location));
      assert.match(wide.body, /Fostering in Ærø and Łódź/);
      assert.match(wide.body, /1 new/);

      // A record of 1 MB: its title is refused, its abstract shortened, and its neighbours are untouched.
      const huge = 'x'.repeat(1024 * 1024);
      const ris = `TY  - JOUR\nTI  - ${huge}\nER  - \n\nTY  - JOUR\nTI  - A normal record beside a huge one\nAB  - ${huge}\nER  - \n`;
      const big = await admin.get(String((await upload('huge-record.ris', ris)).headers.location));
      assert.match(big.body, /The title is longer than 500 characters/);
      assert.match(big.body, /The abstract was longer than 20,000 characters and was shortened/);
      assert.match(big.body, /1 new/);
    });

    it('shows possible duplicates beside the library’s item to decide on, and merges the richer fields into it', async () => {
      const title = 'The effects of home visiting on early language: a randomised trial';
      const [seeded] = await importEvidenceItems(t.db, ws.id, { accountId: null, name: 'Seed' }, [
        { sourceType: 'research_study', title, year: 2020, authors: ['Jones, Amy'], keywords: ['home visiting'] },
      ]);
      const ris = [
        // Near-identical: no "The", a hyphen, a dash for the colon.
        'TY  - JOUR\nTI  - Effects of home-visiting on early language — a randomised trial\nAU  - Jones, Amy\nPY  - 2020\nER  - ',
        // The same title a year later: perhaps a follow-up.
        `TY  - JOUR\nTI  - ${title}\nAU  - Jones, Amy\nPY  - 2021\nER  - `,
        // Certainly the same, with more to it.
        `TY  - JOUR\nTI  - ${title}\nAU  - Jones, Amy\nAU  - Patel, Sunil\nPY  - 2020\nDO  - 10.1234/hv.2020.1\nAB  - Families in 12 places were visited weekly.\nKW  - language\nER  - `,
      ].join('\n\n');
      const url = String((await upload('possible.ris', ris)).headers.location);
      const preview = await admin.get(url);
      assert.match(preview.body, />2 possible duplicates</);
      assert.match(preview.body, />1 already in the library or repeated</);
      assert.match(preview.body, /2 records look like items already in the library or earlier in the file/);
      assert.match(preview.body, /In the library:/);
      assert.match(preview.body, /has a near-identical title: it may be the same reference/);
      assert.match(preview.body, /has the same title but a different year or first author/);
      assert.match(preview.body, /There is nothing new to import/, 'undecided possible duplicates are left out');

      const decide = (position: number, decision: string) => admin.post(`${url}/rows/${position}`, { decision, back: url });
      const refused = await decide(2, 'import');
      assert.equal(refused.statusCode, 302);
      assert.match((await admin.get(String(refused.headers.location).split('#')[0])).body, /certainly in the library already/);
      assert.equal((await decide(0, 'nonsense')).statusCode, 400);
      assert.equal((await decide(7, 'skip')).statusCode, 404);
      const chosen = await decide(0, 'import');
      assert.match(String(chosen.headers.location), /#record-1$/);
      assert.match((await admin.get(url)).body, /Record 1: will be imported as a new item/);
      await decide(2, 'merge');
      const decided = await admin.get(url);
      assert.match(decided.body, /Record 3: will be merged into the item in the library/);
      assert.match(decided.body, /Import 1 new item and merge 1/);
      assert.match(decided.body, /1 record looks like an item already/, 'the second possible duplicate is still to decide');

      await admin.post(`${url}/confirm`);
      const done = await waitUntilDone(url);
      assert.match(done.body, /1 item added/);
      assert.equal((await decide(1, 'import')).statusCode, 404, 'nothing is decided on an import already done');
      const [merged] = await t.db.select().from(evidenceItems).where(eq(evidenceItems.id, seeded));
      assert.equal(merged.title, title, 'the library’s own title stays');
      assert.equal(merged.doi, '10.1234/hv.2020.1');
      assert.equal(merged.abstract, 'Families in 12 places were visited weekly.');
      assert.deepEqual(merged.authors, ['Jones, Amy', 'Patel, Sunil'], 'the longer author list');
      assert.deepEqual(merged.keywords, ['home visiting', 'language']);
      const copies = await t.db.select().from(evidenceItems).where(eq(evidenceItems.workspaceId, ws.id));
      assert.equal(copies.filter((item) => item.title.startsWith('Effects of home-visiting')).length, 1);
      assert.equal(copies.filter((item) => item.title === title).length, 1, 'the undecided follow-up was left out');
      const audit = await admin.get(`${ws.base}/admin/audit`);
      assert.match(audit.body, /Chose to merge into the library’s item record 3/);
      assert.match(audit.body, /merged 1 record into items already in the library/);
    });

    it('says an import failed, saving nothing, when the database refuses a record; a second run of its job does nothing', async () => {
      const before = await libraryCount();
      const response = await upload('mendeley.bib', fixture('mendeley.bib').toString('utf8').replaceAll('title = {', 'title = {Refused '));
      const url = String(response.headers.location);
      const id = url.split('/').pop()!;
      // A record the preview let through but the database will not take (a year that is not a number).
      const [second] = await t.db
        .select()
        .from(evidenceImportRows)
        .where(and(eq(evidenceImportRows.importId, id), eq(evidenceImportRows.position, 1)));
      const refused = { ...second.row, item: { ...second.row.item!, year: 'soon' as unknown as number } };
      await t.db
        .update(evidenceImportRows)
        .set({ row: refused })
        .where(and(eq(evidenceImportRows.importId, id), eq(evidenceImportRows.position, 1)));
      await admin.get(url);
      await admin.post(`${url}/confirm`);
      const failed = await waitUntilDone(url);
      assert.match(failed.body, /The import stopped and nothing was saved/);
      assert.equal(await libraryCount(), before, 'the first record was rolled back with the second');
      const [after] = await t.db.select().from(evidenceImports).where(eq(evidenceImports.id, id));
      assert.equal(after.status, 'failed');
      assert.equal(after.createdCount, 0);
      // pg-boss may retry a job whose server stopped; the import is no longer waiting, so nothing happens.
      await t.app.deps.jobs.send(EVIDENCE_IMPORT_JOB, {
        workspaceId: ws.id,
        importId: id,
        token: after.progressToken,
        requestedBy: { accountId: null, name: 'Retry' },
        personId: null,
      });
      assert.equal(await t.app.deps.jobs.workWaiting(EVIDENCE_IMPORT_JOB), 1);
      assert.equal((await t.db.select().from(evidenceImports).where(eq(evidenceImports.id, id)))[0].status, 'failed');
    });

    it('says an import was interrupted when no job is left to finish it, and leaves queued ones alone', async () => {
      const response = await upload('mendeley.bib', fixture('mendeley.bib').toString('utf8').replaceAll('title = {', 'title = {Interrupted '));
      const url = String(response.headers.location);
      const id = url.split('/').pop()!;
      await admin.get(url);
      await admin.post(`${url}/confirm`);
      assert.equal(await failInterruptedImports(t.db, (importId) => t.app.deps.jobs.pending(EVIDENCE_IMPORT_JOB, importId)), 0, 'its job is waiting');
      assert.equal(await failInterruptedImports(t.db, async () => false), 1, 'as if its last try had died with its server');
      assert.match((await admin.get(url)).body, /The server stopped during this import, so nothing was saved/);
      await waitUntilDone(url);
      assert.equal((await t.db.select().from(evidenceImports).where(eq(evidenceImports.id, id)))[0].status, 'failed', 'the job then finds nothing to do');
    });

    // On PostgreSQL the count comes from the import row, where any server can read it; on PGlite from the one process.
    it('shows a long import’s progress while it runs', async () => {
      const lines = ['Title,Year'];
      for (let i = 1; i <= 1200; i++) lines.push(`Row-by-row progress study ${i},${2000 + (i % 20)}`);
      const response = await upload('progress.csv', lines.join('\n'));
      const url = String(response.headers.location);
      await admin.get(url);
      const confirmed = await admin.post(`${url}/confirm`);
      const progressUrl = /data-import-progress="([^"]+)"/.exec(confirmed.body)![1];
      const seen: number[] = [];
      const working = t.app.deps.jobs.workWaiting(EVIDENCE_IMPORT_JOB);
      let finished = false;
      while (!finished) {
        const progress = (await t.app.inject({ method: 'GET', url: progressUrl })).json<{ done: number; total: number; finished: boolean }>();
        assert.equal(progress.total, 1200);
        seen.push(progress.done);
        finished = progress.finished;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await working;
      assert.ok(
        seen.some((done) => done > 0 && done < 1200),
        `progress seen: ${[...new Set(seen)].join(', ')}`,
      );
      assert.equal(seen.at(-1), 1200);
    });

    it('refuses a 50 MB file with a clear page', async () => {
      const response = await upload('huge.ris', Buffer.alloc(50 * 1024 * 1024, 'a'));
      assert.equal(response.statusCode, 413);
      assert.match(response.body, /Files can be up to 40 MB/);
    });

    it('keeps imports to their workspace and to people who may add evidence', async () => {
      const other = await createTestWorkspace(t.db);
      const [foreign] = await t.db.insert(evidenceImports).values({ workspaceId: other.id, filename: 'theirs.ris', format: 'ris' }).returning();
      assert.equal((await admin.get(`${ws.base}/evidence/import/${foreign.id}`)).statusCode, 404);
      assert.equal((await admin.post(`${ws.base}/evidence/import/${foreign.id}/confirm`)).statusCode, 404);
      assert.equal((await admin.post(`${ws.base}/evidence/import/${foreign.id}/cancel`)).statusCode, 404);
      const member = await addMember(t.db, ws.id, 'member');
      const memberAgent = new Agent(t.app);
      await memberAgent.signIn(member.email, member.password);
      assert.equal((await memberAgent.get(`${ws.base}/evidence/import`)).statusCode, 403);
    });

    it('exports the current results as BibTeX, RIS, CSV, APA and Harvard, and RIS imports back', async () => {
      const url = (format: string) => `${ws.base}/evidence/export?format=${format}&q=book+reading`;
      const bib = await admin.get(url('bibtex'));
      assert.equal(bib.statusCode, 200);
      assert.match(String(bib.headers['content-disposition']), /attachment; filename="evidence-.*\.bib"/);
      assert.match(bib.body, /@article\{/);
      assert.match(bib.body, /Okoro, Ruth and Lindqvist, Anna/);
      const ris = await admin.get(url('ris'));
      assert.match(ris.body, /TY {2}- JOUR/);
      const medline = await admin.get(url('medline'));
      assert.match(String(medline.headers['content-disposition']), /\.nbib"/);
      assert.match(medline.body, /^TI {2}- Shared book reading interventions/m);
      assert.match(medline.body, /^FAU - Okoro, Ruth$/m);
      assert.match(medline.body, /^LID - 10\.1002\/cl2\.1081 \[doi\]$/m);
      const csl = JSON.parse((await admin.get(url('csl-json'))).body) as Array<{ title: string; DOI?: string; author?: Array<{ family?: string }> }>;
      const review = csl.find((entry) => entry.DOI === '10.1002/cl2.1081');
      assert.equal(review?.author?.[0].family, 'Okoro');
      const csv = await admin.get(url('csv'));
      assert.ok(csv.body.startsWith('\ufeffTitle,Authors,Year'));
      assert.match(csv.body, /Systematic review/);
      const apa = await admin.get(url('apa'));
      assert.match(apa.body, /Okoro, R\., & Lindqvist, A\. \(2020\)/);
      const harvard = await admin.get(url('harvard'));
      assert.match(harvard.body, /Okoro, R\. and Lindqvist, A\. \(2020\)/);
      assert.equal((await admin.get(`${ws.base}/evidence/export?format=docx`)).statusCode, 400);

      const fresh = await createTestWorkspace(t.db);
      const other = new Agent(t.app);
      await other.signIn(fresh.admin.email, fresh.admin.password);
      const everything = await admin.get(`${ws.base}/evidence/export?format=ris`);
      await other.get(`${fresh.base}/evidence/import`);
      const uploaded = await other.upload(`${fresh.base}/evidence/import`, { filename: 'export.ris', data: everything.body });
      const preview = await other.get(String(uploaded.headers.location));
      const count = (label: string) => Number(new RegExp(`>([\\d,]+) ${label}<`).exec(preview.body)?.[1].replaceAll(',', ''));
      assert.equal(
        count('new') + count('possible duplicates?'),
        await libraryCount(),
        'every item is in the export (two near-identical titles wait for a decision)',
      );
      assert.equal(count('already in the library or repeated'), 0);
      assert.match(preview.body, /0 cannot be imported/);
    });

    it('exports only the ticked items, and explains an export with nothing ticked', async () => {
      const page = await admin.get(`${ws.base}/evidence?q=book+reading`);
      assert.match(page.body, /name="selection" value="ris"/);
      const ids = [...page.body.matchAll(/name="selected" type="checkbox" value="([0-9a-f-]{36})"/g)].map((m) => m[1]);
      assert.ok(ids.length >= 1);
      const [seed] = await t.db.select().from(evidenceItems).where(eq(evidenceItems.workspaceId, ws.id));
      const chosen = await admin.get(`${ws.base}/evidence/export?q=book+reading&selection=csv&selected=${seed.id}`);
      assert.equal(chosen.statusCode, 200);
      assert.equal(chosen.body.trim().split('\n').length, 2, 'a header and the one ticked item');
      assert.match(chosen.body, new RegExp(seed.title.slice(0, 30)));
      const none = await admin.get(`${ws.base}/evidence/export?q=book+reading&selection=csv`);
      assert.equal(none.statusCode, 400);
      assert.match(none.body, /Tick the items you want to export first/);
      const foreign = await admin.get(`${ws.base}/evidence/export?selection=ris&selected=00000000-0000-4000-8000-000000000000&selected=not-an-id`);
      assert.equal(foreign.statusCode, 400);
    });

    it('cancels a preview without saving anything', async () => {
      const response = await upload('mendeley.bib', fixture('mendeley.bib'));
      const url = String(response.headers.location);
      await admin.get(url);
      const cancelled = await admin.post(`${url}/cancel`);
      assert.equal(cancelled.statusCode, 302);
      assert.equal((await admin.get(url)).statusCode, 404);
    });
  });
}
