import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { addDays, londonInstant, londonToday } from '../../core/dates.ts';
import {
  actionEntries,
  attendance,
  challenges,
  changeFeedback,
  cohortMembers,
  intakeResponses,
  needStatements,
  needs,
  programmeChanges,
  programmeSessions,
  programmeTopics,
  programmes,
  sessionFeedback,
  sessionNeeds,
  sessionReadings,
  sessionSpeakers,
  setPresentations,
  supportRequests,
  type AttendanceStatus,
  type LearningPreference,
  type SessionKind,
} from '../programmes/tables.ts';
import { personKey } from './people.ts';
import type { SeedContext, SeedRefs } from './seed-context.ts';

/**
 * The Mobilise pilot: six months, 15 participants from three departments and
 * six local authorities, 14 sessions including three field visits. Dates are
 * set from the day the example is loaded, so the pilot has always just
 * finished: every session held, with attendance and feedback, ready to be
 * evaluated.
 */

const NEEDS: Record<string, { title: string; description: string }> = {
  language: {
    title: 'Early language: what works and for whom',
    description: 'How children learn to talk, which interventions work, and how services spot delay early.',
  },
  perinatal: {
    title: 'Perinatal mental health and the first year',
    description: 'What perinatal mental health services achieve, and how the universal workforce can help.',
  },
  hubs: { title: 'Making family hubs work locally', description: 'Implementation lessons from areas further along: front door, co-location, data sharing.' },
  data: {
    title: 'Using data and evaluation in decisions',
    description: 'Reading outcome data well, commissioning evaluations and judging strength of evidence.',
  },
  researchers: {
    title: 'Working with researchers and using evidence in policy',
    description: 'Finding the right researcher, asking good questions and getting evidence into submissions.',
  },
  parents: {
    title: 'Involving parents in designing services',
    description: 'Co-production that changes decisions, including with fathers and families on low incomes.',
  },
  takeup: { title: 'Raising take-up of funded childcare', description: 'Why eligible families do not take up places and what outreach works.' },
};

interface Participant {
  name: string;
  role: string;
  challenge: string;
  wants: Array<[keyof typeof NEEDS | null, string]>;
  knows: string;
  prefers: LearningPreference[];
}

const COHORT: Participant[] = [
  {
    name: 'Eleanor Marsh',
    role: 'Policy adviser on the early years funding formula at DfE.',
    challenge: 'Targeting the expanded childcare entitlement so that it narrows, rather than widens, the disadvantage gap.',
    wants: [
      ['takeup', 'Why eligible families do not take up the two-year-old offer'],
      ['data', 'How to read the evidence on childcare and child outcomes critically'],
      ['researchers', 'Who the leading researchers on childcare economics are'],
    ],
    knows: 'The funding system and the entitlement rules in detail.',
    prefers: ['talks', 'reading'],
  },
  {
    name: 'Daniel Osei',
    role: 'Senior policy adviser writing family hubs guidance for local authorities at DfE.',
    challenge: 'Writing family hubs guidance that helps local authorities who are furthest behind.',
    wants: [
      ['hubs', 'What makes family hubs work in the areas that are further ahead'],
      ['parents', 'How hubs can involve parents in designing their offer'],
      ['data', 'Which outcome measures are realistic for family hubs'],
    ],
    knows: 'The programme guide and the funding conditions.',
    prefers: ['visits', 'discussion'],
  },
  {
    name: 'Fiona McAllister',
    role: 'Policy lead for inclusion in funded early education at DfE.',
    challenge: 'Making funded early education work for children with SEND, especially speech and language needs.',
    wants: [
      ['language', 'Speech and language delay: what helps children before they start school'],
      ['parents', 'What parents of children with SEND say gets in the way'],
      [null, 'How inclusion funding is used by settings in practice'],
    ],
    knows: 'The SEND code of practice and the inclusion fund.',
    prefers: ['visits', 'talks'],
  },
  {
    name: 'Kieran Doyle',
    role: 'Senior research officer in DfE’s early years analysis team.',
    challenge: 'Designing the evaluation of the early language programme so that its findings are used.',
    wants: [
      ['data', 'Evaluation designs that work when a programme is already rolled out'],
      ['researchers', 'How to commission academic research that answers policy questions in time'],
      ['language', 'Which early language measures are valid at age two'],
    ],
    knows: 'Quantitative methods and the national datasets.',
    prefers: ['reading', 'discussion', 'one_to_one'],
  },
  {
    name: 'Naomi Clarke',
    role: 'Policy lead for perinatal mental health in DHSC’s Start for Life team.',
    challenge: 'Making the case for perinatal mental health support in the universal services offer.',
    wants: [
      ['perinatal', 'The evidence on perinatal mental health support delivered by health visitors'],
      ['perinatal', 'How maternal depression affects babies’ development'],
      ['researchers', 'How to get research into ministerial submissions'],
    ],
    knows: 'NHS perinatal mental health services and their funding.',
    prefers: ['talks', 'one_to_one'],
  },
  {
    name: 'Imran Qureshi',
    role: 'Policy adviser on the Healthy Child Programme at DHSC.',
    challenge: 'Refreshing the Healthy Child Programme so that the two-year review identifies language delay reliably.',
    wants: [
      ['language', 'Early identification of language delay at the two-year review'],
      ['hubs', 'How health visiting teams and family hubs work together'],
      ['perinatal', 'What health visitors can do for mothers with low mood'],
    ],
    knows: 'The commissioning of health visiting by local authorities.',
    prefers: ['visits', 'talks'],
  },
  {
    name: 'Beth Howells',
    role: 'Senior policy officer on Start for Life parenting and early language.',
    challenge: 'Deciding what national parenting support should look like beyond the pilot areas.',
    wants: [
      ['parents', 'Parenting programmes that parents actually finish'],
      ['language', 'How the home learning environment shapes early language'],
      [null, 'What national campaigns can and cannot change'],
    ],
    knows: 'The Start for Life offer and its delivery partners.',
    prefers: ['discussion', 'visits'],
  },
  {
    name: 'Oliver Grant',
    role: 'Policy adviser on local government finance for children’s services at MHCLG.',
    challenge: 'Reflecting the real cost of early help in the local government finance settlement.',
    wants: [
      ['data', 'What data shows the cost and benefit of early help'],
      ['researchers', 'How to use evidence when it is weak or mixed'],
      ['hubs', 'How local authorities fund family hubs beyond the grant'],
    ],
    knows: 'Local government funding mechanisms.',
    prefers: ['reading', 'discussion'],
  },
  {
    name: 'Zara Ahmed',
    role: 'Policy officer on place-based family support at MHCLG.',
    challenge: 'Designing a place-based fund that local families help to shape.',
    wants: [
      ['parents', 'Co-production with families on low incomes'],
      ['takeup', 'Practical barriers that stop families using services'],
      ['hubs', 'Examples of neighbourhood family support that worked'],
    ],
    knows: 'Community-led regeneration programmes.',
    prefers: ['visits', 'discussion'],
  },
  {
    name: 'Claire Robson',
    role: 'Head of early help at Newcastle City Council, running its family hub network.',
    challenge: 'Keeping parents in our parenting programme until the end.',
    wants: [
      ['parents', 'Why parents drop out of parenting programmes and what helps them stay'],
      ['data', 'Evaluating our hubs with limited analytical capacity'],
      ['researchers', 'Finding an academic partner for our evaluation'],
    ],
    knows: 'Running early help services and the local data.',
    prefers: ['discussion', 'one_to_one'],
  },
  {
    name: 'Mohammed Iqbal',
    role: 'Early years strategy manager at Leeds City Council.',
    challenge: 'Joining up the Leeds early language strategy across health visiting and nurseries.',
    wants: [
      ['language', 'Early language interventions that work across settings and health'],
      ['hubs', 'Sharing the two-year review between health visitors and nurseries'],
      ['data', 'Measuring language at scale across a city'],
    ],
    knows: 'The Leeds early years system and its partners.',
    prefers: ['visits', 'talks'],
  },
  {
    name: 'Lucy Fairbairn',
    role: 'Family hub network lead at Manchester City Council.',
    challenge: 'Building an outcomes framework for Manchester’s family hubs that partners will use.',
    wants: [
      ['data', 'Outcomes frameworks other areas use for family hubs'],
      ['hubs', 'Data sharing with health partners in family hubs'],
      [null, 'Managing the politics of shared targets'],
    ],
    knows: 'The Manchester hubs model and its data.',
    prefers: ['discussion', 'reading'],
  },
  {
    name: 'Andrew Pike',
    role: 'Assistant director for education quality and inclusion at Norfolk County Council.',
    challenge: 'Getting specialist speech and language support to rural settings.',
    wants: [
      ['language', 'Speech and language support that works in rural areas'],
      ['takeup', 'Rural families’ take-up of funded places'],
      ['perinatal', 'Perinatal support for isolated rural families'],
    ],
    knows: 'Rural service delivery and SEND inclusion.',
    prefers: ['online', 'talks'],
  },
  {
    name: 'Grace Ogunleye',
    role: 'Service manager for Best Start in Life at Birmingham City Council.',
    challenge: 'Recommissioning Birmingham’s 0–5 services with perinatal mental health at their centre.',
    wants: [
      ['perinatal', 'Commissioning perinatal mental health support in universal services'],
      ['researchers', 'How to judge the strength of evidence in a tender'],
      ['parents', 'Reaching families who do not trust services'],
    ],
    knows: 'Commissioning 0–5 health services.',
    prefers: ['talks', 'one_to_one'],
  },
  {
    name: 'Siân Roberts',
    role: 'Early childhood services manager at Bristol City Council.',
    challenge: 'Growing Bristol’s parent-led home learning offer without losing what makes it work.',
    wants: [
      ['parents', 'Scaling parent-led groups without losing what makes them work'],
      ['language', 'The home learning environment and early language'],
      ['takeup', 'Reaching fathers and families new to the area'],
    ],
    knows: 'Parent-led practice in children’s centres.',
    prefers: ['visits', 'discussion'],
  },
];

const FACILITATORS = ['Dr Hannah Whitcombe', 'Priya Raman', 'Dr Marcus Bell'];

interface DemoSession {
  week: number;
  day?: number;
  kind: SessionKind;
  title: string;
  description: string;
  start: string;
  end: string;
  place?: string;
  onlineLink?: string;
  address?: string;
  whoToMeet?: string;
  safeguarding?: string;
  reflection?: string;
  speakers?: string[];
  needs?: Array<keyof typeof NEEDS>;
  readings?: number[];
  notes?: string;
}

const SESSIONS: DemoSession[] = [
  {
    week: 0,
    kind: 'networking',
    title: 'Welcome: what we want from Mobilise',
    description: 'Meet the cohort, share your policy challenge and agree how we will work together. We will also go through the needs intake answers.',
    start: '10:00',
    end: '15:30',
    place: 'Kingsbridge University, London campus',
    speakers: ['Dr Hannah Whitcombe', 'Priya Raman'],
    needs: ['researchers'],
    readings: [20, 21],
  },
  {
    week: 2,
    kind: 'masterclass',
    title: 'How young children learn to talk',
    description: 'Professor Adeyemi on conversation, books and screens; Aisha Rahman on what it is like to look for help when your child is slow to talk.',
    start: '10:00',
    end: '12:30',
    place: 'Kingsbridge University, London campus',
    speakers: ['Professor Helen Adeyemi', 'Aisha Rahman'],
    needs: ['language'],
    readings: [0, 1, 26],
  },
  {
    week: 4,
    kind: 'action_learning_set',
    title: 'Action learning set 1',
    description: 'Three participants present their challenge; the set asks questions and helps agree next steps.',
    start: '14:00',
    end: '16:30',
    onlineLink: 'https://meet.example.org/mobilise-als-1',
    speakers: ['Priya Raman'],
  },
  {
    week: 5,
    day: 2,
    kind: 'field_visit',
    title: 'Field visit: Riverside health visiting team, Leeds',
    description: 'Join a health visiting team for a morning: the two-year review, the Talking Together language conversation and joint reviews with nurseries.',
    start: '09:30',
    end: '13:00',
    place: 'Armley Health Centre, Leeds',
    address: 'Armley Health Centre, Stocks Hill, Leeds LS12 1UQ',
    whoToMeet: 'Sarah Mensah and two health visitors; a nursery manager who shares the two-year review.',
    safeguarding: 'No photographs. Observe reviews only where the family has agreed in advance. Lanyards on at all times.',
    reflection: 'What would change in your policy area if the two-year review were shared between health and nurseries everywhere?',
    speakers: ['Sarah Mensah'],
    needs: ['language', 'hubs'],
    readings: [2, 12],
  },
  {
    week: 7,
    kind: 'masterclass',
    title: 'Perinatal mental health and the first year',
    description: 'What maternal depression means for babies, and what trained health visitors and peer supporters can do.',
    start: '10:00',
    end: '12:30',
    place: 'Department for Education, Sanctuary Buildings, London',
    speakers: ['Dr Rachel Kimura', 'Sarah Mensah'],
    needs: ['perinatal'],
    readings: [3, 4],
  },
  {
    week: 8,
    day: 3,
    kind: 'webinar',
    title: 'Reading the data on the two-year-old offer',
    description: 'Take-up and outcome data by local authority, and what a regression discontinuity can and cannot tell us.',
    start: '12:30',
    end: '13:30',
    onlineLink: 'https://meet.example.org/mobilise-webinar-data',
    speakers: ['Dr James Whitfield', 'Dr Marcus Bell'],
    needs: ['data', 'takeup'],
    readings: [10, 25, 6],
  },
  {
    week: 10,
    day: 1,
    kind: 'field_visit',
    title: 'Field visit: Sunrise Family Hub, Salford',
    description: 'How a family hub built its offer with local parents: a single front door, co-located health visiting and a parents’ panel.',
    start: '10:00',
    end: '14:30',
    place: 'Sunrise Family Hub, Salford',
    address: 'Sunrise Family Hub, 12 Liverpool Street, Salford M5 4LT',
    whoToMeet: 'Joanne Pritchard, the hub’s data lead and three members of the parents’ panel.',
    safeguarding: 'Children will be present in the stay-and-play room: no photographs, and stay with your group.',
    reflection: 'Which of the hub’s choices could your organisation make easier or harder?',
    speakers: ['Joanne Pritchard'],
    needs: ['hubs', 'parents'],
    readings: [11, 5, 24],
  },
  {
    week: 12,
    kind: 'action_learning_set',
    title: 'Action learning set 2',
    description: 'Three more participants present; the first three report back on their actions.',
    start: '14:00',
    end: '16:30',
    onlineLink: 'https://meet.example.org/mobilise-als-2',
    speakers: ['Priya Raman'],
  },
  {
    week: 13,
    day: 2,
    kind: 'masterclass',
    title: 'Designing services with parents',
    description: 'Parents from Family Voices Network on co-production that changes decisions, and on reaching fathers.',
    start: '10:00',
    end: '12:30',
    place: 'Kingsbridge University, London campus',
    speakers: ['Aisha Rahman', 'Gareth Llewellyn'],
    needs: ['parents'],
    readings: [27, 7, 23],
  },
  {
    week: 15,
    kind: 'networking',
    title: 'Meet the researchers',
    description: 'Speed-networking with researchers working on the cohort’s challenges, then lunch.',
    start: '11:00',
    end: '14:00',
    place: 'Eastfield University, Manchester',
    speakers: ['Professor Helen Adeyemi', 'Dr Rachel Kimura', 'Dr James Whitfield'],
    needs: ['researchers'],
    readings: [20],
  },
  {
    week: 17,
    kind: 'consultancy',
    title: 'One-to-one consultancy clinic',
    description: 'Book 45 minutes with a facilitator or researcher on your challenge: a document to review, a question or an introduction.',
    start: '09:30',
    end: '16:30',
    onlineLink: 'https://meet.example.org/mobilise-clinic',
    speakers: ['Dr Hannah Whitcombe', 'Dr Marcus Bell'],
    needs: ['data', 'researchers'],
  },
  {
    week: 19,
    day: 5,
    kind: 'field_visit',
    title: 'Field visit: Saturday stay-and-play, Bristol',
    description: 'A parent-led Saturday session designed to reach fathers, followed by a conversation with the parent champions who run it.',
    start: '09:30',
    end: '12:30',
    place: 'Knowle West Children’s Centre, Bristol',
    address: 'Knowle West Children’s Centre, Leinster Avenue, Bristol BS4 1NL',
    whoToMeet: 'Gareth Llewellyn and the parent champions; the centre manager.',
    safeguarding: 'A family session: join in, no photographs, and a DBS check is not needed because you will not be left alone with children.',
    reflection: 'Who does your policy reach least, and what would a Saturday-morning version of it look like?',
    speakers: ['Gareth Llewellyn'],
    needs: ['parents', 'language'],
    readings: [7],
  },
  {
    week: 21,
    kind: 'action_learning_set',
    title: 'Action learning set 3',
    description: 'The last three participants present; everyone reports what they have changed.',
    start: '14:00',
    end: '16:30',
    onlineLink: 'https://meet.example.org/mobilise-als-3',
    speakers: ['Priya Raman'],
  },
  {
    week: 25,
    kind: 'networking',
    title: 'Closing session: what we will do differently',
    description: 'Each participant shares one change they have made using evidence. We agree how the cohort stays in touch.',
    start: '10:00',
    end: '15:00',
    place: 'Kingsbridge University, London campus',
    speakers: ['Dr Hannah Whitcombe', 'Dr Marcus Bell'],
  },
];

const MOST_USEFUL = [
  'Hearing from a parent about what it is actually like',
  'The practical examples from other local authorities',
  'Time to talk to the researcher directly',
  'Seeing the two-year review happen for real',
  'The short summaries of each study',
  'Discussing the evidence with colleagues from other departments',
  'Understanding how strong the evidence actually is',
];
const TO_CHANGE = [
  'More time for questions at the end',
  'Fewer readings, with summaries',
  'The session ran over; keep to time',
  'More time with colleagues from local authorities',
  'Send slides in advance',
  'Less jargon in the data sections',
  '',
  '',
];

/** The changes made in response to feedback, each after the session whose feedback prompted it. */
const CHANGES: Array<{ afterSession: number; youSaid: string; weDid: string; prompt: string }> = [
  {
    afterSession: 0,
    youSaid: 'Local authority colleagues wanted more time with central government colleagues, and the other way round.',
    weDid: 'Every in-person session now has a networking lunch, and we paired each departmental participant with a local authority participant.',
    prompt: 'More time with colleagues from local authorities',
  },
  {
    afterSession: 1,
    youSaid: 'The first masterclass ran over and there was no time for questions.',
    weDid: 'Every masterclass now ends with 30 minutes for questions, and speakers send their slides a week in advance.',
    prompt: 'More time for questions at the end',
  },
  {
    afterSession: 1,
    youSaid: 'The reading lists were too long to get through alongside the day job.',
    weDid: 'Each session now has at most three readings, each with a one-page plain-English summary in the library.',
    prompt: 'Fewer readings, with summaries',
  },
  {
    afterSession: 3,
    youSaid: 'The health visiting visit felt rushed; you wanted to hear from parents too.',
    weDid: 'Visits now last at least four hours and include a conversation with parents arranged by the setting.',
    prompt: 'The session ran over; keep to time',
  },
  {
    afterSession: 5,
    youSaid: 'The data webinar was too technical for some of you.',
    weDid: 'Kieran Doyle and Dr Marcus Bell ran a follow-up clinic with worked examples using your own areas’ data.',
    prompt: 'Less jargon in the data sections',
  },
  {
    afterSession: 2,
    youSaid: 'Action learning sets needed a clearer structure so everyone got time.',
    weDid: 'Sets now follow a fixed format: ten minutes to present, questions only, then agreed actions, with a facilitator keeping time.',
    prompt: 'The session ran over; keep to time',
  },
  {
    afterSession: 4,
    youSaid: 'You wanted to hear from parents directly, not only about them.',
    weDid: 'We added the “Designing services with parents” masterclass, led by parents from Family Voices Network, and a parent-led visit in Bristol.',
    prompt: 'Hearing from a parent about what it is actually like',
  },
];

const PRESENTATIONS: Array<[number, string, string]> = [
  [2, 'Claire Robson', 'Interview five parents who left the programme early before changing anything; share the findings at set 2.'],
  [2, 'Eleanor Marsh', 'Ask the analysts for take-up by deprivation decile, and meet Dr Whitfield about the two-year-old offer evidence.'],
  [2, 'Imran Qureshi', 'Visit the Leeds health visiting team and draft options for the language conversation at the two-year review.'],
  [7, 'Lucy Fairbairn', 'Take three candidate outcome measures to the hubs partnership board and agree one shared definition of “reached”.'],
  [7, 'Naomi Clarke', 'Draft a one-page note for the minister on health visitor-delivered perinatal support, using the systematic review.'],
  [7, 'Andrew Pike', 'Pilot video consultations with speech and language therapists in two rural nurseries.'],
];

const ACTIONS: Array<[string, 'action' | 'reflection', string, number | null, boolean]> = [
  ['Claire Robson', 'action', 'Interview five parents who left the parenting programme early', 24, true],
  [
    'Claire Robson',
    'reflection',
    'Parents left because sessions clashed with school pick-up, not because of the content. We will run an evening group.',
    null,
    false,
  ],
  ['Eleanor Marsh', 'action', 'Commission take-up analysis by deprivation decile from the analysts', 25, true],
  ['Eleanor Marsh', 'action', 'Brief the deputy director on the regression discontinuity study', 10, false],
  ['Naomi Clarke', 'action', 'Draft the ministerial note on health visitor-delivered perinatal support', 4, true],
  ['Naomi Clarke', 'reflection', 'The review made the case far better than the cost figures alone; officials asked for the effect sizes.', 4, false],
  ['Mohammed Iqbal', 'action', 'Agree a shared two-year review pilot with two nurseries in Armley', 12, false],
  ['Imran Qureshi', 'action', 'Draft options for the language conversation in the Healthy Child Programme refresh', 2, false],
  ['Lucy Fairbairn', 'action', 'Agree one definition of “reached” with the hubs partnership board', 11, false],
  ['Siân Roberts', 'reflection', 'Fathers came when the invitation was addressed to them by name; we will do this across all centres.', 7, false],
];

const REQUESTS: Array<{
  who: string;
  kind: 'question' | 'document_review' | 'introduction';
  subject: string;
  detail: string;
  status: 'open' | 'in_progress' | 'resolved';
  by?: string;
  response?: string;
  days: number;
  respondHours?: number;
  resolveHours?: number;
}> = [
  {
    who: 'Kieran Doyle',
    kind: 'document_review',
    subject: 'Review our draft evaluation framework for the early language programme',
    detail: 'Draft attached to the shared folder; keen on views about the comparison group.',
    status: 'resolved',
    by: 'Dr Marcus Bell',
    response: 'Comments sent: a stepped roll-out would give a fairer comparison than volunteer areas. Happy to talk it through at the clinic.',
    days: 50,
    respondHours: 20,
    resolveHours: 96,
  },
  {
    who: 'Claire Robson',
    kind: 'introduction',
    subject: 'An academic partner for our parenting programme evaluation',
    detail: 'Ideally someone who has evaluated programmes in family hubs.',
    status: 'resolved',
    by: 'Dr Hannah Whitcombe',
    response: 'Introduced you to Dr Rachel Kimura, who co-wrote the Newcastle evaluation and is interested in the drop-out question.',
    days: 45,
    respondHours: 6,
    resolveHours: 30,
  },
  {
    who: 'Naomi Clarke',
    kind: 'question',
    subject: 'Is the evidence on peer support for perinatal depression strong enough to cite to ministers?',
    detail: '',
    status: 'resolved',
    by: 'Dr Marcus Bell',
    response: 'Yes for mild to moderate symptoms: the 2022 systematic review is rated strong. Say “for mild to moderate depression” and cite the review.',
    days: 30,
    respondHours: 3,
    resolveHours: 5,
  },
  {
    who: 'Grace Ogunleye',
    kind: 'document_review',
    subject: 'Evidence section of our 0–5 services tender',
    detail: 'We want bidders to show the strength of the evidence behind their model.',
    status: 'in_progress',
    by: 'Priya Raman',
    response: '',
    days: 6,
    respondHours: 26,
  },
  { who: 'Zara Ahmed', kind: 'introduction', subject: 'Someone who has co-produced a fund with families on low incomes', detail: '', status: 'open', days: 1 },
];

/** A small deterministic generator, so the example is the same every time it is loaded. */
function sequence(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

export async function seedProgrammes(tx: Executor, ctx: SeedContext, refs: SeedRefs): Promise<void> {
  const workspaceId = ctx.workspaceId;
  const person = (name: string) => {
    const id = refs.get(personKey(name));
    if (!id) throw new Error(`Example data refers to an unknown person: ${name}`);
    return id;
  };
  const today = londonToday();
  // Twenty-seven weeks ago, moved back to a Monday: the six-month pilot ended last week.
  let startsOn = addDays(today, -189);
  while (new Date(`${startsOn}T12:00:00Z`).getUTCDay() !== 1) startsOn = addDays(startsOn, -1);
  const endsOn = addDays(startsOn, 26 * 7 - 3);
  const now = new Date();
  const at = (date: string, time: string) => londonInstant(date, time);

  const [programme] = await tx
    .insert(programmes)
    .values({
      workspaceId,
      name: 'Mobilise pilot',
      kind: 'cohort_learning',
      summary: 'Six months for 15 civil servants and local leaders to use evidence on early childhood in their own policy work.',
      aims: 'Build participants’ knowledge of the evidence on the first five years.\nBuild confidence to find, judge and use research, data, practice and family voice.\nBuild lasting relationships between central government, local government and researchers.\nSee evidence used in real decisions on each participant’s policy challenge.',
      startsOn,
      endsOn,
      calendarToken: randomBytes(18).toString('base64url'),
    })
    .returning({ id: programmes.id });
  const programmeId = programme.id;
  refs.set('programme:mobilise', programmeId);
  refs.set('programme:mobilise:starts', startsOn);
  refs.set('programme:mobilise:ends', endsOn);
  const topicIds = ['Early language and communication', 'Family hubs', 'Perinatal mental health', 'Evidence use in policy', 'Co-production with families']
    .map((name) => refs.get(`topic:${name}`))
    .filter((id): id is string => Boolean(id));
  if (topicIds.length) await tx.insert(programmeTopics).values(topicIds.map((topicId) => ({ workspaceId, programmeId, topicId })));

  await tx
    .insert(cohortMembers)
    .values([
      ...FACILITATORS.map((name) => ({ workspaceId, programmeId, personId: person(name), role: 'facilitator' as const })),
      ...COHORT.map((p) => ({ workspaceId, programmeId, personId: person(p.name), role: 'participant' as const })),
    ]);

  // Needs intake, the board and each participant's challenge.
  const needIds = new Map<string, string>();
  for (const [key, need] of Object.entries(NEEDS)) {
    const [row] = await tx
      .insert(needs)
      .values({ workspaceId, programmeId, ...need })
      .returning({ id: needs.id });
    needIds.set(key, row.id);
  }
  const intakeAt = at(addDays(startsOn, -10), '09:00');
  for (const [index, p] of COHORT.entries()) {
    const personId = person(p.name);
    await tx.insert(intakeResponses).values({
      workspaceId,
      programmeId,
      personId,
      roleDescription: p.role,
      policyChallenge: p.challenge,
      alreadyKnow: p.knows,
      learningPreferences: p.prefers,
      createdAt: intakeAt,
      updatedAt: intakeAt,
    });
    await tx.insert(needStatements).values(
      p.wants.map(([key, text]) => ({
        workspaceId,
        programmeId,
        personId,
        text,
        needId: key ? needIds.get(key)! : null,
        answered: key === 'language' && index % 3 === 0 ? ('yes' as const) : key === 'perinatal' && index % 2 === 0 ? ('partly' as const) : null,
        createdAt: intakeAt,
      })),
    );
    await tx
      .insert(challenges)
      .values({ workspaceId, programmeId, personId, title: p.challenge.slice(0, 200), description: p.challenge, createdAt: intakeAt, updatedAt: intakeAt });
  }

  // Sessions, with speakers, needs, reading lists, attendance and feedback for those already held.
  const random = sequence(20260301);
  const sessionIds: string[] = [];
  const feedbackByText = new Map<string, Array<{ id: string; sessionIndex: number }>>();
  for (const [index, s] of SESSIONS.entries()) {
    const date = addDays(startsOn, s.week * 7 + (s.day ?? 0));
    const [row] = await tx
      .insert(programmeSessions)
      .values({
        workspaceId,
        programmeId,
        kind: s.kind,
        title: s.title,
        description: s.description,
        startsAt: at(date, s.start),
        endsAt: at(date, s.end),
        place: s.place ?? '',
        onlineLink: s.onlineLink ?? '',
        address: s.address ?? '',
        whoToMeet: s.whoToMeet ?? '',
        safeguardingNotes: s.safeguarding ?? '',
        reflectionPrompt: s.reflection ?? '',
        facilitatorNotes: s.kind === 'field_visit' ? 'Confirm numbers with the setting a week before. Priya holds the contact list for the day.' : '',
      })
      .returning({ id: programmeSessions.id, endsAt: programmeSessions.endsAt });
    sessionIds.push(row.id);
    if (s.title.startsWith('Perinatal mental health')) refs.set('session:perinatal', row.id);
    if (s.speakers?.length) await tx.insert(sessionSpeakers).values(s.speakers.map((name) => ({ workspaceId, sessionId: row.id, personId: person(name) })));
    if (s.needs?.length) await tx.insert(sessionNeeds).values(s.needs.map((key) => ({ workspaceId, sessionId: row.id, needId: needIds.get(key)! })));
    const readings = (s.readings ?? []).map((i) => refs.get(`evidence:${i}`)).filter((id): id is string => Boolean(id));
    if (readings.length)
      await tx
        .insert(sessionReadings)
        .values(readings.map((evidenceItemId, position) => ({ workspaceId, sessionId: row.id, evidenceItemId, position: position + 1 })));
    if (row.endsAt >= now) continue;
    const marks = COHORT.map((p) => {
      const roll = random();
      const status: AttendanceStatus = roll < 0.84 ? 'attended' : roll < 0.96 ? 'apologies' : 'absent';
      return { workspaceId, sessionId: row.id, personId: person(p.name), status };
    });
    await tx.insert(attendance).values(marks);
    for (const mark of marks.filter((m) => m.status === 'attended')) {
      if (random() > 0.75) continue;
      const usefulness = Math.min(5, Math.max(2, Math.round(3.4 + random() * 1.6 + (s.kind === 'field_visit' ? 0.4 : 0) + index * 0.03)));
      const toChange = TO_CHANGE[Math.floor(random() * TO_CHANGE.length)];
      const mostUseful = MOST_USEFUL[Math.floor(random() * MOST_USEFUL.length)];
      const [feedback] = await tx
        .insert(sessionFeedback)
        .values({
          workspaceId,
          sessionId: row.id,
          personId: mark.personId,
          usefulness,
          mostUseful,
          toChange,
          createdAt: new Date(row.endsAt.getTime() + (2 + random() * 40) * 3_600_000),
        })
        .returning({ id: sessionFeedback.id });
      for (const text of [toChange, mostUseful]) feedbackByText.set(text, [...(feedbackByText.get(text) ?? []), { id: feedback.id, sessionIndex: index }]);
    }
    if (index === 1 || index === 3)
      await tx
        .update(needs)
        .set({ addressedAt: row.endsAt })
        .where(eq(needs.id, needIds.get(index === 1 ? 'language' : 'hubs')!));
  }

  // "You said, we did", each change linked to the feedback that asked for it.
  for (const change of CHANGES) {
    const sessionStart = addDays(startsOn, SESSIONS[change.afterSession].week * 7 + (SESSIONS[change.afterSession].day ?? 0));
    const madeOn = addDays(sessionStart, 6);
    if (madeOn > today) continue;
    const [row] = await tx
      .insert(programmeChanges)
      .values({
        workspaceId,
        programmeId,
        youSaid: change.youSaid,
        weDid: change.weDid,
        madeOn,
        recordedByPersonId: person('Priya Raman'),
        createdAt: at(madeOn, '17:00'),
      })
      .returning({ id: programmeChanges.id });
    const prompts = (feedbackByText.get(change.prompt) ?? []).filter((f) => f.sessionIndex <= change.afterSession + 1).slice(0, 3);
    if (prompts.length)
      await tx
        .insert(changeFeedback)
        .values(prompts.map((f) => ({ workspaceId, changeId: row.id, feedbackId: f.id })))
        .onConflictDoNothing();
  }

  // Action learning: presentations at the sets held so far, and participants' logs.
  for (const [sessionIndex, name, agreed] of PRESENTATIONS) {
    const date = addDays(startsOn, SESSIONS[sessionIndex].week * 7);
    if (date > today) continue;
    await tx
      .insert(setPresentations)
      .values({ workspaceId, sessionId: sessionIds[sessionIndex], personId: person(name), agreed, createdAt: at(date, '17:00') });
  }
  const challengeIds = new Map(
    (await tx.select({ id: challenges.id, personId: challenges.personId }).from(challenges).where(eq(challenges.programmeId, programmeId))).map((row) => [
      row.personId,
      row.id,
    ]),
  );
  for (const [offset, [name, kind, text, evidence, done]] of ACTIONS.entries()) {
    const createdAt = at(addDays(startsOn, 20 + offset * 6 > 80 ? 80 : 20 + offset * 6), '16:00');
    await tx.insert(actionEntries).values({
      workspaceId,
      challengeId: challengeIds.get(person(name))!,
      kind,
      text,
      evidenceItemId: evidence === null ? null : (refs.get(`evidence:${evidence}`) ?? null),
      dueOn: kind === 'action' ? addDays(startsOn, 110 + offset * 4) : null,
      doneAt: done ? new Date(createdAt.getTime() + 9 * 86_400_000) : null,
      createdAt,
    });
  }

  // Consultancy support requests, from answered to just asked.
  for (const request of REQUESTS) {
    const createdAt = new Date(now.getTime() - request.days * 86_400_000);
    const hours = (h?: number) => (h === undefined ? null : new Date(createdAt.getTime() + h * 3_600_000));
    await tx.insert(supportRequests).values({
      workspaceId,
      programmeId,
      requestedByPersonId: person(request.who),
      kind: request.kind,
      subject: request.subject,
      detail: request.detail,
      status: request.status,
      assignedToPersonId: request.by ? person(request.by) : null,
      response: request.response ?? '',
      firstResponseAt: hours(request.respondHours),
      resolvedAt: request.status === 'resolved' ? hours(request.resolveHours) : null,
      createdAt,
      updatedAt: createdAt,
    });
  }
}
