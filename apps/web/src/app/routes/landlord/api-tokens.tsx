import type { ApiToken } from '@rentledger/contracts';
import { Button, Card } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconKey, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { PageHeader } from '../../../components/page-header.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { useApiTokens } from '../../../features/api-tokens/api/get-api-tokens.ts';
import { ApiTokensTable } from '../../../features/api-tokens/components/api-tokens-table.tsx';
import { CreateApiTokenModal } from '../../../features/api-tokens/components/create-api-token-modal.tsx';
import { RevokeApiTokenModal } from '../../../features/api-tokens/components/revoke-api-token-modal.tsx';
import { EmptyPanel } from '../../../components/empty-panel.tsx';

export default function ApiTokensRoute() {
  const tokens = useApiTokens();
  const [createOpened, createModal] = useDisclosure(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  const createButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
      Create token
    </Button>
  );

  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens let your own systems call the RentLedger API on behalf of your company. Treat them like passwords."
        actions={createButton}
      />
      {tokens.isPending ? (
        <LoadingState label="Loading tokens…" />
      ) : tokens.isError ? (
        <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : tokens.data.length === 0 ? (
        <Card p="xl">
          <EmptyPanel
            icon={<IconKey size={28} />}
            title="No API tokens"
            description="Create a token when you connect an integration. You will see its secret once, when it is created."
          >
            {createButton}
          </EmptyPanel>
        </Card>
      ) : (
        <Card p={0}>
          <ApiTokensTable tokens={tokens.data} onRevoke={setRevoking} />
        </Card>
      )}
      <CreateApiTokenModal opened={createOpened} onClose={createModal.close} />
      <RevokeApiTokenModal token={revoking} onClose={() => setRevoking(null)} />
    </>
  );
}
