import { Title, type TitleProps } from '@mantine/core';
import { useEffect, useRef } from 'react';

/**
 * The heading of one step of a multi-step flow. When the step is reached by moving on (not on
 * the page's first render), focus lands on it, so a keyboard or screen-reader user hears where
 * they are instead of staying on a button that no longer exists.
 */
export function StepHeading({ focusOnMount, children, ...others }: { focusOnMount: boolean } & TitleProps) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!focusOnMount) return;
    // After the click that moved on has finished: a picked search option otherwise takes focus back.
    const timer = window.setTimeout(() => ref.current?.focus(), 0);
    return () => window.clearTimeout(timer);
  }, []);
  return (
    <Title order={2} size="sm" fw={600} tabIndex={-1} ref={ref} className="rl-step-heading" {...others}>
      {children}
    </Title>
  );
}
