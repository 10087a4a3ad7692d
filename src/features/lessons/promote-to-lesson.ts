import { sql } from 'drizzle-orm';
import { rows, type Db, type Executor } from '../../core/db/client.ts';
import { NotFoundError } from '../../core/http/errors.ts';
import { personIdOf, runOperation, type OperationContext } from '../../core/operations.ts';
import { formatDate } from '../../core/views/format.ts';
import type { ReturnContent, TemplateDefinition } from '../delivery/tables.ts';
import { reportSectionLabels } from '../../core/views/labels.ts';
import { lessonPolicy } from './policy.ts';
import type { PromoteInput } from './schemas.ts';
import { indexLesson } from './search-text.ts';
import { lessonSources, lessons, type LessonSourceKind } from './tables.ts';

/** A draft lesson as a source suggests it, with the provenance row that points back. */
interface Drawn {
  title: string;
  programmeId: string | null;
  whatHappened: string;
  whatWorked?: string;
  sitesSeen?: number;
  source: { label: string; excerpt: string; path: string; restricted: boolean };
}

/** Titles are short: the first sentence of a text, cut at a word. */
function titleFrom(text: string, fallback: string): string {
  const first =
    text
      .replace(/\s+/g, ' ')
      .trim()
      .split(/(?<=[.!?])\s/)[0] ?? '';
  const clipped = first.length > 120 ? `${first.slice(0, 117).replace(/\s+\S*$/, '')}…` : first;
  return clipped.replace(/[.!?]$/, '') || fallback;
}

const drawers: Record<LessonSourceKind, (tx: Executor, workspaceId: string, id: string, sectionKey: string) => Promise<Drawn | undefined>> = {
  /** An answer in a checkpoint return's insights (or any) section. */
  async return_insight(tx, workspaceId, id, sectionKey) {
    const [found] = await rows<{
      programmeId: string;
      site: string;
      siteId: string;
      round: string;
      number: number;
      status: string;
      content: ReturnContent;
      definition: TemplateDefinition;
    }>(
      tx,
      sql`select r.programme_id as "programmeId", o.name as site, s.id as "siteId", ro.title as round, ro.number, r.status, r.content, t.definition
            from checkpoint_returns r
            join delivery_sites s on s.workspace_id = r.workspace_id and s.id = r.site_id
            join organisations o on o.workspace_id = s.workspace_id and o.id = s.organisation_id
            join checkpoint_rounds ro on ro.workspace_id = r.workspace_id and ro.id = r.round_id
            join return_templates t on t.workspace_id = r.workspace_id and t.id = r.template_id
           where r.workspace_id = ${workspaceId} and r.id = ${id}`,
    );
    const answer = found?.content.sections[sectionKey]?.trim();
    if (!found || !answer) return undefined;
    const section = found.definition.sections.find((s) => s.key === sectionKey)?.name ?? 'Return';
    return {
      title: titleFrom(answer, `${found.site}: ${section}`),
      programmeId: found.programmeId,
      whatHappened: answer,
      sitesSeen: 1,
      source: {
        label: `${found.site}, ${found.round}: ${section}`,
        excerpt: answer,
        path: `/programmes/${found.programmeId}/delivery/rounds/${found.number}/sites/${found.siteId}`,
        // A return not yet submitted is the site's own working draft.
        restricted: found.status !== 'submitted',
      },
    };
  },

  /** A coded theme, with the excerpts coded to it from returns. */
  async theme(tx, workspaceId, id) {
    const [theme] = await rows<{ programmeId: string; name: string; description: string }>(
      tx,
      sql`select programme_id as "programmeId", name, description from delivery_themes where workspace_id = ${workspaceId} and id = ${id}`,
    );
    if (!theme) return undefined;
    const excerpts = await rows<{ excerpt: string; site: string }>(
      tx,
      sql`select c.excerpt, o.name as site from delivery_theme_codings c
            join checkpoint_returns r on r.workspace_id = c.workspace_id and r.id = c.return_id
            join delivery_sites s on s.workspace_id = r.workspace_id and s.id = r.site_id
            join organisations o on o.workspace_id = s.workspace_id and o.id = s.organisation_id
           where c.workspace_id = ${workspaceId} and c.theme_id = ${id}
           order by c.created_at limit 200`,
    );
    const sites = new Set(excerpts.map((e) => e.site));
    const quoted = excerpts.slice(0, 5).map((e) => `> ${e.excerpt.replace(/\n+/g, ' ')} (${e.site})`);
    return {
      title: theme.name,
      programmeId: theme.programmeId,
      whatHappened: [theme.description, sites.size ? `Raised by ${sites.size} site${sites.size === 1 ? '' : 's'} in their returns:` : '', ...quoted]
        .filter(Boolean)
        .join('\n\n'),
      sitesSeen: sites.size || undefined,
      source: {
        label: `Theme “${theme.name}” (${excerpts.length} coded excerpt${excerpts.length === 1 ? '' : 's'})`,
        excerpt: quoted.join('\n\n'),
        path: `/programmes/${theme.programmeId}/delivery/themes/${id}`,
        restricted: false,
      },
    };
  },

  /** A "you said, we did" change. */
  async change(tx, workspaceId, id) {
    const [change] = await rows<{ programmeId: string; youSaid: string; weDid: string; madeOn: string }>(
      tx,
      sql`select programme_id as "programmeId", you_said as "youSaid", we_did as "weDid", made_on::text as "madeOn" from programme_changes where workspace_id = ${workspaceId} and id = ${id}`,
    );
    if (!change) return undefined;
    return {
      title: titleFrom(change.weDid, 'A change the programme made'),
      programmeId: change.programmeId,
      whatHappened: `Participants said: ${change.youSaid}`,
      whatWorked: `The programme changed: ${change.weDid}`,
      source: {
        label: `“You said, we did”, ${formatDate(change.madeOn)}`,
        excerpt: `You said: ${change.youSaid}\n\nWe did: ${change.weDid}`,
        path: `/programmes/${change.programmeId}/changes`,
        restricted: false,
      },
    };
  },

  /** An impact example from an evaluation. */
  async impact(tx, workspaceId, id) {
    const [impact] = await rows<{ programmeId: string; whatChanged: string; policyOrDecision: string; description: string; occurredOn: string }>(
      tx,
      sql`select programme_id as "programmeId", what_changed as "whatChanged", policy_or_decision as "policyOrDecision", description, occurred_on::text as "occurredOn"
            from impact_examples where workspace_id = ${workspaceId} and id = ${id}`,
    );
    if (!impact) return undefined;
    return {
      title: titleFrom(impact.whatChanged, 'What changed'),
      programmeId: impact.programmeId,
      whatHappened: [impact.whatChanged, impact.policyOrDecision, impact.description].filter(Boolean).join('\n\n'),
      source: {
        label: `Impact example, ${formatDate(impact.occurredOn)}: ${impact.policyOrDecision}`,
        excerpt: impact.whatChanged,
        path: `/programmes/${impact.programmeId}/evaluation/impact`,
        restricted: false,
      },
    };
  },

  /** A section of an evaluation report ("Transferable lessons"); the source id is the programme. */
  async finding(tx, workspaceId, id, sectionKey) {
    const [section] = await rows<{ body: string; programme: string }>(
      tx,
      sql`select s.body, p.name as programme from evaluation_report_sections s join programmes p on p.workspace_id = s.workspace_id and p.id = s.programme_id
           where s.workspace_id = ${workspaceId} and s.programme_id = ${id} and s.key = ${sectionKey}`,
    );
    if (!section?.body.trim()) return undefined;
    const title = reportSectionLabels[sectionKey] ?? 'Evaluation';
    return {
      title: titleFrom(section.body, `${section.programme}: ${title}`),
      programmeId: id,
      whatHappened: section.body,
      source: {
        label: `${section.programme} evaluation report: ${title}`,
        excerpt: section.body,
        path: `/programmes/${id}/evaluation/report`,
        restricted: false,
      },
    };
  },

  /**
   * A written survey answer (the source id is the response, the section its
   * question). It never names the person; it is private unless the survey was
   * anonymous or they agreed to be quoted.
   */
  async survey(tx, workspaceId, id, questionKey) {
    const [answer] = await rows<{ programmeId: string; wave: string; question: string; text: string; anonymous: boolean; consent: boolean }>(
      tx,
      sql`select s.programme_id as "programmeId", s.wave, q.text as question, a.value_text as text, s.anonymous, r.quote_consent as consent
            from survey_answers a
            join survey_responses r on r.workspace_id = a.workspace_id and r.id = a.response_id
            join surveys s on s.workspace_id = r.workspace_id and s.id = r.survey_id
            join survey_questions q on q.workspace_id = a.workspace_id and q.id = a.question_id
           where a.workspace_id = ${workspaceId} and a.response_id = ${id} and a.question_id::text = ${questionKey} and r.status = 'submitted'`,
    );
    if (!answer?.text.trim()) return undefined;
    return {
      title: titleFrom(answer.text, 'What a participant said'),
      programmeId: answer.programmeId,
      whatHappened: `A participant wrote, in the ${answer.wave} survey (“${answer.question}”): ${answer.text}`,
      source: {
        label: `${answer.wave === 'baseline' ? 'Baseline' : 'Final'} survey: “${answer.question}”`,
        excerpt: answer.text,
        path: `/programmes/${answer.programmeId}/evaluation/quotes`,
        restricted: !answer.anonymous && !answer.consent,
      },
    };
  },

  /** A challenge thread, with the answers its asker marked as helping. */
  async thread(tx, workspaceId, id) {
    const [thread] = await rows<{ communityId: string; community: string; visibility: string; programmeId: string | null; title: string; body: string }>(
      tx,
      sql`select t.community_id as "communityId", c.name as community, c.visibility, c.programme_id as "programmeId", t.title, t.body
            from community_threads t join communities c on c.workspace_id = t.workspace_id and c.id = t.community_id
           where t.workspace_id = ${workspaceId} and t.id = ${id}`,
    );
    if (!thread) return undefined;
    const helped = await rows<{ body: string }>(
      tx,
      sql`select body from community_posts where workspace_id = ${workspaceId} and thread_id = ${id} and helpful and hidden_at is null order by created_at`,
    );
    return {
      title: thread.title.replace(/\?$/, ''),
      programmeId: thread.programmeId,
      whatHappened: thread.body,
      whatWorked: helped.map((post) => post.body).join('\n\n'),
      source: {
        label: `Challenge in ${thread.community}: “${thread.title}”`,
        excerpt: [thread.body, ...helped.map((post) => `> ${post.body.replace(/\n+/g, ' ')}`)].join('\n\n'),
        path: `/communities/${thread.communityId}/threads/${id}`,
        restricted: thread.visibility !== 'open',
      },
    };
  },
};

/**
 * Turn something the work produced into a draft lesson in one step, with its
 * provenance filled in: the writer then shapes it into a recommendation.
 */
export function promoteToLesson(db: Db, ctx: OperationContext, input: PromoteInput): Promise<string> {
  return runOperation(db, ctx, 'draw a lesson from the work', async ({ tx, workspaceId, member, authorize, audit }) => {
    authorize(lessonPolicy.promote(member), 'Only the workspace’s facilitators draw lessons from programmes’ records.');
    const drawn = await drawers[input.kind](tx, workspaceId, input.sourceId, input.sectionKey);
    if (!drawn) throw new NotFoundError('That record could not be found, or it has nothing to draw a lesson from.');
    const [lesson] = await tx
      .insert(lessons)
      .values({
        workspaceId,
        title: drawn.title.slice(0, 200),
        programmeId: drawn.programmeId,
        whatHappened: drawn.whatHappened.slice(0, 8000),
        whatWorked: (drawn.whatWorked ?? '').slice(0, 8000),
        sitesSeen: drawn.sitesSeen ?? null,
        programmesSeen: drawn.programmeId ? 1 : null,
        ownerPersonId: personIdOf(member),
        createdByPersonId: personIdOf(member),
      })
      .returning({ id: lessons.id });
    await tx.insert(lessonSources).values({ workspaceId, lessonId: lesson.id, kind: input.kind, sourceId: input.sourceId, ...drawn.source });
    await indexLesson(tx, workspaceId, lesson.id);
    await audit({
      action: 'lesson.drawn',
      entityType: 'lesson',
      entityId: lesson.id,
      summary: `Drew the draft lesson “${drawn.title}” from ${drawn.source.label}`,
    });
    return lesson.id;
  });
}
