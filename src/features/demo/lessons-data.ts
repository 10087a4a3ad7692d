/** The Regional Adoption Agencies leaders' programme: what it changed, its impact, and the forty lessons it left. */
import { AGENCY, RAA_FINDING_LESSONS, type DemoLesson } from './lessons-findings-data.ts';

export type { DemoLesson, DemoSource } from './lessons-findings-data.ts';

export interface DemoChange {
  youSaid: string;
  weDid: string;
  /** Days after the programme started. */
  day: number;
}

export const RAA_CHANGES: DemoChange[] = [
  {
    youSaid: 'We need time with leaders whose agencies went live before ours, not more presentations.',
    weDid: 'Half of each session became peer consultancy in threes, each with a leader who was already live.',
    day: 40,
  },
  {
    youSaid: 'Finance officers from the councils should hear the pooled budget discussion, not just us.',
    weDid: 'Opened the finance session to each agency’s lead finance officer.',
    day: 75,
  },
  {
    youSaid: 'The performance measures are agreed in the room and then each council counts differently.',
    weDid: 'Wrote one definitions sheet with the department’s analysts and agreed it before the next return.',
    day: 110,
  },
  {
    youSaid: 'Adopters’ voices are missing from the programme.',
    weDid: 'Two adoptive parents joined the support session and reviewed the adoption support offer.',
    day: 150,
  },
  {
    youSaid: 'Monthly meetings in London cost a day of travel for the northern agencies.',
    weDid: 'Alternated sessions between Leeds and Bristol, with every other one online.',
    day: 180,
  },
  { youSaid: 'We want to keep meeting after the programme ends.', weDid: 'Set up the leaders’ network with a quarterly meeting chaired in turn.', day: 250 },
];

export interface DemoImpact {
  level: 'awareness' | 'discussion' | 'decision' | 'implementation';
  whatChanged: string;
  policyOrDecision: string;
  day: number;
  confirmer: string;
}

export const RAA_IMPACT: DemoImpact[] = [
  {
    level: 'implementation',
    whatChanged: 'Five councils signed one data sharing agreement for adoption records before the agency went live.',
    policyOrDecision: 'One Adoption West Yorkshire data sharing agreement',
    day: 120,
    confirmer: 'Information Governance Lead, Leeds City Council',
  },
  {
    level: 'decision',
    whatChanged: 'The agency board agreed to pool adoption support budgets rather than recharge each council case by case.',
    policyOrDecision: 'Adoption Counts pooled budget for adoption support',
    day: 160,
    confirmer: 'Director of Children’s Services, Manchester City Council',
  },
  {
    level: 'implementation',
    whatChanged: 'An early permanence scheme shared between three agencies, with one set of training for carers.',
    policyOrDecision: 'Shared early permanence training across the South West agencies',
    day: 210,
    confirmer: 'Head of Adopt South West',
  },
  {
    level: 'decision',
    whatChanged: 'The department adopted the leaders’ common definitions for timeliness measures in its national return.',
    policyOrDecision: 'Adoption leadership board data definitions',
    day: 240,
    confirmer: 'Deputy Director, Adoption, Department for Education',
  },
  {
    level: 'discussion',
    whatChanged: 'Two agencies reviewed their adopter recruitment campaigns against the programme’s evidence on who goes on to adopt.',
    policyOrDecision: 'Adopter recruitment plans 2025',
    day: 230,
    confirmer: 'Service Manager, Adoption Counts',
  },
];

export const RAA_LESSONS: DemoLesson[] = [
  {
    title: 'Sign the data sharing agreement before the first shared case',
    phase: 'set_up',
    placeKind: AGENCY,
    whatHappened:
      'Agencies that went live before their councils had agreed how to share adoption records could not see each other’s case histories for up to three months.',
    whatWorked: 'Where information governance leads from every council drafted one agreement together, it was signed in six weeks.',
    recommendation: 'Put the data sharing agreement on the critical path: no shared cases until every council has signed it.',
    sites: 4,
    evaluated: true,
    topics: ['Regional collaboration', 'Data and evaluation'],
    source: { impact: 0 },
  },
  {
    title: 'Pool the adoption support budget instead of recharging case by case',
    phase: 'set_up',
    placeKind: AGENCY,
    whatHappened: 'Recharging each council for each family’s support created a backlog of invoices and delayed support while councils queried them.',
    whatWorked: 'A pooled budget, set each year by a formula agreed by the councils, let the agency commission support in days.',
    recommendation: 'Agree a pooled budget and a simple formula for contributions before go-live; review it yearly, not case by case.',
    sites: 3,
    evaluated: true,
    topics: ['Adoption support', 'Regional collaboration'],
    source: { impact: 1 },
  },
  {
    title: 'Bring finance officers into the design early',
    phase: 'design',
    placeKind: AGENCY,
    whatHappened: 'Leaders designed the funding model on their own, and council finance officers reopened it months later.',
    whatWorked: 'Inviting each council’s lead finance officer to the finance session produced a model all councils signed.',
    recommendation: 'Make the councils’ finance officers part of the design team from the first month.',
    sites: 5,
    evaluated: false,
    topics: ['Regional collaboration'],
    source: { change: 1 },
  },
  {
    title: 'Agree one definitions sheet for performance measures',
    phase: 'delivery',
    placeKind: AGENCY,
    whatHappened: 'Councils in the same agency counted timeliness from different starting points, so the agency’s figures could not be compared or trusted.',
    whatWorked: 'A definitions sheet agreed with the department’s analysts, used by every council from the next return.',
    recommendation: 'Write the definitions of every measure down once, agree them with the analysts, and use them in every return.',
    sites: 6,
    evaluated: true,
    topics: ['Data and evaluation', 'Regional collaboration'],
    source: { change: 2 },
  },
  {
    title: 'Learn from leaders who are already live',
    phase: 'set_up',
    placeKind: AGENCY,
    whatHappened: 'Presentations about agencies in general helped little; leaders wanted to ask someone who had just been through go-live.',
    whatWorked: 'Peer consultancy in threes, each with a leader whose agency was already live, was the part of sessions rated most useful.',
    recommendation: 'Pair each new leader with a leader whose agency went live within the last year, and give them time together in every session.',
    sites: 7,
    evaluated: true,
    topics: ['Implementation', 'Regional collaboration'],
    source: { change: 0 },
  },
  {
    title: 'Hear adopters before designing the support offer',
    phase: 'design',
    placeKind: AGENCY,
    whatHappened:
      'The first draft of the adoption support offer was written without adoptive parents and missed what families found hardest: help at school transitions.',
    whatWorked: 'Two adoptive parents reviewing the offer added school transition support and a named contact.',
    recommendation: 'Co-design the adoption support offer with adoptive parents, and have them review it before it is published.',
    sites: 3,
    evaluated: false,
    topics: ['Adoption support', 'Co-production with families'],
    source: { change: 3 },
  },
  {
    title: 'Alternate meeting places so the whole region can come',
    phase: 'delivery',
    placeKind: 'A programme spanning several regions',
    whatHappened: 'Monthly meetings in London cost the northern leaders a day of travel, and attendance from the north fell.',
    whatWorked: 'Alternating between Leeds and Bristol, with every other meeting online, brought attendance back.',
    recommendation: 'Hold meetings where the members are, and put every other one online.',
    sites: 7,
    evaluated: false,
    topics: ['Regional collaboration'],
    source: { change: 4 },
  },
  {
    title: 'Plan how the network continues before the programme ends',
    phase: 'closing',
    placeKind: 'A leaders’ programme',
    whatHappened: 'Leaders valued the network most, and feared it would lapse when the facilitated sessions stopped.',
    whatWorked: 'A quarterly leaders’ meeting chaired in turn kept the network meeting a year on.',
    recommendation: 'Agree, three months before the end, who will convene the network afterwards and how often it will meet.',
    sites: 7,
    evaluated: true,
    topics: ['Regional collaboration', 'Implementation'],
    source: { change: 5 },
  },
  {
    title: 'Share early permanence training between agencies',
    phase: 'delivery',
    placeKind: 'Neighbouring agencies',
    whatHappened: 'Each agency was designing its own early permanence training for a handful of carers a year.',
    whatWorked: 'Three agencies ran one training programme together, with enough carers for a cohort each quarter.',
    recommendation: 'Run early permanence training across neighbouring agencies rather than each alone.',
    sites: 3,
    evaluated: true,
    topics: ['Placement sufficiency', 'Regional collaboration'],
    source: { impact: 2 },
  },
  {
    title: 'Give the department your definitions, not just your figures',
    phase: 'evaluation',
    placeKind: AGENCY,
    whatHappened: 'National returns asked for timeliness measures that each agency interpreted differently.',
    whatWorked: 'The leaders’ common definitions were adopted in the national return, making figures comparable across agencies.',
    recommendation: 'When the centre asks for a measure, offer it the definition agreed locally and ask it to adopt it.',
    sites: 7,
    evaluated: true,
    topics: ['Data and evaluation', 'Evidence use in policy'],
    source: { impact: 3 },
  },
  {
    title: 'Check recruitment campaigns against who goes on to adopt',
    phase: 'delivery',
    placeKind: AGENCY,
    whatHappened: 'Campaigns produced many enquiries from people unlikely to adopt the children waiting longest: sibling groups and older children.',
    whatWorked: 'Reviewing campaigns against who actually went on to adopt shifted messages towards sibling groups.',
    recommendation: 'Judge recruitment campaigns by approvals for the children who wait longest, not by enquiries.',
    sites: 2,
    evaluated: false,
    topics: ['Adoption support', 'Foster carer recruitment'],
    source: { impact: 4 },
  },
  ...RAA_FINDING_LESSONS,
];
