import { Group, Text } from '@mantine/core';

export function BrandMark({ size = 30 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="var(--mantine-color-brand-8)" />
      <path d="M9 23V10.5L16 6l7 4.5V23h-5v-6h-4v6z" fill="#fff" />
    </svg>
  );
}

export function Brand({ size = 'lg' }: { size?: 'md' | 'lg' | 'xl' }) {
  const mark = size === 'xl' ? 40 : size === 'lg' ? 30 : 26;
  return (
    <Group gap={10} wrap="nowrap">
      <BrandMark size={mark} />
      <Text component="span" fw={700} fz={size} c="var(--mantine-color-text)" style={{ letterSpacing: '-0.01em' }}>
        RentLedger
      </Text>
    </Group>
  );
}
