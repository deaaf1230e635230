import type { PaymentSettings, PaymentSettingsInput } from '@rentledger/contracts';
import { Alert, Button, Card, Grid, Group, NumberInput, SegmentedControl, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconFileDownload } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { MoneyInput } from '../../../components/form-fields.tsx';
import { applyApiErrors, REQUIRED } from '../../../lib/form-errors.ts';
import { centsFromDollars, dollarsFromCents } from '../../../lib/format.ts';
import { usePutPaymentSettings } from '../api/put-payment-settings.ts';

type Values = {
  immediateDestination: string;
  immediateDestinationName: string;
  immediateOrigin: string;
  immediateOriginName: string;
  companyName: string;
  companyIdentification: string;
  entryDescription: string;
  settlementRoutingNumber: string;
  settlementAccountNumber: string;
  settlementAccountType: 'checking' | 'savings';
  balancedFiles: boolean;
  retryReturns: boolean;
  cutoffTime: string;
  windowKind: 'any_day' | 'days';
  fromDay: number | string;
  toDay: number | string;
  maxPayment: number | string;
  sftpEnabled: boolean;
  sftp: { host: string; port: number | string; username: string; privateKey: string; remoteDir: string; returnsDir: string; hostKey: string };
};

const FIELDS = [
  'immediateDestination',
  'immediateDestinationName',
  'immediateOrigin',
  'immediateOriginName',
  'companyName',
  'companyIdentification',
  'entryDescription',
  'settlementRoutingNumber',
  'settlementAccountNumber',
  'settlementAccountType',
  'balancedFiles',
  'retryReturns',
  'cutoffTime',
  'windowKind',
  'fromDay',
  'toDay',
  'maxPayment',
  'sftp.host',
  'sftp.port',
  'sftp.username',
  'sftp.privateKey',
  'sftp.remoteDir',
  'sftp.returnsDir',
  'sftp.hostKey',
] as const;

/** The server's paths onto the form's fields. */
function fieldOf(path: string): string {
  if (path === 'paymentWindow' || path === 'paymentWindow.kind') return 'windowKind';
  if (path === 'paymentWindow.fromDay') return 'fromDay';
  if (path === 'paymentWindow.toDay') return 'toDay';
  if (path === 'maxPaymentCents') return 'maxPayment';
  return path;
}

function initialValues(settings: PaymentSettings): Values {
  const window = settings.paymentWindow;
  return {
    immediateDestination: settings.configured ? settings.immediateDestination : '',
    immediateDestinationName: settings.immediateDestinationName,
    immediateOrigin: settings.immediateOrigin,
    immediateOriginName: settings.immediateOriginName,
    companyName: settings.companyName,
    companyIdentification: settings.companyIdentification,
    entryDescription: settings.entryDescription || 'RENT',
    settlementRoutingNumber: '',
    settlementAccountNumber: '',
    settlementAccountType: settings.settlementAccountType,
    balancedFiles: settings.balancedFiles,
    retryReturns: settings.retryReturns,
    cutoffTime: settings.cutoffTime || '17:00',
    windowKind: window.kind,
    fromDay: window.kind === 'days' ? window.fromDay : 1,
    toDay: window.kind === 'days' ? window.toDay : 5,
    maxPayment: dollarsFromCents(settings.maxPaymentCents),
    sftpEnabled: settings.sftp !== null,
    sftp: {
      host: settings.sftp?.host ?? '',
      port: settings.sftp?.port ?? 22,
      username: settings.sftp?.username ?? '',
      privateKey: '',
      remoteDir: settings.sftp?.remoteDir ?? '/',
      returnsDir: settings.sftp?.returnsDir ?? '',
      hostKey: settings.sftp ? (settings.sftp.hostKeySha256.startsWith('SHA256:') ? settings.sftp.hostKeySha256 : `SHA256:${settings.sftp.hostKeySha256}`) : '',
    },
  };
}

const ten = (label: string) => (value: string) => (!value.trim() ? REQUIRED : /^[0-9A-Za-z ]{10}$/.test(value) ? null : `${label} is 10 characters (letters, digits or spaces): your bank gives it`);
const maxLength = (max: number, message = `At most ${max} characters`) => (value: string) => (!value.trim() ? REQUIRED : value.trim().length > max ? message : null);
const nineDigits = (message: string) => (value: string) => (!value.trim() ? REQUIRED : /^[0-9]{9}$/.test(value.trim()) ? null : message);
const day = (value: number | string, values: Values) => (values.windowKind === 'any_day' ? null : typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 31 ? null : 'A day from 1 to 31');
const sftpRequired = (value: string | number, values: Values) => (!values.sftpEnabled ? null : String(value).trim() ? null : REQUIRED);

function toInput(values: Values): PaymentSettingsInput {
  const maxPaymentCents = centsFromDollars(values.maxPayment);
  return {
    immediateDestination: values.immediateDestination.trim(),
    immediateDestinationName: values.immediateDestinationName.trim(),
    immediateOrigin: values.immediateOrigin,
    immediateOriginName: values.immediateOriginName.trim(),
    companyName: values.companyName.trim(),
    companyIdentification: values.companyIdentification,
    entryDescription: values.entryDescription.trim(),
    settlementRoutingNumber: values.settlementRoutingNumber.trim(),
    ...(values.settlementAccountNumber.trim() ? { settlementAccountNumber: values.settlementAccountNumber.replace(/[\s-]/g, '') } : {}),
    settlementAccountType: values.settlementAccountType,
    balancedFiles: values.balancedFiles,
    retryReturns: values.retryReturns,
    cutoffTime: values.cutoffTime,
    paymentWindow: values.windowKind === 'any_day' ? { kind: 'any_day' } : { kind: 'days', fromDay: Number(values.fromDay), toDay: Number(values.toDay) },
    maxPaymentCents,
    sftp: values.sftpEnabled
      ? {
          host: values.sftp.host.trim(),
          port: Number(values.sftp.port),
          username: values.sftp.username.trim(),
          ...(values.sftp.privateKey.trim() ? { privateKey: values.sftp.privateKey } : {}),
          remoteDir: values.sftp.remoteDir.trim(),
          ...(values.sftp.returnsDir.trim() ? { returnsDir: values.sftp.returnsDir.trim() } : {}),
          hostKey: values.sftp.hostKey.trim(),
        }
      : null,
  };
}

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  const id = `settings-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={id}>
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={2} fz="lg" id={id}>
            {title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </Stack>
        {children}
      </Stack>
    </Card>
  );
}

/** The bank's originator settings a NACHA file needs, the settlement account, limits, and the optional SFTP delivery. */
export function PaymentSettingsForm({ settings }: { settings: PaymentSettings }) {
  const save = usePutPaymentSettings();
  const [formError, setFormError] = useState<string | null>(null);
  const [stored, setStored] = useState(settings);
  const form = useForm<Values>({
    initialValues: initialValues(settings),
    validate: {
      immediateDestination: nineDigits("Your bank's routing number: 9 digits"),
      immediateDestinationName: maxLength(23),
      immediateOrigin: ten('Immediate origin'),
      immediateOriginName: maxLength(23),
      companyName: maxLength(16, 'At most 16 characters (it shows on bank statements)'),
      companyIdentification: ten('Company identification'),
      entryDescription: maxLength(10),
      settlementRoutingNumber: nineDigits('9 digits'),
      settlementAccountNumber: (value) => {
        const digits = value.replace(/[\s-]/g, '');
        if (!digits) return stored.configured ? null : REQUIRED;
        return /^[0-9]{4,17}$/.test(digits) ? null : '4 to 17 digits';
      },
      cutoffTime: (value) => (/^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(value) ? null : 'A time like 19:45'),
      fromDay: day,
      toDay: day,
      maxPayment: (value) => {
        const cents = centsFromDollars(value);
        if (cents === null) return null;
        return cents >= 100 && cents <= 2_500_000 ? null : 'From $1.00 to $25,000.00, or leave it empty';
      },
      sftp: {
        host: sftpRequired,
        username: sftpRequired,
        remoteDir: sftpRequired,
        hostKey: (value, values) => (!values.sftpEnabled ? null : value.trim() ? null : "The bank's host key fingerprint (SHA256:...) or public key line"),
        port: (value, values) => (!values.sftpEnabled ? null : typeof value === 'number' && value >= 1 && value <= 65535 ? null : 'A port from 1 to 65535'),
        privateKey: (value, values) => (!values.sftpEnabled || value.trim() || stored.sftp?.hasPrivateKey ? null : REQUIRED),
      },
    },
  });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    save.mutate(toInput(values), {
      onSuccess: (saved) => {
        setStored(saved);
        form.setFieldValue('settlementAccountNumber', '');
        form.setFieldValue('sftp.privateKey', '');
        notifications.show({ color: 'brand', title: 'Bank settings saved', message: 'The next bank file uses them.' });
      },
      onError: (error) => setFormError(applyApiErrors(form, error, FIELDS, fieldOf)),
    });
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Bank settings">
      <Stack gap="lg">
        {formError && (
          <Alert color="red" variant="light" role="alert">
            {formError}
          </Alert>
        )}
        <Section title="Your bank" description="From your bank's ACH origination agreement: they give you every value here.">
          <Grid gap="md" align="flex-start">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label="Bank routing number" description="Immediate destination, 9 digits" inputMode="numeric" required {...form.getInputProps('immediateDestination')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label="Bank name" description="Immediate destination name, up to 23 characters" required {...form.getInputProps('immediateDestinationName')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label="Immediate origin" description="10 characters" required {...form.getInputProps('immediateOrigin')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label="Immediate origin name" description="Up to 23 characters" required {...form.getInputProps('immediateOriginName')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label="Company name" description="Up to 16 characters, shown on residents' statements" required {...form.getInputProps('companyName')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label="Company identification" description="10 characters" required {...form.getInputProps('companyIdentification')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label="Entry description" description="Up to 10 characters, shown on residents' statements" required {...form.getInputProps('entryDescription')} />
            </Grid.Col>
          </Grid>
        </Section>

        <Section title="Settlement account" description="Where the deposits land: the account the files credit.">
          <Grid gap="md" align="flex-start">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label="Settlement routing number"
                description={stored.configured ? `Stored: ending ${stored.settlementRoutingLast4}` : '9 digits'}
                inputMode="numeric"
                required
                {...form.getInputProps('settlementRoutingNumber')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label="Settlement account number"
                placeholder={stored.configured ? `•••• ${stored.settlementAccountLast4} (leave blank to keep)` : '4 to 17 digits'}
                inputMode="numeric"
                autoComplete="off"
                required={!stored.configured}
                {...form.getInputProps('settlementAccountNumber')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Stack gap={4}>
                <Text size="sm" fw={500} id="settlement-account-type">
                  Account type
                </Text>
                <SegmentedControl
                  aria-labelledby="settlement-account-type"
                  data={[
                    { value: 'checking', label: 'Checking' },
                    { value: 'savings', label: 'Savings' },
                  ]}
                  {...form.getInputProps('settlementAccountType')}
                />
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Switch
                mt={{ base: 0, sm: 'xl' }}
                label="Balanced files"
                description="Each file carries the offsetting credit to the settlement account (ask your bank)"
                {...form.getInputProps('balancedFiles', { type: 'checkbox' })}
              />
            </Grid.Col>
          </Grid>
        </Section>

        <Section title="When and how much" description="The daily file and what residents may pay.">
          <Grid gap="md" align="flex-start">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput type="time" label="Daily cutoff" description={`The day's file is made at this time, ${stored.timezone} time`} required {...form.getInputProps('cutoffTime')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <MoneyInput label="Largest payment" description="Optional; empty allows up to $25,000.00" {...form.getInputProps('maxPayment')} />
            </Grid.Col>
            <Grid.Col span={12}>
              <Stack gap={4}>
                <Text size="sm" fw={500} id="payment-window">
                  Payment window
                </Text>
                <SegmentedControl
                  aria-labelledby="payment-window"
                  style={{ alignSelf: 'flex-start' }}
                  data={[
                    { value: 'any_day', label: 'Any day' },
                    { value: 'days', label: 'Certain days' },
                  ]}
                  {...form.getInputProps('windowKind')}
                />
                {form.errors.windowKind && (
                  <Text size="xs" c="red.8">
                    {form.errors.windowKind}
                  </Text>
                )}
              </Stack>
            </Grid.Col>
            <Grid.Col span={12}>
              <Switch
                label="Present returned payments again (R01, R09)"
                description="Returns R01 and R09 are presented again at most twice within 180 days, 3 banking days after each return"
                {...form.getInputProps('retryReturns', { type: 'checkbox' })}
              />
            </Grid.Col>
            {form.values.windowKind === 'days' && (
              <>
                <Grid.Col span={{ base: 6, sm: 3 }}>
                  <NumberInput label="From day" min={1} max={31} clampBehavior="none" allowDecimal={false} allowNegative={false} required {...form.getInputProps('fromDay')} />
                </Grid.Col>
                <Grid.Col span={{ base: 6, sm: 3 }}>
                  <NumberInput label="To day" min={1} max={31} clampBehavior="none" allowDecimal={false} allowNegative={false} required {...form.getInputProps('toDay')} />
                </Grid.Col>
              </>
            )}
          </Grid>
        </Section>

        <Section title="Delivery by SFTP" description="Optional: with it, each file goes to your bank's server as it is made. Without it, download the files and upload them yourself.">
          <Switch label="Send files to my bank by SFTP" {...form.getInputProps('sftpEnabled', { type: 'checkbox' })} />
          {form.values.sftpEnabled && (
            <Grid gap="md" align="flex-start">
              <Grid.Col span={{ base: 12, sm: 8 }}>
                <TextInput label="Host" required {...form.getInputProps('sftp.host')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <NumberInput label="Port" min={1} max={65535} clampBehavior="none" allowDecimal={false} allowNegative={false} required {...form.getInputProps('sftp.port')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput label="Username" autoComplete="off" required {...form.getInputProps('sftp.username')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput label="Remote folder" required {...form.getInputProps('sftp.remoteDir')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label="Returns folder"
                  description="Optional: where your bank leaves return and NOC files; they are fetched and read every 15 minutes"
                  {...form.getInputProps('sftp.returnsDir')}
                />
              </Grid.Col>
              <Grid.Col span={12}>
                <Textarea
                  label="Private key"
                  placeholder={stored.sftp?.hasPrivateKey ? 'Stored (leave blank to keep)' : '-----BEGIN OPENSSH PRIVATE KEY-----'}
                  autosize
                  minRows={3}
                  maxRows={10}
                  autoComplete="off"
                  spellCheck={false}
                  styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                  required={!stored.sftp?.hasPrivateKey}
                  {...form.getInputProps('sftp.privateKey')}
                />
              </Grid.Col>
              <Grid.Col span={12}>
                <TextInput label="Host key" description="The bank's host key fingerprint (SHA256:...) or its public key line" spellCheck={false} required {...form.getInputProps('sftp.hostKey')} />
              </Grid.Col>
            </Grid>
          )}
        </Section>

        <Group justify="space-between">
          {stored.configured ? (
            // Made from the saved settings: what the bank checks before it takes live files.
            <Button component="a" href="/api/payment-settings/test-file" download variant="default" leftSection={<IconFileDownload size={16} />}>
              Download a test file for your bank
            </Button>
          ) : (
            <span />
          )}
          <Button type="submit" leftSection={<IconDeviceFloppy size={16} />} loading={save.isPending}>
            Save bank settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
