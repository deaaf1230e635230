import type { Residency } from '@rentledger/contracts';
import { Button, Card, Group, List, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconChartLine, IconCircleCheck, IconClockHour4, IconHome, IconReportMoney } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Fact } from '../../../components/fact.tsx';
import { formatCalendarDate, formatMoney, possessive } from '../../../lib/format.ts';

export type StatedLease = { propertyName: string; address: string; unit: string; rentCents: number; leaseStart: string; leaseEnd: string | null };

function Heading({ icon, color, title, children }: { icon: ReactNode; color: string; title: string; children: ReactNode }) {
  return (
    <Group gap="md" wrap="nowrap" align="flex-start">
      <ThemeIcon size={48} radius="xl" variant="light" color={color} style={{ flexShrink: 0 }}>
        {icon}
      </ThemeIcon>
      <Stack gap={4} miw={0}>
        <Title order={1} fz={{ base: 22, sm: 26 }}>
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {children}
        </Text>
      </Stack>
    </Group>
  );
}

const homeButton = (
  <Button component={Link} to="/me" leftSection={<IconHome size={16} />}>
    Go to your home
  </Button>
);

type ResidencyResultProps = {
  residency: Residency;
  stated: StatedLease;
  /** The residency as the resident's home shows it (the page renders the residents feature's card), when approved at once. */
  card: ReactNode;
};

/** After submitting: approved at once from the landlord's books, or waiting for the landlord (and why). */
export function ResidencyResult({ residency, stated, card }: ResidencyResultProps) {
  if (residency.status === 'approved' || residency.status === 'current') {
    return (
      <Stack gap="lg" data-testid="residency-result">
        <Heading icon={<IconCircleCheck size={28} />} color="brand" title="You're approved">
          {residency.companyName} already has your lease on file, so you are approved at once. These are the lease details from their records:
        </Heading>
        {card}
        <Group>{homeButton}</Group>
      </Stack>
    );
  }
  return (
    <Stack gap="lg" data-testid="residency-result">
      <Heading icon={<IconClockHour4 size={28} />} color="orange" title="Waiting for your landlord to verify your lease">
        We could not match you to {possessive(residency.companyName)} records automatically, so they will review what you told us. We have let them know, and we
        will email you as soon as they approve you.
      </Heading>
      <Card p={{ base: 'md', sm: 'lg' }}>
        <Stack gap="md">
          <Title order={2} fz="md">
            What you told us
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 2, sm: 4 }} spacing="md">
            <Fact label="Rental">
              {stated.propertyName}
              <Text size="xs" c="dimmed">
                {stated.address}
              </Text>
            </Fact>
            <Fact label="Unit">{stated.unit}</Fact>
            <Fact label="Monthly rent">{formatMoney(stated.rentCents)}</Fact>
            <Fact label="Lease">
              {stated.leaseEnd
                ? `${formatCalendarDate(stated.leaseStart)} – ${formatCalendarDate(stated.leaseEnd)}`
                : `From ${formatCalendarDate(stated.leaseStart)}, month-to-month`}
            </Fact>
          </SimpleGrid>
        </Stack>
      </Card>
      <Card p={{ base: 'md', sm: 'lg' }}>
        <Stack gap="sm">
          <Title order={2} fz="md">
            Why your landlord verifies your lease
          </Title>
          <List spacing="sm" center>
            <List.Item
              icon={
                <ThemeIcon variant="light" radius="xl" size={30}>
                  <IconChartLine size={16} />
                </ThemeIcon>
              }
            >
              <Text size="sm">Your payments can be reported to credit bureaus, so your landlord confirms the address, the rent and the lease term are accurate.</Text>
            </List.Item>
            <List.Item
              icon={
                <ThemeIcon variant="light" radius="xl" size={30}>
                  <IconReportMoney size={16} />
                </ThemeIcon>
              }
            >
              <Text size="sm">So we can tell whether each payment is enough and on time, and let you know right away if it is not.</Text>
            </List.Item>
          </List>
        </Stack>
      </Card>
      <Group>{homeButton}</Group>
    </Stack>
  );
}
