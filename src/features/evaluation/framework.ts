import type { Executor } from '../../core/db/client.ts';
import { outcomeDomains, surveyQuestions } from './tables.ts';
/**
 * The default outcome framework: the five Mobilise domains, each with Likert
 * items on a five-point agreement scale. Facilitators can change all of it.
 */
export const AGREEMENT_5 = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'];
export const AGREEMENT_7 = ['Strongly disagree', 'Disagree', 'Somewhat disagree', 'Neither agree nor disagree', 'Somewhat agree', 'Agree', 'Strongly agree'];

export const defaultFramework: Array<{ name: string; description: string; items: string[] }> = [
  {
    name: 'Knowledge and understanding',
    description: 'Of the evidence on early childhood, and of what it takes to implement policy well.',
    items: [
      'I understand the research evidence on what matters in the first five years.',
      'I know where to find good evidence on early childhood quickly.',
      'I understand what it takes to implement a policy well in local areas.',
      'I can judge how strong a piece of evidence is.',
    ],
  },
  {
    name: 'Openness to diverse forms of evidence',
    description: 'Valuing research, data, practice insight and the voices of families.',
    items: [
      'I value insight from people delivering services as evidence.',
      'I value what families say about services as evidence.',
      'I look beyond research studies when I make a case.',
    ],
  },
  {
    name: 'Confidence to advocate and use evidence',
    description: 'Bringing evidence into decisions and challenging proposals with it.',
    items: [
      'I feel confident using evidence to challenge a proposal.',
      'I feel confident bringing evidence into decisions in my organisation.',
      'I know how to ask researchers for help.',
    ],
  },
  {
    name: 'Communication and making a compelling case',
    description: 'Explaining evidence plainly and persuasively to different audiences.',
    items: [
      'I can explain what the evidence says in plain English.',
      'I can make a compelling case to senior decision makers.',
      'I can tailor a message about evidence to different audiences.',
    ],
  },
  {
    name: 'Relationships and networks',
    description: 'Ties across research, policy, central and local government.',
    items: [
      'I know people in central and local government I can ask for advice.',
      'I know researchers I can contact about my policy area.',
      'I am part of a network of people working on early childhood.',
    ],
  },
];

/** Questions that are not about one domain, asked at the end of the programme. */
export const defaultClosingQuestions = {
  practiceChange: 'Because of the programme, I now work differently.',
  whatChanged: 'What, if anything, have you done differently because of the programme?',
  anythingElse: 'Is there anything else you would like to tell us?',
};

/** The default domains and questions, written in the caller's transaction (also used by the example data). */
export async function createDefaultFramework(tx: Executor, workspaceId: string, programmeId: string) {
  {
    let position = 0;
    for (const [index, domain] of defaultFramework.entries()) {
      const [row] = await tx
        .insert(outcomeDomains)
        .values({ workspaceId, programmeId, name: domain.name, description: domain.description, position: index })
        .returning({ id: outcomeDomains.id });
      await tx.insert(surveyQuestions).values(
        domain.items.map((text) => ({
          workspaceId,
          programmeId,
          domainId: row.id,
          kind: 'likert' as const,
          text,
          scalePoints: 5,
          scaleLabels: AGREEMENT_5,
          position: position++,
        })),
      );
    }
    await tx.insert(surveyQuestions).values([
      {
        workspaceId,
        programmeId,
        kind: 'likert',
        text: defaultClosingQuestions.practiceChange,
        scalePoints: 5,
        scaleLabels: AGREEMENT_5,
        measuresPracticeChange: true,
        position: position++,
      },
      { workspaceId, programmeId, kind: 'text', text: defaultClosingQuestions.whatChanged, position: position++ },
      { workspaceId, programmeId, kind: 'text', text: defaultClosingQuestions.anythingElse, position: position++ },
    ]);
  }
}
