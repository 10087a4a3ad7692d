import { canContribute, isStaff } from '../../core/auth/roles.ts';
import type { Member } from '../../core/http/context.ts';
import type { CommunityRole, CommunityVisibility } from './tables.ts';

/** What the community policy needs to know about who is asking, in one community. */
export interface CommunityAccess {
  member: Member;
  visibility: CommunityVisibility;
  /** Their role in the community, or null when they are not in it. */
  role: CommunityRole | null;
}

const moderates = (a: CommunityAccess) => isStaff(a.member.role) || a.role === 'moderator';

/**
 * Who may do what in a community. Anyone in the workspace reads an open one;
 * an invite-only one is seen only by its members and the workspace's staff,
 * who run every community. Members post; moderators add and remove people.
 */
export const communityPolicy = {
  create: (member: Member) => isStaff(member.role),
  see: (a: CommunityAccess) => a.visibility === 'open' || a.role !== null || isStaff(a.member.role),
  /** Joining an open community is one click for anyone who can contribute; invite-only ones are joined by being added. */
  join: (a: CommunityAccess) => a.visibility === 'open' && a.role === null && canContribute(a.member.role),
  leave: (a: CommunityAccess) => a.role !== null,
  post: (a: CommunityAccess) => a.role !== null && canContribute(a.member.role),
  moderate: moderates,
  /** Anyone who can read a community can tell its moderators about a post. */
  report: (a: CommunityAccess) => communityPolicy.see(a) && canContribute(a.member.role),
  edit: moderates,
  /** A post is changed by its author alone (moderators hide, they do not rewrite), while they may still post. */
  editPost: (a: CommunityAccess, post: { authorPersonId: string | null }) =>
    post.authorPersonId !== null && post.authorPersonId === a.member.personId && communityPolicy.post(a),
  /** Anyone who can read a thread may follow it. */
  follow: (a: CommunityAccess) => communityPolicy.see(a) && a.member.personId !== '',
  /** Moderators plan a community's events, cancel them and write up their notes. */
  manageEvents: moderates,
  /** Anyone who can read the community may take a place at its events (an open community's webinars are for the workspace). */
  register: (a: CommunityAccess) => communityPolicy.see(a) && canContribute(a.member.role) && a.member.personId !== '',
  /** A place is its holder's to give up, whatever else has changed. */
  giveUpPlace: (a: CommunityAccess) => a.member.personId !== '',
  /** The author of a challenge decides which answers helped, and a moderator may too. */
  markHelpful: (a: CommunityAccess, thread: { authorPersonId: string | null }) => thread.authorPersonId === a.member.personId || moderates(a),
};
