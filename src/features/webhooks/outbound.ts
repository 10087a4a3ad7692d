import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** How long an endpoint has to answer, and how much of its answer is kept for the log. */
export const OUTBOUND_TIMEOUT_MS = 10_000;
export const RESPONSE_KEPT_BYTES = 2_048;

/** An address refused before anything was sent, with the reason to show. */
export class OutboundRefused extends Error {}

/**
 * Whether an address is one a webhook may reach: the public internet only.
 * Loopback, private networks, link-local (where cloud metadata services
 * answer), carrier-grade NAT, multicast and reserved ranges would let a
 * workspace administrator make the server call its own neighbours (server-side
 * request forgery). IPv4 inside IPv6 is judged as the IPv4 address it is.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/** Hosts the operator allows although they are private (WEBHOOK_ALLOWED_HOSTS): an internal service, a test receiver. */
export type AllowedHosts = ReadonlySet<string>;

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '').toLowerCase();

/** Check an address before it is saved: its form, and a literal private address refused at once (names are checked as they resolve). */
export function checkWebhookUrl(raw: string, allowed: AllowedHosts): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Enter a full address, starting https://';
  }
  const host = hostOf(url);
  if (url.username || url.password) return 'Leave the user name and password out of the address: each request is signed instead.';
  if (allowed.has(host)) return url.protocol === 'https:' || url.protocol === 'http:' ? undefined : 'Enter an address starting https://';
  if (url.protocol !== 'https:') return 'Enter an address starting https://: events are only sent encrypted.';
  if (host === 'localhost' || host.endsWith('.localhost') || (isIP(host) && !isPublicAddress(host)))
    return 'That address is on a private network, which webhooks cannot reach unless the server’s operator allows it.';
  return undefined;
}

/**
 * Resolve a name as node would, then refuse unless every address is public:
 * the check happens as the connection is made, so a name cannot pass the check
 * and then resolve elsewhere (DNS rebinding).
 */
function guardedLookup(allowed: AllowedHosts): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = allowed.has(hostname.toLowerCase()) ? undefined : addresses.find((entry) => !isPublicAddress(entry.address));
      if (refused) return callback(new OutboundRefused(`${hostname} resolves to a private address (${refused.address}), which webhooks may not reach.`), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

export interface OutboundAnswer {
  status: number;
  body: string;
  durationMs: number;
}

/**
 * POST a JSON body to an endpoint: no redirects followed (a 3xx is an answer
 * like any other), at most OUTBOUND_TIMEOUT_MS, and only the first
 * RESPONSE_KEPT_BYTES of the answer read. Throws OutboundRefused for an
 * address webhooks may not reach, and the network's error otherwise.
 */
export function postJson(rawUrl: string, body: string, headers: Record<string, string>, allowed: AllowedHosts): Promise<OutboundAnswer> {
  const url = new URL(rawUrl);
  const host = hostOf(url);
  if (!allowed.has(host)) {
    if (url.protocol !== 'https:') return Promise.reject(new OutboundRefused('Only https:// addresses are sent events.'));
    if (isIP(host) && !isPublicAddress(host)) return Promise.reject(new OutboundRefused(`${host} is a private address, which webhooks may not reach.`));
  }
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        lookup: guardedLookup(allowed),
        timeout: OUTBOUND_TIMEOUT_MS,
        // A fresh connection each time: a pooled one would skip the address check.
        agent: false,
      },
      (response) => {
        const kept: Buffer[] = [];
        let length = 0;
        response.on('data', (chunk: Buffer) => {
          if (length < RESPONSE_KEPT_BYTES) kept.push(chunk.subarray(0, RESPONSE_KEPT_BYTES - length));
          length += chunk.length;
          if (length >= RESPONSE_KEPT_BYTES) response.destroy();
        });
        const finish = () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(kept).toString('utf8'),
            durationMs: Math.round(performance.now() - started),
          });
        response.on('end', finish);
        response.on('close', finish);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`No answer within ${OUTBOUND_TIMEOUT_MS / 1000} seconds`)));
    request.on('error', (error) => reject(error));
    request.end(body);
  });
}
