import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { accounts } from '../../core/db/tables.ts';
import { memberships } from '../access/tables.ts';
import { organisations } from '../organisations/tables.ts';
import { people, personTopics } from '../people/tables.ts';
import { authorityKey } from './organisations.ts';
import { REGIONAL_ADOPTION_LEADERS } from './people-adoption.ts';
import type { DemoPerson } from './demo-person.ts';
import type { SeedContext, SeedRefs } from './seed-context.ts';

const la = (name: string) => `org:${authorityKey(name)}`;

/** The partnership team, its experts, the Mobilise cohort and the fostering programme's leads. */
export const demoPeople: DemoPerson[] = [
  // Bridge-builders
  {
    name: 'Dr Hannah Whitcombe',
    job: 'Programme Director',
    org: 'org:eyep',
    role: 'facilitator',
    topics: ['Evidence use in policy', 'Implementation'],
    bio: 'Leads the Early Years Evidence Partnership and designed the Mobilise programme. Previously a policy adviser on early education funding.',
  },
  {
    name: 'Tomasz Nowak',
    job: 'Knowledge Mobilisation Lead',
    org: 'org:eyep',
    role: 'facilitator',
    topics: ['Evidence use in policy', 'Regional collaboration', 'Foster carer recruitment'],
    bio: 'Supports the Fostering Recruitment Support Hubs and runs the checkpoint cycle with the department.',
  },
  {
    name: 'Priya Raman',
    job: 'Programme Coordinator',
    org: 'org:eyep',
    role: 'facilitator',
    topics: ['Co-production with families'],
    bio: 'Coordinates sessions, field visits and the needs intake for the Mobilise cohort.',
  },
  {
    name: 'Dr Marcus Bell',
    job: 'Evaluation Lead',
    org: 'org:eyep',
    role: 'facilitator',
    topics: ['Data and evaluation'],
    bio: 'Runs the baseline and final surveys and writes the programme evaluations.',
  },
  // Experts
  {
    name: 'Professor Helen Adeyemi',
    job: 'Professor of Child Language Development',
    org: 'org:kingsbridge',
    role: 'expert',
    topics: ['Early language and communication', 'Home learning environment'],
    bio: 'Researches how everyday conversation between parents and babies shapes early language. Gives the Mobilise masterclass on the home learning environment.',
  },
  {
    name: 'Dr Rachel Kimura',
    job: 'Senior Lecturer in Developmental Psychology',
    org: 'org:eastfield',
    role: 'expert',
    topics: ['Perinatal mental health', 'Parenting support'],
    bio: 'Studies parent–infant relationships and the evaluation of perinatal mental health services.',
  },
  {
    name: 'Dr James Whitfield',
    job: 'Reader in Social Policy',
    org: 'org:kingsbridge',
    role: 'expert',
    topics: ['Child poverty', 'Early education and childcare'],
    bio: 'Works on the distributional effects of childcare entitlements and family income policy.',
  },
  {
    name: 'Sarah Mensah',
    job: 'Health Visitor and Practice Teacher',
    org: 'org:riverside',
    role: 'expert',
    topics: ['Health visiting', 'Perinatal mental health'],
    bio: 'Twenty years in health visiting in Leeds; hosts Mobilise field visits to a health visiting team.',
  },
  {
    name: 'Joanne Pritchard',
    job: 'Children’s Centre Manager',
    org: 'org:sunrise',
    role: 'expert',
    topics: ['Family hubs', 'Parenting support'],
    bio: 'Manages a family hub in Salford that co-designed its offer with local parents.',
  },
  {
    name: 'Aisha Rahman',
    job: 'Parent Representative',
    org: 'org:family-voices',
    role: 'expert',
    topics: ['Co-production with families', 'SEND in the early years'],
    bio: 'Mother of two and a member of Family Voices Network’s national parent panel; speaks about finding support for a child with speech delay.',
    perspective: 'lived_experience',
  },
  {
    name: 'Gareth Llewellyn',
    job: 'Parent Champion',
    org: 'org:family-voices',
    role: 'expert',
    topics: ['Co-production with families', 'Home learning environment'],
    bio: 'Father and parent champion in Bristol who trains other parents to run stay-and-play groups.',
    perspective: 'lived_experience',
  },
  // Mobilise cohort: three departments
  {
    name: 'Eleanor Marsh',
    job: 'Policy Adviser, Early Years Funding',
    org: 'org:dfe',
    role: 'member',
    topics: ['Early education and childcare'],
    bio: 'Works on the funding formula for the expanded childcare entitlements.',
  },
  {
    name: 'Daniel Osei',
    job: 'Senior Policy Adviser, Family Hubs',
    org: 'org:dfe',
    role: 'member',
    topics: ['Family hubs', 'Implementation'],
    bio: 'Leads on guidance for local authorities rolling out family hubs.',
  },
  {
    name: 'Fiona McAllister',
    job: 'Policy Lead, Early Education Entitlements',
    org: 'org:dfe',
    role: 'member',
    topics: ['Early education and childcare', 'SEND in the early years'],
    bio: 'Policy lead for inclusion in funded early education.',
  },
  {
    name: 'Kieran Doyle',
    job: 'Senior Research Officer, Early Years Analysis',
    org: 'org:dfe',
    role: 'member',
    topics: ['Data and evaluation'],
    bio: 'Analyst on the early years evaluation programme.',
  },
  {
    name: 'Naomi Clarke',
    job: 'Policy Lead, Perinatal Mental Health',
    org: 'org:dhsc',
    role: 'member',
    topics: ['Perinatal mental health'],
    bio: 'Leads policy on perinatal mental health within the Start for Life programme.',
  },
  {
    name: 'Imran Qureshi',
    job: 'Policy Adviser, Healthy Child Programme',
    org: 'org:dhsc',
    role: 'member',
    topics: ['Health visiting'],
    bio: 'Working on the refresh of the Healthy Child Programme guidance.',
  },
  {
    name: 'Beth Howells',
    job: 'Senior Policy Officer, Start for Life',
    org: 'org:dhsc',
    role: 'member',
    topics: ['Parenting support', 'Early language and communication'],
    bio: 'Works on the parenting and early language strands of Start for Life.',
  },
  {
    name: 'Oliver Grant',
    job: 'Policy Adviser, Local Government Finance',
    org: 'org:mhclg',
    role: 'member',
    topics: ['Regional collaboration'],
    bio: 'Advises on funding for children’s services within the local government finance settlement.',
  },
  {
    name: 'Zara Ahmed',
    job: 'Policy Officer, Communities and Local Growth',
    org: 'org:mhclg',
    role: 'member',
    topics: ['Child poverty', 'Co-production with families'],
    bio: 'Works on place-based approaches to family support.',
  },
  // Mobilise cohort: six local authorities
  {
    name: 'Claire Robson',
    job: 'Head of Early Help',
    org: la('Newcastle City Council'),
    role: 'member',
    topics: ['Family hubs', 'Parenting support'],
    bio: 'Runs Newcastle’s early help service and its family hub network.',
  },
  {
    name: 'Mohammed Iqbal',
    job: 'Early Years Strategy Manager',
    org: la('Leeds City Council'),
    role: 'member',
    topics: ['Early language and communication', 'Early education and childcare'],
    bio: 'Leads the Leeds early language strategy across settings and health visiting.',
  },
  {
    name: 'Lucy Fairbairn',
    job: 'Family Hub Network Lead',
    org: la('Manchester City Council'),
    role: 'member',
    topics: ['Family hubs', 'Data and evaluation'],
    bio: 'Building Manchester’s family hub network and its outcomes framework.',
  },
  {
    name: 'Andrew Pike',
    job: 'Assistant Director, Education Quality and Inclusion',
    org: la('Norfolk County Council'),
    role: 'member',
    topics: ['SEND in the early years', 'Early years workforce'],
    bio: 'Responsible for early years quality and SEND inclusion across a large rural county.',
  },
  {
    name: 'Grace Ogunleye',
    job: 'Service Manager, Best Start in Life',
    org: la('Birmingham City Council'),
    role: 'member',
    topics: ['Health visiting', 'Perinatal mental health'],
    bio: 'Commissions Birmingham’s 0–5 health and wellbeing services.',
  },
  {
    name: 'Siân Roberts',
    job: 'Early Childhood Services Manager',
    org: la('Bristol City Council'),
    role: 'member',
    topics: ['Home learning environment', 'Co-production with families'],
    bio: 'Leads Bristol’s children’s centres and its parent-led home learning offer.',
  },
  // Fostering Recruitment Support Hubs: the department and the hubs
  {
    name: 'Richard Haworth',
    job: 'Deputy Director, Fostering and Adoption',
    org: 'org:dfe',
    role: 'member',
    topics: ['Foster carer recruitment', 'Placement sufficiency'],
    bio: 'Senior responsible owner for the Fostering Recruitment Support Hubs programme.',
  },
  {
    name: 'Megan Price',
    job: 'Programme Manager, Fostering Recruitment',
    org: 'org:dfe',
    role: 'member',
    topics: ['Foster carer recruitment', 'Data and evaluation'],
    bio: 'Manages the hubs programme day to day and chairs the monthly checkpoint meeting.',
  },
  {
    name: 'Janet Armstrong',
    job: 'Hub Lead',
    org: 'org:hub-north-east',
    role: 'member',
    topics: ['Foster carer recruitment', 'Regional collaboration'],
    bio: 'Former fostering service manager in Gateshead, now leading the North East hub.',
  },
  {
    name: 'Paul Whittaker',
    job: 'Hub Lead',
    org: 'org:hub-greater-manchester',
    role: 'member',
    topics: ['Foster carer recruitment', 'Foster carer retention'],
    bio: 'Leads the Greater Manchester hub’s shared recruitment campaign.',
  },
  {
    name: 'Louise Hargreaves',
    job: 'Hub Lead',
    org: 'org:hub-lancashire-cumbria',
    role: 'member',
    topics: ['Foster carer recruitment', 'Kinship care'],
    bio: 'Runs a hub covering large rural areas and two coastal towns.',
  },
  {
    name: 'Sameera Hussain',
    job: 'Hub Lead',
    org: 'org:hub-west-yorkshire',
    role: 'member',
    topics: ['Foster carer recruitment', 'Co-production with families'],
    bio: 'Brought foster carers onto the hub’s design group from the start.',
  },
  {
    name: 'David Kowalski',
    job: 'Hub Lead',
    org: 'org:hub-east-midlands',
    role: 'member',
    topics: ['Foster carer recruitment', 'Data and evaluation'],
    bio: 'Built the hub’s shared enquiry tracker across six authorities.',
  },
  {
    name: 'Bernadette O’Neill',
    job: 'Hub Lead',
    org: 'org:hub-west-midlands',
    role: 'member',
    topics: ['Foster carer recruitment', 'Placement sufficiency'],
    bio: 'Leads the West Midlands hub; previously ran a regional adoption agency.',
  },
  {
    name: 'Chris Palmer',
    job: 'Hub Lead',
    org: 'org:hub-east',
    role: 'member',
    topics: ['Foster carer recruitment', 'Foster carer retention'],
    bio: 'Leads the East of England hub.',
  },
  {
    name: 'Tunde Bakare',
    job: 'Hub Lead',
    org: 'org:hub-london',
    role: 'member',
    topics: ['Foster carer recruitment', 'Regional collaboration'],
    bio: 'Leads six inner and east London boroughs recruiting together.',
  },
  {
    name: 'Rebecca Stone',
    job: 'Hub Lead',
    org: 'org:hub-south-east',
    role: 'member',
    topics: ['Foster carer recruitment', 'Kinship care'],
    bio: 'Leads the South East hub.',
  },
  {
    name: 'Morwenna Trelawny',
    job: 'Hub Lead',
    org: 'org:hub-south-west',
    role: 'member',
    topics: ['Foster carer recruitment', 'Adoption support'],
    bio: 'Leads the South West hub and chairs its foster carer reference group.',
  },
  ...REGIONAL_ADOPTION_LEADERS,
];

/** A readable key for a demo person: "person:hannah-whitcombe". */
export function personKey(name: string): string {
  const words = name
    .replace(/^(Dr|Professor) /, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  return `person:${words
    .toLowerCase()
    .replace(/[^a-z]+/g, '-')
    .replace(/^-|-$/g, '')}`;
}

/** The example address of a demo person: "hannah.whitcombe@demo.bridgework.example". */
export function demoEmail(name: string): string {
  const local = personKey(name).slice('person:'.length).replace(/-/g, '.');
  return `${local}@demo.bridgework.example`;
}

export async function seedPeople(tx: Executor, ctx: SeedContext, refs: SeedRefs): Promise<void> {
  const regionOf = new Map(
    (await tx.select({ id: organisations.id, region: organisations.region }).from(organisations).where(eq(organisations.workspaceId, ctx.workspaceId))).map(
      (row) => [row.id, row.region],
    ),
  );
  for (const person of demoPeople) {
    const organisationId = refs.get(person.org) ?? null;
    const email = demoEmail(person.name);
    const [row] = await tx
      .insert(people)
      .values({
        workspaceId: ctx.workspaceId,
        fullName: person.name,
        email,
        jobTitle: person.job,
        organisationId,
        region: organisationId ? (regionOf.get(organisationId) ?? '') : '',
        bio: person.bio,
        phone: person.phone ?? '',
        openToContact: person.openToContact ?? true,
        perspective: person.perspective ?? null,
      })
      .returning({ id: people.id });
    refs.set(personKey(person.name), row.id);
    const topicIds = person.topics.map((name) => refs.get(`topic:${name}`)).filter((id): id is string => Boolean(id));
    if (topicIds.length) await tx.insert(personTopics).values(topicIds.map((topicId) => ({ workspaceId: ctx.workspaceId, personId: row.id, topicId })));
    if (person.role) {
      // Example accounts have no password: they show roles and access, and cannot be signed in to.
      const [existing] = await tx
        .select({ id: accounts.id })
        .from(accounts)
        .where(eq(sql`lower(${accounts.email})`, email));
      const accountId = existing?.id ?? (await tx.insert(accounts).values({ email, name: person.name }).returning({ id: accounts.id }))[0].id;
      await tx.insert(memberships).values({ workspaceId: ctx.workspaceId, accountId, personId: row.id, role: person.role });
    }
  }
}
