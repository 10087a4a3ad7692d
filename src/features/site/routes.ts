import type { FastifyPluginAsync } from 'fastify';
import { CSRF_COOKIE, SESSION_COOKIE } from '../accounts/session-hook.ts';
import { FLASH_COOKIE } from '../../core/http/flash.ts';
import { ATTEMPT_MINUTES } from '../sso/attempts.ts';
import { SSO_COOKIE } from '../sso/routes.ts';

/** The pages every footer links to, readable without signing in: accessibility, privacy, cookies and contact. */
export const sitePages: FastifyPluginAsync = async (app) => {
  const { config } = app.deps;
  const contact = { email: config.contactEmail, publicUrl: config.publicUrl };

  app.get('/accessibility', async (_request, reply) => reply.page('site/views/accessibility.njk', { title: 'Accessibility statement', contact }));
  app.get('/privacy', async (_request, reply) => reply.page('site/views/privacy.njk', { title: 'Privacy notice', contact }));
  app.get('/cookies', async (_request, reply) =>
    reply.page('site/views/cookies.njk', {
      title: 'Cookies',
      contact,
      cookies: [
        {
          name: SESSION_COOKIE,
          purpose: 'Keeps you signed in. It holds a random token, not your details.',
          expires: `When you sign out, or after ${config.sessionMaxHours} hours`,
        },
        {
          name: CSRF_COOKIE,
          purpose: 'Proves a form you send came from a Bridgework page, so another site cannot send one in your name.',
          expires: 'When you close your browser',
        },
        {
          name: SSO_COOKIE,
          purpose: 'Only while you sign in through your organisation’s account: ties the answer from its sign-in page to your browser.',
          expires: `When you come back signed in, or after ${ATTEMPT_MINUTES} minutes`,
        },
        { name: FLASH_COOKIE, purpose: 'Carries a message such as “Saved” to the next page you see.', expires: 'As soon as the message is shown' },
      ],
    }),
  );
  app.get('/contact', async (_request, reply) => reply.page('site/views/contact.njk', { title: 'Contact', contact }));
};
