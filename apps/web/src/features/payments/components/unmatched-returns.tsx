import type { ReturnFiles } from '@rentledger/contracts';
import { Table, Text } from '@mantine/core';
import { PhoneListItem } from '../../../components/list-rows.tsx';
import { ResponsiveTable } from '../../../components/responsive-table.tsx';
import { formatDateTime, formatMoney, pluralize } from '../../../lib/format.ts';

type ReturnFile = ReturnFiles['files'][number];
type UnmatchedEntry = ReturnFiles['unmatched'][number];

export const RETURN_FILE_SOURCE_LABELS: Record<ReturnFile['source'], string> = { upload: 'Uploaded', cli: 'Command line', sftp: 'SFTP' };
const KIND_LABELS: Record<UnmatchedEntry['kind'], string> = { return: 'Return', noc: 'Change of account details' };

/** The return and NOC files read, newest first; `showCompany` adds the company column (support). */
export function ReturnFilesTable({ files, showCompany = false }: { files: ReturnFile[]; showCompany?: boolean }) {
  return (
    <ResponsiveTable
      label="Return files read"
      minWidth={showCompany ? 860 : 720}
      phone={files.map((file) => (
        <PhoneListItem key={file.id}>
          <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {file.name}
          </Text>
          {showCompany && <Text size="sm">{file.companyName}</Text>}
          <Text size="xs" c="dimmed">
            {RETURN_FILE_SOURCE_LABELS[file.source]} · read {formatDateTime(file.readAt)}
          </Text>
          <Text size="xs" c="dimmed">
            {pluralize(file.returns, 'return')} · {pluralize(file.nocs, 'NOC')} · {file.unmatched.toLocaleString('en-US')} unmatched
          </Text>
        </PhoneListItem>
      ))}
    >
      <Table verticalSpacing="sm" data-testid="return-files-table">
        <Table.Thead>
          <Table.Tr>
            {showCompany && <Table.Th scope="col">Company</Table.Th>}
            <Table.Th scope="col">File</Table.Th>
            <Table.Th scope="col">Source</Table.Th>
            <Table.Th scope="col">Read at</Table.Th>
            <Table.Th scope="col">Returns</Table.Th>
            <Table.Th scope="col">NOCs</Table.Th>
            <Table.Th scope="col">Unmatched</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {files.map((file) => (
            <Table.Tr key={file.id} data-testid="return-file-row">
              {showCompany && <Table.Td>{file.companyName}</Table.Td>}
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{file.name}</Table.Td>
              <Table.Td>{RETURN_FILE_SOURCE_LABELS[file.source]}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(file.readAt)}</Table.Td>
              <Table.Td>{file.returns}</Table.Td>
              <Table.Td>{file.nocs}</Table.Td>
              <Table.Td>{file.unmatched}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ResponsiveTable>
  );
}

/** The entries of the bank's files that matched no payment; `showCompany` adds the company column (support). */
export function UnmatchedReturnsTable({ entries, showCompany = false }: { entries: UnmatchedEntry[]; showCompany?: boolean }) {
  return (
    <ResponsiveTable
      label="Entries matching nothing"
      minWidth={showCompany ? 860 : 720}
      phone={entries.map((entry) => (
        <PhoneListItem key={entry.id}>
          <Text fw={700} size="lg" className="rl-nowrap">
            {formatMoney(entry.amountCents)}
          </Text>
          <Text size="sm" fw={600}>
            {entry.code} · {KIND_LABELS[entry.kind]}
          </Text>
          {showCompany && <Text size="sm">{entry.companyName}</Text>}
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            Original trace number <span className="rl-mono">{entry.originalTraceNumber}</span>
          </Text>
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {entry.fileName} · {formatDateTime(entry.createdAt)}
          </Text>
        </PhoneListItem>
      ))}
    >
      <Table verticalSpacing="sm" data-testid="unmatched-returns-table">
        <Table.Thead>
          <Table.Tr>
            {showCompany && <Table.Th scope="col">Company</Table.Th>}
            <Table.Th scope="col">Code</Table.Th>
            <Table.Th scope="col">Kind</Table.Th>
            <Table.Th scope="col">Original trace number</Table.Th>
            <Table.Th scope="col">Amount</Table.Th>
            <Table.Th scope="col">File</Table.Th>
            <Table.Th scope="col">Read at</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.id} data-testid="unmatched-return-row">
              {showCompany && <Table.Td>{entry.companyName}</Table.Td>}
              <Table.Td>{entry.code}</Table.Td>
              <Table.Td>{KIND_LABELS[entry.kind]}</Table.Td>
              <Table.Td ff="monospace" fz="sm">
                {entry.originalTraceNumber}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatMoney(entry.amountCents)}</Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{entry.fileName}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ResponsiveTable>
  );
}
