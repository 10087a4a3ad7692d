import { z } from 'zod';
import { uploadedFileField } from '../../../core/http/uploads.ts';

/** The revision the editor loaded (0 for a return not yet started); anything unreadable can never match, so it shows as a clash. */
export const revisionField = z
  .unknown()
  .optional()
  .transform((value) => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : -1));

export const correctionSchema = z.object({
  reason: z.preprocess(
    (value) => (typeof value === 'string' ? value.trim() : ''),
    z.string().min(1, 'Say what needs correcting').max(2000, 'The reason must be 2000 characters or fewer'),
  ),
});

export const uploadSchema = z.object({
  file: uploadedFileField,
  submit: z
    .unknown()
    .optional()
    .transform((value) => value === 'yes'),
});
