import { emailSchema, personNameSchema, phoneSchema } from '@rentledger/contracts';
import { Alert, Button, Grid, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconMailCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { EmptyPanel } from '../../../components/empty-panel.tsx';
import { LeaseFields, RentTermsFields } from '../../../components/form-fields.tsx';
import { WideModal } from '../../../components/modal-scaffold.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { type PropertiesQuery, UnitPicker } from '../../../components/unit-picker.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { applyApiErrors } from '../../../lib/form-errors.ts';
import { centsFromDollars } from '../../../lib/format.ts';
import { leaseFieldMap, leaseValidators, validateDueDay } from '../../../lib/lease-form.ts';
import { useCreateInvitation } from '../api/create-invitation.ts';

const FIELDS = ['firstName', 'lastName', 'email', 'phone', 'unitId', 'rent', 'dueDay', 'leaseStart', 'leaseEnd'] as const;

const message = (result: { success: boolean; error?: { issues: { message: string }[] } }) => (result.success ? null : (result.error?.issues[0]?.message ?? 'Check this field'));

const initialValues = {
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  unitId: null as string | null,
  rent: '' as number | string,
  dueDay: 1 as number | string,
  leaseStart: '',
  leaseEnd: '',
  monthToMonth: false,
};

type InviteResidentModalProps = {
  opened: boolean;
  onClose: () => void;
  /** The company's properties and units to invite to (the page passes the properties feature's query). */
  properties: PropertiesQuery;
};

/** Join path 3: the landlord invites a resident directly; accepting the emailed invitation approves them. */
export function InviteResidentModal({ opened, onClose, properties }: InviteResidentModalProps) {
  const invite = useCreateInvitation();
  const [formError, setFormError] = useState<string | null>(null);
  const [sent, setSent] = useState<{ name: string; email: string } | null>(null);
  /** Another resident of the company already uses the email: said, and sent only when the landlord confirms. */
  const [sharedWith, setSharedWith] = useState<{ name: string; email: string } | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues,
    validate: {
      firstName: (value) => message(personNameSchema.safeParse(value)),
      lastName: (value) => message(personNameSchema.safeParse(value)),
      email: (value) => message(emailSchema.safeParse(value)),
      phone: (value) => (value.trim() ? message(phoneSchema.safeParse(value)) : null),
      unitId: (value) => (value ? null : 'Choose the unit'),
      dueDay: validateDueDay,
      ...leaseValidators,
    },
  });

  const close = () => {
    form.reset();
    setFormError(null);
    setSent(null);
    setSharedWith(null);
    invite.reset();
    onClose();
  };

  const send = (values: typeof form.values, allowSharedEmail: boolean) => {
    setFormError(null);
    setSharedWith(null);
    const phone = values.phone.trim();
    invite.mutate(
      {
        firstName: values.firstName.trim(),
        lastName: values.lastName.trim(),
        email: values.email.trim(),
        ...(phone ? { phone } : {}),
        unitId: values.unitId ?? '',
        rentCents: centsFromDollars(values.rent) ?? 0,
        dueDay: Number(values.dueDay),
        leaseStart: values.leaseStart,
        leaseEnd: values.monthToMonth ? null : values.leaseEnd,
        allowSharedEmail,
      },
      {
        onSuccess: () => {
          setSent({ name: `${values.firstName.trim()} ${values.lastName.trim()}`, email: values.email.trim() });
          form.reset();
        },
        onError: (error) => {
          if (isApiError(error) && error.code === 'email_in_use') {
            const details = error.details as { name?: string } | undefined;
            setSharedWith({ name: details?.name ?? 'another resident', email: values.email.trim() });
            return;
          }
          setFormError(applyApiErrors(form, error, FIELDS, leaseFieldMap));
        },
      },
    );
  };
  const submit = form.onSubmit((values) => send(values, false));

  return (
    <WideModal opened={opened} onClose={close} title="Invite resident">
      {sent ? (
        <Stack gap="md" data-testid="invitation-sent">
          <EmptyPanel
            order={2}
            icon={<IconMailCheck size={28} />}
            title="Invitation sent"
            description={`${sent.name} will receive an email at ${sent.email} with a link to set a password. Once they accept, they are approved.`}
            py="md"
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setSent(null)}>
              Invite another
            </Button>
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : properties.isPending ? (
        <LoadingState label="Loading your units…" />
      ) : properties.isError ? (
        <ErrorState error={properties.error} onRetry={() => void properties.refetch()} />
      ) : (
        <form onSubmit={submit} noValidate aria-label="Invite resident">
          <Stack gap="md">
            {formError && (
              <Alert color="red" variant="light" role="alert">
                {formError}
              </Alert>
            )}
            {sharedWith && (
              <Alert color="yellow" variant="light" role="alert" title="This email belongs to another resident" data-testid="shared-email-warning">
                <Stack gap="xs">
                  <Text size="sm">
                    {sharedWith.email} is already the email of {sharedWith.name}. Both invitations would arrive in the same inbox: send this one only if they share it, as family members sometimes do.
                  </Text>
                  <Group gap="sm">
                    <Button size="xs" variant="default" loading={invite.isPending} onClick={() => !form.validate().hasErrors && send(form.values, true)}>
                      Invite anyway
                    </Button>
                  </Group>
                </Stack>
              </Alert>
            )}
            <Text size="sm" c="dimmed">
              The resident gets an email to set a password. Accepting approves them with the lease you enter here.
            </Text>
            <Grid gap="md">
              <Grid.Col span={{ base: 12, xs: 6 }}>
                <TextInput label="First name" required data-autofocus {...form.getInputProps('firstName')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, xs: 6 }}>
                <TextInput label="Last name" required {...form.getInputProps('lastName')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, xs: 7 }}>
                <TextInput label="Email" type="email" inputMode="email" required {...form.getInputProps('email')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, xs: 5 }}>
                <TextInput label="Phone (optional)" type="tel" inputMode="tel" {...form.getInputProps('phone')} />
              </Grid.Col>
            </Grid>
            <UnitPicker
              properties={properties.data}
              value={form.values.unitId}
              onChange={(unitId) => form.setFieldValue('unitId', unitId)}
              error={form.errors.unitId}
              required
            />
            <RentTermsFields rent={form.getInputProps('rent')} dueDay={form.getInputProps('dueDay')} />
            <LeaseFields
              start={form.getInputProps('leaseStart')}
              end={form.getInputProps('leaseEnd')}
              monthToMonth={form.getInputProps('monthToMonth', { type: 'checkbox' })}
              isMonthToMonth={form.values.monthToMonth}
            />
            <Group justify="flex-end" gap="sm" mt="xs">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={invite.isPending}>
                Send invitation
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </WideModal>
  );
}
