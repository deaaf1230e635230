import type { IntegrationSettings } from '@rentledger/contracts';
import { Button, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconPlugConnected, IconTableImport } from '@tabler/icons-react';
import { useState } from 'react';
import { ImportPanel } from './import-panel.tsx';

/**
 * A company without an accounting system chooses: connect one (residents then follow it), or bring its residents in
 * once from a spreadsheet, after being told what that import will do.
 */
export function GetStartedPanel({ settings, onConnect }: { settings: IntegrationSettings; onConnect: () => void }) {
  const [importing, setImporting] = useState(false);
  if (importing) {
    return (
      <Stack gap="sm">
        <Button variant="subtle" onClick={() => setImporting(false)} style={{ alignSelf: 'flex-start' }}>
          Back to the choices
        </Button>
        <ImportPanel settings={settings} />
      </Stack>
    );
  }
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg" data-testid="accounting-get-started">
      <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="connect-title">
        <Stack gap="sm" h="100%" justify="space-between">
          <div>
            <Title order={2} fz="lg" id="connect-title">
              Connect your accounting system
            </Title>
            <Text size="sm" c="dimmed">
              Yardi Voyager and Buildium are read every day and whenever you press Sync Now; other systems by uploading their rent roll or MITS export.
              Residents, leases and balances then follow your books.
            </Text>
          </div>
          <Button leftSection={<IconPlugConnected size={16} />} onClick={onConnect} style={{ alignSelf: 'flex-start' }}>
            Connect your accounting system
          </Button>
        </Stack>
      </Card>
      <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="spreadsheet-title">
        <Stack gap="sm" h="100%" justify="space-between">
          <div>
            <Title order={2} fz="lg" id="spreadsheet-title">
              Import residents from a spreadsheet
            </Title>
            <Text size="sm" c="dimmed">
              Once, to bring in the residents you already have: a CSV with a row per resident (property code, unit, name, email, lease, rent). You see
              what the import will do before it runs, and you stay without an accounting connection.
            </Text>
          </div>
          <Button variant="default" leftSection={<IconTableImport size={16} />} onClick={() => setImporting(true)} style={{ alignSelf: 'flex-start' }}>
            Import residents from a spreadsheet
          </Button>
        </Stack>
      </Card>
    </SimpleGrid>
  );
}
