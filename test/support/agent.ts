import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/**
 * A browser-like client over app.inject: keeps cookies, follows nothing by
 * itself, and fills in the CSRF token from the last page it fetched, as a
 * real form would.
 */
export class Agent {
  private cookies = new Map<string, string>();
  csrfToken = '';

  constructor(private app: FastifyInstance) {}

  /** Send the next requests to another server of the same deployment, as a load balancer may: same cookies, same form token. */
  useServer(app: FastifyInstance): this {
    this.app = app;
    return this;
  }

  private remember(response: LightMyRequestResponse) {
    for (const cookie of response.cookies) {
      if (cookie.value === '' || (cookie.expires && cookie.expires.getTime() < Date.now()) || cookie.maxAge === 0) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const match = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (match) this.csrfToken = match[1];
  }

  private cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async get(url: string) {
    const response = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } });
    this.remember(response);
    return response;
  }

  /** Post a form. Fields may repeat (checkboxes) as arrays; `_csrf` is added unless given. */
  async post(url: string, fields: Record<string, string | string[] | undefined> = {}, options: { csrf?: boolean } = {}) {
    const body = new URLSearchParams();
    if (options.csrf !== false && fields._csrf === undefined) body.append('_csrf', this.csrfToken);
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
    }
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
    this.remember(response);
    return response;
  }

  /** Post a multipart form with one file, as a browser's file upload does; `_csrf` is added. */
  async upload(url: string, file: { filename: string; data: Buffer | string; field?: string }, fields: Record<string, string> = {}) {
    const boundary = `----bridgework${Math.random().toString(16).slice(2)}`;
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries({ _csrf: this.csrfToken, ...fields })) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    }
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
    );
    parts.push(Buffer.isBuffer(file.data) ? file.data : Buffer.from(file.data));
    parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat(parts),
    });
    this.remember(response);
    return response;
  }

  async signIn(email: string, password: string) {
    await this.get('/sign-in');
    const response = await this.post('/sign-in', { email, password });
    if (response.statusCode !== 302) throw new Error(`Sign-in failed for ${email}: ${response.statusCode}`);
    // As a browser does: follow the redirect, which brings a new form token (signing in renews the CSRF secret).
    await this.get(String(response.headers.location));
    return response;
  }
}
