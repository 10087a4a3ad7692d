/** The Mobilise pilot's example sessions, feedback, changes, action learning and support requests. */
import type { SessionKind } from '../programmes/tables.ts';
import type { NEEDS } from './programmes-cohort.ts';

export interface DemoSession {
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

export const SESSIONS: DemoSession[] = [
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

export const MOST_USEFUL = [
  'Hearing from a parent about what it is actually like',
  'The practical examples from other local authorities',
  'Time to talk to the researcher directly',
  'Seeing the two-year review happen for real',
  'The short summaries of each study',
  'Discussing the evidence with colleagues from other departments',
  'Understanding how strong the evidence actually is',
];
/** Everyday suggestions that did not each lead to a change; the ones that did are in CHANGES. */
export const TO_CHANGE = [
  'Send slides in advance',
  'A bit more time for the breakout discussion',
  'Name badges with organisations on them',
  'Start a little later for those travelling from the north',
  'A list of who was in the room afterwards',
  '',
  '',
  '',
];

/**
 * The changes made in response to feedback, each after the session whose
 * feedback prompted it, with what participants wrote (in their own words,
 * so no two quotes are the same).
 */
export const CHANGES: Array<{ afterSession: number; youSaid: string; weDid: string; prompts: string[] }> = [
  {
    afterSession: 0,
    youSaid: 'Local authority colleagues wanted more time with central government colleagues, and the other way round.',
    weDid: 'Every in-person session now has a networking lunch, and we paired each departmental participant with a local authority participant.',
    prompts: ['More time with colleagues from local authorities', 'I wanted to talk to the DfE people over lunch, but we were split up'],
  },
  {
    afterSession: 1,
    youSaid: 'The first masterclass ran over and there was no time for questions.',
    weDid: 'Every masterclass now ends with 30 minutes for questions, and speakers send their slides a week in advance.',
    prompts: ['More time for questions at the end', 'We ran out of time before I could ask about the two-year-old offer'],
  },
  {
    afterSession: 1,
    youSaid: 'The reading lists were too long to get through alongside the day job.',
    weDid: 'Each session now has at most three readings, each with a one-page plain-English summary in the library.',
    prompts: ['Fewer readings, with summaries', 'Six papers in a week is too many alongside my job'],
  },
  {
    afterSession: 2,
    youSaid: 'Action learning sets needed a clearer structure so everyone got time.',
    weDid: 'Sets now follow a fixed format: ten minutes to present, questions only, then agreed actions, with a facilitator keeping time.',
    prompts: ['Two people used most of the time; a clearer structure would help', 'Keep each presentation to a set time so everyone gets a turn'],
  },
  {
    afterSession: 3,
    youSaid: 'The health visiting visit felt rushed; you wanted to hear from parents too.',
    weDid: 'Visits now last at least four hours and include a conversation with parents arranged by the setting.',
    prompts: ['The visit felt rushed; we only saw the building', 'Could we meet some of the parents who use the service?'],
  },
  {
    afterSession: 4,
    youSaid: 'You wanted to hear from parents directly, not only about them.',
    weDid: 'We added the “Designing services with parents” masterclass, led by parents from Family Voices Network, and a parent-led visit in Bristol.',
    prompts: ['Hearing from a parent about what it is actually like', 'All the speakers talked about parents; none were parents'],
  },
  {
    afterSession: 5,
    youSaid: 'The data webinar was too technical for some of you.',
    weDid: 'Kieran Doyle and Dr Marcus Bell ran a follow-up clinic with worked examples using your own areas’ data.',
    prompts: ['Less jargon in the data sections', 'I got lost at the confidence intervals; a worked example with our own area would help'],
  },
];

export const PRESENTATIONS: Array<[number, string, string]> = [
  [2, 'Claire Robson', 'Interview five parents who left the programme early before changing anything; share the findings at set 2.'],
  [2, 'Eleanor Marsh', 'Ask the analysts for take-up by deprivation decile, and meet Dr Whitfield about the two-year-old offer evidence.'],
  [2, 'Imran Qureshi', 'Visit the Leeds health visiting team and draft options for the language conversation at the two-year review.'],
  [7, 'Lucy Fairbairn', 'Take three candidate outcome measures to the hubs partnership board and agree one shared definition of “reached”.'],
  [7, 'Naomi Clarke', 'Draft a one-page note for the minister on health visitor-delivered perinatal support, using the systematic review.'],
  [7, 'Andrew Pike', 'Pilot video consultations with speech and language therapists in two rural nurseries.'],
];

export const ACTIONS: Array<[string, 'action' | 'reflection', string, number | null, boolean]> = [
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

export const REQUESTS: Array<{
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
