import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Requests the server makes where a workspace administrator says (webhooks,
 * a single sign-on provider's settings and keys): only to the public internet,
 * unless the operator allows a host (OUTBOUND_ALLOWED_HOSTS), so that nobody
 * can make the server call its own neighbours (server-side request forgery).
 */

/** How long another server has to answer. */
export const OUTBOUND_TIMEOUT_MS = 10_000;

/** An address refused before anything was sent, with the reason to show. */
export class OutboundRefused extends Error {}

/**
 * Whether an address is on the public internet. Loopback, private networks,
 * link-local (where cloud metadata services answer), carrier-grade NAT,
 * multicast and reserved ranges are not. IPv4 inside IPv6 is judged as the
 * IPv4 address it is.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/** Hosts the operator allows although they are private: an internal service, a test receiver. */
export type AllowedHosts = ReadonlySet<string>;

export const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '').toLowerCase();

/** A literal private address or a local name, refused before any connection is tried (other names are checked as they resolve). */
export function isPrivateHost(url: URL): boolean {
  const host = hostOf(url);
  return host === 'localhost' || host.endsWith('.localhost') || (isIP(host) !== 0 && !isPublicAddress(host));
}

/**
 * Resolve a name as node would, then refuse unless every address is public:
 * the check happens as the connection is made, so a name cannot pass the check
 * and then resolve elsewhere (DNS rebinding).
 */
export function guardedLookup(allowed: AllowedHosts): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = allowed.has(hostname.toLowerCase()) ? undefined : addresses.find((entry) => !isPublicAddress(entry.address));
      if (refused)
        return callback(new OutboundRefused(`${hostname} resolves to a private address (${refused.address}), which the server may not reach.`), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/** Refuse an address before connecting: plain http and private hosts, unless the operator allows the host. */
export function refuseUnlessReachable(url: URL, allowed: AllowedHosts): void {
  if (allowed.has(hostOf(url))) return;
  if (url.protocol !== 'https:') throw new OutboundRefused(`Only https:// addresses are reached (${url.origin}).`);
  if (isIP(hostOf(url)) && !isPublicAddress(hostOf(url))) throw new OutboundRefused(`${hostOf(url)} is a private address, which the server may not reach.`);
}

/** The options every outbound request shares: the address check at connection time, a time limit, no pooled connection. */
export function outboundRequestOptions(allowed: AllowedHosts) {
  // A fresh connection each time: a pooled one would skip the address check.
  return { lookup: guardedLookup(allowed), timeout: OUTBOUND_TIMEOUT_MS, agent: false as const };
}

/**
 * A `fetch` for libraries that take one (openid-client): the same address
 * rules, no redirects followed, and an answer larger than `maxBytes` refused,
 * so a hostile server cannot fill the memory.
 */
export function outboundFetch(allowed: AllowedHosts, maxBytes = 1_000_000) {
  return async (
    input: string | URL,
    init: {
      method?: string;
      headers?: HeadersInit;
      body?: string | URLSearchParams | Uint8Array | ArrayBuffer | ReadableStream | null;
      signal?: AbortSignal | null;
    } = {},
  ): Promise<Response> => {
    const url = new URL(input);
    refuseUnlessReachable(url, allowed);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => (headers[name] = value));
    if (init.body instanceof ReadableStream) throw new Error('A streamed request body is not sent');
    const body =
      init.body == null
        ? undefined
        : typeof init.body === 'string' || init.body instanceof URLSearchParams
          ? Buffer.from(init.body.toString())
          : Buffer.from(init.body instanceof ArrayBuffer ? new Uint8Array(init.body) : init.body);
    if (body !== undefined) headers['content-length'] = String(body.length);
    return new Promise((resolve, reject) => {
      const request = (url.protocol === 'https:' ? https : http).request(
        url,
        { method: init.method ?? 'GET', headers, signal: init.signal ?? undefined, ...outboundRequestOptions(allowed) },
        (response) => {
          const chunks: Buffer[] = [];
          let length = 0;
          response.on('data', (chunk: Buffer) => {
            length += chunk.length;
            if (length > maxBytes) return response.destroy(new Error(`The answer from ${url.host} is larger than ${maxBytes} bytes`));
            chunks.push(chunk);
          });
          response.on('error', reject);
          response.on('end', () => {
            const answerHeaders = new Headers();
            for (const [name, value] of Object.entries(response.headers)) {
              for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) answerHeaders.append(name, item);
            }
            const status = response.statusCode ?? 502;
            const nullBody = status === 204 || status === 304;
            resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status, statusText: response.statusMessage, headers: answerHeaders }));
          });
        },
      );
      request.on('timeout', () => request.destroy(new Error(`No answer from ${url.host} within ${OUTBOUND_TIMEOUT_MS / 1000} seconds`)));
      request.on('error', reject);
      request.end(body);
    });
  };
}
