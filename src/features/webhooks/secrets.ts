import { randomBytes } from 'node:crypto';

/** A signing secret in Standard Webhooks' form, which its libraries (in most languages) take as it is. */
export const newSigningSecret = (): string => `whsec_${randomBytes(24).toString('base64')}`;
