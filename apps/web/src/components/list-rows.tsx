import { Box, Group, Stack } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * The phone rendering of a table: one block per record, separated by rules. Rendered only below the
 * `sm` breakpoint; the table itself is shown from `sm` up.
 */
export function PhoneList({ children, label }: { children: ReactNode; label: string }) {
  return (
    <Stack hiddenFrom="sm" gap={0} component="ul" aria-label={label} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {children}
    </Stack>
  );
}

export function PhoneListItem({ children, aside }: { children: ReactNode; aside?: ReactNode }) {
  return (
    <Box component="li" px="md" py="sm" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Box miw={0} style={{ flex: 1 }}>
          {children}
        </Box>
        {aside}
      </Group>
    </Box>
  );
}
