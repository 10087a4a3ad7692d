import type { Role } from '../../core/auth/roles.ts';
import type { Perspective } from '../people/tables.ts';

/** A person of the example workspace, as the people step writes them. */
export interface DemoPerson {
  name: string;
  job: string;
  org: string;
  role?: Role;
  topics: string[];
  bio: string;
  phone?: string;
  openToContact?: boolean;
  /** Only where it is not the one their organisation gives (parents speak from lived experience). */
  perspective?: Perspective;
}
