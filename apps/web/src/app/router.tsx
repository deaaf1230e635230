import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { LoadingState } from '../components/query-state.tsx';
import { AppLayout } from './layouts/app-layout.tsx';
import { RedirectHome, RequireRole } from './routes/guards.tsx';
import { NotFoundRoute } from './routes/not-found.tsx';
import { SignInRoute } from './routes/sign-in.tsx';

const InvitationAcceptRoute = lazy(() => import('./routes/invitation-accept.tsx'));
const SignupRoute = lazy(() => import('./routes/signup.tsx'));
const VerifyEmailRoute = lazy(() => import('./routes/verify-email.tsx'));
const ForgotPasswordRoute = lazy(() => import('./routes/forgot-password.tsx'));
const ResetPasswordRoute = lazy(() => import('./routes/reset-password.tsx'));
const ConfirmEmailChangeRoute = lazy(() => import('./routes/confirm-email-change.tsx'));
const TwoFactorRequiredRoute = lazy(() => import('./routes/two-factor-required.tsx'));
const AccountRoute = lazy(() => import('./routes/account.tsx'));
const DashboardRoute = lazy(() => import('./routes/landlord/dashboard.tsx'));
const LandlordPropertiesRoute = lazy(() => import('./routes/landlord/properties.tsx'));
const LandlordPropertyRoute = lazy(() => import('./routes/landlord/property.tsx'));
const ApiTokensRoute = lazy(() => import('./routes/landlord/api-tokens.tsx'));
const ResidentsRoute = lazy(() => import('./routes/landlord/residents.tsx'));
const ResidentRoute = lazy(() => import('./routes/landlord/resident.tsx'));
const ResidentReviewRoute = lazy(() => import('./routes/landlord/resident-review.tsx'));
const LandlordSupportRoute = lazy(() => import('./routes/landlord/support-requests.tsx'));
const AccountingRoute = lazy(() => import('./routes/landlord/accounting.tsx'));
const SyncRunRoute = lazy(() => import('./routes/landlord/sync-run.tsx'));
const CompaniesRoute = lazy(() => import('./routes/support/companies.tsx'));
const CompanyRoute = lazy(() => import('./routes/support/company.tsx'));
const SupportPropertyRoute = lazy(() => import('./routes/support/property.tsx'));
const AuditLogRoute = lazy(() => import('./routes/support/audit-log.tsx'));
const DevMailboxRoute = lazy(() => import('./routes/support/dev-mailbox.tsx'));
const SupportBankReturnsRoute = lazy(() => import('./routes/support/bank-returns.tsx'));
const SupportRequestsRoute = lazy(() => import('./routes/support/support-requests.tsx'));
const ResidentHomeRoute = lazy(() => import('./routes/resident/home.tsx'));
const FindRentalRoute = lazy(() => import('./routes/resident/find-rental.tsx'));
const ResidentSupportRoute = lazy(() => import('./routes/resident/support.tsx'));
const ResidentPaymentsRoute = lazy(() => import('./routes/resident/payments.tsx'));
const LandlordPaymentsRoute = lazy(() => import('./routes/landlord/payments.tsx'));
const PaymentSettingsRoute = lazy(() => import('./routes/landlord/payment-settings.tsx'));
const PaymentAlertsRoute = lazy(() => import('./routes/landlord/payment-alerts.tsx'));

function Page({ children }: { children: ReactNode }) {
  return <Suspense fallback={<LoadingState />}>{children}</Suspense>;
}

const router = createBrowserRouter([
  { path: '/', element: <RedirectHome /> },
  { path: '/sign-in', element: <SignInRoute /> },
  // Public: a resident's own account through the payment portal.
  { path: '/signup', element: <Page><SignupRoute /></Page> },
  // Public: the invitation link from the email (the token is in the #fragment).
  { path: '/invitations/accept', element: <Page><InvitationAcceptRoute /></Page> },
  { path: '/verify-email', element: <Page><VerifyEmailRoute /></Page> },
  { path: '/forgot-password', element: <Page><ForgotPasswordRoute /></Page> },
  { path: '/reset-password', element: <Page><ResetPasswordRoute /></Page> },
  { path: '/confirm-email-change', element: <Page><ConfirmEmailChangeRoute /></Page> },
  { path: '/two-factor-setup', element: <Page><TwoFactorRequiredRoute /></Page> },
  {
    path: '/app',
    element: (
      <RequireRole role="landlord">
        <AppLayout role="landlord">
          <Outlet />
        </AppLayout>
      </RequireRole>
    ),
    children: [
      { index: true, element: <Page><DashboardRoute /></Page> },
      { path: 'properties', element: <Page><LandlordPropertiesRoute /></Page> },
      { path: 'properties/:propertyId', element: <Page><LandlordPropertyRoute /></Page> },
      { path: 'residents', element: <Page><ResidentsRoute /></Page> },
      { path: 'residents/:residentId', element: <Page><ResidentRoute /></Page> },
      { path: 'residents/:residentId/review', element: <Page><ResidentReviewRoute /></Page> },
      { path: 'payments', element: <Page><LandlordPaymentsRoute /></Page> },
      { path: 'payment-settings', element: <Page><PaymentSettingsRoute /></Page> },
      { path: 'payment-alerts', element: <Page><PaymentAlertsRoute /></Page> },
      { path: 'support', element: <Page><LandlordSupportRoute /></Page> },
      { path: 'accounting', element: <Page><AccountingRoute /></Page> },
      { path: 'sync-runs/:syncRunId', element: <Page><SyncRunRoute /></Page> },
      { path: 'api-tokens', element: <Page><ApiTokensRoute /></Page> },
      { path: 'account', element: <Page><AccountRoute /></Page> },
      { path: '*', element: <NotFoundRoute inLayout /> },
    ],
  },
  {
    path: '/support',
    element: (
      <RequireRole role="support">
        <AppLayout role="support">
          <Outlet />
        </AppLayout>
      </RequireRole>
    ),
    children: [
      { index: true, element: <Page><CompaniesRoute /></Page> },
      { path: 'companies', element: <Navigate to="/support" replace /> },
      { path: 'companies/:companyId', element: <Page><CompanyRoute /></Page> },
      { path: 'properties/:propertyId', element: <Page><SupportPropertyRoute /></Page> },
      { path: 'audit-log', element: <Page><AuditLogRoute /></Page> },
      { path: 'dev-mailbox', element: <Page><DevMailboxRoute /></Page> },
      { path: 'bank-returns', element: <Page><SupportBankReturnsRoute /></Page> },
      { path: 'requests', element: <Page><SupportRequestsRoute /></Page> },
      { path: 'account', element: <Page><AccountRoute /></Page> },
      { path: '*', element: <NotFoundRoute inLayout /> },
    ],
  },
  {
    path: '/me',
    element: (
      <RequireRole role="resident">
        <AppLayout role="resident">
          <Outlet />
        </AppLayout>
      </RequireRole>
    ),
    children: [
      { index: true, element: <Page><ResidentHomeRoute /></Page> },
      { path: 'payments', element: <Page><ResidentPaymentsRoute /></Page> },
      { path: 'find-rental', element: <Page><FindRentalRoute /></Page> },
      { path: 'support', element: <Page><ResidentSupportRoute /></Page> },
      { path: 'account', element: <Page><AccountRoute /></Page> },
      { path: '*', element: <NotFoundRoute inLayout /> },
    ],
  },
  { path: '*', element: <NotFoundRoute /> },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
