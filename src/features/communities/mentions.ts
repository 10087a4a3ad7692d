import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../core/db/client.ts';
import { RuleError } from '../../core/http/errors.ts';

/** Up to four words of a name after an @ that starts a word ("@Janet Armstrong", "@Nkechi Ade-Bello"). */
const MENTION = /(?:^|[^\p{L}\p{N}_.@])@(\p{L}[\p{L}\p{M}'’-]*(?:[ \t]+\p{L}[\p{L}\p{M}'’-]*){0,3})/gu;

/** Code is quoted, not addressed to anyone: an @ inside it mentions nobody. */
const withoutCode = (text: string) => text.replace(/```[\s\S]*?```/g, ' ').replace(/`[^`\n]*`/g, ' ');

/** Each @ in the text, as the names it could be: "@Janet Armstrong thanks" gives "janet", "janet armstrong", "janet armstrong thanks". */
export function mentionCandidates(text: string): string[][] {
  return [...withoutCode(text).matchAll(MENTION)].map((match) => {
    const words = match[1].split(/[ \t]+/).map((word) => word.replace(/['’-]+$/, ''));
    return words.map((_, index) =>
      words
        .slice(0, index + 1)
        .join(' ')
        .toLowerCase(),
    );
  });
}

export interface Mentioned {
  id: string;
  fullName: string;
  member: boolean;
}

/**
 * The people a post mentions: each @ is read as the longest run of words
 * that is someone's full name in the workspace. Whether each is in the
 * community is said, because only members can be mentioned in one.
 */
export async function mentionedIn(tx: Executor, workspaceId: string, communityId: string, text: string): Promise<Mentioned[]> {
  const mentions = mentionCandidates(text);
  const names = [...new Set(mentions.flat())];
  if (!names.length) return [];
  const people = await rows<Mentioned & { name: string }>(
    tx,
    sql`select p.id, p.full_name as "fullName", lower(p.full_name) as name,
          exists (select 1 from community_members m where m.workspace_id = p.workspace_id and m.community_id = ${communityId} and m.person_id = p.id) as member
        from people p
        where p.workspace_id = ${workspaceId} and lower(p.full_name) in (${sql.join(
          names.map((name) => sql`${name}`),
          sql`, `,
        )})`,
  );
  const found = new Map<string, Mentioned>();
  for (const candidates of mentions) {
    const longest = [...candidates].reverse().find((name) => people.some((person) => person.name === name));
    for (const person of people.filter((p) => p.name === longest)) found.set(person.id, { id: person.id, fullName: person.fullName, member: person.member });
  }
  return [...found.values()];
}

/** The mentioned people, refusing the post when any of them is not in the community (they could not read it). */
export async function mentionedMembers(tx: Executor, workspaceId: string, communityId: string, text: string): Promise<Mentioned[]> {
  const mentioned = await mentionedIn(tx, workspaceId, communityId, text);
  const outsiders = mentioned.filter((person) => !person.member).map((person) => person.fullName);
  if (outsiders.length) {
    const names = outsiders.length === 1 ? outsiders[0] : `${outsiders.slice(0, -1).join(', ')} and ${outsiders.at(-1)}`;
    throw new RuleError(
      'body',
      `Only members of this community can be mentioned: ${names} ${outsiders.length === 1 ? 'is' : 'are'} not in it. Remove the @, or ask a moderator to add them first.`,
    );
  }
  return mentioned;
}
