import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import mammoth from 'mammoth';
import ExcelJS from 'exceljs';
import { mailMessages, workspaceEvents } from '../../core/db/tables.ts';
import type { TestApp } from '../../../test/support/app.ts';
import { startWorkspaceTest } from '../../../test/support/workspace-test.ts';
import { Agent } from '../../../test/support/agent.ts';
import { testBackends } from '../../../test/support/database.ts';
import { addMember, type TestUser, type TestWorkspace } from '../../../test/support/factories.ts';
import { outcomeDomains, surveyInvitations, surveyQuestions, surveyResponses, surveys } from './tables.ts';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { extractText } from '../evidence/attachments/extract-text.ts';
import { analyseProgramme } from './analysis.ts';
import { readToken } from '../../../test/support/api-token.ts';

/** LibreOffice, when this machine has it (CI installs it). */
const libreOffice = () => ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((candidate) => existsSync(candidate));

for (const backend of testBackends()) {
  describe(`evaluation: surveys, analysis and the report (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let admin: Agent;
    let base: string;
    let cohort: TestUser[];
    let outsider: TestUser;

    /** Build a survey through its form and open it: its page, and each participant's link by e-mail address. */
    async function openSurvey(form: { title: string; wave: string; questionIds: string[]; anonymous?: string }) {
      await admin.get(`${base}/evaluation/surveys/new`);
      const url = String((await admin.post(`${base}/evaluation/surveys`, form)).headers.location).split('#')[0];
      await admin.get(url);
      await admin.post(`${url}/open`);
      return { url, tokens: await links(form.title) };
    }

    /** Each participant's personal link, from the e-mails sent for one survey. */
    async function links(subject: string) {
      const mail = await t.db
        .select()
        .from(mailMessages)
        .where(and(eq(mailMessages.workspaceId, ws.id), eq(mailMessages.subject, subject)));
      return new Map(mail.map((m) => [m.toAddress, /\/s\/([A-Za-z0-9_-]{43})/.exec(m.textBody)![1]]));
    }

    /** Answer every agreement question with `value` (capped to the scale), and the free text. */
    async function answer(token: string, value: (index: number) => number, extra: Record<string, string> = {}) {
      const agent = new Agent(t.app);
      const page = await agent.get(`/s/${token}`);
      assert.equal(page.statusCode, 200, page.body.slice(0, 300));
      const fields: Record<string, string> = { quoteConsent: 'yes', ...extra };
      let index = 0;
      for (const match of page.body.matchAll(/name="(q-[0-9a-f-]{36})" type="radio" value="1"/g))
        fields[match[1]] = String(Math.min(5, Math.max(1, value(index++))));
      for (const match of page.body.matchAll(/<textarea class="govuk-textarea[^"]*" id="(q-[0-9a-f-]{36})"/g))
        fields[match[1]] ??= 'I now take the evidence to the weekly policy meeting.';
      return { agent, response: await agent.post(`/s/${token}`, { ...fields, action: 'submit' }) };
    }

    before(async () => {
      ({ t, ws, admin } = await startWorkspaceTest(backend));
      cohort = [];
      for (let i = 0; i < 6; i++) cohort.push(await addMember(t.db, ws.id, 'member', `Participant ${i + 1}`));
      outsider = await addMember(t.db, ws.id, 'member', 'Not In Cohort');
      await admin.get(`${ws.base}/programmes/new`);
      const created = await admin.post(`${ws.base}/programmes`, { name: 'Mobilise', kind: 'cohort_learning', startsOn: '2025-01-01', endsOn: '2030-12-31' });
      base = String(created.headers.location).replace(/\/cohort$/, '');
      for (const person of cohort) await admin.post(`${base}/cohort`, { personId: person.personId, role: 'participant' });
    });
    after(() => t.close());

    it('starts the outcome framework from the Mobilise domains and builds a survey', async () => {
      await admin.get(`${base}/evaluation`);
      assert.equal((await admin.post(`${base}/evaluation/framework`)).statusCode, 302);
      const page = await admin.get(`${base}/evaluation`);
      for (const domain of [
        'Knowledge and understanding',
        'Openness to diverse forms of evidence',
        'Confidence to advocate and use evidence',
        'Communication and making a compelling case',
        'Relationships and networks',
      ]) {
        assert.match(page.body, new RegExp(domain));
      }
      assert.match((await admin.post(`${base}/evaluation/framework`).then(() => admin.get(`${base}/evaluation`))).body, /already has outcome domains/);
      const badQuestion = await admin.post(`${base}/evaluation/questions`, { kind: 'single', text: '', options: 'Only one' });
      assert.equal(badQuestion.statusCode, 400);
      assert.match(badQuestion.body, /Enter the question/);
      assert.match(badQuestion.body, /Give at least two options/);
      await admin.post(`${base}/evaluation/questions`, {
        kind: 'retrospective',
        text: 'How confident were you, and are you now, in finding research quickly?',
        scalePoints: '5',
      });
      const none = await admin.post(`${base}/evaluation/surveys`, { title: 'Baseline', wave: 'baseline' });
      assert.match(none.body, /Choose at least one question/);
      const questionIds = (await t.db.select().from(surveyQuestions)).filter((q) => q.kind !== 'retrospective').map((q) => q.id);
      const baseline = await admin.post(`${base}/evaluation/surveys`, { title: 'Mobilise baseline survey', wave: 'baseline', questionIds });
      assert.equal(baseline.statusCode, 302);
      const twice = await admin.post(`${base}/evaluation/surveys`, { title: 'Another baseline', wave: 'baseline', questionIds });
      assert.match(twice.body, /already has a baseline survey/);
    });

    it('sends personal links, saves answers as people go, and refuses bad, late and second answers', async () => {
      const [baseline] = await t.db.select().from(surveys).where(eq(surveys.wave, 'baseline'));
      const draftLink = `${base}/evaluation/surveys/${baseline.id}`;
      await admin.get(draftLink);
      assert.equal((await admin.post(`${draftLink}/open`)).statusCode, 302);
      const tokens = await links('Mobilise baseline survey');
      assert.equal(tokens.size, 6, 'one e-mail per participant');
      assert.equal((await new Agent(t.app).get('/s/not-a-token')).statusCode, 404);
      assert.equal((await new Agent(t.app).get(`/s/${'x'.repeat(43)}`)).statusCode, 404, 'a tampered link');

      // Part-way answers are kept, and an out-of-range value is refused without losing the rest.
      const first = tokens.get(cohort[0].email)!;
      const agent = new Agent(t.app);
      const page = await agent.get(`/s/${first}`);
      const [q1, q2] = [...page.body.matchAll(/name="(q-[0-9a-f-]{36})" type="radio" value="1"/g)].map((m) => m[1]);
      const saved = await agent.post(`/s/${first}`, { [q1]: '2', action: 'save' });
      assert.match(saved.body, /Your answers are saved/);
      const bad = await agent.post(`/s/${first}`, { [q2]: '9', action: 'save' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Choose one of the 5 answers/);
      const autosave = await agent.post(`/s/${first}/autosave`, { [q2]: '3' });
      assert.equal(autosave.statusCode, 200);
      assert.match((await agent.get(`/s/${first}`)).body, new RegExp(`name="${q2}" type="radio" value="3" checked`), 'the draft comes back');
      const incomplete = await agent.post(`/s/${first}`, { action: 'submit' });
      assert.equal(incomplete.statusCode, 400);
      assert.match(incomplete.body, /Answer this question/);

      for (const [i, person] of cohort.entries()) {
        const { response } = await answer(tokens.get(person.email)!, (q) => 2 + ((q + i) % 2));
        assert.match(response.body, /Thank you/);
      }
      const again = await new Agent(t.app).get(`/s/${first}`);
      assert.match(again.body, /You have already sent your answers/);
      const replay = await agent.post(`/s/${first}`, { action: 'submit' });
      assert.equal(replay.statusCode, 409);
      const responses = await t.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, baseline.id));
      assert.equal(responses.filter((r) => r.status === 'submitted').length, 6);
      assert.ok(
        responses.every((r) => r.personId),
        'a named survey keeps who answered',
      );

      await admin.post(`${draftLink}/close`);
      const [event] = await t.db.select().from(workspaceEvents).where(eq(workspaceEvents.type, 'survey.closed'));
      assert.equal(event.entityId, baseline.id, 'the closing is told to systems outside');
      const closed = await new Agent(t.app).get(`/s/${first}`);
      assert.match(closed.body, /already sent|closed/);
    });

    it('pairs baseline and final answers and tests the change as R would', async () => {
      const questionIds = (await t.db.select().from(surveyQuestions)).filter((q) => q.kind !== 'retrospective').map((q) => q.id);
      const retro = (await t.db.select().from(surveyQuestions)).find((q) => q.kind === 'retrospective')!;
      const { tokens } = await openSurvey({ title: 'Mobilise final survey', wave: 'final', questionIds: [...questionIds, retro.id] });
      for (const [i, person] of cohort.entries()) {
        await answer(tokens.get(person.email)!, (q) => 4 + ((q + i) % 2), { [`q-${retro.id}-before`]: String(2 + (i % 2)), [`q-${retro.id}`]: '4' });
      }
      const analysis = await admin.get(`${base}/evaluation/analysis`);
      assert.equal(analysis.statusCode, 200);
      assert.match(analysis.body, /paired for the people who answered both/);
      assert.match(analysis.body, /Knowledge and understanding/);
      assert.match(analysis.body, /6 rose, 0 stayed the same and 0 fell/);
      // Every one of six people rose by 2 on each domain: tied differences, so R uses the normal
      // approximation: wilcox.test(rep(4.5, 6), rep(2.5, 6), paired = TRUE) gives V = 21, p = 0.019661.
      assert.match(analysis.body, /a large change upwards, unlikely to be chance/);
      assert.match(analysis.body, /How this was worked out/);
      assert.match(
        analysis.body,
        /Wilcoxon signed-rank test: V = 21, p = 0\.020 \(two-sided\)\. Size of the change: matched-pairs rank-biserial correlation r = 1\.00/,
      );
      assert.match(analysis.body, /<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      assert.match(analysis.body, /agreed: “Because of the programme, I now work differently\.”/);
    });

    it('keeps figures about fewer than five people out of sight', async () => {
      // Only 6 answered; a domain asked of nobody else shows no suppressed numbers, and an empty programme says so.
      await admin.get(`${ws.base}/programmes/new`);
      const small = await admin.post(`${ws.base}/programmes`, { name: 'Small pilot', kind: 'cohort_learning', startsOn: '2025-01-01', endsOn: '2030-12-31' });
      const smallBase = String(small.headers.location).replace(/\/cohort$/, '');
      const report = await admin.get(`${smallBase}/evaluation/report`);
      assert.match(report.body, /needs at least 5 people to have answered/);
      const docx = await admin.get(`${smallBase}/evaluation/report.docx`);
      assert.equal(docx.statusCode, 400);
      assert.match(docx.body, /needs at least 5 people/);
    });

    it('tags and picks quotes only with consent, and keeps an impact log', async () => {
      const quotes = await admin.get(`${base}/evaluation/quotes`);
      assert.match(quotes.body, /I now take the evidence to the weekly policy meeting/);
      const [, responseId, questionId] = /id="answer-([0-9a-f-]{36})-([0-9a-f-]{36})"/.exec(quotes.body)!;
      await admin.post(`${base}/evaluation/quotes`, { responseId, questionId, picked: 'yes' });
      assert.match((await admin.get(`${base}/evaluation/quotes`)).body, /Quoted in the report/);
      await t.db.update(surveyResponses).set({ quoteConsent: false }).where(eq(surveyResponses.id, responseId));
      await admin.post(`${base}/evaluation/quotes`, { responseId, questionId, picked: 'yes' });
      assert.match((await admin.get(`${base}/evaluation/quotes`)).body, /did not agree to be quoted/);

      const participant = new Agent(t.app);
      await participant.signIn(cohort[1].email, cohort[1].password);
      await participant.get(`${base}/evaluation/impact/new`);
      const bad = await participant.post(`${base}/evaluation/impact`, { level: 'miracle', whatChanged: '', policyOrDecision: '', occurredOn: '2026-02-31' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Select how far the evidence went/);
      assert.match(bad.body, /Enter the date as a real date/);
      const recorded = await participant.post(`${base}/evaluation/impact`, {
        level: 'decision',
        whatChanged: 'The funding formula now weights deprivation more',
        policyOrDecision: 'Early years funding formula 2026',
        occurredOn: '2026-03-10',
        confirmer: 'Deputy director, early years funding',
      });
      assert.equal(recorded.statusCode, 302);
      assert.equal(
        (await participant.post(`${base}/evaluation/impact/00000000-0000-4000-8000-000000000000/verify`, {})).statusCode,
        403,
        'participants do not verify',
      );
      const log = await admin.get(`${base}/evaluation/impact`);
      const impactId = /impact\/([0-9a-f-]{36})\/verify/.exec(log.body)![1];
      await admin.post(`${base}/evaluation/impact/${impactId}/verify`, { verified: 'yes' });
      assert.match((await admin.get(`${base}/evaluation/impact`)).body, /1 verified/);
      const stranger = new Agent(t.app);
      await stranger.signIn(outsider.email, outsider.password);
      assert.equal((await stranger.get(`${base}/evaluation/impact`)).statusCode, 403);
      assert.equal((await participant.get(`${base}/evaluation/analysis`)).statusCode, 403, 'participants do not see the analysis');
    });

    it('makes the report as a web page and a Word document, and exports responses', async () => {
      await admin.get(`${base}/evaluation/report`);
      await admin.post(`${base}/evaluation/report/sections`, { key: 'lessons', body: 'Start the needs intake a month before the first session.' });
      const page = await admin.get(`${base}/evaluation/report`);
      assert.match(page.body, /Mobilise: evaluation report/);
      assert.match(page.body, /Start the needs intake a month before the first session/);
      assert.match(page.body, /The funding formula now weights deprivation more/);
      assert.equal((await admin.post(`${base}/evaluation/report/sections`, { key: 'nonsense', body: 'x' })).statusCode, 400);

      // Two participants who worked together during the programme: the report's relationships section.
      await admin.get(`${ws.base}/network/ties/new?person=${cohort[0].personId}`);
      const tie = await admin.post(`${ws.base}/network/ties`, {
        personId: cohort[0].personId,
        otherPersonId: cohort[1].personId,
        kind: 'collaborated',
        occurredOn: '2026-03-04',
      });
      assert.equal(tie.statusCode, 302);
      assert.match((await admin.get(`${base}/evaluation/report`)).body, /<h2 class="govuk-heading-l">Relationships<\/h2>/);
      const docx = await admin.get(`${base}/evaluation/report.docx`);
      assert.equal(docx.statusCode, 200);
      assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK');
      const text = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
      assert.match(text, /Relationships/);
      assert.match(text, /Ties across a boundary/);
      assert.match(text, /Mobilise: evaluation report/);
      assert.match(text, /Knowledge and understanding/);
      assert.match(text, /Start the needs intake a month before the first session/);

      // Word output must open in LibreOffice: convert it to PDF there and read the text back.
      if (backend === 'pglite' && libreOffice()) {
        const dir = mkdtempSync(path.join(tmpdir(), 'bw-docx-'));
        try {
          writeFileSync(path.join(dir, 'report.docx'), docx.rawPayload);
          execFileSync(
            libreOffice()!,
            ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'report.docx')],
            { stdio: 'pipe', timeout: 120_000 },
          );
          const pdf = readFileSync(path.join(dir, 'report.pdf'));
          const { text: pdfText } = await extractText('report.pdf', pdf);
          assert.match(pdfText, /Mobilise: evaluation report/);
          assert.match(pdfText, /Knowledge and understanding/);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }

      const csv = await admin.get(`${base}/evaluation/responses.csv`);
      const lines = csv.body.trim().split('\n');
      assert.match(lines[0], /^\uFEFF?Wave,Survey,"Respondent/);
      assert.equal(lines.length, 1 + 12, 'one row per respondent and wave');
      assert.match(csv.body, /Participant 1/);
      const xlsx = await admin.get(`${base}/evaluation/responses.xlsx`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      assert.equal(workbook.getWorksheet('Responses')!.rowCount, 13);
      // Each question says its outcome domain, so domain scores can be worked out again from the export alone.
      assert.match(lines[0], /\[Knowledge and understanding\]/);
      const questionsSheet = workbook.getWorksheet('Questions')!;
      assert.equal(questionsSheet.getRow(1).getCell(3).value, 'Outcome domain');
      assert.ok(
        questionsSheet.getColumn(3).values.some((value) => value === 'Knowledge and understanding'),
        'the questions sheet names each question’s domain',
      );
    });

    it('never shows who gave which answers in an anonymous survey', async () => {
      const questionIds = (await t.db.select().from(surveyQuestions)).filter((q) => q.kind === 'likert').map((q) => q.id);
      const { url, tokens } = await openSurvey({ title: 'Mobilise follow-up', wave: 'follow_up', anonymous: 'yes', questionIds });
      const agent = new Agent(t.app);
      await agent.get(`/s/${tokens.get(cohort[2].email)}`);
      const noCode = await answer(tokens.get(cohort[2].email)!, () => 4);
      assert.match(noCode.response.body, /Enter your code/);
      const badCode = await answer(tokens.get(cohort[2].email)!, () => 4, { respondentCode: '!!' });
      assert.match(badCode.response.body, /Enter your code|3 to 12 letters/);
      const done = await answer(tokens.get(cohort[2].email)!, () => 4, { respondentCode: 'ke 14' });
      assert.match(done.response.body, /Thank you/);
      const [follow] = await t.db.select().from(surveys).where(eq(surveys.wave, 'follow_up'));
      const [response] = await t.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, follow.id));
      assert.equal(response.personId, null, 'no person is stored');
      assert.equal(response.respondentCode, 'KE14');
      const surveyPage = await admin.get(url);
      assert.doesNotMatch(surveyPage.body, /Participant 3/);
      assert.match((await admin.get(`${base}/evaluation/responses.csv`)).body, /Follow-up,Mobilise follow-up,KE14/);
    });
    it('keeps its framework, questions and surveys editable, on a programme of its own', async () => {
      const created = await admin.post(`${ws.base}/programmes`, {
        name: 'Framework test',
        kind: 'cohort_learning',
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
      });
      const own = `${ws.base}/programmes/${/programmes\/([0-9a-f-]{36})/.exec(String(created.headers.location))![1]}`;
      const unnamed = await admin.post(`${own}/evaluation/domains`, { name: '' });
      assert.equal(unnamed.statusCode, 400);
      assert.match(unnamed.body, /Enter the domain’s name/);
      assert.equal((await admin.post(`${own}/evaluation/domains`, { name: 'Confidence', description: '' })).statusCode, 302);
      const [domain] = await t.db.select().from(outcomeDomains).where(eq(outcomeDomains.name, 'Confidence'));
      assert.equal(
        (await admin.post(`${own}/evaluation/domains`, { id: domain.id, name: 'Confidence with evidence', description: 'Using research' })).statusCode,
        302,
      );
      assert.match((await admin.get(`${own}/evaluation`)).body, /Confidence with evidence/);
      assert.equal((await admin.post(`${own}/evaluation/domains`, { id: 'not-an-id', name: 'x' })).statusCode, 404);

      const question = { kind: 'likert', text: 'I can find research quickly', scalePoints: '5', domainId: domain.id };
      assert.equal((await admin.post(`${own}/evaluation/questions`, question)).statusCode, 302);
      const [saved] = await t.db.select().from(surveyQuestions).where(eq(surveyQuestions.text, 'I can find research quickly'));
      const noOptions = await admin.post(`${own}/evaluation/questions/${saved.id}/edit`, { ...question, kind: 'single', options: 'Only one' });
      assert.equal(noOptions.statusCode, 400);
      assert.match(noOptions.body, /Give at least two options/);
      assert.equal(
        (await admin.post(`${own}/evaluation/questions/${saved.id}/edit`, { ...question, text: 'I can find research quickly and easily' })).statusCode,
        302,
      );

      const survey = { title: 'Baseline', wave: 'baseline', questionIds: [saved.id] };
      const surveyId = /surveys\/([0-9a-f-]{36})/.exec(String((await admin.post(`${own}/evaluation/surveys`, survey)).headers.location))![1];
      const empty = await admin.post(`${own}/evaluation/surveys/${surveyId}/edit`, { ...survey, questionIds: [] });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /Choose at least one question for the survey/);
      assert.equal((await admin.post(`${own}/evaluation/surveys/${surveyId}/edit`, { ...survey, title: 'Baseline, January' })).statusCode, 302);
      assert.match((await admin.get(`${own}/evaluation/surveys/${surveyId}`)).body, /Baseline, January/);

      assert.equal((await admin.post(`${own}/evaluation/questions/${saved.id}/edit`, { action: 'delete' })).statusCode, 302);
      assert.equal((await t.db.select().from(surveyQuestions).where(eq(surveyQuestions.id, saved.id))).length, 0);
      assert.equal((await admin.post(`${own}/evaluation/domains`, { id: domain.id, action: 'delete' })).statusCode, 302);
      assert.equal((await t.db.select().from(outcomeDomains).where(eq(outcomeDomains.id, domain.id))).length, 0);
    });

    it('tells a participant whose link was not kept (a closed survey, as in the example) that it has closed, rather than failing', async () => {
      const [invitation] = await t.db.select().from(surveyInvitations).where(eq(surveyInvitations.personId, cohort[4].personId)).limit(1);
      await t.db.update(surveyInvitations).set({ tokenCipher: '', respondedAt: null }).where(eq(surveyInvitations.id, invitation.id));
      const participant = new Agent(t.app);
      await participant.signIn(cohort[4].email, cohort[4].password);
      const answer = await participant.get(`${base}/evaluation/surveys/${invitation.surveyId}/answer`);
      assert.equal(answer.statusCode, 410);
      assert.match(answer.body, /the survey has closed/);
      assert.equal((await participant.get(`${base}/evaluation`)).statusCode, 200, 'the evaluation page still opens');
    });

    it('gives the analysis page’s figures through the API, small numbers suppressed alike, to the people running the programme only', async () => {
      // A midpoint survey that only two people answer: its figures must not be given, on the page or through the API.
      const questionIds = (await t.db.select().from(surveyQuestions)).filter((q) => q.kind === 'likert').map((q) => q.id);
      const { tokens } = await openSurvey({ title: 'Mobilise midpoint survey', wave: 'midpoint', questionIds });
      for (const person of cohort.slice(0, 2)) await answer(tokens.get(person.email)!, () => 2);

      const programmeId = base.split('/').pop()!;
      const call = (token: string) =>
        t.app.inject({ method: 'GET', url: `/api/v1/programmes/${programmeId}/evaluation`, headers: { authorization: `Bearer ${token}` } });
      const answered = await call(await readToken(admin, ws.base, 'Evaluation'));
      assert.equal(answered.statusCode, 200);
      assert.deepEqual(answered.json(), JSON.parse(JSON.stringify(await analyseProgramme(t.db, ws.id, programmeId))));
      const midpoints = answered
        .json<{ domains: Array<{ items: Array<{ waves: Record<string, { n: number; suppressed: boolean; counts: number[]; median?: number }> }> }> }>()
        .domains.flatMap((domain) => domain.items.map((item) => item.waves.midpoint))
        .filter(Boolean);
      assert.ok(midpoints.length > 0);
      for (const figures of midpoints) assert.deepEqual(figures, { n: 2, suppressed: true, counts: [] }, 'only how many answered');

      const participant = new Agent(t.app);
      await participant.signIn(cohort[0].email, cohort[0].password);
      assert.equal((await call(await readToken(participant, ws.base, 'Participant'))).statusCode, 403);
    });
  });
}
