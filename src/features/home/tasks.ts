/**
 * The home page is a list of things that need the person now, grouped by the
 * part they play. Every role's builder returns the same shape so the page
 * renders them alike; each task links to where it is done.
 */
export type TaskTone = 'urgent' | 'due' | 'info' | 'done';

export interface Task {
  text: string;
  href: string;
  /** A short second line: when it is due, whose it is, how old it is. */
  detail?: string;
  /** A one- or two-word state beside the task ("Late", "Sent back"). */
  state?: { text: string; tone: TaskTone };
}

export interface TaskGroup {
  heading: string;
  tasks: Task[];
  /** Said when the group is empty: what will appear here, and when. */
  empty: string;
  /** Where the whole list lives, when the group shows only the first few. */
  more?: { text: string; href: string };
}

/** One programme's part of the home page for one of the person's roles in it. */
export interface ProgrammePanel {
  programme: { id: string; name: string };
  href: string;
  /** The role in a few words, said under the programme's name. */
  caption: string;
  /** A sentence or two at the top (the dashboard headline for a department). */
  headline?: string[];
  groups: TaskGroup[];
}

/** A group with at most `limit` tasks shown, and a link to the rest. */
export function limited(group: TaskGroup, limit: number, more?: TaskGroup['more']): TaskGroup {
  if (group.tasks.length <= limit) return group;
  return { ...group, tasks: group.tasks.slice(0, limit), more };
}
