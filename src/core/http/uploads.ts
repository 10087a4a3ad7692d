import { z } from 'zod';

/** The largest file anyone may upload: room for a 20,000-record reference export with abstracts (about 30 MB). */
export const MAX_UPLOAD_BYTES = 40 * 1024 * 1024;

/**
 * An uploaded file's name made safe to store and send back: no control
 * characters or path separators, at most `max` characters, and a long name
 * cut before its ending so ".pdf" still says what the file is.
 */
export function safeFilename(name: string, max = 200): string {
  const clean = name.replace(/[\p{Cc}\\/]/gu, '_');
  if (clean.length <= max) return clean;
  const ending = /\.[A-Za-z0-9]{1,8}$/.exec(clean)?.[0] ?? '';
  return clean.slice(0, max - ending.length) + ending;
}

/** A file from a multipart form, read whole (so the form's CSRF token is checked like any other). */
export interface UploadedFile {
  filename: string;
  mimetype: string;
  data: Buffer;
}

/**
 * A form field that should hold a chosen file: the file, or undefined when
 * none was chosen (an empty file input arrives as an empty string or a
 * nameless file), so the form can say "Choose a file" against the field.
 */
export const uploadedFileField = z
  .unknown()
  .optional()
  .transform((value): UploadedFile | undefined => {
    if (!value || typeof value !== 'object') return undefined;
    const { filename, mimetype, data } = value as Partial<UploadedFile>;
    if (typeof filename !== 'string' || filename === '' || !Buffer.isBuffer(data)) return undefined;
    return { filename, mimetype: typeof mimetype === 'string' ? mimetype : 'application/octet-stream', data };
  });
