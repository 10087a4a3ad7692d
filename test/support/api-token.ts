import type { Agent } from './agent.ts';

/** A token made on the workspace's tokens page by the signed-in agent, as its owner would, read off the page that shows it once. */
async function makeToken(agent: Agent, workspaceBase: string, name: string, access: 'read' | 'read-write'): Promise<string> {
  await agent.get(`${workspaceBase}/api-tokens`);
  const page = await agent.post(`${workspaceBase}/api-tokens`, { name, access, lifetimeDays: '90' });
  const token = /id="new-token">(bw_[A-Za-z0-9_-]+)</.exec(page.body)?.[1];
  if (!token) throw new Error(`No token was shown: ${page.statusCode}`);
  return token;
}

/** A read-only token of the agent's. */
export const readToken = (agent: Agent, workspaceBase: string, name: string) => makeToken(agent, workspaceBase, name, 'read');

/** A read and write token of the agent's. */
export const writeToken = (agent: Agent, workspaceBase: string, name: string) => makeToken(agent, workspaceBase, name, 'read-write');
