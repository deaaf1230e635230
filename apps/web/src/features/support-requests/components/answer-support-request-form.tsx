import type { SupportRequest } from '@rentledger/contracts';
import { Alert, Button, Group, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { describeError } from '../../../lib/form-errors.ts';
import { useAnswerSupportRequest } from '../api/answer-support-request.ts';

/** Support answers a request ("Answer" keeps it open for the requester; "Resolve" closes it). */
export function AnswerSupportRequestForm({ request }: { request: SupportRequest }) {
  const answer = useAnswerSupportRequest(request.id);
  const [text, setText] = useState(request.answer ?? '');
  const [error, setError] = useState<string | null>(null);

  const send = (status: 'answered' | 'resolved') => {
    const trimmed = text.trim();
    if (!trimmed) {
      setError('Write the answer first');
      return;
    }
    setError(null);
    answer.mutate(
      { answer: trimmed, status },
      {
        onSuccess: () =>
          notifications.show({
            color: 'brand',
            title: status === 'resolved' ? 'Request resolved' : 'Answer sent',
            message: `${request.requestedBy.name} is told by email and in the app.`,
          }),
      },
    );
  };

  return (
    <Stack gap="xs">
      {answer.isError && (
        <Alert color="red" variant="light" role="alert">
          {describeError(answer.error)}
        </Alert>
      )}
      <Textarea
        label={request.answer ? 'Update the answer' : 'Answer'}
        placeholder="What you did, or what the requester should do next"
        autosize
        minRows={2}
        maxRows={8}
        value={text}
        onChange={(event) => {
          setText(event.currentTarget.value);
          setError(null);
        }}
        error={error}
      />
      <Group justify="flex-end" gap="sm">
        <Button
          variant="default"
          leftSection={<IconSend size={16} />}
          onClick={() => send('answered')}
          loading={answer.isPending && answer.variables?.status === 'answered'}
          disabled={answer.isPending}
        >
          Answer
        </Button>
        <Button leftSection={<IconCheck size={16} />} onClick={() => send('resolved')} loading={answer.isPending && answer.variables?.status === 'resolved'} disabled={answer.isPending}>
          Resolve
        </Button>
      </Group>
    </Stack>
  );
}
