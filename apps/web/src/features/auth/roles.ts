import type { Role } from '@rentledger/contracts';

/** Where each role lands after signing in, and the URL area only it may open. */
export const ROLE_HOME: Record<Role, string> = {
  landlord: '/app',
  support: '/support',
  resident: '/me',
};

export function homeFor(role: Role): string {
  return ROLE_HOME[role];
}

/** True when `path` belongs to the area of `role` (so a deep link kept across sign-in is honoured). */
export function isPathForRole(path: string, role: Role): boolean {
  const home = ROLE_HOME[role];
  return path === home || path.startsWith(`${home}/`);
}
