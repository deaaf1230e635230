import { Card, Group, Skeleton, Text, ThemeIcon } from '@mantine/core';
import type { ComponentType, ReactNode } from 'react';

type StatCardProps = {
  label: string;
  value: ReactNode;
  icon: ComponentType<{ size?: number; stroke?: number }>;
  loading?: boolean;
  hint?: ReactNode;
};

export function StatCard({ label, value, icon: Icon, loading = false, hint }: StatCardProps) {
  return (
    <Card p="lg">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
            {label}
          </Text>
          {loading ? (
            <Skeleton h={32} w={64} mt={6} />
          ) : (
            <Text fz={28} fw={700} lh={1.2} mt={4} component="div">
              {value}
            </Text>
          )}
          {hint && (
            <Text size="xs" c="dimmed" mt={4} component="div">
              {hint}
            </Text>
          )}
        </div>
        <ThemeIcon variant="light" size={42} radius="md">
          <Icon size={22} stroke={1.6} />
        </ThemeIcon>
      </Group>
    </Card>
  );
}
