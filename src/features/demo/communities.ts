import { addDays, londonInstant, londonToday } from '../../core/dates.ts';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { workspaces } from '../../core/db/tables.ts';
import { evidenceItems } from '../evidence/tables.ts';
import { indexThread } from '../communities/search-text.ts';
import { communities, communityMembers, communityPosts, communityThreads, threadFollowers } from '../communities/tables.ts';
import { threadSubject } from '../communities/thread-notifications.ts';
import { plainExcerpt } from '../notifications/notify.ts';
import { notifications } from '../notifications/tables.ts';
import { personKey } from './people.ts';
import type { SeedContext, SeedRefs } from './seed-context.ts';

interface DemoPost {
  by: string;
  daysAgo: number;
  body: string;
  helpful?: boolean;
}

interface DemoThread {
  kind: 'discussion' | 'challenge';
  title: string;
  by: string;
  daysAgo: number;
  body: string;
  replies: DemoPost[];
}

interface DemoCommunity {
  name: string;
  description: string;
  visibility: 'open' | 'invite_only';
  programme?: string;
  moderators: string[];
  members: string[];
  threads: DemoThread[];
}

const HUB_LEADS = [
  'Janet Armstrong',
  'Paul Whittaker',
  'Louise Hargreaves',
  'Sameera Hussain',
  'David Kowalski',
  'Bernadette O’Neill',
  'Chris Palmer',
  'Tunde Bakare',
  'Rebecca Stone',
  'Morwenna Trelawny',
];

/** Three communities with the kind of threads their members write: solved challenges, an open one, and discussions. */
const DEMO_COMMUNITIES: DemoCommunity[] = [
  {
    name: 'Fostering hub leads',
    description: 'The ten hub leads and the partnership team: problems one hub has that another has already solved, between the monthly checkpoints.',
    visibility: 'invite_only',
    programme: 'programme:hubs',
    moderators: ['Tomasz Nowak'],
    // With two leaders of the finished Regional Adoption Agencies programme, who merged councils' teams before.
    members: [...HUB_LEADS, 'Megan Price', 'Margaret Ellison', 'Kwame Asante'],
    threads: [
      {
        kind: 'challenge',
        title: 'Has anyone cut the wait for an assessor?',
        by: 'David Kowalski',
        daysAgo: 75,
        body: 'Households in the East Midlands are waiting **eight to ten weeks** between the initial visit and an assessor being allocated, and we lose about one in four of them in that gap.\n\nTwo of our six councils have no independent assessors on their framework. Has anyone found a way round this that did not need new money?',
        replies: [
          {
            by: 'Janet Armstrong',
            daysAgo: 74,
            body: 'We had the same gap last winter. What worked for us was a **shared pool** of independent assessors across the six North East councils, booked through the hub rather than each council, so a household gets the first free assessor wherever they live.\n\nWait times went from seven weeks to under four in three months. Happy to share the pool agreement.',
            helpful: true,
          },
          {
            by: 'Morwenna Trelawny',
            daysAgo: 73,
            body: 'Agree with Janet. We also started **keeping in touch calls** every fortnight while people wait: it does not shorten the wait, but far fewer households drop out.',
            helpful: true,
          },
          {
            by: 'David Kowalski',
            daysAgo: 60,
            body: 'Thank you both. We have the pool agreement signed by four of the six councils; the first households were allocated within three weeks this month.',
          },
        ],
      },
      {
        kind: 'discussion',
        title: 'Radio campaign: what did it cost you per enquiry?',
        by: 'Tunde Bakare',
        daysAgo: 30,
        body: 'London ran a four-week radio campaign in September. It cost £18,000 and brought 140 enquiries we can trace to it: about **£130 an enquiry**, against £60 for our social media.\n\nDid anyone else try radio, and would you do it again?',
        replies: [
          {
            by: 'Paul Whittaker',
            daysAgo: 29,
            body: 'Greater Manchester tried local radio in 2025: similar cost per enquiry, but more of the radio enquiries went on to an application. Worth comparing conversion, not just enquiries.',
          },
          {
            by: 'Megan Price',
            daysAgo: 27,
            body: 'This is useful for the department too: could each hub add campaign costs to the next return, so we can compare like with like?',
          },
        ],
      },
      {
        kind: 'challenge',
        title: 'One recruitment team for several councils: what went wrong for you?',
        by: 'Louise Hargreaves',
        daysAgo: 20,
        body: 'Our five councils are about to move their recruitment officers into one hub team. The directors like it; the officers are worried about losing their own council’s carers. Has anyone been through a merger like this, and what would you do differently?',
        replies: [
          {
            by: 'Tomasz Nowak',
            daysAgo: 19,
            body: 'The Regional Adoption Agencies went through exactly this when councils’ adoption teams merged, and their leaders finished a programme with us last year. I have added Margaret Ellison and Kwame Asante to this community. @Margaret Ellison, @Kwame Asante: would you tell Louise what you learned?',
          },
          {
            by: 'Margaret Ellison',
            daysAgo: 18,
            body: 'Three things from One Adoption West Yorkshire:\n\n1. Agree the money before the structure: each council’s share, written down, reviewed yearly.\n2. One front door for enquiries, but a named link worker for each council, so directors still have *their* person.\n3. Keep reporting by council for the first two years. Trust came from the numbers.',
            helpful: true,
          },
          {
            by: 'Kwame Asante',
            daysAgo: 17,
            body: 'Agree with Margaret. We also moved everyone onto one case system in the first month rather than the first year; running two systems was where our enquiries got lost. Happy to share our data-sharing agreement.',
            helpful: true,
          },
          {
            by: 'Louise Hargreaves',
            daysAgo: 16,
            body: 'Thank you both: the link worker idea answers the officers’ worry directly. Margaret and I are meeting next week.',
          },
        ],
      },
      {
        kind: 'challenge',
        title: 'Carers asking about housing: who do you talk to?',
        by: 'Rebecca Stone',
        daysAgo: 6,
        body: 'Three prospective carers this month said they cannot foster without a spare room. Has anyone got a housing team to give foster carers priority, and how did you start that conversation?',
        replies: [
          {
            by: 'Sameera Hussain',
            daysAgo: 5,
            body: 'Bradford agreed a priority band last year. It started with the Director of Children’s Services raising it at the housing board: I can put you in touch.',
          },
          {
            by: 'Tomasz Nowak',
            daysAgo: 1,
            body: '@Janet Armstrong, your hub raised the same thing at the October checkpoint. Would you share what your housing team said, so Rebecca can compare?',
          },
        ],
      },
    ],
  },
  {
    name: 'Early language policy',
    description:
      'People working on early language and communication in government, councils and research: the evidence, and what happens when it meets a budget.',
    visibility: 'open',
    moderators: ['Dr Hannah Whitcombe'],
    members: ['Eleanor Marsh', 'Imran Qureshi', 'Naomi Clarke', 'Professor Helen Adeyemi', 'Dr James Whitfield', 'Claire Robson'],
    threads: [
      {
        kind: 'discussion',
        title: 'What should a language check at the two-year review measure?',
        by: 'Imran Qureshi',
        daysAgo: 40,
        body: 'Leeds is redesigning the language conversation at the two-year review. The health visitors want something quick; the speech and language team want something that picks up children who need help.\n\nIs there evidence on which short measures do both?',
        replies: [
          {
            by: 'Professor Helen Adeyemi',
            daysAgo: 38,
            body: 'The short parent-report vocabulary checklists do reasonably well at picking up the children most behind, if they are used with a conversation rather than as a form. The practice guidance in our library sets out the options well: [Supporting early language in early years settings]({{evidence:Supporting early language in early years settings: practice guidance}}).',
          },
          {
            by: 'Eleanor Marsh',
            daysAgo: 35,
            body: 'From the department side: whatever you choose, recording it the same way as other areas would let us see it nationally.',
          },
        ],
      },
    ],
  },
  {
    name: 'Recruitment marketing',
    description: 'Campaigns, websites and messages that bring people forward to foster, and what the data says about them.',
    visibility: 'open',
    moderators: ['Tomasz Nowak'],
    members: ['Paul Whittaker', 'Chris Palmer', 'Tunde Bakare', 'Megan Price'],
    threads: [
      {
        kind: 'challenge',
        title: 'Enquiries from the shared website are not converting',
        by: 'Chris Palmer',
        daysAgo: 12,
        body: 'Since the East hub moved to one shared website form, enquiries are up a third but fewer go on to an initial visit. Has anyone seen the same, and did changing the form help?',
        replies: [],
      },
    ],
  },
];

/** What the last fortnight's replies told people: the followers of each thread, and anyone @mentioned (instead). */
function recentNotifications(demo: DemoCommunity, thread: DemoThread, posts: Array<{ id: string }>) {
  const members = [...demo.moderators, ...demo.members];
  const told: Array<{ to: string; kind: string; title: string; by: string; body: string; daysAgo: number; postId: string }> = [];
  const following = new Set([thread.by]);
  thread.replies.forEach((reply, index) => {
    if (reply.daysAgo <= 14) {
      const mentioned = members.filter((name) => reply.body.includes(`@${name}`));
      for (const name of mentioned)
        told.push({
          to: name,
          kind: 'mention',
          title: `${reply.by} mentioned you in “${thread.title}”`,
          by: reply.by,
          body: reply.body,
          daysAgo: reply.daysAgo,
          postId: posts[index].id,
        });
      for (const name of following)
        if (name !== reply.by && !mentioned.includes(name))
          told.push({
            to: name,
            kind: 'reply',
            title: `${reply.by} replied in “${thread.title}”`,
            by: reply.by,
            body: reply.body,
            daysAgo: reply.daysAgo,
            postId: posts[index].id,
          });
    }
    following.add(reply.by);
  });
  return told;
}

/**
 * Links to the library written as {{evidence:Title}} become the item's page
 * address, so the post shows the item as a card, as a real link would.
 */
async function linkedBody(tx: Executor, workspaceId: string, body: string): Promise<string> {
  const wanted = [...body.matchAll(/\{\{evidence:([^}]+)\}\}/g)];
  if (!wanted.length) return body;
  const [workspace] = await tx.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, workspaceId));
  let linked = body;
  for (const [placeholder, title] of wanted) {
    const [item] = await tx
      .select({ id: evidenceItems.id })
      .from(evidenceItems)
      .where(and(eq(evidenceItems.workspaceId, workspaceId), eq(evidenceItems.title, title)));
    if (!item) throw new Error(`Example data links to an unknown evidence item: ${title}`);
    linked = linked.replace(placeholder, `/w/${workspace.slug}/evidence/${item.id}`);
  }
  return linked;
}

export async function seedCommunities(tx: Executor, ctx: SeedContext, refs: SeedRefs): Promise<void> {
  const { workspaceId } = ctx;
  const today = londonToday();
  const when = (daysAgo: number, hour = '10:30') => londonInstant(addDays(today, -daysAgo), hour);
  const person = (name: string) => {
    const id = refs.get(personKey(name));
    if (!id) throw new Error(`Example data refers to an unknown person: ${name}`);
    return id;
  };
  for (const demo of DEMO_COMMUNITIES) {
    const started = when(90);
    const [community] = await tx
      .insert(communities)
      .values({
        workspaceId,
        name: demo.name,
        description: demo.description,
        visibility: demo.visibility,
        programmeId: demo.programme ? (refs.get(demo.programme) ?? null) : null,
        createdByPersonId: person(demo.moderators[0]),
        createdAt: started,
        updatedAt: started,
      })
      .returning({ id: communities.id });
    await tx
      .insert(communityMembers)
      .values([
        ...demo.moderators.map((name) => ({ workspaceId, communityId: community.id, personId: person(name), role: 'moderator' as const, joinedAt: started })),
        ...demo.members.map((name) => ({ workspaceId, communityId: community.id, personId: person(name), joinedAt: started, lastVisitedAt: when(8) })),
      ]);
    for (const thread of demo.threads) {
      const helpful = thread.replies.some((r) => r.helpful);
      const last = thread.replies.at(-1)?.daysAgo ?? thread.daysAgo;
      const [row] = await tx
        .insert(communityThreads)
        .values({
          workspaceId,
          communityId: community.id,
          kind: thread.kind,
          title: thread.title,
          body: thread.body,
          authorPersonId: person(thread.by),
          replyCount: thread.replies.length,
          lastPostAt: when(last, '16:00'),
          solvedAt: helpful ? when(thread.replies.find((r) => r.helpful)!.daysAgo - 1) : null,
          createdAt: when(thread.daysAgo),
          updatedAt: when(last, '16:00'),
        })
        .returning({ id: communityThreads.id });
      const posts = thread.replies.length
        ? await tx
            .insert(communityPosts)
            .values(
              await Promise.all(
                thread.replies.map(async (reply) => ({
                  workspaceId,
                  threadId: row.id,
                  body: await linkedBody(tx, workspaceId, reply.body),
                  authorPersonId: person(reply.by),
                  helpful: reply.helpful ?? false,
                  createdAt: when(reply.daysAgo, '16:00'),
                  updatedAt: when(reply.daysAgo, '16:00'),
                })),
              ),
            )
            .returning({ id: communityPosts.id })
        : [];
      await indexThread(tx, workspaceId, row.id);
      // The author and everyone who replied follow the thread, as they would have by posting.
      const followers = [...new Set([thread.by, ...thread.replies.map((r) => r.by)])];
      await tx.insert(threadFollowers).values(followers.map((name) => ({ workspaceId, threadId: row.id, personId: person(name) })));
      const told = recentNotifications(demo, thread, posts);
      if (told.length)
        await tx.insert(notifications).values(
          told.map((n) => ({
            workspaceId,
            personId: person(n.to),
            kind: n.kind,
            scopeKind: 'community',
            scopeId: community.id,
            subjectKey: threadSubject(row.id),
            title: n.title,
            excerpt: plainExcerpt(n.body),
            path: `/communities/${community.id}/threads/${row.id}#post-${n.postId}`,
            actorPersonId: person(n.by),
            createdAt: when(n.daysAgo, '16:00'),
            // The last three days are unread; none of it is e-mailed when the example is set up.
            readAt: n.daysAgo > 3 ? when(n.daysAgo - 1) : null,
            emailState: 'not_sent' as const,
          })),
        );
    }
  }
}
