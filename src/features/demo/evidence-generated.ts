import type { SourceType } from '../evidence/tables.ts';
import type { DemoEvidence } from './evidence-types.ts';
import { THEMES, PLACES, SURNAMES, INITIALS, REPORT_PUBLISHERS, DESIGNS, EFFECTS, outletsFor } from './evidence-generated-data.ts';

/**
 * A few hundred more plausible items for the example library, composed from
 * the early-years and children's social care themes the partnership works on.
 * Made up, but shaped like the real literature: studies, reviews, evaluations,
 * statistics, practice insight, family voice and guidance, with a fixed
 * pseudo-random sequence so every example workspace gets the same library.
 */

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
    const outlets = outletsFor(theme.topics);
    // A figure that makes each summary say something its title does not.
    const points = 2 + Math.floor(random() * 14);
    const finding = effect.verb.startsWith('made little')
      ? `a difference of under 1 percentage point`
      : `${points} percentage points ${effect.verb.includes('mixed') ? 'in some areas and none in others' : 'after a year'}`;
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
          publisher: pick(outlets.journals),
          summary: `${n.toLocaleString('en-GB')} ${theme.who} took part. Compared with usual services, ${intervention} ${effect.verb} ${outcome} (${finding}). ${pick(['Take-up was highest where the offer came from a familiar professional.', 'Families who dropped out early were the ones with least to start with.', 'Effects faded by the two-year follow-up unless support continued.', 'Delivery cost about £' + (300 + Math.floor(random() * 900)) + ' a family.'])}`,
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
          summary: `Pooling ${studies} studies (${Math.floor(studies * 0.6)} from the UK or similar countries), ${intervention} ${effect.verb} ${outcome}. ${pick(['Programmes delivered as designed did about twice as well as adapted ones.', 'Few studies followed families for more than a year.', 'Most studies were in cities; rural evidence is thin.'])}`,
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
          summary: `Over ${1 + Math.floor(random() * 3)} years in ${place}, ${intervention} ${effect.verb} ${outcome} (${finding}). ${pick(['Staff turnover and data sharing were the main barriers.', 'Referrals rose once health visitors could refer directly.', 'Costs were within budget, but reaching fathers proved hard.'])}`,
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
          authors: [pick(outlets.government)],
          publisher: pick(outlets.government),
          summary: `Annual figures on ${outcome} for ${theme.who}, by local authority and region. The gap between the highest and lowest regions ${pick(['narrowed slightly', 'widened', 'stayed about the same'])} on the year before.`,
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
          publisher: pick([...outlets.charities, ...REPORT_PUBLISHERS]),
          summary: `Practitioners in ${place} found that ${pick(['a named lead in each team', 'starting small, in two sites first,', 'sharing one referral form across partners', 'training managers before frontline staff'])} made ${intervention} work; ${pick(['paperwork', 'waiting lists', 'unclear eligibility', 'short-term funding'])} got in the way.`,
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
          authors: [outlets.charities[0]],
          publisher: outlets.charities[0],
          summary: `${capitalise(theme.who)} said ${pick(['having one named contact', 'being believed the first time', 'help arriving before crisis', 'meeting others in the same position'])} mattered most, and ${pick(['repeated assessments', 'long waits', 'being passed between services', 'forms written in jargon'])} wore them down.`,
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
          authors: [pick(outlets.government)],
          publisher: pick(outlets.government),
          summary: `Local areas are expected to offer ${intervention} by ${year + 2} and to report ${outcome} each year; funding is tied to ${pick(['a published local plan', 'joint work with health partners', 'a named strategic lead'])}.`,
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
