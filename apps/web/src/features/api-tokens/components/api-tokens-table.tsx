import type { ApiToken } from '@rentledger/contracts';
import { Button, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { PhoneListItem } from '../../../components/list-rows.tsx';
import { ResponsiveTable } from '../../../components/responsive-table.tsx';
import { formatDate, formatDateTime } from '../../../lib/format.ts';

type ApiTokensTableProps = { tokens: ApiToken[]; onRevoke: (token: ApiToken) => void };

export function ApiTokensTable({ tokens, onRevoke }: ApiTokensTableProps) {
  const revokeButton = (token: ApiToken) => (
    <Button
      variant="subtle"
      color="red"
      size="xs"
      leftSection={<IconTrash size={14} />}
      onClick={() => onRevoke(token)}
      aria-label={`Revoke ${token.name}`}
    >
      Revoke
    </Button>
  );

  return (
    <ResponsiveTable
      label="API tokens"
      minWidth={620}
      phone={tokens.map((token) => (
        <PhoneListItem key={token.id} aside={revokeButton(token)}>
          <Text fw={600} size="sm">
            {token.name}
          </Text>
          <Text className="rl-mono">{token.prefix}…</Text>
          <Text size="xs" c="dimmed">
            Created {formatDate(token.createdAt)} by {token.createdBy.name} ·{' '}
            {token.lastUsedAt ? `last used ${formatDateTime(token.lastUsedAt)}` : 'never used'}
          </Text>
        </PhoneListItem>
      ))}
    >
      <Table highlightOnHover data-testid="api-tokens-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Token</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Last used</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tokens.map((token) => (
            <Table.Tr key={token.id}>
              <Table.Td fw={600}>{token.name}</Table.Td>
              <Table.Td>
                <Text className="rl-mono rl-nowrap">{token.prefix}…</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" className="rl-nowrap">
                  {formatDate(token.createdAt)}
                </Text>
                <Text size="xs" c="dimmed">
                  by {token.createdBy.name}
                </Text>
              </Table.Td>
              <Table.Td>
                {token.lastUsedAt ? (
                  <Text size="sm" className="rl-nowrap">
                    {formatDateTime(token.lastUsedAt)}
                  </Text>
                ) : (
                  <Text size="sm" c="dimmed">
                    Never
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right">{revokeButton(token)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ResponsiveTable>
  );
}
