/** The largest file anyone may upload. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** A file from a multipart form, read whole (so the form's CSRF token is checked like any other). */
export interface UploadedFile {
  filename: string;
  mimetype: string;
  data: Buffer;
}
