import { screen } from '@testing-library/react';
import { describe, expect, test, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render.tsx';
import type { RentalResult } from '../api/search-rentals.ts';
import { UnitStep } from './unit-step.tsx';

const units = [
  { id: '00000000-0000-4000-8000-000000000101', label: '101' },
  { id: '00000000-0000-4000-8000-000000000203', label: '203' },
];
const rental = (typedUnit: RentalResult['typedUnit']): RentalResult => ({
  property: { id: '00000000-0000-4000-8000-000000000001', name: 'Maple Court Apartments', address: '12 Maple Avenue', city: 'Columbus', state: 'OH', postalCode: '43215' },
  units,
  typedUnit,
});

describe('UnitStep', () => {
  test('has the unit typed with the address chosen, and goes on with it', async () => {
    const onNext = vi.fn();
    const { user } = renderWithProviders(<UnitStep rental={rental(units[1] ?? null)} initial={null} onBack={() => undefined} onNext={onNext} />);
    expect(screen.getByDisplayValue('203')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(onNext).toHaveBeenCalledWith({ unitId: units[1]?.id, unitLabel: '203' });
  });

  test('keeps what the resident chose before over the typed unit, and asks when nothing is chosen', async () => {
    const { unmount } = renderWithProviders(<UnitStep rental={rental(units[1] ?? null)} initial={{ unitId: units[0]?.id ?? '', unitLabel: '101' }} onBack={() => undefined} onNext={() => undefined} />);
    expect(screen.getByDisplayValue('101')).toBeVisible();
    unmount();
    const onNext = vi.fn();
    const { user } = renderWithProviders(<UnitStep rental={rental(null)} initial={null} onBack={() => undefined} onNext={onNext} />);
    expect(screen.queryByDisplayValue(/101|203/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('Choose your unit, or tick “My unit is not listed”')).toBeInTheDocument();
    expect(onNext).not.toHaveBeenCalled();
  });
});
