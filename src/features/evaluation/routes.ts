import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { authorize, BadRequestError, ForbiddenError, NotFoundError } from '../../core/http/errors.ts';
import { setFlash } from '../../core/http/flash.ts';
import { asArray, fieldError, formErrorsFrom, noErrors, type FormErrors, formText } from '../../core/http/forms.ts';
import { optionalText, requiredText, choice, dateField } from '../../core/http/fields.ts';
import { isCalendarDate } from '../../core/dates.ts';
import { isUuid } from '../../core/db/uuid.ts';
import { loadProgramme, type ProgrammeRequest } from '../programmes/load.ts';
import { sessionsOf } from '../programmes/queries.ts';
import { analyseProgramme, MIN_CELL, SUPPRESSION_NOTE } from './analysis.ts';
import { divergingBars } from './charts.ts';
import { responsesCsv, responsesXlsx, responseTable } from './exports.ts';
import { impactCounts, impactLevelLabels, impactLog, mayRecordImpact, saveImpact, tagAnswer, textAnswers, verifyImpact } from './impact.ts';
import { buildReport, describeChange, formatP, formatR, sectionTitles } from './report.ts';
import {
  closeSurvey,
  deleteDomain,
  deleteQuestion,
  domainsOf,
  EvaluationRuleError,
  findSurvey,
  namedResponses,
  openSurvey,
  ownSurveyLink,
  questionsOf,
  remindSurvey,
  saveDomain,
  saveQuestion,
  saveSurvey,
  surveyQuestionList,
  surveysOf,
  useDefaultFramework,
  waveLabels,
} from './surveys.ts';
import {
  impactLevels,
  questionKinds,
  reportSectionKeys,
  reportSections,
  surveyWaves,
  type QuestionKind,
  type ReportSectionKey,
  type SurveyWave,
} from './tables.ts';
import { and, eq } from 'drizzle-orm';

const questionKindLabels: Record<QuestionKind, string> = {
  likert: 'Agreement scale (Likert)',
  single: 'Choose one option',
  multiple: 'Choose any options',
  number: 'A number',
  text: 'Free text',
  retrospective: 'Before and now (retrospective pair)',
};

const questionSchema = z
  .object({
    kind: choice(questionKinds, 'Select the kind of question'),
    text: requiredText('the question', 500),
    hint: optionalText('hint', 500),
    domainId: z.preprocess((v) => (typeof v === 'string' && v !== '' ? v : null), z.string().max(40).nullable()),
    scalePoints: z.preprocess((v) => (v === '7' ? 7 : 5), z.number()),
    options: z.preprocess(
      (v) =>
        typeof v === 'string'
          ? v
              .split(/\r?\n/)
              .map((line) => line.trim())
              .filter(Boolean)
          : [],
      z.array(z.string().max(200, 'Each option must be 200 characters or fewer')).max(30, 'Give at most 30 options'),
    ),
    measuresPracticeChange: z.preprocess((v) => v === 'yes', z.boolean()),
  })
  .refine((q) => !(q.kind === 'single' || q.kind === 'multiple') || q.options.length >= 2, {
    path: ['options'],
    message: 'Give at least two options, one per line',
  });

const surveySchema = z.object({
  title: requiredText('a title', 200),
  wave: choice(surveyWaves, 'Select the wave'),
  introduction: optionalText('introduction', 2000),
  anonymous: z.preprocess((v) => v === 'yes', z.boolean()),
  closesOn: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null),
    z.string().refine(isCalendarDate, 'Enter the closing date as a real date, like 2026-03-27').nullable(),
  ),
  questionIds: z.preprocess((v) => asArray(v), z.array(z.string().max(40))),
});

const impactSchema = z.object({
  level: choice(impactLevels, 'Select how far the evidence went'),
  whatChanged: requiredText('what changed', 500),
  policyOrDecision: requiredText('the policy or decision', 300),
  description: optionalText('description', 4000),
  occurredOn: dateField('the date'),
  confirmer: optionalText('who can confirm it', 300),
  evidenceIds: z.preprocess((v) => asArray(v), z.array(z.string().max(40)).max(50)),
  sessionIds: z.preprocess((v) => asArray(v), z.array(z.string().max(40)).max(50)),
});

export const evaluationRoutes: FastifyPluginAsync = async (app) => {
  const { db, config, mailer } = app.deps;
  const linkDeps = { mailer, publicUrl: config.publicUrl, secret: config.sessionSecret };
  const managed = async (request: Parameters<typeof loadProgramme>[0]) => {
    const loaded = await loadProgramme(request);
    authorize(loaded.canManage, 'Only the people running the programme manage its evaluation.');
    return loaded;
  };
  const back = (reply: FastifyReply, loaded: ProgrammeRequest, path: string, text: string, kind: 'success' | 'important' = 'success') => {
    setFlash(reply, { kind, text });
    return reply.redirect(`${loaded.base}/evaluation${path}`);
  };

  async function overview(loaded: ProgrammeRequest, errors: FormErrors = noErrors) {
    const workspaceId = loaded.ctx.workspace.id;
    const [domains, questions, surveyList] = await Promise.all([
      domainsOf(db, workspaceId, loaded.programme.id),
      questionsOf(db, workspaceId, loaded.programme.id),
      surveysOf(db, workspaceId, loaded.programme.id),
    ]);
    const myLinks = loaded.isParticipant
      ? await Promise.all(
          surveyList
            .filter((s) => s.survey.status === 'open')
            .map(async (s) => ({ ...s, mine: await ownSurveyLink(db, config.sessionSecret, s.survey.id, loaded.ctx.member.personId) })),
        )
      : [];
    return {
      ...loaded,
      title: `Evaluation – ${loaded.programme.name}`,
      domains,
      questions: questions.map((row) => ({ ...row.question, answers: row.answers, domainName: domains.find((d) => d.id === row.question.domainId)?.name })),
      surveys: surveyList,
      myLinks,
      waveLabels,
      questionKindLabels,
      errors,
    };
  }

  app.get('/:programmeId/evaluation', async (request, reply) => {
    const loaded = await loadProgramme(request);
    if (!loaded.canManage && !loaded.isParticipant) throw new ForbiddenError('The evaluation is for the programme’s cohort and the people running it.');
    return reply.page('evaluation/views/overview.njk', await overview(loaded));
  });

  app.post('/:programmeId/evaluation/framework', async (request, reply) => {
    const loaded = await managed(request);
    try {
      await useDefaultFramework(db, loaded.ctx, loaded.access, loaded.programme.id);
    } catch (error) {
      if (!(error instanceof EvaluationRuleError)) throw error;
      return back(reply, loaded, '', error.message, 'important');
    }
    return back(reply, loaded, '', 'Added the five Mobilise outcome domains and their questions. Change them as you need.');
  });

  app.post('/:programmeId/evaluation/domains', async (request, reply) => {
    const loaded = await managed(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const id = typeof body.id === 'string' && body.id ? body.id : undefined;
    if (body.action === 'delete' && id) {
      const name = await deleteDomain(db, loaded.ctx, loaded.access, loaded.programme.id, id);
      return back(reply, loaded, '', `Removed the domain “${name}”. Its questions are kept.`);
    }
    const parsed = z.object({ name: requiredText('the domain’s name', 200), description: optionalText('description', 1000) }).safeParse(body);
    if (!parsed.success) return reply.status(400).page('evaluation/views/overview.njk', await overview(loaded, formErrorsFrom(parsed.error)));
    await saveDomain(db, loaded.ctx, loaded.access, loaded.programme.id, parsed.data, id);
    return back(reply, loaded, '', `Saved the domain “${parsed.data.name}”.`);
  });

  async function questionForm(loaded: ProgrammeRequest, values: Record<string, unknown>, errors: FormErrors, questionId?: string) {
    const domains = await domainsOf(db, loaded.ctx.workspace.id, loaded.programme.id);
    return {
      ...loaded,
      title: questionId ? 'Edit question' : 'Add a question',
      questionId,
      values,
      errors,
      kindItems: questionKinds.map((value) => ({ value, text: questionKindLabels[value] })),
      domainItems: domains.map((d) => ({ value: d.id, text: d.name })),
    };
  }

  app.get('/:programmeId/evaluation/questions/new', async (request, reply) =>
    reply.page('evaluation/views/question-form.njk', await questionForm(await managed(request), { kind: 'likert', scalePoints: '5' }, noErrors)),
  );

  app.post('/:programmeId/evaluation/questions', async (request, reply) => {
    const loaded = await managed(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = questionSchema.safeParse(body);
    if (!parsed.success) return reply.status(400).page('evaluation/views/question-form.njk', await questionForm(loaded, body, formErrorsFrom(parsed.error)));
    try {
      await saveQuestion(db, loaded.ctx, loaded.access, loaded.programme.id, parsed.data);
    } catch (error) {
      if (!(error instanceof EvaluationRuleError)) throw error;
      return reply.status(400).page('evaluation/views/question-form.njk', await questionForm(loaded, body, fieldError(error.field, error.message)));
    }
    return back(reply, loaded, '#questions', 'Added the question.');
  });

  app.get('/:programmeId/evaluation/questions/:questionId/edit', async (request, reply) => {
    const loaded = await managed(request);
    const { questionId } = request.params as { questionId: string };
    const found = (await questionsOf(db, loaded.ctx.workspace.id, loaded.programme.id)).find((row) => row.question.id === questionId);
    if (!found) throw new NotFoundError();
    const q = found.question;
    return reply.page(
      'evaluation/views/question-form.njk',
      await questionForm(
        loaded,
        { ...q, scalePoints: String(q.scalePoints ?? 5), options: q.options.join('\n'), measuresPracticeChange: q.measuresPracticeChange ? 'yes' : '' },
        noErrors,
        q.id,
      ),
    );
  });

  app.post('/:programmeId/evaluation/questions/:questionId/edit', async (request, reply) => {
    const loaded = await managed(request);
    const { questionId } = request.params as { questionId: string };
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (body.action === 'delete') {
      try {
        await deleteQuestion(db, loaded.ctx, loaded.access, loaded.programme.id, questionId);
      } catch (error) {
        if (!(error instanceof EvaluationRuleError)) throw error;
        return reply
          .status(400)
          .page('evaluation/views/question-form.njk', await questionForm(loaded, body, fieldError('questions', error.message), questionId));
      }
      return back(reply, loaded, '#questions', 'Deleted the question.');
    }
    const parsed = questionSchema.safeParse(body);
    if (!parsed.success)
      return reply.status(400).page('evaluation/views/question-form.njk', await questionForm(loaded, body, formErrorsFrom(parsed.error), questionId));
    try {
      await saveQuestion(db, loaded.ctx, loaded.access, loaded.programme.id, parsed.data, questionId);
    } catch (error) {
      if (!(error instanceof EvaluationRuleError)) throw error;
      return reply.status(400).page('evaluation/views/question-form.njk', await questionForm(loaded, body, fieldError(error.field, error.message), questionId));
    }
    return back(reply, loaded, '#questions', 'Saved the question.');
  });

  async function surveyForm(loaded: ProgrammeRequest, values: Record<string, unknown>, errors: FormErrors, survey?: { id: string; status: string }) {
    const questions = await questionsOf(db, loaded.ctx.workspace.id, loaded.programme.id);
    return {
      ...loaded,
      title: survey ? 'Edit survey' : 'Build a survey',
      survey,
      values,
      errors,
      waveItems: surveyWaves.map((value) => ({ value, text: waveLabels[value] })),
      questionItems: questions.map(({ question }) => ({ value: question.id, text: question.text, hint: { text: questionKindLabels[question.kind] } })),
    };
  }

  app.get('/:programmeId/evaluation/surveys/new', async (request, reply) => {
    const loaded = await managed(request);
    const questions = await questionsOf(db, loaded.ctx.workspace.id, loaded.programme.id);
    return reply.page(
      'evaluation/views/survey-form.njk',
      await surveyForm(loaded, { wave: 'baseline', anonymous: '', questionIds: questions.map((q) => q.question.id) }, noErrors),
    );
  });

  app.post('/:programmeId/evaluation/surveys', async (request, reply) => {
    const loaded = await managed(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = surveySchema.safeParse(body);
    if (!parsed.success) return reply.status(400).page('evaluation/views/survey-form.njk', await surveyForm(loaded, body, formErrorsFrom(parsed.error)));
    try {
      const id = await saveSurvey(db, loaded.ctx, loaded.access, loaded.programme.id, { ...parsed.data, wave: parsed.data.wave });
      return back(reply, loaded, `/surveys/${id}`, `Saved “${parsed.data.title}” as a draft. Open it to send everyone their link.`);
    } catch (error) {
      if (!(error instanceof EvaluationRuleError)) throw error;
      return reply.status(400).page('evaluation/views/survey-form.njk', await surveyForm(loaded, body, fieldError(error.field, error.message)));
    }
  });

  app.get('/:programmeId/evaluation/surveys/:surveyId', async (request, reply) => {
    const loaded = await managed(request);
    const survey = await findSurvey(db, loaded.ctx.workspace.id, loaded.programme.id, (request.params as { surveyId: string }).surveyId);
    if (!survey) throw new NotFoundError();
    const [questions, summary] = await Promise.all([surveyQuestionList(db, survey.id), surveysOf(db, loaded.ctx.workspace.id, loaded.programme.id)]);
    const counts = summary.find((s) => s.survey.id === survey.id)!;
    return reply.page('evaluation/views/survey.njk', {
      ...loaded,
      title: survey.title,
      survey,
      questions,
      counts,
      // Named answers are listed only for named surveys; an anonymous survey has no names to list.
      responses: survey.anonymous ? [] : await namedResponses(db, loaded.ctx.workspace.id, survey.id),
      waveLabels,
      questionKindLabels,
    });
  });

  app.get('/:programmeId/evaluation/surveys/:surveyId/edit', async (request, reply) => {
    const loaded = await managed(request);
    const survey = await findSurvey(db, loaded.ctx.workspace.id, loaded.programme.id, (request.params as { surveyId: string }).surveyId);
    if (!survey) throw new NotFoundError();
    const questions = await surveyQuestionList(db, survey.id);
    return reply.page(
      'evaluation/views/survey-form.njk',
      await surveyForm(loaded, { ...survey, anonymous: survey.anonymous ? 'yes' : '', questionIds: questions.map((q) => q.question.id) }, noErrors, survey),
    );
  });

  app.post('/:programmeId/evaluation/surveys/:surveyId/edit', async (request, reply) => {
    const loaded = await managed(request);
    const survey = await findSurvey(db, loaded.ctx.workspace.id, loaded.programme.id, (request.params as { surveyId: string }).surveyId);
    if (!survey) throw new NotFoundError();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = surveySchema.safeParse(body);
    if (!parsed.success)
      return reply.status(400).page('evaluation/views/survey-form.njk', await surveyForm(loaded, body, formErrorsFrom(parsed.error), survey));
    try {
      await saveSurvey(db, loaded.ctx, loaded.access, loaded.programme.id, { ...parsed.data, wave: parsed.data.wave }, survey.id);
    } catch (error) {
      if (!(error instanceof EvaluationRuleError)) throw error;
      return reply.status(400).page('evaluation/views/survey-form.njk', await surveyForm(loaded, body, fieldError(error.field, error.message), survey));
    }
    return back(reply, loaded, `/surveys/${survey.id}`, 'Saved the survey.');
  });

  app.post('/:programmeId/evaluation/surveys/:surveyId/:action', async (request, reply) => {
    const loaded = await managed(request);
    const { surveyId, action } = request.params as { surveyId: string; action: string };
    try {
      if (action === 'open') {
        const { sent, noEmail } = await openSurvey(db, linkDeps, loaded.ctx, loaded.access, loaded.programme, surveyId);
        return back(
          reply,
          loaded,
          `/surveys/${surveyId}`,
          `The survey is open. ${sent} personal link${sent === 1 ? '' : 's'} sent${noEmail ? `; ${noEmail} participant${noEmail === 1 ? ' has' : 's have'} no e-mail address and can answer from their Bridgework home page` : ''}.`,
        );
      }
      if (action === 'remind') {
        const sent = await remindSurvey(db, linkDeps, loaded.ctx, loaded.access, loaded.programme, surveyId);
        return back(reply, loaded, `/surveys/${surveyId}`, `Sent ${sent} reminder${sent === 1 ? '' : 's'} to people who have not answered.`);
      }
      if (action === 'close') {
        await closeSurvey(db, loaded.ctx, loaded.access, loaded.programme.id, surveyId);
        return back(reply, loaded, `/surveys/${surveyId}`, 'The survey is closed. No more answers can be sent.');
      }
    } catch (error) {
      if (!(error instanceof EvaluationRuleError)) throw error;
      return back(reply, loaded, `/surveys/${surveyId}`, error.message, 'important');
    }
    throw new NotFoundError();
  });

  /** A participant answering from inside Bridgework goes to their own personal link. */
  app.get('/:programmeId/evaluation/surveys/:surveyId/answer', async (request, reply) => {
    const loaded = await loadProgramme(request);
    authorize(loaded.isParticipant, 'Only the programme’s participants answer its surveys.');
    const { surveyId } = request.params as { surveyId: string };
    const link = isUuid(surveyId) ? await ownSurveyLink(db, config.sessionSecret, surveyId, loaded.ctx.member.personId) : undefined;
    if (!link) throw new NotFoundError('This survey has not been sent to you. Ask the programme team if you think it should have been.');
    return reply.redirect(`/s/${link.token}`);
  });

  app.get('/:programmeId/evaluation/analysis', async (request, reply) => {
    const loaded = await managed(request);
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
    const loaded = await managed(request);
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
    const loaded = await managed(request);
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
      return back(reply, loaded, '/quotes', error.message, 'important');
    }
    return back(reply, loaded, `/quotes#answer-${formText(body.responseId)}-${formText(body.questionId)}`, 'Saved.');
  });

  async function impactForm(loaded: ProgrammeRequest, values: Record<string, unknown>, errors: FormErrors, impactId?: string) {
    const sessions = await sessionsOf(db, loaded.ctx.workspace.id, loaded.programme.id);
    const { programmeReading } = await import('../programmes/action-learning.ts');
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
    const loaded = await loadProgramme(request);
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
    const loaded = await loadProgramme(request);
    authorize(mayRecordImpact(loaded.access));
    return reply.page('evaluation/views/impact-form.njk', await impactForm(loaded, { level: 'discussion' }, noErrors));
  });

  app.post('/:programmeId/evaluation/impact', async (request, reply) => {
    const loaded = await loadProgramme(request);
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
    return back(reply, loaded, '/impact', 'Recorded. The programme team will check it with the person named.');
  });

  app.post('/:programmeId/evaluation/impact/:impactId/verify', async (request, reply) => {
    const loaded = await loadProgramme(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    await verifyImpact(db, loaded.ctx, loaded.access, loaded.programme.id, (request.params as { impactId: string }).impactId, body.verified !== 'no');
    return back(reply, loaded, '/impact', body.verified === 'no' ? 'Marked as not yet verified.' : 'Marked as verified.');
  });

  app.get('/:programmeId/evaluation/report', async (request, reply) => {
    const loaded = await managed(request);
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
    const loaded = await managed(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const key = formText(body.key);
    if (!(reportSectionKeys as readonly string[]).includes(key)) throw new BadRequestError('That is not a section of the report.');
    const parsed = optionalText('the section', 20000).safeParse(body.body);
    if (!parsed.success) return back(reply, loaded, '/report', parsed.error.issues[0].message, 'important');
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
    return back(
      reply,
      loaded,
      `/report#section-${key}`,
      parsed.data === ''
        ? `${sectionTitles[key as ReportSectionKey]} is back to the standard text.`
        : `Saved ${sectionTitles[key as ReportSectionKey].toLowerCase()}.`,
    );
  });

  app.get('/:programmeId/evaluation/report.docx', async (request, reply) => {
    const loaded = await managed(request);
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
    const loaded = await managed(request);
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
