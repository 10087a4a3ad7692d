import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorize, BadRequestError, ForbiddenError, RuleError } from '../../core/http/errors.ts';
import { redirectWithFlash } from '../../core/http/flash.ts';
import { noErrors, type FormErrors } from '../../core/http/forms.ts';
import { formBody } from '../../core/http/route-schemas.ts';
import { submitForm } from '../../core/http/submit-form.ts';
import { loadProgramme, type ProgrammeRequest } from '../programmes/load.ts';
import { programmeReading } from '../programmes/challenge-queries.ts';
import { programmeParams } from '../programmes/schemas.ts';
import { sessionsOf } from '../programmes/queries.ts';
import { analyseProgramme, MIN_CELL, SUPPRESSION_NOTE } from './analysis.ts';
import { divergingBars } from './charts.ts';
import { responsesCsv, responsesXlsx, responseTable } from './exports.ts';
import { impactCounts, impactLevelLabels, impactLog, mayRecordImpact, textAnswers } from './impact-queries.ts';
import { buildReport, changeStatistics, describeChange, sectionTitles, sizeInWords } from './report.ts';
import { saveImpact } from './save-impact.ts';
import { saveReportSection } from './save-report-section.ts';
import { answerTagSchema, impactParams, impactSchema, reportSectionSchema, responsesParams, verifySchema } from './schemas.ts';
import { domainsOf, waveLabels } from './survey-queries.ts';
import { impactLevels, type SurveyWave } from './tables.ts';
import { tagAnswer } from './tag-answer.ts';
import { verifyImpact } from './verify-impact.ts';
import { loadManagedEvaluation } from './access.ts';

/** What the evaluation found: the analysis, quotes, the impact log, the report and the response exports. */
export const resultsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get('/:programmeId/evaluation/analysis', { schema: { params: programmeParams } }, async (request, reply) => {
    const loaded = await loadManagedEvaluation(request, request.params.programmeId);
    const analysis = await analyseProgramme(db, loaded.ctx.workspace.id, loaded.programme.id);
    const charts = analysis.domains.map((domain) => {
      const rows = domain.items.flatMap((item) =>
        ['baseline', 'final'].flatMap((wave) => {
          const d = item.waves[wave as SurveyWave];
          return d && !d.suppressed ? [{ label: `${item.text} (${waveLabels[wave as SurveyWave].toLowerCase()})`, counts: d.counts, labels: item.labels }] : [];
        }),
      );
      return rows.length ? divergingBars(rows, rows[0].labels, `${domain.name}: answers at baseline and final`) : '';
    });
    return reply.page('evaluation/views/analysis.njk', {
      ...loaded,
      title: `Analysis – ${loaded.programme.name}`,
      analysis,
      charts,
      waveLabels,
      describeChange,
      changeStatistics,
      sizeInWords,
      suppressionNote: SUPPRESSION_NOTE,
      minCell: MIN_CELL,
    });
  });

  app.get('/:programmeId/evaluation/quotes', { schema: { params: programmeParams } }, async (request, reply) => {
    const loaded = await loadManagedEvaluation(request, request.params.programmeId);
    const [answers, domains] = await Promise.all([
      textAnswers(db, loaded.ctx.workspace.id, loaded.programme.id),
      domainsOf(db, loaded.ctx.workspace.id, loaded.programme.id),
    ]);
    return reply.page('evaluation/views/quotes.njk', {
      ...loaded,
      title: `Quotes – ${loaded.programme.name}`,
      answers,
      domainItems: domains.map((d) => ({ value: d.id, text: d.name })),
      waveLabels,
    });
  });

  app.post('/:programmeId/evaluation/quotes', { schema: { params: programmeParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadManagedEvaluation(request, request.params.programmeId);
    const quotes = `${loaded.base}/evaluation/quotes`;
    const parsed = answerTagSchema.safeParse(request.body);
    // Each answer is a small form in a long list: what is wrong shows in the banner above it.
    if (!parsed.success) return redirectWithFlash(reply, quotes, 'Choose an answer from the list.', 'important');
    try {
      await tagAnswer(db, loaded.ctx, loaded.access, loaded.programme.id, parsed.data);
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      return redirectWithFlash(reply, quotes, error.message, 'important');
    }
    return redirectWithFlash(reply, `${quotes}#answer-${parsed.data.responseId}-${parsed.data.questionId}`, 'Saved.');
  });

  async function impactForm(loaded: ProgrammeRequest, values: Record<string, unknown>, errors: FormErrors, impactId?: string) {
    const sessions = await sessionsOf(db, loaded.ctx.workspace.id, loaded.programme.id);
    return {
      ...loaded,
      title: impactId ? 'Edit an example of evidence use' : 'Record evidence in use',
      impactId,
      values,
      errors,
      levelItems: impactLevels.map((value) => ({ value, text: impactLevelLabels[value] })),
      sessionItems: sessions.map((s) => ({ value: s.id, text: s.title })),
      evidenceItems: await programmeReading(db, loaded.ctx.workspace.id, loaded.programme.id),
    };
  }

  app.get('/:programmeId/evaluation/impact', { schema: { params: programmeParams } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    if (!mayRecordImpact(loaded.access)) throw new ForbiddenError('The impact log is for the programme’s cohort and the people running it.');
    const examples = await impactLog(db, loaded.ctx.workspace.id, loaded.programme.id);
    return reply.page('evaluation/views/impact.njk', {
      ...loaded,
      title: `Evidence in use – ${loaded.programme.name}`,
      examples,
      counts: impactCounts(examples),
      impactLevelLabels,
      myPersonId: loaded.ctx.member.personId,
    });
  });

  app.get('/:programmeId/evaluation/impact/new', { schema: { params: programmeParams } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    authorize(mayRecordImpact(loaded.access));
    return reply.page('evaluation/views/impact-form.njk', await impactForm(loaded, { level: 'discussion' }, noErrors));
  });

  app.post('/:programmeId/evaluation/impact', { schema: { params: programmeParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    authorize(mayRecordImpact(loaded.access));
    return submitForm(reply, {
      schema: impactSchema,
      body: request.body,
      redisplay: async (errors) => reply.page('evaluation/views/impact-form.njk', await impactForm(loaded, request.body, errors)),
      save: (input) => saveImpact(db, loaded.ctx, loaded.access, loaded.programme.id, input),
      done: () => ({ to: `${loaded.base}/evaluation/impact`, flash: 'Recorded. The programme team will check it with the person named.' }),
    });
  });

  app.post('/:programmeId/evaluation/impact/:impactId/verify', { schema: { params: impactParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadProgramme(request, request.params.programmeId);
    const { verified } = verifySchema.parse(request.body);
    await verifyImpact(db, loaded.ctx, loaded.access, loaded.programme.id, request.params.impactId, verified);
    return redirectWithFlash(reply, `${loaded.base}/evaluation/impact`, verified ? 'Marked as verified.' : 'Marked as not yet verified.');
  });

  app.get('/:programmeId/evaluation/report', { schema: { params: programmeParams } }, async (request, reply) => {
    const loaded = await loadManagedEvaluation(request, request.params.programmeId);
    const model = await buildReport(db, loaded.ctx.workspace.id, loaded.programme);
    return reply.page('evaluation/views/report.njk', {
      ...loaded,
      title: `Evaluation report – ${loaded.programme.name}`,
      model,
      sectionTitles,
      waveLabels,
      describeChange,
      changeStatistics,
      sizeInWords,
      impactLevelLabels,
      minCell: MIN_CELL,
      suppressionNote: SUPPRESSION_NOTE,
    });
  });

  app.post('/:programmeId/evaluation/report/sections', { schema: { params: programmeParams, body: formBody } }, async (request, reply) => {
    const loaded = await loadManagedEvaluation(request, request.params.programmeId);
    const parsed = reportSectionSchema.safeParse(request.body);
    if (!parsed.success && parsed.error.issues.some((issue) => issue.path[0] === 'key')) throw new BadRequestError('That is not a section of the report.');
    // The sections are edited in place on the report page: what is wrong shows in the banner there.
    if (!parsed.success) return redirectWithFlash(reply, `${loaded.base}/evaluation/report`, parsed.error.issues[0].message, 'important');
    const { key, body } = parsed.data;
    await saveReportSection(db, loaded.ctx, loaded.access, loaded.programme.id, parsed.data);
    return redirectWithFlash(
      reply,
      `${loaded.base}/evaluation/report#section-${key}`,
      body === '' ? `${sectionTitles[key]} is back to the standard text.` : `Saved ${sectionTitles[key].toLowerCase()}.`,
    );
  });

  app.get('/:programmeId/evaluation/report.docx', { schema: { params: programmeParams } }, async (request, reply) => {
    const loaded = await loadManagedEvaluation(request, request.params.programmeId);
    const model = await buildReport(db, loaded.ctx.workspace.id, loaded.programme);
    if (!model.enoughRespondents)
      throw new BadRequestError(
        `The report needs at least ${MIN_CELL} people to have answered a survey, so that no one can be identified. ${model.respondents} have so far.`,
      );
    // Loaded on demand: the docx library is only needed for a download.
    const { reportDocx } = await import('./report-docx.ts');
    const file = await reportDocx(model, loaded.ctx.workspace.name);
    return reply
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', `attachment; filename="evaluation-report-${new Date().toISOString().slice(0, 10)}.docx"`)
      .send(file);
  });

  app.get('/:programmeId/evaluation/responses.:format', { schema: { params: responsesParams } }, async (request, reply) => {
    const loaded = await loadManagedEvaluation(request, request.params.programmeId);
    const { format } = request.params;
    const table = await responseTable(db, loaded.ctx.workspace.id, loaded.programme.id);
    const stamp = new Date().toISOString().slice(0, 10);
    if (format === 'csv')
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="survey-responses-${stamp}.csv"`)
        .send(responsesCsv(table));
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="survey-responses-${stamp}.xlsx"`)
      .send(await responsesXlsx(table, loaded.programme.name));
  });
};
