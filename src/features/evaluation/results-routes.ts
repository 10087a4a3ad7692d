import type { FastifyPluginAsync } from 'fastify';
import { authorize, BadRequestError, ForbiddenError, NotFoundError } from '../../core/http/errors.ts';
import { redirectWithFlash } from '../../core/http/flash.ts';
import { fieldError, formErrorsFrom, noErrors, type FormErrors, formText } from '../../core/http/forms.ts';
import { optionalText } from '../../core/http/fields.ts';
import { loadProgramme, programmeIdFrom, type ProgrammeRequest } from '../programmes/load.ts';
import { sessionsOf } from '../programmes/queries.ts';
import { analyseProgramme, MIN_CELL, SUPPRESSION_NOTE } from './analysis.ts';
import { divergingBars } from './charts.ts';
import { responsesCsv, responsesXlsx, responseTable } from './exports.ts';
import { impactCounts, impactLevelLabels, impactLog, mayRecordImpact, saveImpact, tagAnswer, textAnswers, verifyImpact } from './impact.ts';
import { buildReport, describeChange, formatP, formatR, sectionTitles } from './report.ts';
import { domainsOf, EvaluationRuleError, waveLabels } from './survey-queries.ts';
import { impactLevels, reportSectionKeys, reportSections, type ReportSectionKey, type SurveyWave } from './tables.ts';
import { and, eq } from 'drizzle-orm';
import { loadManagedEvaluation } from './access.ts';
import { impactSchema } from './schemas.ts';

/** What the evaluation found: the analysis, quotes, the impact log, the report and the response exports. */
export const resultsRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app.deps;

  app.get('/:programmeId/evaluation/analysis', async (request, reply) => {
    const loaded = await loadManagedEvaluation(request);
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
      formatP,
      formatR,
      suppressionNote: SUPPRESSION_NOTE,
      minCell: MIN_CELL,
    });
  });

  app.get('/:programmeId/evaluation/quotes', async (request, reply) => {
    const loaded = await loadManagedEvaluation(request);
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

  app.post('/:programmeId/evaluation/quotes', async (request, reply) => {
    const loaded = await loadManagedEvaluation(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      await tagAnswer(
        db,
        loaded.ctx,
        loaded.access,
        loaded.programme.id,
        formText(body.responseId),
        formText(body.questionId),
        typeof body.domainId === 'string' && body.domainId ? body.domainId : null,
        body.picked === 'yes',
      );
    } catch (error) {
      if (!(error instanceof EvaluationRuleError)) throw error;
      return redirectWithFlash(reply, `${loaded.base}/evaluation` + '/quotes', error.message, 'important');
    }
    return redirectWithFlash(reply, `${loaded.base}/evaluation` + `/quotes#answer-${formText(body.responseId)}-${formText(body.questionId)}`, 'Saved.');
  });

  async function impactForm(loaded: ProgrammeRequest, values: Record<string, unknown>, errors: FormErrors, impactId?: string) {
    const sessions = await sessionsOf(db, loaded.ctx.workspace.id, loaded.programme.id);
    const { programmeReading } = await import('../programmes/challenge-queries.ts');
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

  app.get('/:programmeId/evaluation/impact', async (request, reply) => {
    const loaded = await loadProgramme(request, programmeIdFrom(request));
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

  app.get('/:programmeId/evaluation/impact/new', async (request, reply) => {
    const loaded = await loadProgramme(request, programmeIdFrom(request));
    authorize(mayRecordImpact(loaded.access));
    return reply.page('evaluation/views/impact-form.njk', await impactForm(loaded, { level: 'discussion' }, noErrors));
  });

  app.post('/:programmeId/evaluation/impact', async (request, reply) => {
    const loaded = await loadProgramme(request, programmeIdFrom(request));
    authorize(mayRecordImpact(loaded.access));
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = impactSchema.safeParse(body);
    if (!parsed.success) return reply.status(400).page('evaluation/views/impact-form.njk', await impactForm(loaded, body, formErrorsFrom(parsed.error)));
    try {
      await saveImpact(db, loaded.ctx, loaded.access, loaded.programme.id, { ...parsed.data, level: parsed.data.level });
    } catch (error) {
      if (!(error instanceof EvaluationRuleError)) throw error;
      return reply.status(400).page('evaluation/views/impact-form.njk', await impactForm(loaded, body, fieldError(error.field, error.message)));
    }
    return redirectWithFlash(reply, `${loaded.base}/evaluation` + '/impact', 'Recorded. The programme team will check it with the person named.');
  });

  app.post('/:programmeId/evaluation/impact/:impactId/verify', async (request, reply) => {
    const loaded = await loadProgramme(request, programmeIdFrom(request));
    const body = (request.body ?? {}) as Record<string, unknown>;
    await verifyImpact(db, loaded.ctx, loaded.access, loaded.programme.id, (request.params as { impactId: string }).impactId, body.verified !== 'no');
    return redirectWithFlash(reply, `${loaded.base}/evaluation` + '/impact', body.verified === 'no' ? 'Marked as not yet verified.' : 'Marked as verified.');
  });

  app.get('/:programmeId/evaluation/report', async (request, reply) => {
    const loaded = await loadManagedEvaluation(request);
    const model = await buildReport(db, loaded.ctx.workspace.id, loaded.programme);
    return reply.page('evaluation/views/report.njk', {
      ...loaded,
      title: `Evaluation report – ${loaded.programme.name}`,
      model,
      sectionTitles,
      waveLabels,
      describeChange,
      formatP,
      formatR,
      impactLevelLabels,
      minCell: MIN_CELL,
      suppressionNote: SUPPRESSION_NOTE,
    });
  });

  app.post('/:programmeId/evaluation/report/sections', async (request, reply) => {
    const loaded = await loadManagedEvaluation(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const key = formText(body.key);
    if (!(reportSectionKeys as readonly string[]).includes(key)) throw new BadRequestError('That is not a section of the report.');
    const parsed = optionalText('the section', 20000).safeParse(body.body);
    if (!parsed.success) return redirectWithFlash(reply, `${loaded.base}/evaluation` + '/report', parsed.error.issues[0].message, 'important');
    const workspaceId = loaded.ctx.workspace.id;
    if (parsed.data === '')
      await db
        .delete(reportSections)
        .where(
          and(
            eq(reportSections.workspaceId, workspaceId),
            eq(reportSections.programmeId, loaded.programme.id),
            eq(reportSections.key, key as ReportSectionKey),
          ),
        );
    else {
      await db
        .insert(reportSections)
        .values({ workspaceId, programmeId: loaded.programme.id, key: key as ReportSectionKey, body: parsed.data })
        .onConflictDoUpdate({ target: [reportSections.programmeId, reportSections.key], set: { body: parsed.data, updatedAt: new Date() } });
    }
    return redirectWithFlash(
      reply,
      `${loaded.base}/evaluation` + `/report#section-${key}`,
      parsed.data === ''
        ? `${sectionTitles[key as ReportSectionKey]} is back to the standard text.`
        : `Saved ${sectionTitles[key as ReportSectionKey].toLowerCase()}.`,
    );
  });

  app.get('/:programmeId/evaluation/report.docx', async (request, reply) => {
    const loaded = await loadManagedEvaluation(request);
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

  app.get('/:programmeId/evaluation/responses.:format', async (request, reply) => {
    const loaded = await loadManagedEvaluation(request);
    const { format } = request.params as { format: string };
    const table = await responseTable(db, loaded.ctx.workspace.id, loaded.programme.id);
    const stamp = new Date().toISOString().slice(0, 10);
    if (format === 'csv')
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="survey-responses-${stamp}.csv"`)
        .send(responsesCsv(table));
    if (format === 'xlsx') {
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="survey-responses-${stamp}.xlsx"`)
        .send(await responsesXlsx(table, loaded.programme.name));
    }
    throw new NotFoundError();
  });
};
