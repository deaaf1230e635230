import type { Residency } from '@rentledger/contracts';
import { Alert, Anchor, Card, Stepper, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/page-header.tsx';
import { StepHeading } from '../../../components/step-heading.tsx';
import { useCreateResidency } from '../../../features/rentals/api/create-residency.ts';
import type { RentalResult } from '../../../features/rentals/api/search-rentals.ts';
import { LeaseStep } from '../../../features/rentals/components/lease-step.tsx';
import { RentalSearchStep, rentalAddress } from '../../../features/rentals/components/rental-search-step.tsx';
import { ResidencyResult, type StatedLease } from '../../../features/rentals/components/residency-result.tsx';
import { ChosenRental, type UnitChoice, UnitStep } from '../../../features/rentals/components/unit-step.tsx';
import { ResidencyCard } from '../../../features/residents/components/residency-card.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { describeError } from '../../../lib/form-errors.ts';
import { centsFromDollars } from '../../../lib/format.ts';
import type { LeaseFormValues } from '../../../lib/lease-form.ts';

type Done = { residency: Residency; stated: StatedLease };

/** Find your rental: search, unit, lease; then approved at once or waiting for the landlord. */
export default function FindRentalRoute() {
  const isPhone = useMediaQuery('(max-width: 36em)');
  const [step, setStepState] = useState(0);
  // Focus goes to a step's heading once the user moves between steps, not on the page's first render.
  // Each heading has its own key: the stepper renders every step in the same place, and without
  // one React would keep a single heading and only change its words, so it would never focus again.
  const [moved, setMoved] = useState(false);
  const setStep = (next: number) => {
    setMoved(true);
    setStepState(next);
  };
  const [query, setQuery] = useState('');
  const [rental, setRental] = useState<RentalResult | null>(null);
  const [unit, setUnit] = useState<UnitChoice | null>(null);
  const [lease, setLease] = useState<LeaseFormValues | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const createResidency = useCreateResidency();

  if (done) {
    return (
      <>
        <PageHeader title="Find your rental" documentTitle={done.residency.status === 'pending' ? 'Waiting for your landlord' : 'You are approved'} />
        <ResidencyResult residency={done.residency} stated={done.stated} card={<ResidencyCard residency={done.residency} />} />
      </>
    );
  }

  const unitText = unit ? (unit.unitId === null ? `Unit ${unit.unitText} (not listed)` : `Unit ${unit.unitLabel}`) : '';
  const error = createResidency.isError ? (
    <Alert color="red" variant="light" icon={<IconAlertCircle size={20} />} role="alert">
      {isApiError(createResidency.error) && createResidency.error.code === 'residency_exists' ? (
        <>
          You already have a residency at this property.{' '}
          <Anchor component={Link} to="/me" inherit fw={600}>
            See it on your home page
          </Anchor>
        </>
      ) : (
        describeError(createResidency.error)
      )}
    </Alert>
  ) : null;

  return (
    <>
      <PageHeader
        title="Find your rental"
        description="Tell us where you live and what your lease says. If your landlord’s records match, you are approved right away."
        breadcrumbs={[{ label: 'Home', to: '/me' }]}
      />
      <Card p={{ base: 'md', sm: 'xl' }} maw={760}>
        <Stepper active={step} size="sm" allowNextStepsSelect={false} onStepClick={(index) => index < step && setStep(index)} iconSize={isPhone ? 28 : 32}>
          <Stepper.Step label={isPhone ? undefined : 'Rental'} description={isPhone ? undefined : 'Search by address'} aria-label={isPhone ? 'Step 1: rental' : undefined}>
            <StepHeading key="step-1" focusOnMount={moved} mb="sm" mt="md">
              Step 1 of 3: where do you live?
            </StepHeading>
            <RentalSearchStep
              initialQuery={query}
              onPick={(picked, typed) => {
                setQuery(typed);
                if (picked.property.id !== rental?.property.id) setUnit(null);
                setRental(picked);
                createResidency.reset();
                setStep(1);
              }}
            />
          </Stepper.Step>
          <Stepper.Step label={isPhone ? undefined : 'Unit'} description={isPhone ? undefined : 'Pick your unit'} aria-label={isPhone ? 'Step 2: unit' : undefined}>
            <StepHeading key="step-2" focusOnMount={moved} mb="sm" mt="md">
              Step 2 of 3: which unit?
            </StepHeading>
            {rental && (
              <UnitStep
                rental={rental}
                initial={unit}
                onBack={() => setStep(0)}
                onNext={(choice) => {
                  setUnit(choice);
                  setStep(2);
                }}
              />
            )}
          </Stepper.Step>
          <Stepper.Step label={isPhone ? undefined : 'Your lease'} description={isPhone ? undefined : 'Rent and dates'} aria-label={isPhone ? 'Step 3: your lease' : undefined}>
            <StepHeading key="step-3" focusOnMount={moved} mb="sm" mt="md">
              Step 3 of 3: your lease
            </StepHeading>
            {rental && unit && (
              <LeaseStep
                initial={lease}
                submitting={createResidency.isPending}
                error={error}
                summary={
                  <>
                    <ChosenRental rental={rental} />
                    <Text size="sm" c="dimmed" mt={-6} data-testid="chosen-unit">
                      {unitText}
                    </Text>
                  </>
                }
                onBack={(values) => {
                  setLease(values);
                  setStep(1);
                }}
                onSubmit={(statement, values) => {
                  setLease(values);
                  const rentCents = centsFromDollars(statement.rent) ?? 0;
                  createResidency.mutate(
                    {
                      propertyId: rental.property.id,
                      unitId: unit.unitId,
                      ...(unit.unitId === null ? { unitText: unit.unitText } : {}),
                      rentCents,
                      leaseStart: statement.leaseStart,
                      leaseEnd: statement.leaseEnd,
                    },
                    {
                      onSuccess: (residency) =>
                        setDone({
                          residency,
                          stated: {
                            propertyName: rental.property.name,
                            address: rentalAddress(rental),
                            unit: unit.unitId === null ? `${unit.unitText} (not listed)` : unit.unitLabel,
                            rentCents,
                            leaseStart: statement.leaseStart,
                            leaseEnd: statement.leaseEnd,
                          },
                        }),
                    },
                  );
                }}
              />
            )}
          </Stepper.Step>
        </Stepper>
      </Card>
    </>
  );
}
