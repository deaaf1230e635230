import { Box, Button, CloseButton, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconFileSpreadsheet, IconFileCode, IconUpload } from '@tabler/icons-react';
import { type DragEvent, useId, useRef, useState } from 'react';
import { formatFileSize } from '../../../lib/format.ts';

/** The server refuses bigger uploads with 413; checking first saves uploading 50 MB for nothing. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
export const TOO_LARGE_MESSAGE = 'The file is larger than 50 MB';

type FileDropZoneProps = {
  file: File | null;
  onChange: (file: File | null) => void;
  error?: string | null;
  onError: (message: string | null) => void;
  disabled?: boolean;
};

const isXml = (file: File) => /\.xml$/i.test(file.name) || file.type.includes('xml');

/** Drag a file in or pick one; shows the chosen file's name and size, and refuses files over 50 MB. */
export function FileDropZone({ file, onChange, error, onError, disabled = false }: FileDropZoneProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();

  const choose = (chosen: File | undefined) => {
    if (!chosen) return;
    if (chosen.size > MAX_UPLOAD_BYTES) {
      onChange(null);
      onError(`${TOO_LARGE_MESSAGE} (${formatFileSize(chosen.size)}). Split it, or export only current residents.`);
      return;
    }
    if (chosen.size === 0) {
      onChange(null);
      onError('The file is empty');
      return;
    }
    onError(null);
    onChange(chosen);
  };

  const onDrag = (event: DragEvent<HTMLDivElement>, over: boolean) => {
    event.preventDefault();
    if (disabled) return;
    setDragging(over);
  };

  return (
    <Stack gap={6}>
      <Text component="label" htmlFor={inputId} size="sm" fw={500}>
        Rent roll file
      </Text>
      <Box
        onDragEnter={(event) => onDrag(event, true)}
        onDragOver={(event) => onDrag(event, true)}
        onDragLeave={(event) => onDrag(event, false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          if (!disabled) choose(event.dataTransfer.files[0]);
        }}
        data-testid="file-drop-zone"
        pos="relative"
        p={{ base: 'md', sm: 'xl' }}
        style={{
          border: `2px dashed ${error ? 'var(--mantine-color-red-5)' : dragging ? 'var(--mantine-color-brand-6)' : 'var(--mantine-color-gray-4)'}`,
          borderRadius: 'var(--mantine-radius-md)',
          background: dragging ? 'var(--mantine-color-brand-0)' : 'var(--mantine-color-gray-0)',
          transition: 'background 120ms ease, border-color 120ms ease',
        }}
      >
        <input
          ref={inputRef}
          id={inputId}
          type="file"
          accept=".csv,.xml,.txt,text/csv,text/xml,application/xml"
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          aria-invalid={error ? true : undefined}
          tabIndex={-1}
          disabled={disabled}
          style={{ position: 'absolute', width: 1, height: 1, opacity: 0, overflow: 'hidden', pointerEvents: 'none' }}
          onChange={(event) => {
            choose(event.currentTarget.files?.[0]);
            // Picking the same file again after removing it must fire a change.
            event.currentTarget.value = '';
          }}
        />
        {file ? (
          <Group gap="sm" wrap="nowrap" justify="space-between">
            <Group gap="sm" wrap="nowrap" miw={0}>
              <ThemeIcon variant="light" size={42} radius="md">
                {isXml(file) ? <IconFileCode size={22} /> : <IconFileSpreadsheet size={22} />}
              </ThemeIcon>
              <Box miw={0}>
                <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }} data-testid="chosen-file-name">
                  {file.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatFileSize(file.size)}
                </Text>
              </Box>
            </Group>
            <CloseButton aria-label={`Remove ${file.name}`} onClick={() => onChange(null)} disabled={disabled} />
          </Group>
        ) : (
          <Stack align="center" gap="xs" ta="center">
            <ThemeIcon variant="light" size={48} radius="xl">
              <IconUpload size={24} />
            </ThemeIcon>
            <Text size="sm" fw={500}>
              Drag your rent roll here
            </Text>
            <Button variant="default" size="sm" onClick={() => inputRef.current?.click()} disabled={disabled}>
              Choose a file
            </Button>
          </Stack>
        )}
      </Box>
      <Text size="xs" c="dimmed" id={hintId}>
        A rent roll exported as CSV, or a MITS ResidentTransactions XML file. Up to 50 MB.
      </Text>
      {error && (
        <Text size="sm" c="red.7" id={errorId} role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
