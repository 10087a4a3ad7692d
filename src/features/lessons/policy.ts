import { isStaff } from '../../core/auth/roles.ts';
import type { Member } from '../../core/http/context.ts';
import type { LessonStatus } from './tables.ts';

interface LessonAccessible {
  status: LessonStatus;
  ownerPersonId: string | null;
  createdByPersonId: string | null;
}

const ownsIt = (member: Member, lesson: LessonAccessible) =>
  member.personId !== '' && (lesson.ownerPersonId === member.personId || lesson.createdByPersonId === member.personId);

/**
 * Who may do what with lessons. Published lessons are for everyone in the
 * workspace; drafts and reviewed ones for the staff who curate them and the
 * lesson's owner. Staff and experts draw lessons from the work; staff review
 * and publish them (who reviewed is recorded).
 */
export const lessonPolicy = {
  view: (member: Member, lesson: LessonAccessible) => lesson.status === 'published' || isStaff(member.role) || ownsIt(member, lesson),
  /** Whether this person sees unpublished lessons at all (in lists and search). */
  seeUnpublished: (member: Member) => isStaff(member.role),
  create: (member: Member) => isStaff(member.role) || member.role === 'expert',
  edit: (member: Member, lesson: LessonAccessible) => isStaff(member.role) || (member.role === 'expert' && ownsIt(member, lesson)),
  review: (member: Member) => isStaff(member.role),
  /** Drawing a lesson from a programme's returns, themes or evaluation is for the staff who can read them all. */
  promote: (member: Member) => isStaff(member.role),
  /** A programme's team decides which lessons it applies (checked with the programme's own policy too). */
  decide: (member: Member) => isStaff(member.role),
};
