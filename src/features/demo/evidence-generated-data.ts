import type { StrengthRating } from '../evidence/tables.ts';

/** The themes, places, names and publishers the generated library is composed from. */

export interface Theme {
  topics: string[];
  /** The people it is about, as a phrase inside a sentence. */
  who: string;
  population: string;
  interventions: string[];
  outcomes: string[];
}

export const THEMES: Theme[] = [
  {
    topics: ['Early language and communication', 'Home learning environment'],
    who: 'young children and their parents',
    population: 'Children aged 0 to 5',
    interventions: [
      'parent coaching in conversational turn-taking',
      'dialogic book sharing',
      'a language screening conversation at the two-year review',
      'training nursery staff in language-rich interaction',
      'a text-message programme for parents of toddlers',
      'lending libraries in children’s centres',
    ],
    outcomes: ['expressive vocabulary', 'language delay at 30 months', 'school readiness at age five', 'parent–child talk at home'],
  },
  {
    topics: ['Perinatal mental health', 'Health visiting'],
    who: 'mothers and fathers of infants',
    population: 'Parents of infants under one',
    interventions: [
      'peer support for mothers with postnatal depression',
      'video interaction guidance',
      'listening visits by health visitors',
      'specialist perinatal mental health teams',
      'group support for fathers in the perinatal period',
    ],
    outcomes: ['maternal depressive symptoms', 'parent–infant interaction', 'referral to specialist care', 'fathers’ wellbeing'],
  },
  {
    topics: ['Family hubs', 'Parenting support'],
    who: 'families',
    population: 'Families with children aged 0 to 19',
    interventions: [
      'a group parenting programme',
      'a single front door for family services',
      'home visiting by trained volunteers',
      'outreach from family hubs to new parents',
      'evening and weekend parenting groups',
    ],
    outcomes: ['child behaviour problems', 'parental stress', 'use of services by fathers', 'programme completion'],
  },
  {
    topics: ['Early education and childcare', 'Child poverty'],
    who: 'two- to four-year-olds',
    population: 'Children aged 2 to 4',
    interventions: [
      'funded childcare for two-year-olds',
      'graduate-led nursery provision',
      'extended childcare hours for working parents',
      'door-knocking outreach to raise take-up',
      'childcare in areas of high deprivation',
    ],
    outcomes: ['take-up of funded places', 'attainment at age five', 'maternal employment', 'the disadvantage gap at school entry'],
  },
  {
    topics: ['SEND in the early years', 'Early years workforce'],
    who: 'young children with SEND',
    population: 'Children with SEND aged 0 to 5',
    interventions: [
      'early identification of SEND in nurseries',
      'inclusion funding for early years settings',
      'Portage home visiting',
      'SENCo training for childminders',
    ],
    outcomes: ['time from concern to assessment', 'inclusion in mainstream settings', 'parents’ confidence', 'staff confidence'],
  },
  {
    topics: ['Foster carer recruitment', 'Regional collaboration'],
    who: 'prospective foster carers',
    population: 'Prospective foster carers',
    interventions: [
      'a regional foster carer recruitment campaign',
      'a shared enquiry line across authorities',
      'a faster assessment process',
      'recruitment events led by experienced carers',
    ],
    outcomes: [
      'conversion from enquiry to approval',
      'time from enquiry to approval',
      'the number of approved households',
      'recruitment of carers for teenagers',
    ],
  },
  {
    topics: ['Foster carer retention', 'Placement sufficiency'],
    who: 'foster carers',
    population: 'Foster carers',
    interventions: [
      'out-of-hours support for foster carers',
      'mentoring by experienced carers',
      'the Mockingbird family model',
      'therapeutic training for carers',
      'fee increases for foster carers',
    ],
    outcomes: ['carer retention after two years', 'placement stability', 'unplanned placement endings', 'carers’ wellbeing'],
  },
  {
    topics: ['Kinship care'],
    who: 'kinship carers',
    population: 'Kinship carers and the children they raise',
    interventions: [
      'kinship carer allowances',
      'peer support groups for kinship carers',
      'special guardianship support plans',
      'legal advice for kinship carers',
    ],
    outcomes: ['placement stability', 'carer wellbeing', 'household finances', 'children’s school attendance'],
  },
  {
    topics: ['Adoption support'],
    who: 'adoptive families',
    population: 'Adoptive families',
    interventions: [
      'therapeutic parenting training',
      'therapy funded through the adoption support fund',
      'regional adoption agency family finding',
      'early permanence placements',
    ],
    outcomes: ['adoption disruption', 'children’s emotional wellbeing', 'time to placement', 'adopters’ satisfaction with support'],
  },
  {
    topics: ['Child poverty', 'Co-production with families'],
    who: 'families on low incomes',
    population: 'Families on low incomes',
    interventions: [
      'a local cash transfer for families with infants',
      'debt advice in children’s centres',
      'automatic enrolment for free school meals',
      'help with travel costs to appointments',
    ],
    outcomes: ['household food insecurity', 'attendance at health appointments', 'parental stress', 'take-up of entitlements'],
  },
  {
    topics: ['Evidence use in policy', 'Implementation'],
    who: 'officials and local leaders',
    population: 'Civil servants and local leaders',
    interventions: [
      'policy fellowships for researchers',
      'rapid evidence briefings for officials',
      'knowledge brokers in local authorities',
      'evidence training for commissioners',
    ],
    outcomes: [
      'use of research in decisions',
      'officials’ confidence with evidence',
      'relationships between researchers and officials',
      'time to answer policy questions',
    ],
  },
];

export const PLACES = [
  'Leeds',
  'Newcastle upon Tyne',
  'Bristol',
  'Norfolk',
  'Birmingham',
  'Manchester',
  'Cornwall',
  'Kent',
  'Lancashire',
  'Sheffield',
  'Hackney',
  'Derbyshire',
  'Nottingham',
  'Sunderland',
  'Plymouth',
  'Wales',
  'Scotland',
  'three English regions',
  'twelve local authorities',
  'the West Midlands',
  'England',
];

export const SURNAMES = [
  'Ahmed',
  'Bailey',
  'Chowdhury',
  'Davies',
  'Evans',
  'Fraser',
  'Gill',
  'Hughes',
  'Iqbal',
  'Jones',
  'Kaur',
  'Lewis',
  'Morgan',
  'Nwosu',
  'O’Brien',
  'Patel',
  'Quinn',
  'Roberts',
  'Singh',
  'Thompson',
  'Underwood',
  'Vaughan',
  'Walsh',
  'Xu',
  'Young',
  'Zielinski',
  'Begum',
  'Clarke',
  'Doherty',
  'Edwards',
  'Fitzgerald',
  'Hussain',
];
export const INITIALS = ['A.', 'B.', 'C.', 'D.', 'E.', 'F.', 'G.', 'H.', 'J.', 'K.', 'L.', 'M.', 'N.', 'P.', 'R.', 'S.', 'T.'];

export const REPORT_PUBLISHERS = [
  'Early Years Evidence Partnership',
  'Education Endowment Foundation',
  'Foundations, the What Works Centre for Children & Families',
  'Nuffield Foundation',
  'National Children’s Bureau',
  'Kingsbridge University',
];
/**
 * Where a theme's work is published: journals, charities and government
 * bodies that fit it, so a childminder study is never published by an
 * adoption charity in a social work journal.
 */
export interface Outlets {
  journals: string[];
  charities: string[];
  government: string[];
}

const EARLY_YEARS: Outlets = {
  journals: [
    'Child Development',
    'Early Childhood Research Quarterly',
    'Journal of Child Psychology and Psychiatry',
    'BMJ Open',
    'Archives of Disease in Childhood',
  ],
  charities: ['Family Voices Network', 'Home-Start UK', 'National Children’s Bureau'],
  government: ['Department for Education', 'Department of Health and Social Care', 'Office for Health Improvement and Disparities'],
};

export function outletsFor(topics: string[]): Outlets {
  const has = (topic: string) => topics.includes(topic);
  if (has('Kinship care'))
    return {
      journals: ['Child & Family Social Work', 'Children and Youth Services Review'],
      charities: ['Kinship', 'Family Voices Network'],
      government: ['Department for Education'],
    };
  if (has('Adoption support'))
    return {
      journals: ['Adoption & Fostering', 'Child & Family Social Work'],
      charities: ['Adoption UK', 'Barnardo’s'],
      government: ['Department for Education'],
    };
  if (has('Foster carer recruitment') || has('Foster carer retention'))
    return {
      journals: ['Adoption & Fostering', 'Children and Youth Services Review', 'Child & Family Social Work'],
      charities: ['The Fostering Network', 'Barnardo’s'],
      government: ['Department for Education', 'Ofsted'],
    };
  if (has('Evidence use in policy'))
    return { journals: ['Evidence & Policy', 'Journal of Social Policy'], charities: ['National Children’s Bureau'], government: ['Department for Education'] };
  if (has('Child poverty'))
    return {
      ...EARLY_YEARS,
      journals: ['Journal of Social Policy', 'Children and Youth Services Review', 'BMJ Open'],
      government: ['Department for Work and Pensions', 'Office for National Statistics'],
    };
  return EARLY_YEARS;
}

export const DESIGNS: Array<{ name: string; strength: StrengthRating; bias: string; rationale: string }> = [
  {
    name: 'randomised controlled trial',
    strength: 'strong',
    bias: 'Low: randomised with blinded outcome assessment',
    rationale: 'A well-run trial with a pre-registered protocol and little attrition.',
  },
  {
    name: 'cluster randomised trial',
    strength: 'moderate',
    bias: 'Some: outcomes reported by parents who knew their allocation',
    rationale: 'Randomised, but outcomes were self-reported and some clusters dropped out.',
  },
  {
    name: 'quasi-experimental study',
    strength: 'moderate',
    bias: 'Some: comparison areas were matched, not randomised',
    rationale: 'A careful matched comparison; unmeasured differences between areas may remain.',
  },
  {
    name: 'cohort study',
    strength: 'limited',
    bias: 'Observational: families chose whether to take part',
    rationale: 'Shows an association over time, not that one caused the other.',
  },
  {
    name: 'mixed-methods study',
    strength: 'limited',
    bias: 'No comparison group',
    rationale: 'Rich account of how it worked; not designed to measure impact.',
  },
  {
    name: 'before-and-after study',
    strength: 'very_limited',
    bias: 'High: no comparison group and a small sample',
    rationale: 'Promising, but change could have happened anyway.',
  },
];

export const EFFECTS = [
  { verb: 'improved', policy: 'The approach is worth wider use, with attention to keeping it faithful to the model.' },
  { verb: 'was linked to better', policy: 'Encouraging, but the link is not proof; test it further before scaling.' },
  { verb: 'made little difference to', policy: 'Resources may do more good elsewhere unless the approach is redesigned.' },
  { verb: 'improved, mainly for the most disadvantaged families,', policy: 'Target the approach at the families who gain most from it.' },
  { verb: 'had mixed effects on', policy: 'Look closely at where it worked and why before deciding to expand it.' },
];
