import type { Executor } from '../../core/db/client.ts';
import { organisations, type OrganisationKind } from '../organisations/tables.ts';
import type { SeedContext, SeedRefs } from './seed-context.ts';

interface DemoOrganisation {
  key: string;
  name: string;
  kind: OrganisationKind;
  region?: string;
  parent?: string;
  description?: string;
}

const national: DemoOrganisation[] = [
  {
    key: 'dfe',
    name: 'Department for Education',
    kind: 'department',
    region: 'National',
    description: 'Leads on early education, childcare, family hubs and children’s social care, including fostering and adoption.',
  },
  {
    key: 'dhsc',
    name: 'Department of Health and Social Care',
    kind: 'department',
    region: 'National',
    description: 'Leads on the Healthy Child Programme, health visiting and perinatal mental health.',
  },
  {
    key: 'mhclg',
    name: 'Ministry of Housing, Communities and Local Government',
    kind: 'department',
    region: 'National',
    description: 'Leads on local government finance and the wider framework local authorities work within.',
  },
  {
    key: 'eyep',
    name: 'Early Years Evidence Partnership',
    kind: 'university',
    region: 'National',
    description: 'A university-led knowledge mobilisation team that brings researchers, civil servants and local leaders together on early childhood policy.',
  },
  {
    key: 'kingsbridge',
    name: 'Kingsbridge University School of Education',
    kind: 'university',
    region: 'South West',
    description: 'Research on child language, early education and social policy.',
  },
  {
    key: 'eastfield',
    name: 'University of Eastfield Department of Psychology',
    kind: 'university',
    region: 'East of England',
    description: 'Developmental psychology, parent–infant relationships and perinatal mental health.',
  },
  {
    key: 'family-voices',
    name: 'Family Voices Network',
    kind: 'charity',
    region: 'National',
    description: 'A parent-led charity that brings families’ experience into policy and service design.',
  },
  {
    key: 'sunrise',
    name: 'Sunrise Children’s Centres',
    kind: 'provider',
    region: 'North West',
    description: 'Runs six children’s centres and family hub sites in Greater Manchester.',
  },
  {
    key: 'riverside',
    name: 'Riverside Community Health NHS Trust',
    kind: 'provider',
    region: 'Yorkshire and the Humber',
    description: 'Community health provider delivering health visiting across West Yorkshire.',
  },
];

/** Ten fostering recruitment hubs of six local authorities each: the delivery programme's sites. */
const hubs: Array<{ key: string; name: string; region: string; authorities: string[] }> = [
  {
    key: 'hub-north-east',
    name: 'North East Fostering Hub',
    region: 'North East',
    authorities: [
      'Newcastle City Council',
      'Gateshead Council',
      'Sunderland City Council',
      'North Tyneside Council',
      'South Tyneside Council',
      'Northumberland County Council',
    ],
  },
  {
    key: 'hub-greater-manchester',
    name: 'Greater Manchester Fostering Hub',
    region: 'North West',
    authorities: ['Manchester City Council', 'Salford City Council', 'Trafford Council', 'Stockport Council', 'Bolton Council', 'Wigan Council'],
  },
  {
    key: 'hub-lancashire-cumbria',
    name: 'Lancashire and Cumbria Fostering Hub',
    region: 'North West',
    authorities: [
      'Lancashire County Council',
      'Blackpool Council',
      'Blackburn with Darwen Borough Council',
      'Cumberland Council',
      'Westmorland and Furness Council',
      'Sefton Council',
    ],
  },
  {
    key: 'hub-west-yorkshire',
    name: 'West Yorkshire Fostering Hub',
    region: 'Yorkshire and the Humber',
    authorities: ['Leeds City Council', 'Bradford Council', 'Kirklees Council', 'Calderdale Council', 'Wakefield Council', 'Barnsley Council'],
  },
  {
    key: 'hub-east-midlands',
    name: 'East Midlands Fostering Hub',
    region: 'East Midlands',
    authorities: [
      'Nottingham City Council',
      'Nottinghamshire County Council',
      'Derby City Council',
      'Derbyshire County Council',
      'Leicester City Council',
      'Leicestershire County Council',
    ],
  },
  {
    key: 'hub-west-midlands',
    name: 'West Midlands Fostering Hub',
    region: 'West Midlands',
    authorities: ['Birmingham City Council', 'Coventry City Council', 'City of Wolverhampton Council', 'Walsall Council', 'Sandwell Council', 'Dudley Council'],
  },
  {
    key: 'hub-east',
    name: 'East of England Fostering Hub',
    region: 'East of England',
    authorities: [
      'Norfolk County Council',
      'Suffolk County Council',
      'Essex County Council',
      'Cambridgeshire County Council',
      'Peterborough City Council',
      'Thurrock Council',
    ],
  },
  {
    key: 'hub-london',
    name: 'North and East London Fostering Hub',
    region: 'London',
    authorities: [
      'London Borough of Hackney',
      'Islington Council',
      'Camden Council',
      'London Borough of Tower Hamlets',
      'London Borough of Newham',
      'London Borough of Waltham Forest',
    ],
  },
  {
    key: 'hub-south-east',
    name: 'South East Fostering Hub',
    region: 'South East',
    authorities: [
      'Kent County Council',
      'Medway Council',
      'Brighton and Hove City Council',
      'East Sussex County Council',
      'West Sussex County Council',
      'Surrey County Council',
    ],
  },
  {
    key: 'hub-south-west',
    name: 'South West Fostering Hub',
    region: 'South West',
    authorities: [
      'Bristol City Council',
      'Bath and North East Somerset Council',
      'South Gloucestershire Council',
      'North Somerset Council',
      'Plymouth City Council',
      'Devon County Council',
    ],
  },
];

export function authorityKey(name: string): string {
  return `la:${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

export async function seedOrganisations(tx: Executor, ctx: SeedContext, refs: SeedRefs): Promise<void> {
  const insert = async (organisation: DemoOrganisation) => {
    const [row] = await tx
      .insert(organisations)
      .values({
        workspaceId: ctx.workspaceId,
        name: organisation.name,
        kind: organisation.kind,
        region: organisation.region ?? '',
        parentId: organisation.parent ? refs.get(organisation.parent) : null,
        description: organisation.description ?? '',
      })
      .returning({ id: organisations.id });
    refs.set(`org:${organisation.key}`, row.id);
  };
  for (const organisation of national) await insert(organisation);
  for (const hub of hubs) {
    await insert({
      key: hub.key,
      name: hub.name,
      kind: 'hub',
      region: hub.region,
      description: `A cluster of six local authorities in ${/^(North|South|East|West)/.test(hub.region) ? 'the ' : ''}${hub.region} recruiting foster carers together through a shared front door, marketing and assessment capacity.`,
    });
    const rows = await tx
      .insert(organisations)
      .values(
        hub.authorities.map((name) => ({
          workspaceId: ctx.workspaceId,
          name,
          kind: 'local_authority' as const,
          region: hub.region,
          parentId: refs.get(`org:${hub.key}`)!,
        })),
      )
      .returning({ id: organisations.id, name: organisations.name });
    for (const row of rows) refs.set(`org:${authorityKey(row.name)}`, row.id);
  }
}
