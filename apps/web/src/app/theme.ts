import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

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
    // A close button (the x) says what it does to a screen reader.
    Modal: {
      defaultProps: { radius: 'md', centered: true, closeButtonProps: { 'aria-label': 'Close' } },
      styles: { title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } },
    },
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    Notification: { defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss' } } },
  },
});

/**
 * Mantine's dimmed text (gray 6, #868e96) reads at 3.3:1 on white, under WCAG AA's 4.5:1 for
 * helper text. This gray reads at 6.1:1 on white and 5.7:1 on the light gray panels. Error
 * text is red 9 (5.6:1) rather than red 6 (3.3:1) for the same reason.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#5c636a',
    '--mantine-color-error': '#c92a2a',
    // Text on light badges and alerts (and "orange.8/9" text): Mantine's shades read at 3.3-4.4:1 on their tints.
    '--mantine-color-orange-light-color': '#9c3a07',
    '--mantine-color-green-light-color': '#1e6b30',
    '--mantine-color-teal-light-color': '#0b6b52',
    '--mantine-color-red-light-color': '#a51d1d',
    '--mantine-color-yellow-light-color': '#7a5a00',
    '--mantine-color-blue-light-color': '#1c5a9e',
    '--mantine-color-gray-light-color': '#495057',
    '--mantine-color-orange-8': '#b34a0c',
    '--mantine-color-orange-9': '#9c3a07',
  },
  dark: {},
});
