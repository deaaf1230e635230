import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

type FactProps = {
  label: string;
  children: ReactNode;
  /** On the value, for tests that read one fact. */
  testId?: string;
  /** Space between the label and the value. */
  gap?: number;
  /** The value at the regular weight (the console's summary cards); medium by default. */
  plain?: boolean;
  /** Long values without spaces (emails, IDs) break anywhere rather than overflow. */
  breakAnywhere?: boolean;
};

/** One labelled value: a small uppercase label over the value, as on the review, resident and summary cards. */
export function Fact({ label, children, testId, gap = 2, plain = false, breakAnywhere = false }: FactProps) {
  return (
    <Stack gap={gap} miw={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
        {label}
      </Text>
      <Text size="sm" fw={plain ? undefined : 500} component="div" style={breakAnywhere ? { overflowWrap: 'anywhere' } : undefined} data-testid={testId}>
        {children}
      </Text>
    </Stack>
  );
}
