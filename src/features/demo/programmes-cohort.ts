/** The Mobilise pilot's example cohort: its learning needs, participants and facilitators. */
import type { LearningPreference } from '../programmes/tables.ts';

export const NEEDS: Record<string, { title: string; description: string }> = {
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

export interface Participant {
  name: string;
  role: string;
  challenge: string;
  wants: Array<[keyof typeof NEEDS | null, string]>;
  knows: string;
  prefers: LearningPreference[];
}

export const COHORT: Participant[] = [
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

export const FACILITATORS = ['Dr Hannah Whitcombe', 'Priya Raman', 'Dr Marcus Bell'];
