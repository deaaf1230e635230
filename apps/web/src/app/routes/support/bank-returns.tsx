import { Card, Stack, Text, Title } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { EmptyPanel } from '../../../components/empty-panel.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { useReturnFiles } from '../../../features/payments/api/get-return-files.ts';
import { ReturnFilesTable, UnmatchedReturnsTable } from '../../../features/payments/components/unmatched-returns.tsx';

/** Support: every company's return and NOC files, and the entries that matched no payment. */
export default function SupportBankReturnsRoute() {
  const returns = useReturnFiles();
  return (
    <>
      <PageHeader title="Bank returns" description="Every company's return and NOC files, and the entries in them that matched no payment." />
      {returns.isPending ? (
        <LoadingState label="Loading bank returns…" />
      ) : returns.isError ? (
        <ErrorState error={returns.error} onRetry={() => void returns.refetch()} />
      ) : (
        <Stack gap="lg">
          <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="support-unmatched-returns">
            <Stack gap="md">
              <Stack gap={2}>
                <Title order={2} fz="lg" id="support-unmatched-returns">
                  Entries matching nothing
                </Title>
                <Text size="sm" c="dimmed">
                  Returns and NOCs whose original trace number matches no payment of the company that read the file.
                </Text>
              </Stack>
              {returns.data.unmatched.length === 0 ? (
                <EmptyPanel icon={<IconFileImport size={28} />} order={3} title="Every entry matched" description="No return or NOC is waiting to be looked into." />
              ) : (
                <UnmatchedReturnsTable entries={returns.data.unmatched} showCompany />
              )}
            </Stack>
          </Card>
          <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="support-return-files">
            <Stack gap="md">
              <Title order={2} fz="lg" id="support-return-files">
                Files read
              </Title>
              {returns.data.files.length === 0 ? (
                <EmptyPanel icon={<IconFileImport size={28} />} order={3} title="No return files yet" description="Files companies upload, or fetch by SFTP, are listed here once read." />
              ) : (
                <ReturnFilesTable files={returns.data.files} showCompany />
              )}
            </Stack>
          </Card>
        </Stack>
      )}
    </>
  );
}
