import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import type { Member } from '../../core/http/context.ts';
import { sessionKindLabels, sourceTypeLabels } from '../../core/views/labels.ts';
import { formatDate } from '../../core/views/format.ts';
import { organisations } from '../organisations/tables.ts';
import { evidenceItems } from '../evidence/tables.ts';
import { lessonPolicy } from '../lessons/policy.ts';
import { findLesson } from '../lessons/queries.ts';
import { strengthOf } from '../lessons/strength.ts';
import { programmePolicy } from '../programmes/policy.ts';
import { findProgrammeFor } from '../programmes/queries.ts';
import { programmeSessions } from '../programmes/tables.ts';
import { deliveryPolicy, type DeliveryAccess } from '../delivery/policy.ts';
import { isDepartmentPerson, sitesOfPerson } from '../delivery/sites/queries.ts';
import { checkpointReturns, checkpointRounds, deliverySites } from '../delivery/tables.ts';

/** A record a post links to, shown under it as a card: what it is, its title and a line about it. */
export interface LinkCard {
  href: string;
  kind: string;
  title: string;
  detail: string;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** Cards under one post at most: a reading list belongs in the library, not a reply. */
const MAX_CARDS = 8;

type Reference =
  | { kind: 'evidence'; path: string; id: string }
  | { kind: 'lesson'; path: string; id: string }
  | { kind: 'session'; path: string; programmeId: string; id: string }
  | { kind: 'return'; path: string; programmeId: string; roundNumber: number; siteId: string };

/**
 * The workspace's own records a text links to, by their page addresses
 * (written in full or from /w/ on): evidence items, lessons, sessions and
 * checkpoint returns. Links to anything else stay plain links.
 */
export function referencesIn(text: string, workspaceSlug: string): Reference[] {
  const slug = workspaceSlug.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(
    `/w/${slug}/(?:evidence/(${UUID})|lessons/(${UUID})|programmes/(${UUID})/(?:sessions/(${UUID})|delivery/rounds/(\\d{1,4})/sites/(${UUID})))(?![\\w-])`,
    'gi',
  );
  const found = new Map<string, Reference>();
  for (const match of text.matchAll(pattern)) {
    const [path, evidenceId, lessonId, programmeId, sessionId, roundNumber, siteId] = match.map((part) => part?.toLowerCase());
    if (found.has(path) || found.size >= MAX_CARDS) continue;
    if (evidenceId) found.set(path, { kind: 'evidence', path, id: evidenceId });
    else if (lessonId) found.set(path, { kind: 'lesson', path, id: lessonId });
    else if (sessionId) found.set(path, { kind: 'session', path, programmeId, id: sessionId });
    else found.set(path, { kind: 'return', path, programmeId, roundNumber: Number(roundNumber), siteId });
  }
  return [...found.values()];
}

/**
 * Cards for the references of several posts at once, keyed by each reference's
 * path. A record this person may not open (a session of a programme they are
 * not in, another site's return) gets no card: the post keeps its plain link,
 * and the link tells them nothing it would not have told them anyway.
 */
export async function linkCards(db: Executor, workspaceId: string, member: Member, references: Reference[]): Promise<Map<string, LinkCard>> {
  const cards = new Map<string, LinkCard>();
  if (!references.length) return cards;
  const evidenceRefs = references.filter((r) => r.kind === 'evidence');
  if (evidenceRefs.length) {
    const rows = await db
      .select({
        id: evidenceItems.id,
        title: evidenceItems.title,
        year: evidenceItems.year,
        sourceType: evidenceItems.sourceType,
        publisher: evidenceItems.publisher,
      })
      .from(evidenceItems)
      .where(and(eq(evidenceItems.workspaceId, workspaceId), inArray(evidenceItems.id, [...new Set(evidenceRefs.map((r) => r.id))])));
    for (const ref of evidenceRefs) {
      const row = rows.find((r) => r.id === ref.id);
      if (row)
        cards.set(ref.path, {
          href: ref.path,
          kind: sourceTypeLabels[row.sourceType] ?? 'Evidence',
          title: row.title,
          detail: [row.publisher, row.year].filter(Boolean).join(', '),
        });
    }
  }

  for (const ref of references) {
    if (ref.kind !== 'lesson') continue;
    const lesson = await findLesson(db, workspaceId, ref.id);
    if (lesson && lessonPolicy.view(member, lesson)) cards.set(ref.path, { href: ref.path, kind: 'Lesson', title: lesson.title, detail: strengthOf(lesson) });
  }

  // Sessions and returns belong to programmes, which only their cohort and staff may open.
  const programmeIds = [...new Set(references.flatMap((r) => (r.kind === 'session' || r.kind === 'return' ? [r.programmeId] : [])))];
  const programmes = new Map<string, NonNullable<Awaited<ReturnType<typeof findProgrammeFor>>>>();
  for (const id of programmeIds) {
    const found = await findProgrammeFor(db, workspaceId, id, member);
    if (found && programmePolicy.view(found.access)) programmes.set(id, found);
  }

  const sessionRefs = references.filter((r) => r.kind === 'session' && programmes.has(r.programmeId));
  if (sessionRefs.length) {
    const rows = await db
      .select({
        id: programmeSessions.id,
        programmeId: programmeSessions.programmeId,
        title: programmeSessions.title,
        kind: programmeSessions.kind,
        startsAt: programmeSessions.startsAt,
      })
      .from(programmeSessions)
      .where(
        and(
          eq(programmeSessions.workspaceId, workspaceId),
          inArray(programmeSessions.id, [...new Set(sessionRefs.map((r) => (r.kind === 'session' ? r.id : '')))]),
        ),
      );
    for (const ref of sessionRefs) {
      if (ref.kind !== 'session') continue;
      const row = rows.find((r) => r.id === ref.id && r.programmeId === ref.programmeId);
      if (row)
        cards.set(ref.path, {
          href: ref.path,
          kind: sessionKindLabels[row.kind] ?? 'Session',
          title: row.title,
          detail: `${formatDate(row.startsAt)} · ${programmes.get(ref.programmeId)!.programme.name}`,
        });
    }
  }

  // What this person may read of each programme's delivery loop, worked out once however many returns are linked.
  const deliveryAccess = new Map<string, DeliveryAccess>();
  let department: boolean | undefined;
  for (const ref of references) {
    if (ref.kind !== 'return' || !programmes.has(ref.programmeId)) continue;
    const { programme, access } = programmes.get(ref.programmeId)!;
    const [row] = await db
      .select({ site: organisations.name, round: checkpointRounds.title, status: checkpointReturns.status })
      .from(deliverySites)
      .innerJoin(organisations, and(eq(organisations.workspaceId, deliverySites.workspaceId), eq(organisations.id, deliverySites.organisationId)))
      .innerJoin(
        checkpointRounds,
        and(
          eq(checkpointRounds.workspaceId, deliverySites.workspaceId),
          eq(checkpointRounds.programmeId, deliverySites.programmeId),
          eq(checkpointRounds.number, ref.roundNumber),
        ),
      )
      .leftJoin(
        checkpointReturns,
        and(
          eq(checkpointReturns.workspaceId, deliverySites.workspaceId),
          eq(checkpointReturns.roundId, checkpointRounds.id),
          eq(checkpointReturns.siteId, deliverySites.id),
        ),
      )
      .where(and(eq(deliverySites.workspaceId, workspaceId), eq(deliverySites.programmeId, programme.id), eq(deliverySites.id, ref.siteId)));
    if (!row) continue;
    if (!deliveryAccess.has(programme.id)) {
      const mine = await sitesOfPerson(db, workspaceId, programme.id, member.personId);
      deliveryAccess.set(programme.id, {
        canManage: programmePolicy.manage(access),
        isDepartment: (department ??= await isDepartmentPerson(db, workspaceId, member.personId)),
        leadSiteIds: mine.filter((m) => m.role === 'lead').map((m) => m.siteId),
        ownSiteIds: mine.map((m) => m.siteId),
      });
    }
    if (!deliveryPolicy.seeReturn(deliveryAccess.get(programme.id)!, { id: ref.siteId }, row.status)) continue;
    cards.set(ref.path, {
      href: ref.path,
      kind: 'Checkpoint return',
      title: `${row.site}: ${row.round}`,
      detail: `${row.status === 'submitted' ? 'Submitted' : row.status === 'returned' ? 'Returned for changes' : row.status === 'draft' ? 'Draft' : 'Not started'} · ${programme.name}`,
    });
  }
  return cards;
}
