import { and, asc, eq, inArray } from 'drizzle-orm';
import { stringify } from 'csv-stringify/sync';
import { newWorkbook } from '../../core/views/workbook.ts';
import type { Executor } from '../../core/db/client.ts';
import { people } from '../people/tables.ts';
import { waveLabels } from './survey-queries.ts';
import { outcomeDomains, surveyAnswers, surveyItems, surveyQuestions, surveyResponses, surveys } from './tables.ts';

interface Column {
  header: string;
  value: (answer: typeof surveyAnswers.$inferSelect | undefined) => string | number | null;
}

/**
 * Submitted responses as a table: one row per respondent and wave, with the
 * pairing key (a name for named surveys, the chosen code for anonymous ones).
 */
export async function responseTable(db: Executor, workspaceId: string, programmeId: string) {
  const surveyRows = await db
    .select()
    .from(surveys)
    .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.programmeId, programmeId)));
  const surveyIds = surveyRows.map((s) => s.id);
  if (!surveyIds.length)
    return {
      header: ['Wave', 'Survey', 'Respondent', 'Submitted'],
      rows: [] as Array<Array<string | number | null>>,
      questions: [],
      domainOf: new Map<string, string>(),
    };
  const [asked, responses, answers, domains] = await Promise.all([
    db
      .selectDistinct({ question: surveyQuestions })
      .from(surveyItems)
      .innerJoin(surveyQuestions, and(eq(surveyQuestions.workspaceId, surveyItems.workspaceId), eq(surveyQuestions.id, surveyItems.questionId)))
      .where(inArray(surveyItems.surveyId, surveyIds)),
    db
      .select({ response: surveyResponses, name: people.fullName })
      .from(surveyResponses)
      .leftJoin(people, and(eq(people.workspaceId, surveyResponses.workspaceId), eq(people.id, surveyResponses.personId)))
      .where(and(eq(surveyResponses.workspaceId, workspaceId), inArray(surveyResponses.surveyId, surveyIds), eq(surveyResponses.status, 'submitted')))
      .orderBy(asc(surveyResponses.submittedAt)),
    db
      .select()
      .from(surveyAnswers)
      .innerJoin(surveyResponses, and(eq(surveyResponses.workspaceId, surveyAnswers.workspaceId), eq(surveyResponses.id, surveyAnswers.responseId)))
      .where(and(eq(surveyAnswers.workspaceId, workspaceId), inArray(surveyResponses.surveyId, surveyIds), eq(surveyResponses.status, 'submitted'))),
    db
      .select({ id: outcomeDomains.id, name: outcomeDomains.name })
      .from(outcomeDomains)
      .where(and(eq(outcomeDomains.workspaceId, workspaceId), eq(outcomeDomains.programmeId, programmeId))),
  ]);
  // Each question's outcome domain is in its column heading, so domain scores can be worked out again from the file alone.
  const domainName = new Map(domains.map((d) => [d.id, d.name]));
  const domainOf = new Map<string, string>();
  const questions = asked.map((row) => row.question).sort((a, b) => a.position - b.position);
  const columns: Column[] = [];
  questions.forEach((q, index) => {
    const domain = q.domainId ? domainName.get(q.domainId) : undefined;
    if (domain) domainOf.set(q.id, domain);
    const label = `Q${index + 1} ${q.text}${domain ? ` [${domain}]` : ''}`;
    if (q.kind === 'retrospective') {
      columns.push({ header: `${label} (before)`, value: (a) => a?.valueBefore ?? null }, { header: `${label} (now)`, value: (a) => a?.valueNumber ?? null });
    } else if (q.kind === 'single' || q.kind === 'multiple') columns.push({ header: label, value: (a) => (a ? a.valueChoices.join('; ') : null) });
    else if (q.kind === 'text') columns.push({ header: label, value: (a) => a?.valueText ?? null });
    else columns.push({ header: label, value: (a) => a?.valueNumber ?? null });
  });
  const byResponse = new Map<string, Map<string, typeof surveyAnswers.$inferSelect>>();
  for (const row of answers) {
    const map = byResponse.get(row.survey_answers.responseId) ?? new Map<string, typeof surveyAnswers.$inferSelect>();
    map.set(row.survey_answers.questionId, row.survey_answers);
    byResponse.set(row.survey_answers.responseId, map);
  }
  const surveyById = new Map(surveyRows.map((s) => [s.id, s]));
  const order = ['baseline', 'midpoint', 'final', 'follow_up'];
  const rows = responses
    .sort((a, b) => order.indexOf(surveyById.get(a.response.surveyId)!.wave) - order.indexOf(surveyById.get(b.response.surveyId)!.wave))
    .map(({ response, name }) => {
      const survey = surveyById.get(response.surveyId)!;
      const answerMap = byResponse.get(response.id) ?? new Map<string, typeof surveyAnswers.$inferSelect>();
      let qIndex = 0;
      const values: Array<string | number | null> = [];
      for (const q of questions) {
        const answer = answerMap.get(q.id);
        const count = q.kind === 'retrospective' ? 2 : 1;
        for (let k = 0; k < count; k++) values.push(columns[qIndex + k].value(answer));
        qIndex += count;
      }
      return [
        waveLabels[survey.wave],
        survey.title,
        survey.anonymous ? (response.respondentCode ?? '') : (name ?? ''),
        response.submittedAt?.toISOString() ?? '',
        ...values,
      ];
    });
  return { header: ['Wave', 'Survey', 'Respondent (name, or code if anonymous)', 'Submitted', ...columns.map((c) => c.header)], rows, questions, domainOf };
}

export function responsesCsv(table: Awaited<ReturnType<typeof responseTable>>): string {
  // Cells that a spreadsheet would run as a formula (=, +, -, @ first) are written with a leading apostrophe (OWASP).
  return '\uFEFF' + stringify([table.header, ...table.rows.map((row) => row.map((value) => value ?? ''))], { escape_formulas: true });
}

export async function responsesXlsx(table: Awaited<ReturnType<typeof responseTable>>, programmeName: string): Promise<Buffer> {
  const workbook = await newWorkbook();
  workbook.creator = 'Bridgework';
  workbook.title = `${programmeName}: survey responses`;
  const sheet = workbook.addWorksheet('Responses', { views: [{ state: 'frozen', ySplit: 1, xSplit: 3 }] });
  sheet.addRow(table.header);
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row);
  sheet.columns.forEach((column, index) => (column.width = index < 4 ? 22 : 14));
  const questionsSheet = workbook.addWorksheet('Questions');
  questionsSheet.addRow(['Number', 'Question', 'Outcome domain', 'Kind', 'Scale']);
  questionsSheet.getRow(1).font = { bold: true };
  table.questions.forEach((q, index) =>
    questionsSheet.addRow([
      `Q${index + 1}`,
      q.text,
      table.domainOf.get(q.id) ?? '',
      q.kind,
      q.scaleLabels.length ? q.scaleLabels.map((label, i) => `${i + 1} = ${label}`).join('; ') : '',
    ]),
  );
  questionsSheet.getColumn(2).width = 70;
  questionsSheet.getColumn(3).width = 34;
  questionsSheet.getColumn(5).width = 80;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
