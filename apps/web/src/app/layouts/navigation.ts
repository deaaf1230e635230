import type { Role } from '@rentledger/contracts';
import {
  IconBuildingBank,
  IconBuildingCommunity,
  IconCash,
  IconBuildingSkyscraper,
  IconCalculator,
  IconHelpCircle,
  IconHistory,
  IconHome,
  IconHomeSearch,
  IconKey,
  IconLayoutDashboard,
  IconMailbox,
  IconReceiptRefund,
  IconUsers,
  IconUserCircle,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';

export type NavItem = {
  label: string;
  to: string;
  icon: ComponentType<{ size?: number | string; stroke?: number }>;
  /** Paths that also light this item up (detail pages reached from it). */
  matches: (path: string) => boolean;
  /** Shown only when the server offers it (the dev mailbox exists only without SMTP). */
  requires?: 'dev-mailbox';
};

const exact = (target: string) => (path: string) => path === target || path === `${target}/`;
const prefix = (...targets: string[]) => (path: string) => targets.some((target) => path === target || path.startsWith(`${target}/`));

export const NAVIGATION: Record<Role, NavItem[]> = {
  landlord: [
    { label: 'Dashboard', to: '/app', icon: IconLayoutDashboard, matches: exact('/app') },
    { label: 'Residents', to: '/app/residents', icon: IconUsers, matches: prefix('/app/residents') },
    { label: 'Properties', to: '/app/properties', icon: IconBuildingCommunity, matches: prefix('/app/properties') },
    { label: 'Payments', to: '/app/payments', icon: IconCash, matches: prefix('/app/payments') },
    { label: 'Bank settings', to: '/app/payment-settings', icon: IconBuildingBank, matches: prefix('/app/payment-settings') },
    { label: 'Accounting', to: '/app/accounting', icon: IconCalculator, matches: prefix('/app/accounting', '/app/sync-runs') },
    { label: 'Support', to: '/app/support', icon: IconHelpCircle, matches: prefix('/app/support') },
    { label: 'API tokens', to: '/app/api-tokens', icon: IconKey, matches: prefix('/app/api-tokens') },
    { label: 'Your account', to: '/app/account', icon: IconUserCircle, matches: prefix('/app/account') },
  ],
  support: [
    {
      label: 'Companies',
      to: '/support',
      icon: IconBuildingSkyscraper,
      matches: (path) => exact('/support')(path) || prefix('/support/companies', '/support/properties')(path),
    },
    { label: 'Support requests', to: '/support/requests', icon: IconHelpCircle, matches: prefix('/support/requests') },
    { label: 'Audit log', to: '/support/audit-log', icon: IconHistory, matches: prefix('/support/audit-log') },
    { label: 'Bank returns', to: '/support/bank-returns', icon: IconReceiptRefund, matches: prefix('/support/bank-returns') },
    { label: 'Dev mailbox', to: '/support/dev-mailbox', icon: IconMailbox, matches: prefix('/support/dev-mailbox'), requires: 'dev-mailbox' },
    { label: 'Your account', to: '/support/account', icon: IconUserCircle, matches: prefix('/support/account') },
  ],
  resident: [
    { label: 'Home', to: '/me', icon: IconHome, matches: exact('/me') },
    { label: 'Payments', to: '/me/payments', icon: IconCash, matches: prefix('/me/payments') },
    { label: 'Add a rental', to: '/me/find-rental', icon: IconHomeSearch, matches: prefix('/me/find-rental') },
    { label: 'Support', to: '/me/support', icon: IconHelpCircle, matches: prefix('/me/support') },
    { label: 'Your account', to: '/me/account', icon: IconUserCircle, matches: prefix('/me/account') },
  ],
};
