import type { FastifyReply, FastifyRequest } from 'fastify';

export interface Flash {
  kind: 'success' | 'important';
  title?: string;
  text: string;
}

export const FLASH_COOKIE = 'bw_flash';

/** One message carried across a redirect (POST, redirect, GET), in a signed cookie. */
export function setFlash(reply: FastifyReply, flash: Flash): void {
  reply.setCookie(FLASH_COOKIE, JSON.stringify(flash), { path: '/', httpOnly: true, sameSite: 'lax', signed: true, maxAge: 60 });
}

export function takeFlash(request: FastifyRequest, reply: FastifyReply): Flash | undefined {
  const raw = request.cookies[FLASH_COOKIE];
  if (!raw) return undefined;
  reply.clearCookie(FLASH_COOKIE, { path: '/' });
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || unsigned.value === null) return undefined;
  try {
    const parsed = JSON.parse(unsigned.value) as Flash;
    return typeof parsed.text === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Redirect after a form (POST, redirect, GET) with a banner to show on the page it lands on. */
export function redirectWithFlash(reply: FastifyReply, to: string, text: string, kind: Flash['kind'] = 'success') {
  setFlash(reply, { kind, text });
  return reply.redirect(to);
}
