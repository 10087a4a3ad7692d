import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../../core/db/client.ts';
import type { WorkspaceRef } from '../../../core/http/context.ts';
import type { Mailer } from '../../../core/mailer.ts';
import { formatDate } from '../../../core/views/format.ts';
import { people } from '../../people/tables.ts';
import type { Programme } from '../../programmes/queries.ts';
import type { Site } from '../sites/queries.ts';
import { siteContacts } from '../tables.ts';
import type { Round } from './queries.ts';

export interface RoundMailDeps {
  mailer: Mailer;
  publicUrl: string;
}

/** One person to e-mail about a round, with the sites they answer for. */
export interface RoundRecipient {
  name: string;
  email: string;
  sites: string[];
}

/** The leads and contacts of the given sites who have an e-mail address; a person leading several sites appears once. */
export async function roundRecipients(db: Executor, workspaceId: string, sites: Array<Pick<Site, 'id' | 'name'>>): Promise<RoundRecipient[]> {
  if (!sites.length) return [];
  const contacts = await db
    .select({ personId: people.id, name: people.fullName, email: people.email, siteId: siteContacts.siteId })
    .from(siteContacts)
    .innerJoin(people, and(eq(people.workspaceId, siteContacts.workspaceId), eq(people.id, siteContacts.personId)))
    .where(
      and(
        eq(siteContacts.workspaceId, workspaceId),
        inArray(
          siteContacts.siteId,
          sites.map((site) => site.id),
        ),
      ),
    );
  const names = new Map(sites.map((site) => [site.id, site.name]));
  const byPerson = new Map<string, RoundRecipient>();
  for (const contact of contacts) {
    if (!contact.email) continue;
    const entry = byPerson.get(contact.personId) ?? { name: contact.name, email: contact.email, sites: [] };
    entry.sites.push(names.get(contact.siteId) ?? '');
    byPerson.set(contact.personId, entry);
  }
  return [...byPerson.values()];
}

/**
 * E-mail each recipient that a round is open, or a reminder. Sent after the
 * change is committed: a failed message waits in the outbox for the job queue.
 */
export async function sendRoundMail(
  deps: RoundMailDeps,
  workspace: Pick<WorkspaceRef, 'id' | 'slug'>,
  programme: Programme,
  round: Round,
  recipients: RoundRecipient[],
  reminder: boolean,
): Promise<number> {
  const link = `${deps.publicUrl}/w/${workspace.slug}/programmes/${programme.id}/delivery/returns`;
  for (const person of recipients) {
    const sites = [...person.sites].sort().join(', ');
    await deps.mailer.send({
      workspaceId: workspace.id,
      kind: reminder ? 'checkpoint_reminder' : 'checkpoint_open',
      to: person.email,
      subject: `${reminder ? 'Reminder: ' : ''}${programme.name} checkpoint return for ${round.title}`,
      text: [
        `Dear ${person.name},`,
        '',
        reminder
          ? `We have not yet had the checkpoint return for ${round.title} from ${sites}. It was due on ${formatDate(round.dueOn)}.`
          : `The checkpoint return for ${round.title} is open for ${sites}. Please submit it by ${formatDate(round.dueOn)}.`,
        '',
        `Fill it in online (it saves as you go) or download the Excel template from: ${link}`,
      ].join('\n'),
    });
  }
  return recipients.length;
}
