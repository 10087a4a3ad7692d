import type { DemoPerson } from './demo-person.ts';
import { authorityKey } from './organisations.ts';

const la = (name: string) => `org:${authorityKey(name)}`;

/** Leaders of the finished Regional Adoption Agencies programme, who merged councils' adoption teams before the fostering hubs did. */
export const REGIONAL_ADOPTION_LEADERS: DemoPerson[] = [
  {
    name: 'Margaret Ellison',
    job: 'Head of One Adoption West Yorkshire',
    org: la('Leeds City Council'),
    role: 'member',
    topics: ['Regional collaboration', 'Foster carer recruitment'],
    bio: 'Led the merger of five councils’ adoption teams into one regional agency: one front door, shared recruitment, a link worker for each council.',
  },
  {
    name: 'Kwame Asante',
    job: 'Service Manager, Adoption Counts',
    org: la('Manchester City Council'),
    role: 'member',
    topics: ['Regional collaboration', 'Data and evaluation'],
    bio: 'Set up the shared recruitment and enquiry service for the Greater Manchester adoption agency and its performance reporting to each council.',
  },
  {
    name: 'Ruth Penhaligon',
    job: 'Head of Adopt South West',
    org: la('Bristol City Council'),
    role: 'member',
    topics: ['Regional collaboration'],
    bio: 'Runs a regional adoption agency across four councils; chaired the leaders’ programme’s working group on funding formulas.',
  },
];
