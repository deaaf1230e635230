import type { Candidate, ResidentDetail } from '@rentledger/contracts';
import { Card, Stack, Text, Title } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { EmptyPanel } from '../../../components/empty-panel.tsx';
import { CandidateCard, CandidateError } from './candidate-card.tsx';
import { noMatchDescription, standsForInvited } from './review-decisions.ts';

type MatchingSectionProps = {
  resident: ResidentDetail;
  /** The candidates to show (`matchingCandidates`) and the records that also stand for an invited resident. */
  candidates: Candidate[];
  alsoInvited: Set<string>;
  /** The candidate being merged, while the approval is on its way. */
  mergingId: string | null;
  disabled: boolean;
  mergeError: { candidateId: string; message: string } | null;
  onMerge: (candidate: Candidate) => void;
};

/** "Matching": people in the books and in RentLedger who could be the resident, each with "Merge and approve". */
export function MatchingSection({ resident, candidates, alsoInvited, mergingId, disabled, mergeError, onMerge }: MatchingSectionProps) {
  return (
    <Stack gap="sm" component="section" aria-labelledby="matching-title">
      <Stack gap={2}>
        <Title order={2} fz="lg" id="matching-title">
          Matching
        </Title>
        <Text size="sm" c="dimmed">
          People in your accounting system and in RentLedger who could be {resident.firstName}: at their unit first, then at the property. If one is the same
          person, tick the box and merge: {resident.firstName} takes that lease, rent and accounting ID.
        </Text>
      </Stack>
      {candidates.length === 0 ? (
        <Card p="lg">
          <EmptyPanel order={3} icon={<IconSearch size={26} />} title="No matching resident found" description={noMatchDescription(resident)} py="sm" />
        </Card>
      ) : (
        <Stack gap="md" data-testid="candidates">
          {candidates.map((candidate) => (
            <CandidateCard
              key={`${candidate.kind}-${candidate.id}`}
              candidate={candidate}
              alsoInvited={standsForInvited(candidate, alsoInvited)}
              merging={mergingId === candidate.id}
              disabled={disabled}
              error={mergeError?.candidateId === candidate.id ? <CandidateError>{mergeError.message}</CandidateError> : null}
              onMerge={() => onMerge(candidate)}
            />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
