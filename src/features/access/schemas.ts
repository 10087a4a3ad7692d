import { z } from 'zod';
import { emailField, requiredText } from '../../core/http/fields.ts';
import { passwordSchema } from '../../core/auth/passwords.ts';
import { roles } from '../../core/auth/roles.ts';

const roleField = z.enum(roles, { error: 'Select a role' });

export const inviteExistingSchema = z.object({
  personId: z.string({ error: 'Choose who to invite' }).min(1, 'Choose who to invite').max(40),
  role: roleField,
});

export const inviteNewSchema = z.object({
  fullName: requiredText('their full name', 120),
  email: emailField,
  role: roleField,
});

export const changeRoleSchema = z.object({ role: roleField });

export const acceptInvitationSchema = z
  .object({
    name: requiredText('your full name', 120),
    password: passwordSchema,
    confirmPassword: z.string({ error: 'Confirm your password' }).min(1, 'Confirm your password'),
  })
  .refine((value) => value.password === value.confirmPassword, { path: ['confirmPassword'], message: 'The passwords do not match' });
