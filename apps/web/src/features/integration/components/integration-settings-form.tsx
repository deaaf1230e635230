import { type IntegrationSettings, type Provider, type UpdateIntegrationRequest, updateIntegrationRequestSchema } from '@rentledger/contracts';
import { Alert, Button, Card, Checkbox, Group, PasswordInput, Radio, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { type GetInputPropsReturnType, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconDeviceFloppy } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { applyApiErrors } from '../../../lib/form-errors.ts';
import { timezoneLabel } from '../../../lib/timezones.ts';
import { useUpdateIntegration } from '../api/update-integration.ts';

export const PROVIDER_LABELS: Record<Provider, string> = {
  none: 'None',
  csv: 'Rent roll file (CSV)',
  mits: 'MITS XML file',
  yardi: 'Yardi Voyager (SOAP)',
  buildium: 'Buildium (REST)',
};

const PROVIDER_DESCRIPTIONS: Record<Provider, string> = {
  none: 'No accounting system. Residents join through your payment portal or your own invitations.',
  csv: 'Upload a rent roll exported from any accounting system, whenever it changes.',
  mits: 'Upload a MITS ResidentTransactions XML export, whenever it changes.',
  yardi: 'RentLedger reads residents from Yardi Voyager’s SOAP interface every day, and whenever you press Sync Now.',
  buildium: 'RentLedger reads residents from the Buildium API every day, and whenever you press Sync Now.',
};

const PROVIDER_ORDER: Provider[] = ['none', 'csv', 'mits', 'yardi', 'buildium'];

export const isApiProvider = (provider: Provider): provider is 'yardi' | 'buildium' => provider === 'yardi' || provider === 'buildium';

/** 0 -> "12:00 AM", 14 -> "2:00 PM". */
export function formatHour(hour: number): string {
  const suffix = hour < 12 ? 'AM' : 'PM';
  return `${hour % 12 === 0 ? 12 : hour % 12}:00 ${suffix}`;
}

const NO_SYNC = 'off';

const HOUR_OPTIONS = [
  { value: NO_SYNC, label: 'No daily sync' },
  ...Array.from({ length: 24 }, (_, hour) => ({ value: String(hour), label: formatHour(hour) })),
];

type FormValues = {
  provider: Provider;
  syncHour: string;
  yardi: { url: string; userName: string; password: string; serverName: string; database: string; propertyIds: string };
  buildium: { baseUrl: string; clientId: string; clientSecret: string; paymentGlAccountId: string };
  receiptsSftp: { enabled: boolean; host: string; port: string; username: string; privateKey: string; remoteDir: string; hostKey: string };
};

export const isFileProvider = (provider: Provider): provider is 'csv' | 'mits' => provider === 'csv' || provider === 'mits';

const FIELDS = [
  'provider',
  'syncHour',
  'yardi.url',
  'yardi.userName',
  'yardi.password',
  'yardi.serverName',
  'yardi.database',
  'yardi.propertyIds',
  'buildium.baseUrl',
  'buildium.clientId',
  'buildium.clientSecret',
  'buildium.paymentGlAccountId',
  'receiptsSftp',
  'receiptsSftp.host',
  'receiptsSftp.port',
  'receiptsSftp.username',
  'receiptsSftp.privateKey',
  'receiptsSftp.remoteDir',
  'receiptsSftp.hostKey',
] as const;

/** "yardi.propertyIds.2" -> "yardi.propertyIds": one message per form field. */
const fieldFor = (path: string) => (path.startsWith('yardi.propertyIds') ? 'yardi.propertyIds' : path);

function valuesFrom(settings: IntegrationSettings): FormValues {
  return {
    provider: settings.provider,
    syncHour: settings.syncHour === null ? NO_SYNC : String(settings.syncHour),
    yardi: {
      url: settings.yardi?.url ?? '',
      userName: settings.yardi?.userName ?? '',
      password: '',
      serverName: settings.yardi?.serverName ?? '',
      database: settings.yardi?.database ?? '',
      propertyIds: settings.yardi?.propertyIds.join(', ') ?? '',
    },
    buildium: { baseUrl: settings.buildium?.baseUrl ?? '', clientId: settings.buildium?.clientId ?? '', clientSecret: '', paymentGlAccountId: settings.buildium?.paymentGlAccountId ? String(settings.buildium.paymentGlAccountId) : '' },
    receiptsSftp: {
      enabled: Boolean(settings.receiptsSftp),
      host: settings.receiptsSftp?.host ?? '',
      port: String(settings.receiptsSftp?.port ?? 22),
      username: settings.receiptsSftp?.username ?? '',
      privateKey: '',
      remoteDir: settings.receiptsSftp?.remoteDir ?? '',
      hostKey: settings.receiptsSftp ? `SHA256:${settings.receiptsSftp.hostKeySha256}` : '',
    },
  };
}

/** The request for the chosen provider only; an empty secret is left out so the stored one is kept. */
function toRequest(values: FormValues): UpdateIntegrationRequest {
  const { provider } = values;
  const request: UpdateIntegrationRequest = { provider, syncHour: isApiProvider(provider) && values.syncHour !== NO_SYNC ? Number(values.syncHour) : null };
  if (provider === 'yardi') {
    const { password, propertyIds, ...rest } = values.yardi;
    request.yardi = {
      url: rest.url.trim(),
      userName: rest.userName.trim(),
      serverName: rest.serverName.trim(),
      database: rest.database.trim(),
      propertyIds: propertyIds
        .split(/[,\s]+/)
        .map((id) => id.trim())
        .filter(Boolean),
      ...(password ? { password } : {}),
    };
  }
  if (provider === 'buildium') {
    const { clientSecret, baseUrl, clientId, paymentGlAccountId } = values.buildium;
    const glAccount = paymentGlAccountId.trim();
    request.buildium = { baseUrl: baseUrl.trim(), clientId: clientId.trim(), ...(clientSecret ? { clientSecret } : {}), ...(glAccount ? { paymentGlAccountId: /^\d+$/.test(glAccount) ? Number(glAccount) : Number.NaN } : {}) };
  }
  if (isFileProvider(provider)) {
    const sftp = values.receiptsSftp;
    const port = sftp.port.trim();
    request.receiptsSftp = sftp.enabled
      ? {
          host: sftp.host.trim(),
          port: port === '' ? 22 : /^\d+$/.test(port) ? Number(port) : Number.NaN,
          username: sftp.username.trim(),
          remoteDir: sftp.remoteDir.trim(),
          hostKey: sftp.hostKey.trim(),
          ...(sftp.privateKey.trim() ? { privateKey: sftp.privateKey } : {}),
        }
      : null;
  }
  return request;
}

const REQUIRED: Partial<Record<(typeof FIELDS)[number], string>> = {
  'yardi.url': 'Enter the Yardi web service URL',
  'yardi.userName': 'Enter the Yardi user name',
  'yardi.serverName': 'Enter the Yardi server name',
  'yardi.database': 'Enter the Yardi database',
  'yardi.propertyIds': 'Give at least one Yardi property ID',
  'buildium.baseUrl': 'Enter the Buildium API URL',
  'buildium.clientId': 'Enter the Buildium client ID',
};

/** Empty required fields first, in plain words; then the contract's own rules (full URLs, lengths). */
function validate(values: FormValues, settings: IntegrationSettings): Record<string, string> {
  const errors: Record<string, string> = {};
  const sftp = values.receiptsSftp;
  if (isFileProvider(values.provider) && sftp.enabled) {
    if (!sftp.host.trim()) errors['receiptsSftp.host'] = 'Enter the SFTP server host name';
    if (!sftp.username.trim()) errors['receiptsSftp.username'] = 'Enter the SFTP user name';
    if (!sftp.hostKey.trim()) errors['receiptsSftp.hostKey'] = "Paste the server's host key fingerprint (SHA256:...) or its public key line";
    if (!sftp.privateKey.trim() && !settings.receiptsSftp?.hasPrivateKey) errors['receiptsSftp.privateKey'] = 'Paste the private key the SFTP server authorized';
    const port = sftp.port.trim();
    if (port !== '' && !(/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) errors['receiptsSftp.port'] = 'Enter a port from 1 to 65535 (usually 22)';
  }
  const provider = values.provider;
  for (const [field, message] of Object.entries(REQUIRED)) {
    const [group, key] = field.split('.') as ['yardi' | 'buildium', string];
    if (group !== provider) continue;
    const value = (values[group] as Record<string, string>)[key] ?? '';
    if (!value.trim()) errors[field] = message;
  }
  if (provider === 'buildium' && values.buildium.paymentGlAccountId.trim() && !/^\d+$/.test(values.buildium.paymentGlAccountId.trim())) {
    errors['buildium.paymentGlAccountId'] = 'Enter the GL account ID as Buildium shows it: digits only';
  }
  const parsed = updateIntegrationRequestSchema.safeParse(toRequest(values));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldFor(issue.path.join('.'));
      errors[field] ??= issue.message;
    }
  }
  return errors;
}

type SecretFieldProps = { label: string; stored: boolean; inputProps: GetInputPropsReturnType };

function SecretField({ label, stored, inputProps }: SecretFieldProps) {
  return (
    <PasswordInput
      label={label}
      placeholder={stored ? '•••••• stored' : undefined}
      description={stored ? 'A secret is stored. Leave this empty to keep it, or type a new one to replace it.' : 'Stored encrypted; never shown again.'}
      autoComplete="new-password"
      required={!stored}
      // The explanation under the input keeps this field level with its neighbour.
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      {...inputProps}
    />
  );
}

export function IntegrationSettingsForm({ settings }: { settings: IntegrationSettings }) {
  const update = useUpdateIntegration();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<FormValues>({ mode: 'controlled', initialValues: valuesFrom(settings) });

  // After a save (or a change elsewhere) the form shows what is stored, with the secret fields empty again.
  useEffect(() => {
    form.setInitialValues(valuesFrom(settings));
    form.setValues(valuesFrom(settings));
    // Only new settings reset the form (the form object itself is left out on purpose).
  }, [settings]);

  const submit = form.onSubmit((values) => {
    setFormError(null);
    const errors = validate(values, settings);
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      return;
    }
    update.mutate(toRequest(values), {
      onSuccess: (saved) =>
        notifications.show({
          color: 'brand',
          title: 'Settings saved',
          message: isApiProvider(saved.provider) ? `RentLedger now syncs with ${PROVIDER_LABELS[saved.provider]}.` : `Accounting: ${PROVIDER_LABELS[saved.provider]}.`,
        }),
      onError: (error) => setFormError(applyApiErrors(form, error, FIELDS, fieldFor)),
    });
  });

  const provider = form.values.provider;

  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="integration-settings-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="lg">
          <div>
            <Title order={2} fz="lg" id="integration-settings-title">
              Accounting system
            </Title>
            <Text size="sm" c="dimmed">
              Where RentLedger reads your residents and leases from. Secrets are stored encrypted and never shown again.
            </Text>
          </div>
          {formError && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={20} />} role="alert">
              {formError}
            </Alert>
          )}
          <Radio.Group
            label="Connection"
            value={provider}
            onChange={(value) => {
              form.setFieldValue('provider', value as Provider);
              form.clearErrors();
              setFormError(null);
            }}
            error={form.errors.provider}
          >
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" mt="xs">
              {PROVIDER_ORDER.map((value) => (
                <Radio.Card key={value} value={value} p="md" radius="md" aria-label={PROVIDER_LABELS[value]}>
                  <Group wrap="nowrap" align="flex-start" gap="sm">
                    <Radio.Indicator mt={2} />
                    <div>
                      <Text fw={600} size="sm">
                        {PROVIDER_LABELS[value]}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {PROVIDER_DESCRIPTIONS[value]}
                      </Text>
                    </div>
                  </Group>
                </Radio.Card>
              ))}
            </SimpleGrid>
          </Radio.Group>

          {provider === 'yardi' && (
            <Stack gap="sm" data-testid="yardi-fields">
              <Title order={3} fz="md">
                Yardi Voyager connection
              </Title>
              <TextInput label="Web service URL" placeholder="https://www.yardiasp.com/12345/webservices/ItfResidentData.asmx" required {...form.getInputProps('yardi.url')} />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <TextInput label="User name" autoComplete="off" required {...form.getInputProps('yardi.userName')} />
                <SecretField label="Password" stored={settings.yardi?.passwordSet ?? false} inputProps={form.getInputProps('yardi.password')} />
                <TextInput label="Server" placeholder="e.g. yardi_sql01" required {...form.getInputProps('yardi.serverName')} />
                <TextInput label="Database" placeholder="e.g. maple_live" required {...form.getInputProps('yardi.database')} />
              </SimpleGrid>
              <TextInput
                label="Property IDs"
                description="The Yardi property codes to read, separated by commas."
                placeholder="mc01, rc02, oh03"
                required
                {...form.getInputProps('yardi.propertyIds')}
              />
            </Stack>
          )}

          {provider === 'buildium' && (
            <Stack gap="sm" data-testid="buildium-fields">
              <Title order={3} fz="md">
                Buildium connection
              </Title>
              <TextInput label="API base URL" placeholder="https://api.buildium.com/v1" required {...form.getInputProps('buildium.baseUrl')} />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <TextInput label="Client ID" autoComplete="off" required {...form.getInputProps('buildium.clientId')} />
                <SecretField label="Client secret" stored={settings.buildium?.clientSecretSet ?? false} inputProps={form.getInputProps('buildium.clientSecret')} />
              </SimpleGrid>
              <TextInput
                label="GL account for rent payments"
                description="The Buildium income GL account ID that payments made in RentLedger are posted to. Without it, payments are not posted back to Buildium."
                inputMode="numeric"
                autoComplete="off"
                maw={{ sm: 360 }}
                {...form.getInputProps('buildium.paymentGlAccountId')}
              />
            </Stack>
          )}

          {isFileProvider(provider) && (
            <Stack gap="sm" component="section" aria-labelledby="receipts-sftp-title" data-testid="receipts-sftp-fields">
              <div>
                <Title order={3} fz="md" id="receipts-sftp-title">
                  Send receipts by SFTP
                </Title>
                <Text size="sm" c="dimmed">
                  Once a day has ended, its receipts file (the payments posted that day) is put in a folder on your SFTP server as receipts-YYYY-MM-DD.csv, once. It stays downloadable
                  on the Posting tab.
                </Text>
              </div>
              <Checkbox label="Send each day's receipts file by SFTP" {...form.getInputProps('receiptsSftp.enabled', { type: 'checkbox' })} />
              {form.errors.receiptsSftp && (
                <Text size="sm" c="red" role="alert">
                  {form.errors.receiptsSftp}
                </Text>
              )}
              {form.values.receiptsSftp.enabled && (
                <>
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                    <TextInput label="SFTP host" placeholder="sftp.example.com" autoComplete="off" required {...form.getInputProps('receiptsSftp.host')} />
                    <TextInput label="Port" inputMode="numeric" description="Usually 22" inputWrapperOrder={['label', 'input', 'description', 'error']} {...form.getInputProps('receiptsSftp.port')} />
                    <TextInput label="SFTP user name" autoComplete="off" required {...form.getInputProps('receiptsSftp.username')} />
                    <TextInput label="Folder" placeholder="/inbound" description="Leave empty for the user's login folder" inputWrapperOrder={['label', 'input', 'description', 'error']} {...form.getInputProps('receiptsSftp.remoteDir')} />
                  </SimpleGrid>
                  <Textarea
                    label="Private key"
                    placeholder={settings.receiptsSftp?.hasPrivateKey ? '•••••• stored' : '-----BEGIN OPENSSH PRIVATE KEY-----'}
                    description={settings.receiptsSftp?.hasPrivateKey ? 'A key is stored. Leave this empty to keep it, or paste a new one to replace it.' : 'Unencrypted OpenSSH or PEM. Stored encrypted; never shown again.'}
                    required={!settings.receiptsSftp?.hasPrivateKey}
                    autoComplete="off"
                    autosize
                    minRows={2}
                    maxRows={6}
                    styles={{ input: { fontFamily: 'monospace' } }}
                    {...form.getInputProps('receiptsSftp.privateKey')}
                  />
                  <TextInput
                    label="Server host key"
                    description="Its SHA256 fingerprint (SHA256:...) or public key line (ssh-ed25519 AAAA...): a server with any other key is refused."
                    autoComplete="off"
                    required
                    {...form.getInputProps('receiptsSftp.hostKey')}
                  />
                </>
              )}
            </Stack>
          )}

          {isApiProvider(provider) && (
            <Select
              label="Daily sync"
              description={`Every day at this hour, ${timezoneLabel(settings.timezone)} time (your company’s time zone).`}
              data={HOUR_OPTIONS}
              allowDeselect={false}
              maw={{ sm: 360 }}
              {...form.getInputProps('syncHour')}
            />
          )}

          <Group justify="flex-end">
            <Button type="submit" leftSection={<IconDeviceFloppy size={16} />} loading={update.isPending}>
              Save settings
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
