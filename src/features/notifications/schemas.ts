import { z } from 'zod';
import { emailFrequencies } from './tables.ts';

const frequency = z.enum(emailFrequencies, { error: 'Choose how often to be e-mailed' });

/**
 * The settings form: the person's own frequency, and one field per community
 * ("scope-community-<id>") whose value is a frequency or "default" (follow the
 * person's own).
 */
export const settingsSchema = z.looseObject({ frequency }).transform((body, ctx) => {
  const scopes: Array<{ kind: string; id: string; frequency: (typeof emailFrequencies)[number] | null }> = [];
  for (const [key, value] of Object.entries(body)) {
    const match = /^scope-([a-z_]+)-([0-9a-f-]{36})$/.exec(key);
    if (!match) continue;
    if (value === 'default') scopes.push({ kind: match[1], id: match[2], frequency: null });
    else if (typeof value === 'string' && (emailFrequencies as readonly string[]).includes(value))
      scopes.push({ kind: match[1], id: match[2], frequency: value as (typeof emailFrequencies)[number] });
    else ctx.addIssue({ code: 'custom', path: [key], message: 'Choose how often to be e-mailed about this community' });
  }
  return { frequency: body.frequency, scopes };
});
export type SettingsInput = z.output<typeof settingsSchema>;

export const notificationListQuery = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1) });
