import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ViewEnvironment } from '../views/render.ts';
import { navigationFor } from '../views/navigation.ts';
import { takeFlash } from './flash.ts';

declare module 'fastify' {
  interface FastifyReply {
    page(template: string, data?: Record<string, unknown>): FastifyReply;
    /** Part of a page, fetched by the page's own script: no layout, and the flash and form token left alone. */
    fragment(template: string, data?: Record<string, unknown>): FastifyReply;
  }
  interface FastifyRequest {
    /** The header's notifications link and its unread count, set by the feature that keeps them. */
    bell?: { href: string; unread: number };
  }
}

/** Values every layout needs, from the request: who is signed in, where they are, the CSRF token. */
export function layoutContext(request: FastifyRequest, reply: FastifyReply) {
  const workspace = request.workspace;
  const member = request.member;
  const path = request.url.split('?')[0];
  return {
    cspNonce: (reply as unknown as { cspNonce?: { script: string } }).cspNonce?.script,
    csrfToken: reply.generateCsrf(),
    account: request.account,
    workspace,
    member,
    basePath: workspace ? `/w/${workspace.slug}` : '',
    navigation: workspace && member ? navigationFor(workspace.slug, member.role, path) : [],
    bell: request.bell,
    currentPath: path,
    flash: takeFlash(request, reply),
  };
}

export function renderPage(views: ViewEnvironment) {
  return function page(this: FastifyReply, template: string, data: Record<string, unknown> = {}) {
    const html = views.render(template, { ...layoutContext(this.request, this), ...data });
    return this.type('text/html; charset=utf-8').send(html);
  };
}

export function renderFragment(views: ViewEnvironment) {
  return function fragment(this: FastifyReply, template: string, data: Record<string, unknown> = {}) {
    const { workspace, member } = this.request;
    const html = views.render(template, { workspace, member, basePath: workspace ? `/w/${workspace.slug}` : '', ...data });
    return this.type('text/html; charset=utf-8').send(html);
  };
}
