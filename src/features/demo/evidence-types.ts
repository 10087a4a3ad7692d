import type { SourceType, StrengthRating } from '../evidence/tables.ts';

/** One item of the example library, as the seed writes it. */
export interface DemoEvidence {
  type: SourceType;
  title: string;
  authors: string[];
  year: number;
  publisher: string;
  summary: string;
  policy: string;
  population: string;
  geography: string;
  topics: string[];
  strength?: StrengthRating;
  design?: string;
  sample?: string;
  bias?: string;
  rationale?: string;
  sites?: number;
  evaluated?: boolean;
  voices?: number;
  method?: string;
  addedBy?: string;
}
