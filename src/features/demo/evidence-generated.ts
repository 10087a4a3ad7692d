import type { SourceType, StrengthRating } from '../evidence/tables.ts';
import type { DemoEvidence } from './evidence-types.ts';

/**
 * A few hundred more plausible items for the example library, composed from
 * the early-years and children's social care themes the partnership works on.
 * Made up, but shaped like the real literature: studies, reviews, evaluations,
 * statistics, practice insight, family voice and guidance, with a fixed
 * pseudo-random sequence so every example workspace gets the same library.
 */

interface Theme {
  topics: string[];
  /** The people it is about, as a phrase inside a sentence. */
  who: string;
  population: string;
  interventions: string[];
  outcomes: string[];
}

const THEMES: Theme[] = [
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

const PLACES = [
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

const SURNAMES = [
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
const INITIALS = ['A.', 'B.', 'C.', 'D.', 'E.', 'F.', 'G.', 'H.', 'J.', 'K.', 'L.', 'M.', 'N.', 'P.', 'R.', 'S.', 'T.'];

const JOURNALS = [
  'Child Development',
  'Journal of Child Psychology and Psychiatry',
  'Children and Youth Services Review',
  'Child & Family Social Work',
  'BMJ Open',
  'Early Childhood Research Quarterly',
  'Adoption & Fostering',
  'Journal of Social Policy',
  'Archives of Disease in Childhood',
  'Evidence & Policy',
];
const REPORT_PUBLISHERS = [
  'Early Years Evidence Partnership',
  'Education Endowment Foundation',
  'Foundations, the What Works Centre for Children & Families',
  'Nuffield Foundation',
  'National Children’s Bureau',
  'Kingsbridge University',
];
const GOVERNMENT = [
  'Department for Education',
  'Department of Health and Social Care',
  'Office for Health Improvement and Disparities',
  'Ofsted',
  'Office for National Statistics',
];
const CHARITIES = ['Family Voices Network', 'Kinship', 'The Fostering Network', 'Adoption UK', 'Home-Start UK', 'Barnardo’s'];

const DESIGNS: Array<{ name: string; strength: StrengthRating; bias: string; rationale: string }> = [
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

const EFFECTS = [
  { verb: 'improved', policy: 'The approach is worth wider use, with attention to keeping it faithful to the model.' },
  { verb: 'was linked to better', policy: 'Encouraging, but the link is not proof; test it further before scaling.' },
  { verb: 'made little difference to', policy: 'Resources may do more good elsewhere unless the approach is redesigned.' },
  { verb: 'improved, mainly for the most disadvantaged families,', policy: 'Target the approach at the families who gain most from it.' },
  { verb: 'had mixed effects on', policy: 'Look closely at where it worked and why before deciding to expand it.' },
];

function sequence(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function generatedEvidence(count: number): DemoEvidence[] {
  const random = sequence(7_316);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const authors = (n: number) => Array.from({ length: n }, () => `${pick(SURNAMES)}, ${pick(INITIALS)}`);
  const titles = new Set<string>();
  const items: DemoEvidence[] = [];
  const kinds: SourceType[] = [
    'research_study',
    'research_study',
    'research_study',
    'systematic_review',
    'evaluation_report',
    'evaluation_report',
    'data_statistics',
    'practitioner_insight',
    'lived_experience',
    'guidance',
    'policy_document',
  ];
  let attempts = 0;
  while (items.length < count && attempts++ < count * 20) {
    const theme = pick(THEMES);
    const intervention = pick(theme.interventions);
    const outcome = pick(theme.outcomes);
    const place = pick(PLACES);
    const type = pick(kinds);
    const year = 2008 + Math.floor(random() * 18);
    const effect = pick(EFFECTS);
    const base = {
      population: theme.population,
      geography: place === 'England' || place.includes('regions') || place.includes('authorities') ? 'England' : place,
      topics: theme.topics,
      year,
    };
    let item: DemoEvidence;
    switch (type) {
      case 'research_study': {
        const design = pick(DESIGNS);
        const n = 40 + Math.floor(random() * 2400);
        item = {
          ...base,
          type,
          title: `${capitalise(intervention)} and ${outcome}: a ${design.name} in ${place}`,
          authors: authors(2 + Math.floor(random() * 3)),
          publisher: pick(JOURNALS),
          summary: `${capitalise(intervention)} ${effect.verb} ${outcome} in a ${design.name} of ${n.toLocaleString('en-GB')} ${theme.who} in ${place}.`,
          policy: effect.policy,
          strength: design.strength,
          design: capitalise(design.name),
          sample: `${n.toLocaleString('en-GB')} participants in ${place}`,
          bias: design.bias,
          rationale: design.rationale,
        };
        break;
      }
      case 'systematic_review': {
        const studies = 8 + Math.floor(random() * 50);
        const strong = random() > 0.4;
        item = {
          ...base,
          type,
          title: `${capitalise(intervention)} for ${theme.who}: a systematic review of effects on ${outcome}`,
          authors: authors(3),
          publisher: random() > 0.5 ? 'Campbell Systematic Reviews' : 'Cochrane Database of Systematic Reviews',
          summary: `Across ${studies} studies, ${intervention} ${effect.verb} ${outcome}. Effects were larger in well-implemented programmes.`,
          policy: effect.policy,
          strength: strong ? 'strong' : 'moderate',
          design: 'Systematic review and meta-analysis',
          sample: `${studies} studies`,
          bias: strong ? 'Most included studies at low risk of bias' : 'Many included studies small or at unclear risk of bias',
          rationale: strong ? 'Consistent results across many good trials.' : 'Consistent direction of effect, but the underlying studies are weaker.',
        };
        break;
      }
      case 'evaluation_report': {
        const design = pick(DESIGNS.slice(2));
        item = {
          ...base,
          type,
          title: `Evaluation of ${intervention} in ${place}: ${random() > 0.5 ? 'final' : 'interim'} report`,
          authors: authors(2),
          publisher: pick(REPORT_PUBLISHERS),
          summary: `An independent evaluation found that ${intervention} ${effect.verb} ${outcome}. Staff turnover and data sharing were the main barriers to delivery.`,
          policy: effect.policy,
          strength: design.strength,
          design: capitalise(design.name),
          sample: `${place}`,
          bias: design.bias,
          rationale: design.rationale,
        };
        break;
      }
      case 'data_statistics':
        item = {
          ...base,
          type,
          title: `${capitalise(outcome)}: statistics by local authority, ${year}`,
          authors: [pick(GOVERNMENT)],
          publisher: pick(GOVERNMENT),
          summary: `Annual figures on ${outcome} for ${theme.who}, by local authority and region, with the change since the previous year.`,
          policy: 'Shows where outcomes are furthest behind and how they are changing.',
          geography: 'England, by local authority',
        };
        break;
      case 'practitioner_insight':
        item = {
          ...base,
          type,
          title: `What we learned from ${intervention} in ${place}`,
          authors: authors(1),
          publisher: pick([...CHARITIES, ...REPORT_PUBLISHERS]),
          summary: `Practitioners in ${place} describe their experience of ${intervention}: what they would do again, what they would change, and how people responded.`,
          policy: 'Practical lessons for areas planning something similar.',
          sites: 1 + Math.floor(random() * 12),
          evaluated: random() > 0.6,
        };
        break;
      case 'lived_experience':
        item = {
          ...base,
          type,
          title: `${capitalise(theme.who)} on ${intervention}: what helped and what did not`,
          authors: [pick(CHARITIES)],
          publisher: pick(CHARITIES),
          summary: `People with direct experience of ${intervention} said that being listened to and having a named contact mattered most, and that delays and repeated assessments wore them down.`,
          policy: 'Design services around a named contact and fewer repeated assessments.',
          voices: 8 + Math.floor(random() * 80),
          method: pick([
            'Focus groups',
            'Interviews',
            'Diaries and follow-up interviews',
            'An online survey with free-text answers',
            'Workshops led by parents',
          ]),
        };
        break;
      case 'guidance':
        item = {
          ...base,
          type,
          title: `Commissioning ${intervention}: a practical guide`,
          authors: [pick(REPORT_PUBLISHERS)],
          publisher: pick(REPORT_PUBLISHERS),
          summary: `Step-by-step guidance for commissioners on ${intervention}, including what to ask providers and how to monitor ${outcome}.`,
          policy: 'A reference for commissioners and service designers.',
          geography: 'England',
        };
        break;
      default:
        item = {
          ...base,
          type: 'policy_document',
          title: `${capitalise(intervention)}: policy statement ${year}`,
          authors: [pick(GOVERNMENT)],
          publisher: pick(GOVERNMENT),
          summary: `Sets out the government’s expectations of local areas on ${intervention}, and how progress on ${outcome} will be reported.`,
          policy: 'Defines what local areas will be asked to deliver and report.',
          geography: 'England',
        };
    }
    if (titles.has(item.title.toLowerCase())) continue;
    titles.add(item.title.toLowerCase());
    items.push(item);
  }
  return items;
}
