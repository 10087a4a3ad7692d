import { randomBytes } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { addDays, londonInstant, londonToday } from '../../core/dates.ts';
import { organisations } from '../organisations/tables.ts';
import { people } from '../people/tables.ts';
import { cohortMembers, programmeTopics, programmes } from '../programmes/tables.ts';
import { addMonths, periodTitle } from '../delivery/rounds/queries.ts';
import {
  checkpointReturns,
  checkpointRounds,
  roundAutomation,
  deliverySites,
  deliveryThemes,
  returnTemplates,
  returnVersions,
  siteContacts,
  themeCodings,
  type RagStatus,
  type ReturnContent,
  type ReturnSource,
  type TemplateDefinition,
} from '../delivery/tables.ts';
import { addItem, standardDefinition } from '../delivery/template/definition.ts';
import { demoThemes, fillers, type NarrativeSection } from './delivery-narrative.ts';
import { seedResponsesAndBriefings } from './delivery-briefings.ts';
import { FIRST_NAMES, SURNAMES, themeWorkstream, randomFrom } from './delivery-data.ts';
import { personKey } from './people.ts';
import type { SeedContext, SeedRefs } from './seed-context.ts';

/** Rounds whose free text the example has already coded; later rounds are left for suggestions. */
const CODED_ROUNDS = 11;

/**
 * The Fostering Recruitment Support Hubs programme: ten hubs of six local
 * authorities, twelve monthly checkpoint rounds with returns, a codebook with
 * coded answers, and an uncoded theme for "emerging themes" to find.
 */
export async function seedDelivery(tx: Executor, ctx: SeedContext, refs: SeedRefs): Promise<void> {
  const workspaceId = ctx.workspaceId;
  const random = randomFrom(20260401);
  const today = londonToday();
  const firstStart = addMonths(`${today.slice(0, 7)}-01`, -12);
  const [programme] = await tx
    .insert(programmes)
    .values({
      workspaceId,
      name: 'Fostering Recruitment Support Hubs',
      kind: 'delivery_support',
      summary:
        'Ten regional hubs helping sixty local authorities recruit and keep more foster carers, with a monthly learning loop between the hubs and the department.',
      aims: 'Recruit more fostering households, faster, for the children who most need them.\nKeep the carers we have.\nLearn across hubs what works, and tell the department what gets in the way.',
      startsOn: firstStart,
      endsOn: addDays(addMonths(firstStart, 24), -1),
      calendarToken: randomBytes(18).toString('base64url'),
    })
    .returning({ id: programmes.id });
  const programmeId = programme.id;
  refs.set('programme:hubs', programmeId);
  await tx.insert(programmeTopics).values(
    ['Foster carer recruitment', 'Foster carer retention', 'Regional collaboration'].map((name) => ({
      workspaceId,
      programmeId,
      topicId: refs.get(`topic:${name}`)!,
    })),
  );
  const person = (name: string) => refs.get(personKey(name))!;
  const facilitatorId = person('Tomasz Nowak');

  // Sites: every authority in every hub, with the hub lead and the authority's fostering manager as leads.
  const hubs = await tx
    .select()
    .from(organisations)
    .where(and(eq(organisations.workspaceId, workspaceId), eq(organisations.kind, 'hub')));
  const authorities = await tx
    .select()
    .from(organisations)
    .where(
      and(
        eq(organisations.workspaceId, workspaceId),
        inArray(
          organisations.parentId,
          hubs.map((h) => h.id),
        ),
      ),
    );
  authorities.sort((a, b) => a.name.localeCompare(b.name));
  const siteRows = await tx
    .insert(deliverySites)
    .values(authorities.map((a) => ({ workspaceId, programmeId, organisationId: a.id })))
    .returning();
  const siteOfOrganisation = new Map(siteRows.map((s) => [s.organisationId, s.id]));
  const hubLeads = await tx
    .select({ id: people.id, organisationId: people.organisationId })
    .from(people)
    .where(
      and(
        eq(people.workspaceId, workspaceId),
        inArray(
          people.organisationId,
          hubs.map((h) => h.id),
        ),
      ),
    );
  const managers = await tx
    .insert(people)
    .values(
      authorities.map((authority, index) => {
        // A surname step that shifts each time the first names come round again, so no two managers share a name.
        const surname = SURNAMES[(index * 7 + Math.floor(index / FIRST_NAMES.length)) % SURNAMES.length];
        const name = `${FIRST_NAMES[index % FIRST_NAMES.length]} ${surname}`;
        return {
          workspaceId,
          fullName: name,
          email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${index + 1}@demo.bridgework.example`,
          jobTitle: 'Fostering Service Manager',
          organisationId: authority.id,
          region: hubs.find((h) => h.id === authority.parentId)?.region ?? '',
          bio: `Runs fostering recruitment and assessment at ${authority.name} and submits its monthly checkpoint return.`,
        };
      }),
    )
    .returning({ id: people.id, organisationId: people.organisationId });
  const contacts = [
    ...managers.map((m) => ({ workspaceId, siteId: siteOfOrganisation.get(m.organisationId!)!, personId: m.id, role: 'lead' as const })),
    ...authorities.flatMap((a) =>
      hubLeads
        .filter((h) => h.organisationId === a.parentId)
        .map((h) => ({ workspaceId, siteId: siteOfOrganisation.get(a.id)!, personId: h.id, role: 'lead' as const })),
    ),
  ];
  await tx.insert(siteContacts).values(contacts);
  const cohort = new Map<string, 'facilitator' | 'participant'>([[facilitatorId, 'facilitator']]);
  for (const name of ['Richard Haworth', 'Megan Price']) cohort.set(person(name), 'participant');
  for (const c of contacts) if (!cohort.has(c.personId)) cohort.set(c.personId, 'participant');
  await tx.insert(cohortMembers).values([...cohort].map(([personId, role]) => ({ workspaceId, programmeId, personId, role })));

  // The template, changed once after six rounds: the department asked for website enquiries.
  const v1 = standardDefinition(firstStart);
  const v2: TemplateDefinition = structuredClone(v1);
  addItem(v2, 'indicators', {
    name: 'Enquiries through the hub website',
    definition: 'New enquiries that came in through the hub’s shared website form.',
    unit: 'enquiries',
    target: 8,
  });
  const [template1, template2] = await tx
    .insert(returnTemplates)
    .values([
      { workspaceId, programmeId, version: 1, definition: v1, createdAt: londonInstant(firstStart, '09:00') },
      { workspaceId, programmeId, version: 2, definition: v2, createdAt: londonInstant(addMonths(firstStart, 6), '09:00') },
    ])
    .returning();

  const rounds = await tx
    .insert(checkpointRounds)
    .values(
      Array.from({ length: 12 }, (_, i) => {
        const periodStart = addMonths(firstStart, i);
        const periodEnd = addDays(addMonths(firstStart, i + 1), -1);
        return {
          workspaceId,
          programmeId,
          number: i + 1,
          title: periodTitle(periodStart, periodEnd),
          periodStart,
          periodEnd,
          // The open round is still running when the example is loaded, whatever the day of the month.
          dueOn: i < 11 ? addDays(periodEnd, 10) : [addDays(periodEnd, 10), addDays(today, 4)].sort()[1],
          templateId: i < 6 ? template1.id : template2.id,
          status: i < 11 ? ('closed' as const) : ('open' as const),
          openedAt: londonInstant(addDays(periodEnd, 1), '09:00'),
        };
      }),
    )
    .returning();

  // The programme team let Bridgework open rounds and send reminders on its own.
  await tx.insert(roundAutomation).values({ workspaceId, programmeId, openWhenPeriodEnds: true, remindDaysBefore: 3, chaseDaysAfter: 2 });

  const themeRows = await tx
    .insert(deliveryThemes)
    .values(
      demoThemes
        .filter((t) => !t.emerging)
        .map((t) => ({ workspaceId, programmeId, name: t.name, description: t.description, createdAt: londonInstant(addMonths(firstStart, 2), '10:00') })),
    )
    .returning();
  const themeId = new Map(demoThemes.filter((t) => !t.emerging).map((t, i) => [t.key, themeRows[i].id]));

  const coded = demoThemes.filter((t) => !t.emerging).map((t) => t.key);
  // One hub struggles: short of staff, its councils miss and send late more often, and report more amber and red.
  const strugglingHub = (hubs.find((h) => h.name.startsWith('East Midlands')) ?? hubs[0]).id;
  const hubOfSite = new Map(siteRows.map((site) => [site.id, authorities.find((a) => a.id === site.organisationId)?.parentId ?? null]));
  const profiles = siteRows.map((site, s) => {
    const weak = [random.pick(coded), random.pick(coded)];
    const struggling = hubOfSite.get(site.id) === strugglingHub;
    // How reliably the return comes in: most councils on time, a few often late, the struggling hub's sometimes not at all.
    const habit = struggling ? { late: 0.3, missing: 0.12 } : s % 7 === 3 ? { late: 0.35, missing: 0.03 } : { late: 0.05, missing: 0.01 };
    return {
      habit,
      struggling,
      base: random.between(11, 38),
      growth: random.between(-0.005, 0.045),
      bias: random.between(-0.5, 0.9) - (struggling ? 0.7 : 0),
      weak,
      strong: random.pick(coded.filter((k) => !weak.includes(k))),
      slip: v1.milestones.map(() => (random.chance(0.55) ? random.int(-7, 10) : random.int(15, 110))),
      rags: [] as Array<RagStatus | ''>,
      lastApplications: 0,
      days: random.between(210, 290),
    };
  });

  const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' });
  const fill = (sentence: string) =>
    sentence
      .replace(/\{n\}/g, () => String(random.int(2, 14)))
      .replace(/\{m\}/g, () => monthName.format(new Date(`${rounds[random.int(0, 5)].periodStart}T00:00:00Z`)));
  const themeOf = (key: string) => demoThemes.find((t) => t.key === key)!;

  const returnRows: Array<typeof checkpointReturns.$inferInsert> = [];
  const units: Array<{ index: number; sectionKey: string; themes: Array<{ key: string; excerpt: string }> }> = [];
  const sectionKeys: Record<NarrativeSection, string> = {
    challenges: v1.sections[0].key,
    insights: v1.sections[1].key,
    goodPractice: v1.sections[2].key,
    support: v1.sections[3].key,
  };
  const season = [1.25, 1.1, 1.05, 0.95, 0.9, 0.85, 0.7, 0.75, 1.05, 1.1, 1.0, 0.8];

  for (const round of rounds) {
    const definition = round.templateId === template1.id ? v1 : v2;
    const r = round.number;
    const month = Number(round.periodStart.slice(5, 7)) - 1;
    siteRows.forEach((site, s) => {
      const p = profiles[s];
      // Closed rounds: most returns came in, a few never did. The open round: many are in, some drafting, some not started.
      const fate =
        r < 12
          ? random.chance(p.habit.missing)
            ? 'missing'
            : 'submitted'
          : random.chance(p.struggling ? 0.35 : 0.12)
            ? 'missing'
            : random.chance(p.habit.late + 0.15)
              ? 'draft'
              : 'submitted';
      if (fate === 'missing') return;
      const noise = () => random.between(0.8, 1.2);
      const enquiries = Math.max(0, Math.round(p.base * (1 + p.growth * r) * season[month] * noise()));
      const visits = Math.round(enquiries * 0.34 * noise());
      const applications = Math.round(visits * 0.38 * noise());
      const approvals = r < 4 ? random.int(0, 1) : Math.max(0, Math.round(p.lastApplications * 0.5 * noise()));
      p.lastApplications = applications;
      p.days = Math.max(120, p.days - random.between(1, 9));
      const leaving = random.chance(0.55) ? random.int(0, 1) : random.int(1, 3);
      const indicators: ReturnContent['indicators'] = {};
      const [iEnq, iVisits, iApps, iApprovals, iLeaving, iDays, iWeb] = definition.indicators.map((i) => i.key);
      Object.assign(indicators, {
        [iEnq]: enquiries,
        [iVisits]: visits,
        [iApps]: applications,
        [iApprovals]: approvals,
        [iLeaving]: leaving,
        [iDays]: Math.round(p.days),
      });
      if (iWeb) indicators[iWeb] = Math.round(enquiries * random.between(0.2, 0.45));

      const workstreams: ReturnContent['workstreams'] = {};
      definition.workstreams.forEach((w, wi) => {
        const troubled = p.weak.some((k) => themeWorkstream[k] === wi);
        const score = p.bias + (troubled ? -0.9 : 0.2) + r * 0.05 + random.between(-0.6, 0.6) + (wi === 4 && r > 3 ? 0.8 : 0);
        let rag: RagStatus = score > 0.45 ? 'green' : score > -0.45 ? 'amber' : 'red';
        const before = p.rags[wi];
        if (before && random.chance(0.6)) rag = before;
        p.rags[wi] = rag;
        const theme = p.weak.find((k) => themeWorkstream[k] === wi) ?? random.pick(coded.filter((k) => themeWorkstream[k] === wi).concat(['data']));
        workstreams[w.key] = { rag, commentary: rag === 'green' ? '' : fill(random.pick(themeOf(theme).sentences.challenges)) };
      });

      const milestones: ReturnContent['milestones'] = {};
      definition.milestones.forEach((m, mi) => {
        const due = addDays(m.plannedOn, p.slip[mi]);
        if (due <= round.periodEnd) milestones[m.key] = { actualOn: due, forecastOn: '', note: '' };
        else if (m.plannedOn <= addMonths(round.periodEnd, 2))
          milestones[m.key] = { actualOn: '', forecastOn: due, note: p.slip[mi] > 30 ? fill(random.pick(themeOf('data').sentences.challenges)) : '' };
        else milestones[m.key] = { actualOn: '', forecastOn: '', note: '' };
      });

      const sections: ReturnContent['sections'] = {};
      const write = (section: NarrativeSection, keys: string[]) => {
        const chosen = keys.map((key) => ({ key, excerpt: fill(random.pick(themeOf(key).sentences[section])) }));
        sections[sectionKeys[section]] = chosen.length ? chosen.map((c) => c.excerpt).join(' ') : random.pick(fillers[section]);
        units.push({ index: returnRows.length, sectionKey: sectionKeys[section], themes: chosen });
      };
      const emerging = r >= 8 && random.chance(0.3 + (r - 8) * 0.08) ? ['cost-of-living'] : [];
      const weakNow = random.chance(0.5) ? [p.weak[0]] : [...new Set(p.weak)];
      write('challenges', emerging.length && random.chance(0.5) ? emerging : [...weakNow, ...emerging].slice(0, 2));
      write('insights', random.chance(0.8) ? [random.pick([...p.weak, p.strong, random.pick(coded)])] : []);
      write('goodPractice', random.chance(0.85) ? [random.chance(0.7) ? p.strong : random.pick(coded)] : []);
      write('support', random.chance(0.7) ? [random.chance(0.25) && emerging.length ? 'cost-of-living' : random.pick(p.weak)] : []);

      const late = r < 12 && random.chance(p.habit.late);
      const submittedOn =
        r < 12 ? addDays(round.dueOn, late ? random.int(1, 6) : -random.int(0, 9)) : [addDays(round.periodEnd, random.int(1, 9)), today].sort()[0];
      const submittedAt = londonInstant(submittedOn, `${String(random.int(9, 17)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}`);
      const submitted = fate === 'submitted';
      returnRows.push({
        workspaceId,
        programmeId,
        roundId: round.id,
        siteId: site.id,
        templateId: round.templateId,
        status: submitted ? 'submitted' : 'draft',
        content: { workstreams, milestones, indicators, sections },
        revision: submitted ? 2 : 1,
        source: random.chance(0.35) ? 'excel' : 'form',
        submittedAt: submitted ? submittedAt : null,
        submittedByPersonId: submitted ? managers[s].id : null,
        updatedByPersonId: managers[s].id,
        createdAt: submittedAt,
        updatedAt: submittedAt,
      });
    });
  }

  const saved: Array<{
    id: string;
    status: string;
    content: ReturnContent;
    source: ReturnSource;
    submittedAt: Date | null;
    submittedByPersonId: string | null;
  }> = [];
  for (let i = 0; i < returnRows.length; i += 200) {
    saved.push(
      ...(await tx
        .insert(checkpointReturns)
        .values(returnRows.slice(i, i + 200))
        .returning()),
    );
  }
  const versions = saved
    .filter((row) => row.status === 'submitted')
    .map((row) => ({
      workspaceId,
      returnId: row.id,
      revision: 2,
      status: 'submitted' as const,
      content: row.content,
      source: row.source,
      savedByPersonId: row.submittedByPersonId,
      createdAt: row.submittedAt!,
    }));
  for (let i = 0; i < versions.length; i += 200) await tx.insert(returnVersions).values(versions.slice(i, i + 200));

  // The analysts' coding of the first ten rounds' narrative.
  const roundOfIndex = returnRows.map((row) => rounds.find((round) => round.id === row.roundId)!.number);
  const codings = units
    .filter((unit) => roundOfIndex[unit.index] <= CODED_ROUNDS && saved[unit.index].status === 'submitted')
    .flatMap((unit) =>
      unit.themes
        .filter((theme) => themeId.has(theme.key))
        .map((theme) => ({
          workspaceId,
          programmeId,
          themeId: themeId.get(theme.key)!,
          returnId: saved[unit.index].id,
          sectionKey: unit.sectionKey,
          excerpt: theme.excerpt,
          origin: 'analyst' as const,
          codedByPersonId: facilitatorId,
        })),
    );
  const unique = [...new Map(codings.map((c) => [`${c.returnId}:${c.sectionKey}:${c.themeId}`, c])).values()];
  for (let i = 0; i < unique.length; i += 500) await tx.insert(themeCodings).values(unique.slice(i, i + 500));

  await seedResponsesAndBriefings(tx, { workspaceId, programmeId, rounds, themeId, person, facilitatorId });
}
