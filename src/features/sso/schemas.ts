import { z } from 'zod';
import { roles } from '../../core/auth/roles.ts';
import { choice, emailField, optionalText, requiredText } from '../../core/http/fields.ts';

/** The provider as the settings form sends it. The secret may be left blank to keep the saved one; the operation checks that one is saved. */
export const providerSchema = z.object({
  displayName: requiredText('the name to show on the button', 80),
  issuerUrl: requiredText('the issuer address', 500).pipe(z.url({ protocol: /^https?$/, error: 'Enter the issuer as a full address, starting https://' })),
  clientId: requiredText('the client ID', 300),
  clientSecret: optionalText('the client secret', 1000),
  enabled: z.preprocess((value: unknown) => (Array.isArray(value) ? (value.at(-1) as unknown) : value), z.enum(['yes', 'no']).default('no')),
});
export type ProviderInput = z.infer<typeof providerSchema>;

const domainPattern = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** A rule: by email domain or by a claim's value, giving an organisation (optional) and a role. */
export const ruleSchema = z
  .object({
    matchBy: z.enum(['domain', 'claim'], { error: 'Choose whether to match an email domain or a claim' }),
    emailDomain: z
      .string()
      .trim()
      .toLowerCase()
      .transform((value) => value.replace(/^@/, ''))
      .default(''),
    claimName: z.string().trim().max(100, 'The claim’s name must be 100 characters or fewer').default(''),
    claimValue: z.string().trim().max(300, 'The claim’s value must be 300 characters or fewer').default(''),
    organisationId: z.union([z.literal(''), z.uuid({ error: 'Choose an organisation from the list' })]).default(''),
    role: choice(roles, 'Choose a role from the list'),
  })
  .superRefine((rule, ctx) => {
    if (rule.matchBy === 'domain') {
      if (!rule.emailDomain) ctx.addIssue({ code: 'custom', path: ['emailDomain'], message: 'Enter the email domain, such as communities.gov.uk' });
      else if (!domainPattern.test(rule.emailDomain))
        ctx.addIssue({ code: 'custom', path: ['emailDomain'], message: 'Enter a domain such as communities.gov.uk, without the @ or anything before it' });
    } else {
      if (!rule.claimName) ctx.addIssue({ code: 'custom', path: ['claimName'], message: 'Enter the claim’s name, such as groups' });
      else if (!/^[\w.:/-]+$/.test(rule.claimName))
        ctx.addIssue({ code: 'custom', path: ['claimName'], message: 'A claim’s name has letters, digits and . _ : / - only' });
      if (!rule.claimValue) ctx.addIssue({ code: 'custom', path: ['claimValue'], message: 'Enter the value the claim must hold' });
    }
  });
export type RuleInput = z.infer<typeof ruleSchema>;

export const passwordSignInSchema = z.object({ ssoRequired: choice(['yes', 'no'], 'Choose how members sign in') });

/** The work email address someone signing in gives, to find their workspace's provider. */
export const findProviderSchema = z.object({ email: emailField });
