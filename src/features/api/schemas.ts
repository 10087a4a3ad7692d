import { z } from 'zod';
import { choice, requiredText } from '../../core/http/fields.ts';
import { apiAccessLevels } from './tables.ts';

/** How long a new token works; a year at most, so a forgotten token does not work for ever. */
export const tokenLifetimes = ['30', '90', '365'] as const;

export const apiTokenSchema = z.object({
  name: requiredText('a name for the token', 80),
  access: choice(apiAccessLevels, 'Select what the token may do'),
  lifetimeDays: choice(tokenLifetimes, 'Select how long the token works'),
});
export type ApiTokenInput = z.infer<typeof apiTokenSchema>;
