import type { Executor } from '../../core/db/client.ts';
import { topics } from '../topics/tables.ts';
import type { SeedContext, SeedRefs } from './seed-context.ts';

export const demoTopics: Array<[string, string]> = [
  ['Early language and communication', 'How babies and young children learn to talk, and what helps parents and settings support it'],
  ['Home learning environment', 'Reading, play and conversation at home in the first five years'],
  ['Perinatal mental health', 'Parents’ mental health from pregnancy to the child’s second birthday'],
  ['Family hubs', 'Local one-stop services for families with children aged 0 to 19'],
  ['Early education and childcare', 'Funded entitlements, sufficiency and quality of early years settings'],
  ['Health visiting', 'The Healthy Child Programme’s mandated reviews and universal health visiting'],
  ['Parenting support', 'Programmes and services that help parents with relationships and behaviour'],
  ['SEND in the early years', 'Identifying and supporting special educational needs and disabilities before school'],
  ['Child poverty', 'Income, material deprivation and their effects on early childhood'],
  ['Early years workforce', 'Recruitment, qualifications and development of the early years workforce'],
  ['Data and evaluation', 'Measuring outcomes, using local data and evaluating services'],
  ['Evidence use in policy', 'How research and other evidence inform policy and commissioning decisions'],
  ['Implementation', 'Putting programmes into practice at scale and keeping them going'],
  ['Co-production with families', 'Designing services with parents, carers and children'],
  ['Foster carer recruitment', 'Attracting and approving new foster carers'],
  ['Foster carer retention', 'Supporting foster carers so they stay'],
  ['Kinship care', 'Children raised by relatives and friends'],
  ['Adoption support', 'Support for adoptive families before and after the order'],
  ['Placement sufficiency', 'Having the right homes for children in care, in the right places'],
  ['Regional collaboration', 'Local authorities working together across hubs, clusters and regions'],
];

export async function seedTopics(tx: Executor, ctx: SeedContext, refs: SeedRefs): Promise<void> {
  const rows = await tx
    .insert(topics)
    .values(demoTopics.map(([name, description]) => ({ workspaceId: ctx.workspaceId, name, description })))
    .returning({ id: topics.id, name: topics.name });
  for (const row of rows) refs.set(`topic:${row.name}`, row.id);
}
