import { Alert, Button, Card, Stack, Text, Title } from '@mantine/core';
import { IconMailExclamation } from '@tabler/icons-react';
import { PageHeader } from '../../components/page-header.tsx';
import { useResendVerification } from '../../features/auth/api/resend-verification.ts';
import { ChangeEmailForm } from '../../features/account/components/change-email-form.tsx';
import { ChangePasswordForm } from '../../features/account/components/change-password-form.tsx';
import { SessionsList } from '../../features/account/components/sessions-list.tsx';
import { AlertPreferencesForm } from '../../features/account/components/alert-preferences-form.tsx';
import { TwoFactorCard } from '../../features/account/components/two-factor-card.tsx';
import { StaffTwoFactorSetting } from '../../features/companies/components/staff-two-factor-setting.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { useCurrentUser } from './guards.tsx';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-label={title}>
      <Title order={2} fz="lg" mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}

/** Every role's own account: email, password, sessions and (staff) two-factor sign-in. */
export default function AccountRoute() {
  const user = useCurrentUser();
  return (
    <>
      <PageHeader title="Your account" description={`Signed in as ${user.email}`} />
      <Stack gap="lg" maw={760}>
        {!user.emailVerified && <VerifyEmailBanner email={user.email} />}
        <Section title="Email">
          <ChangeEmailForm email={user.email} />
        </Section>
        <Section title="Password">
          <ChangePasswordForm />
        </Section>
        <Section title="Where you are signed in">
          <SessionsList />
        </Section>
        {user.role !== 'resident' && (
          <Section title="Two-factor sign-in">
            <TwoFactorCard user={user} />
          </Section>
        )}
        {user.role === 'landlord' && (
          <Section title="Alert emails">
            <AlertPreferencesForm />
          </Section>
        )}
        {user.role === 'landlord' && user.company && (
          <Section title={`${user.company.name}: security`}>
            <StaffTwoFactorSetting companyId={user.company.id} />
          </Section>
        )}
      </Stack>
    </>
  );
}

/** Shown until the email is confirmed: nothing is matched or shown from the landlord's books before. */
export function VerifyEmailBanner({ email }: { email: string }) {
  const resend = useResendVerification();
  return (
    <Alert color="orange" variant="light" icon={<IconMailExclamation size={20} />} title="Confirm your email" aria-live="polite">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">
          Open the link we sent to <strong>{email}</strong>. Until you do, your landlord cannot match you to your lease.
        </Text>
        {resend.isSuccess ? (
          <Text size="sm" fw={600}>
            {resend.data.message}
          </Text>
        ) : (
          <Button size="xs" variant="light" color="orange" loading={resend.isPending} onClick={() => resend.mutate()}>
            Send the link again
          </Button>
        )}
        {resend.isError && <Text size="sm" c="red.9">{isApiError(resend.error) ? resend.error.message : 'Could not send it. Try again.'}</Text>}
      </Stack>
    </Alert>
  );
}
