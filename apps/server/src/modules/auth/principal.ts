import type { Role, SessionUser } from '@rentledger/contracts';

/** Who is making a request: a signed-in user (cookie session) or an API token acting for a company. */
export type Principal = {
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
  role: Role;
  company: SessionUser['company'];
  emailVerified: boolean;
  twoFactorEnabled: boolean;
  twoFactorSetupRequired: boolean;
} & ({ via: 'session'; sessionId: string; csrfToken: string } | { via: 'api_token'; apiTokenId: string });

export function toSessionUser(principal: Principal): SessionUser {
  return {
    id: principal.userId,
    email: principal.email,
    firstName: principal.firstName,
    lastName: principal.lastName,
    role: principal.role,
    company: principal.company,
    emailVerified: principal.emailVerified,
    twoFactorEnabled: principal.twoFactorEnabled,
    twoFactorSetupRequired: principal.twoFactorSetupRequired,
  };
}
