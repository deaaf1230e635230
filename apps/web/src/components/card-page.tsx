import { Center, Paper } from '@mantine/core';
import type { ReactNode } from 'react';
import { Brand } from './brand.tsx';

/** A page of one card on a grey ground, for pages outside the app shell: emailed links, required set-up. */
export function CardPage({ children, width = 520 }: { children: ReactNode; width?: number }) {
  return (
    <Center mih="100dvh" p={{ base: 'sm', sm: 'md' }} style={{ background: 'var(--mantine-color-gray-0)' }}>
      <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }} maw={width} w="100%" component="main">
        <Center mb="lg">
          <Brand />
        </Center>
        {children}
      </Paper>
    </Center>
  );
}
