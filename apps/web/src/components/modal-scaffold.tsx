import { Alert, Button, Group, Modal, type ModalProps, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';

/** A form dialog: large, and the whole screen on a phone. */
export function WideModal(props: ModalProps) {
  const isPhone = useMediaQuery('(max-width: 36em)');
  return <Modal size="lg" fullScreen={isPhone} {...props} />;
}

type ConfirmModalProps = {
  opened: boolean;
  onClose: () => void;
  title: string;
  /** What confirming does, in a sentence or two. */
  message: ReactNode;
  /** Why the last attempt failed, shown under the message. */
  error?: ReactNode;
  /** More to fill in before confirming (a reason, say), under the error. */
  children?: ReactNode;
  cancelLabel?: string;
  /** Focus Cancel when the dialog opens (off when a field below takes the focus). */
  focusCancel?: boolean;
  confirmLabel: string;
  confirmColor?: string;
  confirmIcon?: ReactNode;
  confirming: boolean;
  onConfirm: () => void;
};

/** Asks before acting: what happens, why it failed if it did, then Cancel or the action. */
export function ConfirmModal({
  opened,
  onClose,
  title,
  message,
  error,
  children,
  cancelLabel = 'Cancel',
  focusCancel = true,
  confirmLabel,
  confirmColor,
  confirmIcon,
  confirming,
  onConfirm,
}: ConfirmModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <Stack gap="md">
        <Text size="sm">{message}</Text>
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        {children}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus={focusCancel || undefined}>
            {cancelLabel}
          </Button>
          <Button color={confirmColor} leftSection={confirmIcon} onClick={onConfirm} loading={confirming}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
