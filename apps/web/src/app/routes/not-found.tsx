import { Button, Center, Paper } from '@mantine/core';
import { IconMapSearch } from '@tabler/icons-react';
import { Link } from 'react-router';
import { Brand } from '../../components/brand.tsx';
import { useDocumentTitle } from '../../components/page-header.tsx';
import { EmptyPanel } from '../../components/empty-panel.tsx';

export function NotFoundRoute({ inLayout = false }: { inLayout?: boolean }) {
  useDocumentTitle('Page not found');
  const content = (
    <EmptyPanel
      order={1}
      size="lg"
      icon={<IconMapSearch size={30} stroke={1.6} />}
      title="Page not found"
      description="The page you are looking for does not exist or has moved. Check the address, or go back to your home page."
    >
        <Button component={Link} to="/">
          Go to my home page
        </Button>
    </EmptyPanel>
  );
  if (inLayout) {
    return (
      <Paper withBorder p="xl" mt="md">
        {content}
      </Paper>
    );
  }
  return (
    <Center mih="100dvh" p="md">
      <Paper withBorder shadow="sm" p="xl" maw={520} w="100%">
        <Center mb="lg">
          <Brand />
        </Center>
        {content}
      </Paper>
    </Center>
  );
}
