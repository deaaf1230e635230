import type { IntegrationKind } from '@rentledger/contracts';
import { Button, Group, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconArrowRight, IconRefresh, IconUserCheck } from '@tabler/icons-react';
import type { ComponentType } from 'react';

export type ApprovalPath = 'sync' | 'manual';

function Option({ value, title, description, icon: Icon, disabled }: { value: ApprovalPath; title: string; description: string; icon: ComponentType<{ size?: number }>; disabled?: boolean }) {
  return (
    <Radio.Card value={value} p="md" radius="md" disabled={disabled} aria-label={title} data-testid={`approval-option-${value}`} style={disabled ? { opacity: 0.6 } : undefined}>
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Radio.Indicator mt={2} />
        <Stack gap={2} miw={0}>
          <Group gap={6} wrap="nowrap">
            <Icon size={16} />
            <Text fw={600} size="sm">
              {title}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            {description}
          </Text>
        </Stack>
      </Group>
    </Radio.Card>
  );
}

type ApprovalOptionsProps = {
  value: ApprovalPath | null;
  onChange: (value: ApprovalPath) => void;
  onContinue: () => void;
  /** Integrated companies only: the books can be refreshed. */
  integrated: boolean;
  integrationKind: IntegrationKind | undefined;
  /** No unit yet: manual approval needs one. */
  manualBlockedReason: string | null;
  residentFirstName: string;
};

/** The seed article's other two ways forward: "Synchronize with accounting system" or "Approve manually", then "Continue". */
export function ApprovalOptions({ value, onChange, onContinue, integrated, integrationKind, manualBlockedReason, residentFirstName }: ApprovalOptionsProps) {
  const syncDescription =
    integrationKind === 'file'
      ? `Your books come from a rent-roll file: upload the latest one and RentLedger matches ${residentFirstName} again.`
      : `Run a sync now, then match ${residentFirstName} again. A strong match approves them on its own.`;
  return (
    <Stack gap="md">
      <Radio.Group value={value} onChange={(next) => onChange(next as ApprovalPath)} aria-label="How to approve">
        <SimpleGrid cols={{ base: 1, sm: integrated ? 2 : 1 }} spacing="sm">
          {integrated && <Option value="sync" title="Synchronize with accounting system" description={syncDescription} icon={IconRefresh} />}
          <Option
            value="manual"
            title="Approve manually"
            description={manualBlockedReason ?? 'Enter the rent, due day and lease dates yourself.'}
            icon={IconUserCheck}
            disabled={manualBlockedReason !== null}
          />
        </SimpleGrid>
      </Radio.Group>
      <Group justify="flex-end">
        <Button rightSection={<IconArrowRight size={16} />} onClick={onContinue} disabled={value === null}>
          Continue
        </Button>
      </Group>
    </Stack>
  );
}
