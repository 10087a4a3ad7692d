import type { Agent } from './agent.ts';

/** A read token made on the workspace's tokens page by the signed-in agent, as its owner would, read off the page that shows it once. */
export async function readToken(agent: Agent, workspaceBase: string, name: string): Promise<string> {
  await agent.get(`${workspaceBase}/api-tokens`);
  const page = await agent.post(`${workspaceBase}/api-tokens`, { name, access: 'read', lifetimeDays: '90' });
  const token = /id="new-token">(bw_[A-Za-z0-9_-]+)</.exec(page.body)?.[1];
  if (!token) throw new Error(`No token was shown: ${page.statusCode}`);
  return token;
}
