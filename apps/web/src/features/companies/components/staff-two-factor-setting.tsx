import { Alert, Switch, Text } from '@mantine/core';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { useCompany } from '../api/get-company.ts';
import { useUpdateCompanySecurity } from '../api/update-company-security.ts';

/** The company's "require two-factor for staff" switch: staff without it set it up at their next visit. */
export function StaffTwoFactorSetting({ companyId }: { companyId: string }) {
  const company = useCompany(companyId);
  const update = useUpdateCompanySecurity(companyId);
  if (company.isPending) return <LoadingState />;
  if (company.isError) return <ErrorState error={company.error} onRetry={() => void company.refetch()} />;
  return (
    <>
      <Switch
        label="Require two-factor sign-in for all staff"
        description={`Everyone at ${company.data.name} without it must set it up before they can continue.`}
        checked={update.isPending ? Boolean(update.variables?.requireStaffTwoFactor) : company.data.requireStaffTwoFactor}
        disabled={update.isPending}
        onChange={(event) => update.mutate({ requireStaffTwoFactor: event.currentTarget.checked })}
      />
      {update.isError && (
        <Alert color="red" variant="light" role="alert" mt="xs">
          <Text size="sm">{isApiError(update.error) ? update.error.message : 'Could not change the setting.'}</Text>
        </Alert>
      )}
    </>
  );
}
