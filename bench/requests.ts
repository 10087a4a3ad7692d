import type { Agent } from '../test/support/agent.ts';

/**
 * The server time of a page or download: one request to warm it, then `runs` more, each handled
 * in-process (routing, queries, rendering), so the figure is the server's work without a network.
 */
export async function timeRequests(agent: Agent, url: string, runs: number): Promise<{ p50: number; p95: number; bytes: number }> {
  const first = await agent.get(url);
  if (first.statusCode !== 200) throw new Error(`${url} answered ${first.statusCode}`);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const response = await agent.get(url);
    times.push(performance.now() - start);
    if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]);
  return { p50: at(0.5), p95: at(0.95), bytes: first.rawPayload.length };
}
