import { z } from 'zod';
import { emailField } from '../../core/http/fields.ts';
import { MAX_PASSWORD_LENGTH, passwordSchema } from '../../core/auth/passwords.ts';

export const signInSchema = z.object({
  email: emailField,
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(MAX_PASSWORD_LENGTH, 'Enter a correct email address and password'),
  next: z.string().optional(),
});

export const forgotPasswordSchema = z.object({ email: emailField });

/** New password twice, so a typo does not lock someone out. */
export const newPasswordSchema = z
  .object({
    password: passwordSchema,
    confirmPassword: z.string({ error: 'Confirm your new password' }).min(1, 'Confirm your new password'),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The passwords do not match',
  });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: 'Enter your current password' }).min(1, 'Enter your current password').max(MAX_PASSWORD_LENGTH),
    password: passwordSchema,
    confirmPassword: z.string({ error: 'Confirm your new password' }).min(1, 'Confirm your new password'),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The passwords do not match',
  });
