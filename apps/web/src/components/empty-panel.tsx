import { EmptyState, type EmptyStateProps, type TitleOrder } from '@mantine/core';
import type { ReactNode } from 'react';

type EmptyPanelProps = Omit<EmptyStateProps, 'title' | 'description' | 'children'> & {
  title: ReactNode;
  description?: ReactNode;
  /** Heading level of the title, so the page outline stays correct. */
  order?: TitleOrder;
  /** Buttons offered below the description. */
  children?: ReactNode;
};

/** An empty or terminal state with a real heading (Mantine's shorthand title renders a plain div). */
export function EmptyPanel({ title, description, order = 2, children, variant = 'light', ...others }: EmptyPanelProps) {
  return (
    <EmptyState variant={variant} {...others}>
      <EmptyState.Title order={order}>{title}</EmptyState.Title>
      {description && <EmptyState.Description>{description}</EmptyState.Description>}
      {children && <EmptyState.Actions>{children}</EmptyState.Actions>}
    </EmptyState>
  );
}
