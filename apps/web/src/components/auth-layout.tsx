import { Box, Center, List, SimpleGrid, Stack, ThemeIcon, Title } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Brand } from './brand.tsx';

export type SellingPoint = { icon: Icon; text: string };

/** The branded side of the public pages (sign-in, sign-up): a promise and three reasons. */
function ProductPanel({ headline, points }: { headline: string; points: SellingPoint[] }) {
  return (
    <Box
      visibleFrom="md"
      p={48}
      style={{
        background: 'linear-gradient(160deg, var(--mantine-color-brand-9) 0%, var(--mantine-color-brand-8) 55%, #134e4a 100%)',
        color: 'white',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'center',
      }}
    >
      <Stack gap="xl" maw={440}>
        <Title order={2} fz={30} lh={1.25} c="white">
          {headline}
        </Title>
        <List spacing="lg" size="md" center styles={{ itemLabel: { color: 'rgba(255,255,255,0.92)' } }}>
          {points.map(({ icon: PointIcon, text }) => (
            <List.Item
              key={text}
              icon={
                <ThemeIcon color="white" variant="white" radius="xl" size={32}>
                  <PointIcon size={18} color="var(--mantine-color-brand-8)" />
                </ThemeIcon>
              }
            >
              {text}
            </List.Item>
          ))}
        </List>
      </Stack>
    </Box>
  );
}

/** A public page: the brand and the form on one side, the product panel on the other (hidden on phones). */
export function AuthLayout({ headline, points, formWidth = 400, children }: { headline: string; points: SellingPoint[]; formWidth?: number; children: ReactNode }) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing={0} mih="100dvh">
      <Center p={{ base: 'md', sm: 'xl' }} style={{ background: 'var(--mantine-color-body)' }}>
        <Stack w="100%" maw={formWidth} gap="xl" py="xl">
          <Brand size="xl" />
          {children}
        </Stack>
      </Center>
      <ProductPanel headline={headline} points={points} />
    </SimpleGrid>
  );
}
