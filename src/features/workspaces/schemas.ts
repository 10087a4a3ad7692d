import { z } from 'zod';
import { emailField, optionalText, requiredText } from '../../core/http/fields.ts';
import { passwordSchema } from '../../core/auth/passwords.ts';

export const EXAMPLE_WORKSPACE_NAME = 'Early Years Evidence Partnership';

export const setupSchema = z
  .object({
    start: z.enum(['empty', 'example'], { error: 'Choose how to start' }),
    workspaceName: optionalText('workspace name', 120),
    name: requiredText('your full name', 120),
    email: emailField,
    password: passwordSchema,
    confirmPassword: z.string({ error: 'Confirm your password' }).min(1, 'Confirm your password'),
  })
  .superRefine((value, ctx) => {
    if (value.start === 'empty' && value.workspaceName === '') {
      ctx.addIssue({ code: 'custom', path: ['workspaceName'], message: 'Enter a name for the workspace' });
    }
    if (value.password !== value.confirmPassword) {
      ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'The passwords do not match' });
    }
  });

export type SetupInput = z.output<typeof setupSchema>;
