import { z } from 'zod';
import { RETENTION_MONTHS } from './retention.ts';

const period = z.enum(['', ...RETENTION_MONTHS], { error: 'Choose how long to keep them from the list' }).default('');

export const privacySettingsSchema = z.object({
  notice: z.string().max(20_000, 'The notice must be 20,000 characters or fewer').default(''),
  mail: period,
  notifications: period,
  audit: period,
});
export type PrivacySettingsInput = z.infer<typeof privacySettingsSchema>;
