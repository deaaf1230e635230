import { createTheme, type MantineColorsTuple } from '@mantine/core';

// A calm deep teal: trustworthy for money, distinct from alert reds and warning yellows.
const brand: MantineColorsTuple = [
  '#e6fbf7',
  '#d2f3ec',
  '#a7e6d8',
  '#77d8c3',
  '#51ccb1',
  '#39c4a6',
  '#28b09a',
  '#0f8a78',
  '#0f766e',
  '#005f57',
];

export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: { light: 8, dark: 6 },
  colors: { brand },
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif',
  headings: { fontWeight: '650' },
  defaultRadius: 'md',
  cursorType: 'pointer',
  components: {
    Paper: { defaultProps: { radius: 'md' } },
    Card: { defaultProps: { radius: 'md', withBorder: true } },
    Table: { defaultProps: { verticalSpacing: 'sm', horizontalSpacing: 'md' } },
    Modal: {
      defaultProps: { radius: 'md', centered: true },
      styles: { title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } },
    },
  },
});
