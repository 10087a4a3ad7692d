import type { FastifyReply } from 'fastify';

/**
 * Send a file someone uploaded. Always as a download, never shown in the page
 * (the file came from a user), under its own name in a form every browser reads.
 */
export function sendUploadedFile(reply: FastifyReply, file: { filename: string; mimetype: string; data: Buffer }) {
  const asciiName = file.filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, "'");
  return reply
    .type(file.mimetype)
    .header('content-disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header('cache-control', 'private, max-age=0')
    .send(file.data);
}
