import type { IntegrationSettings } from '@rentledger/contracts';
import { Alert, Card, Stack, Switch, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { describeError } from '../../../lib/form-errors.ts';
import { useUpdateIntegration } from '../api/update-integration.ts';

export const CREATE_PLACES_LABEL = 'Create properties from the accounting system';

/** Whether imports may add the properties and units they name; saved as soon as it is switched. */
export function CreatePlacesSetting({ settings }: { settings: IntegrationSettings }) {
  const update = useUpdateIntegration();
  const checked = update.isPending ? Boolean(update.variables?.createPropertiesFromAccounting) : settings.createPropertiesFromAccounting;
  const toggle = (value: boolean) =>
    update.mutate(
      { provider: settings.provider, createPropertiesFromAccounting: value },
      {
        onSuccess: (saved) =>
          notifications.show({
            color: 'brand',
            title: saved.createPropertiesFromAccounting ? 'Imports may now add properties' : 'Imports no longer add properties',
            message: saved.createPropertiesFromAccounting
              ? 'New property codes and units in your accounting data are added to RentLedger.'
              : 'Rows naming a property or unit RentLedger does not have are listed as row errors.',
          }),
      },
    );
  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="create-places-title">
      <Stack gap="sm">
        <Title order={2} fz="lg" id="create-places-title">
          Properties and units
        </Title>
        <Switch
          label={CREATE_PLACES_LABEL}
          description={
            <>
              On: a sync or import adds each property code and unit your accounting data names that RentLedger does not have (a property needs its full
              address; each run lists what it added). Off: such rows are not imported and are listed as row errors, so a mistyped code never becomes a
              property. Either way a property code matches whatever its case, and a new code at the address of one of your properties is refused.
              {settings.createPropertiesFromAccountingIsDefault &&
                ` You have not chosen yet: ${settings.createPropertiesFromAccounting ? 'on' : 'off'} is the default for ${
                  settings.provider === 'yardi' || settings.provider === 'buildium' ? 'a connected accounting system' : 'file imports and spreadsheets'
                }.`}
            </>
          }
          checked={checked}
          disabled={update.isPending}
          onChange={(event) => toggle(event.currentTarget.checked)}
          data-testid="create-places-switch"
        />
        {update.isError && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={20} />} role="alert">
            {describeError(update.error)}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
