import http from 'node:http';
import https from 'node:https';
import { hostOf, isPrivateHost, OUTBOUND_TIMEOUT_MS, outboundRequestOptions, refuseUnlessReachable, type AllowedHosts } from '../../core/http/outbound.ts';

export { isPublicAddress, OutboundRefused, type AllowedHosts } from '../../core/http/outbound.ts';

/** How much of an endpoint's answer is kept for the log. */
export const RESPONSE_KEPT_BYTES = 2_048;

/** Check an address before it is saved: its form, and a literal private address refused at once (names are checked as they resolve). */
export function checkWebhookUrl(raw: string, allowed: AllowedHosts): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Enter a full address, starting https://';
  }
  if (url.username || url.password) return 'Leave the user name and password out of the address: each request is signed instead.';
  if (allowed.has(hostOf(url))) return url.protocol === 'https:' || url.protocol === 'http:' ? undefined : 'Enter an address starting https://';
  if (url.protocol !== 'https:') return 'Enter an address starting https://: events are only sent encrypted.';
  if (isPrivateHost(url)) return 'That address is on a private network, which webhooks cannot reach unless the server’s operator allows it.';
  return undefined;
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
export async function postJson(rawUrl: string, body: string, headers: Record<string, string>, allowed: AllowedHosts): Promise<OutboundAnswer> {
  const url = new URL(rawUrl);
  refuseUnlessReachable(url, allowed);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        ...outboundRequestOptions(allowed),
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
