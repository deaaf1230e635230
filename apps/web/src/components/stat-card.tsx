import { Card, Group, Skeleton, Text, ThemeIcon } from '@mantine/core';
import type { ComponentType, ReactNode } from 'react';

type StatCardProps = {
  label: string;
  value: ReactNode;
  icon: ComponentType<{ size?: number; stroke?: number }>;
  loading?: boolean;
  hint?: ReactNode;
  /** Smaller padding, number and icon, for grids of many cards. */
  compact?: boolean;
  /** The icon's color, e.g. "orange" to draw the eye to errors. */
  color?: string;
};

export function StatCard({ label, value, icon: Icon, loading = false, hint, compact = false, color }: StatCardProps) {
  return (
    <Card p={compact ? 'md' : 'lg'} h="100%">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
            {label}
          </Text>
          {loading ? (
            <Skeleton h={32} w={64} mt={6} />
          ) : (
            <Text fz={compact ? 24 : 28} fw={700} lh={1.2} mt={4} component="div">
              {value}
            </Text>
          )}
          {hint && (
            <Text size="xs" c="dimmed" mt={4} component="div">
              {hint}
            </Text>
          )}
        </div>
        <ThemeIcon variant="light" size={compact ? 34 : 42} radius="md" color={color} style={{ flexShrink: 0 }}>
          <Icon size={compact ? 18 : 22} stroke={1.6} />
        </ThemeIcon>
      </Group>
    </Card>
  );
}
