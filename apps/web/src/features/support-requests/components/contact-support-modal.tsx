import type { SupportRequest } from '@rentledger/contracts';
import { Alert, Button, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconLifebuoy, IconSend } from '@tabler/icons-react';
import { type ReactNode, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { EmptyPanel } from '../../../components/empty-panel.tsx';
import { WideModal } from '../../../components/modal-scaffold.tsx';
import { applyApiErrors } from '../../../lib/form-errors.ts';
import { useCreateSupportRequest } from '../api/create-support-request.ts';
import { SUPPORT_KIND_LABELS } from './support-request-labels.tsx';

type Kind = SupportRequest['kind'];

type ContactSupportModalProps = {
  opened: boolean;
  onClose: () => void;
  title?: string;
  /** What the request is about; more than one shows a choice. */
  kinds: Kind[];
  initialKind: Kind;
  initialMessage: string;
  residentId?: string;
  otherResidentId?: string;
  /** Shown above the form: what support will receive with it. */
  intro?: ReactNode;
  /** Where the requester reads the answer. */
  supportPagePath: string;
  onSent?: (request: SupportRequest) => void;
};

/** Opens a support request with the context already filled in; then confirms it was sent. */
export function ContactSupportModal({
  opened,
  onClose,
  title = 'Contact support',
  kinds,
  initialKind,
  initialMessage,
  residentId,
  otherResidentId,
  intro,
  supportPagePath,
  onSent,
}: ContactSupportModalProps) {
  const create = useCreateSupportRequest();
  const [formError, setFormError] = useState<string | null>(null);
  const [sent, setSent] = useState<SupportRequest | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { kind: initialKind as string | null, message: initialMessage },
    validate: {
      kind: (value) => (value ? null : 'Choose what this is about'),
      message: (value) => (value.trim().length >= 3 ? null : 'Describe what you need'),
    },
  });

  // Each opening starts from the prefilled request.
  useEffect(() => {
    if (!opened) return;
    form.setValues({ kind: initialKind, message: initialMessage });
    form.resetDirty();
    setSent(null);
    setFormError(null);
    create.reset();
    // Only when the modal opens: typing must not be overwritten.
  }, [opened]);

  const submit = form.onSubmit((values) => {
    setFormError(null);
    create.mutate(
      { kind: values.kind as Kind, message: values.message.trim(), ...(residentId ? { residentId } : {}), ...(otherResidentId ? { otherResidentId } : {}) },
      {
        onSuccess: (request) => {
          setSent(request);
          onSent?.(request);
        },
        onError: (error) => setFormError(applyApiErrors(form, error, ['kind', 'message'])),
      },
    );
  });

  return (
    <WideModal opened={opened} onClose={onClose} title={sent ? 'Support request sent' : title}>
      {sent ? (
        <Stack gap="md" data-testid="support-request-sent">
          <EmptyPanel
            order={2}
            icon={<IconLifebuoy size={28} />}
            title="We have your request"
            description="RentLedger support will answer by email and on your Support page. The details of the resident went with it, so nobody has to retype them."
            py="md"
          />
          <Group justify="flex-end" gap="sm">
            <Button component={Link} to={supportPagePath} variant="default">
              View your requests
            </Button>
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate aria-label={title}>
          <Stack gap="md">
            {formError && (
              <Alert color="red" variant="light" role="alert">
                {formError}
              </Alert>
            )}
            {intro && (
              <Text size="sm" c="dimmed" component="div">
                {intro}
              </Text>
            )}
            {kinds.length > 1 && (
              <Select
                label="What is this about?"
                data={kinds.map((kind) => ({ value: kind, label: SUPPORT_KIND_LABELS[kind] }))}
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
                {...form.getInputProps('kind')}
              />
            )}
            <Textarea label="Message" autosize minRows={4} maxRows={10} required data-autofocus {...form.getInputProps('message')} />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" leftSection={<IconSend size={16} />} loading={create.isPending}>
                Send to support
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </WideModal>
  );
}
