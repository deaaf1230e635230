import { createApiTokenRequestSchema, type CreateApiTokenResponse } from '@rentledger/contracts';
import { ActionIcon, Alert, Button, Code, CopyButton, Group, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useState } from 'react';
import { WideModal } from '../../../components/modal-scaffold.tsx';
import { applyApiErrors } from '../../../lib/form-errors.ts';
import { useCreateApiToken } from '../api/create-api-token.ts';

function SecretReveal({ created, onDone }: { created: CreateApiTokenResponse; onDone: () => void }) {
  return (
    <Stack gap="md">
      <Alert color="orange" variant="light" icon={<IconAlertTriangle size={20} />} title="Copy this secret now">
        This is the only time it is shown. Store it in your integration's secret store; if it is lost, revoke the token and create a new one.
      </Alert>
      <Stack gap={6}>
        <Text size="sm" fw={500} id="api-token-secret-label">
          Secret for “{created.token.name}”
        </Text>
        <Group gap="xs" wrap="nowrap" align="stretch">
          <Code
            block
            aria-labelledby="api-token-secret-label"
            data-testid="api-token-secret"
            style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap', fontSize: 'var(--mantine-font-size-sm)' }}
          >
            {created.secret}
          </Code>
          <CopyButton value={created.secret} timeout={2000}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? 'Copied' : 'Copy secret'} withArrow>
                <ActionIcon
                  size={42}
                  variant={copied ? 'filled' : 'default'}
                  color={copied ? 'brand' : undefined}
                  onClick={copy}
                  aria-label={copied ? 'Secret copied' : 'Copy secret'}
                >
                  {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
        <Text size="xs" c="dimmed">
          Send it as <Code>Authorization: Bearer &lt;secret&gt;</Code> on API requests.
        </Text>
      </Stack>
      <Group justify="flex-end">
        <Button onClick={onDone}>Done, I have copied it</Button>
      </Group>
    </Stack>
  );
}

export function CreateApiTokenModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const createToken = useCreateApiToken();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { name: '' },
    validate: schemaResolver(createApiTokenRequestSchema, { sync: true }),
  });

  const close = () => {
    form.reset();
    setFormError(null);
    // Forget the secret: it must not be shown again.
    createToken.reset();
    onClose();
  };

  const submit = form.onSubmit((values) => {
    setFormError(null);
    createToken.mutate({ name: values.name.trim() }, { onError: (error) => setFormError(applyApiErrors(form, error, ['name'])) });
  });

  const created = createToken.data;

  return (
    <WideModal
      opened={opened}
      onClose={close}
      title={created ? 'API token created' : 'Create API token'}
      // While the secret is on screen, a stray click outside must not throw it away.
      closeOnClickOutside={!created}
    >
      {created ? (
        <SecretReveal created={created} onDone={close} />
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {formError && (
              <Alert color="red" variant="light" role="alert">
                {formError}
              </Alert>
            )}
            <TextInput
              label="Token name"
              description="Say what uses it, e.g. “Yardi nightly export”."
              required
              data-autofocus
              key={form.key('name')}
              {...form.getInputProps('name')}
            />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={createToken.isPending}>
                Create token
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </WideModal>
  );
}
