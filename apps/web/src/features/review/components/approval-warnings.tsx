import type { ApprovalWarning } from '@rentledger/contracts';
import { Alert, List, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { formatCalendarDate, formatMoney } from '../../../lib/format.ts';

/** A stated or entered value as the form shows it. */
function shown(warning: ApprovalWarning, value: string | number | null | undefined): string {
  if (warning.field === 'rentCents') return typeof value === 'number' ? formatMoney(value) : '—';
  if (warning.field === 'unitId') return value === null || value === undefined ? 'another unit' : `Unit ${value}`;
  if (value === null) return warning.field === 'leaseEnd' ? 'Month-to-month' : '—';
  return typeof value === 'string' ? formatCalendarDate(value) : '—';
}

const FIELD_LABELS: Record<ApprovalWarning['field'], string> = { unitId: 'Unit', rentCents: 'Monthly rent', leaseStart: 'Lease start', leaseEnd: 'Lease end' };

/** The server's warnings for the lease entered: look twice, approving stays possible. Differences are shown side by side. */
export function ApprovalWarnings({ warnings, residentFirstName }: { warnings: ApprovalWarning[]; residentFirstName: string }) {
  if (warnings.length === 0) return null;
  const differences = warnings.filter((warning) => warning.code === 'differs_from_stated');
  const others = warnings.filter((warning) => warning.code !== 'differs_from_stated');
  return (
    <Alert color="orange" variant="light" icon={<IconAlertTriangle size={20} />} title="Check before approving" data-testid="approval-warnings">
      {others.length > 0 && (
        <List size="sm" spacing={4}>
          {others.map((warning) => (
            <List.Item key={warning.code}>{warning.message}</List.Item>
          ))}
        </List>
      )}
      {differences.length > 0 && (
        <>
          <Text size="sm" mt={others.length > 0 ? 'sm' : 0}>
            What you entered differs from what {residentFirstName} told us:
          </Text>
          <Table mt={4} fz="sm" layout="fixed" horizontalSpacing="xs" withRowBorders={false} aria-label={`What ${residentFirstName} stated and what you entered`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Field</Table.Th>
                <Table.Th scope="col">{residentFirstName} said</Table.Th>
                <Table.Th scope="col">You entered</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {differences.map((warning) => (
                <Table.Tr key={warning.field}>
                  <Table.Th scope="row">{FIELD_LABELS[warning.field]}</Table.Th>
                  <Table.Td>{shown(warning, warning.stated)}</Table.Td>
                  <Table.Td>{shown(warning, warning.entered)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      <Text size="xs" mt="xs">
        These are warnings: you can still approve.
      </Text>
    </Alert>
  );
}
