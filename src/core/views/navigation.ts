import type { Role } from '../auth/roles.ts';

export interface NavItem {
  label: string;
  /** Path inside the workspace, e.g. "/people". */
  path: string;
  /** Roles that see the item; all roles when absent. */
  roles?: readonly Role[];
}

/** The service navigation. Each feature adds its entry here, in the order users meet them. */
export const workspaceNavigation: NavItem[] = [
  { label: 'Home', path: '' },
  { label: 'Programmes', path: '/programmes' },
  { label: 'Evidence', path: '/evidence' },
  { label: 'Lessons', path: '/lessons' },
  { label: 'Communities', path: '/communities' },
  { label: 'People', path: '/people' },
  { label: 'Organisations', path: '/organisations' },
  { label: 'Admin', path: '/admin', roles: ['administrator'] },
];

export function navigationFor(workspaceSlug: string, role: Role, currentPath: string) {
  const base = `/w/${workspaceSlug}`;
  return workspaceNavigation
    .filter((item) => !item.roles || item.roles.includes(role))
    .map((item) => {
      const href = base + item.path;
      const active = item.path === '' ? currentPath === base || currentPath === `${base}/` : currentPath.startsWith(href);
      return { text: item.label, href, active };
    });
}
