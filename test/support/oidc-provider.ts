import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** What the provider says about someone who signs in there with a login name. */
export type PersonClaims = { email?: string; email_verified?: boolean; name?: string; groups?: string[] };

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** People the provider knows, by the login name typed at its sign-in form; anyone else has no e-mail. */
  people: Map<string, PersonClaims>;
  /**
   * Sign in at the provider as a browser would, from the authorisation address
   * Bridgework redirected to: the login form, then the consent form. Returns
   * the address the provider sends the browser back to (with the code), or
   * with `abort`, cancels at the login form.
   */
  signIn(authorizationUrl: string, login: string, options?: { abort?: boolean }): Promise<URL>;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (the `oidc-provider` package, certified by the
 * OpenID Foundation) on a local port, with one client registered for the
 * given redirect addresses. Its development sign-in form accepts any login
 * name with any password; consent is asked for as a real provider asks.
 */
export async function startTestProvider(redirectUris: string[]): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'bridgework';
  const clientSecret = 'a client secret the provider gave, long enough';
  const people = new Map<string, PersonClaims>();
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris, grant_types: ['authorization_code'], response_types: ['code'] }],
    async findAccount(_ctx, id) {
      return { accountId: id, claims: async () => ({ sub: `subject-${id}`, ...people.get(id) }) };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
    pkce: { required: () => true, methods: ['S256'] },
    cookies: { keys: ['a cookie signing key for the test provider'] },
    features: { devInteractions: { enabled: true } },
  });
  const handle = provider.callback();
  server.on('request', (request, response) => void handle(request, response));

  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
  };
  const send = async (url: URL, form?: Record<string, string>) => {
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: cookieHeader(), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    remember(response);
    return response;
  };

  return {
    issuer,
    clientId,
    clientSecret,
    people,
    async signIn(authorizationUrl, login, options = {}) {
      jar.clear();
      let response = await send(new URL(authorizationUrl));
      for (let step = 0; step < 12; step++) {
        const location = response.headers.get('location');
        if (location) {
          const next = new URL(location, issuer);
          if (next.origin !== issuer) return next;
          response = await send(next);
          continue;
        }
        const page = await response.text();
        if (response.status !== 200) throw new Error(`The provider answered ${response.status}: ${page.slice(0, 500)}`);
        const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
        const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
        if (!prompt || !action) throw new Error(`The provider showed a page with no form: ${page.slice(0, 500)}`);
        const here = new URL(action, issuer);
        if (options.abort) {
          response = await send(new URL(`${here.pathname}/abort`, issuer));
          continue;
        }
        response = await send(here, prompt === 'login' ? { prompt, login, password: 'anything' } : { prompt });
      }
      throw new Error('The provider never sent the browser back');
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
