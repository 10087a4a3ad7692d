/** The form of a workspace's address in URLs (`/w/early-years-evidence-partnership`). */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Whether text from a URL could be a workspace's address at all (anything else is simply not found). */
export const isWorkspaceSlug = (value: string) => value.length <= 60 && SLUG_PATTERN.test(value);
