import type { SourceType } from '../evidence/tables.ts';
import type { DemoEvidence } from './evidence-types.ts';
import { THEMES, PLACES, SURNAMES, INITIALS, JOURNALS, REPORT_PUBLISHERS, GOVERNMENT, CHARITIES, DESIGNS, EFFECTS } from './evidence-generated-data.ts';

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
