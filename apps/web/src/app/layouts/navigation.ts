import type { Role } from '@rentledger/contracts';
import {
  IconBuildingCommunity,
  IconBuildingSkyscraper,
  IconHistory,
  IconHome,
  IconKey,
  IconLayoutDashboard,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';

export type NavItem = {
  label: string;
  to: string;
  icon: ComponentType<{ size?: number | string; stroke?: number }>;
  /** Paths that also light this item up (detail pages reached from it). */
  matches: (path: string) => boolean;
};

const exact = (target: string) => (path: string) => path === target || path === `${target}/`;
const prefix = (...targets: string[]) => (path: string) => targets.some((target) => path === target || path.startsWith(`${target}/`));

export const NAVIGATION: Record<Role, NavItem[]> = {
  landlord: [
    { label: 'Dashboard', to: '/app', icon: IconLayoutDashboard, matches: exact('/app') },
    { label: 'Properties', to: '/app/properties', icon: IconBuildingCommunity, matches: prefix('/app/properties') },
    { label: 'API tokens', to: '/app/api-tokens', icon: IconKey, matches: prefix('/app/api-tokens') },
  ],
  support: [
    {
      label: 'Companies',
      to: '/support',
      icon: IconBuildingSkyscraper,
      matches: (path) => exact('/support')(path) || prefix('/support/companies', '/support/properties')(path),
    },
    { label: 'Audit log', to: '/support/audit-log', icon: IconHistory, matches: prefix('/support/audit-log') },
  ],
  resident: [{ label: 'Home', to: '/me', icon: IconHome, matches: exact('/me') }],
};
