import type { Property, ResidentDetail } from '@rentledger/contracts';
import { Alert, Button, Card, Grid, Group, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconBuildingCommunity, IconLifebuoy } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Fact } from '../../../components/fact.tsx';
import { ErrorState } from '../../../components/query-state.tsx';
import { type PropertiesQuery, UnitPicker } from '../../../components/unit-picker.tsx';
import { formatAddress, formatDate, formatMoney } from '../../../lib/format.ts';
import { fullName, statedLease } from './review-decisions.ts';

/** One card of the review page, headed by its title (the section's accessible name). */
export function ReviewSection({ title, description, children, testId }: { title: string; description?: ReactNode; children: ReactNode; testId?: string }) {
  const id = `section-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={id} h="100%" data-testid={testId}>
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={2} fz="lg" id={id}>
            {title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </Stack>
        {children}
      </Stack>
    </Card>
  );
}

/** The three read-only fields the sign-up filled in. */
export function IdentitySection({ resident }: { resident: ResidentDetail }) {
  return (
    <ReviewSection title="Resident" description="Filled in from their sign-up.">
      <TextInput label="Email" value={resident.email ?? ''} placeholder="No email" readOnly variant="filled" />
      <TextInput label="Name" value={fullName(resident)} readOnly variant="filled" />
      <TextInput label="Phone" value={resident.phone ?? ''} placeholder="No phone" readOnly variant="filled" />
    </ReviewSection>
  );
}

type UnitSectionProps = {
  resident: ResidentDetail;
  /** The resident's property among the company's, for its address. */
  property: Property | undefined;
  properties: PropertiesQuery;
  /** The unit chosen on the page: the resident's, or the landlord's correction. */
  unitId: string | null;
  onUnitChange: (unitId: string | null) => void;
  /** A support request about the missing unit was sent from this page. */
  supportSent: boolean;
  onContactSupport: () => void;
};

/** "Property and unit": what the resident picked or typed, a missing unit's way out, and the landlord's correction. */
export function UnitSection({ resident, property, properties, unitId, onUnitChange, supportSent, onContactSupport }: UnitSectionProps) {
  const missingUnit = resident.unitId === null;
  return (
    <ReviewSection title="Property and unit" description="Make sure the address and unit are right." testId="review-unit">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <IconBuildingCommunity size={22} stroke={1.6} color="var(--mantine-color-brand-8)" style={{ flexShrink: 0, marginTop: 2 }} aria-hidden="true" />
        <div style={{ minWidth: 0 }}>
          <Text fw={600} size="sm">
            {resident.propertyName ?? 'No property'}
          </Text>
          {property && (
            <Text size="sm" c="dimmed">
              {formatAddress(property)}
            </Text>
          )}
          <Text size="sm" mt={4} data-testid="review-picked-unit">
            {resident.unitLabel ? (
              <>
                They picked unit <strong>{resident.unitLabel}</strong>
              </>
            ) : (
              <>
                Their unit is not listed: they typed <strong>“{resident.statedUnitText ?? ''}”</strong>
              </>
            )}
          </Text>
        </div>
      </Group>
      {/* Gone once a real unit is chosen below: the landlord's correction is the unit. */}
      {unitId === null && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={20} />} title="This unit is missing, so you cannot approve yet" data-testid="missing-unit">
          <Stack gap="sm">
            <Text size="sm">
              {resident.propertyName ?? 'The property'} has no unit “{resident.statedUnitText ?? ''}” in RentLedger. If it is one of your units under another
              name, choose it below. If it is missing, RentLedger support adds it for you; then you can approve {resident.firstName}.
            </Text>
            {supportSent ? (
              <Text size="sm" fw={600} c="brand.9" data-testid="support-request-confirmation">
                Support request sent. The answer arrives by email and on your{' '}
                <Link to="/app/support" style={{ color: 'inherit' }}>
                  Support page
                </Link>
                .
              </Text>
            ) : (
              <Group>
                <Button size="xs" leftSection={<IconLifebuoy size={14} />} onClick={onContactSupport}>
                  Contact support
                </Button>
              </Group>
            )}
          </Stack>
        </Alert>
      )}
      {properties.isPending ? (
        <Skeleton h={60} />
      ) : properties.isError ? (
        <ErrorState error={properties.error} onRetry={() => void properties.refetch()} title="Your units could not be loaded" />
      ) : (
        <UnitPicker
          properties={properties.data}
          value={unitId}
          onChange={onUnitChange}
          initialPropertyId={resident.propertyId}
          unitLabel={missingUnit ? 'Unit' : 'Correct unit'}
        />
      )}
      <Text size="xs" c="dimmed" mt={-6}>
        {missingUnit ? 'Choose their unit if it exists under another label.' : 'Correct the unit if they picked the wrong one.'} Used when you approve
        manually; merging takes the unit from the match.
      </Text>
    </ReviewSection>
  );
}

/** "What they told us": the rent and lease stated at sign-up, to check against the lease. */
export function StatedLeaseSection({ resident }: { resident: ResidentDetail }) {
  return (
    <ReviewSection title="What they told us" description="What the resident stated when signing up. Check it against the lease.">
      <Grid gap="md">
        <Grid.Col span={{ base: 6, sm: 3 }}>
          <Fact label="Monthly rent">{resident.statedRentCents === null ? 'Not stated' : formatMoney(resident.statedRentCents)}</Fact>
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 5 }}>
          <Fact label="Lease">{statedLease(resident)}</Fact>
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Fact label="Waiting since">{resident.pendingSince ? formatDate(resident.pendingSince) : '—'}</Fact>
        </Grid.Col>
      </Grid>
    </ReviewSection>
  );
}
