import { screen, within } from '@testing-library/react';
import { describe, expect, test, vi } from 'vitest';
import { renderWithProviders } from '../test/render.tsx';
import { ConfirmModal } from './modal-scaffold.tsx';

describe('ConfirmModal', () => {
  const props = { opened: true, title: 'Revoke API token?', message: 'Anything using it stops working.', confirmLabel: 'Revoke token', confirming: false };

  test('says what confirming does; Cancel closes and the action confirms', async () => {
    const onClose = vi.fn();
    const onConfirm = vi.fn();
    const { user } = renderWithProviders(<ConfirmModal {...props} cancelLabel="Keep token" onClose={onClose} onConfirm={onConfirm} />);

    const dialog = await screen.findByRole('dialog', { name: 'Revoke API token?' });
    expect(dialog).toHaveTextContent('Anything using it stops working.');
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Revoke token' }));
    expect(onConfirm).toHaveBeenCalledOnce();
    await user.click(within(dialog).getByRole('button', { name: 'Keep token' }));
    expect(onClose).toHaveBeenCalled();
  });

  test('shows why the last attempt failed, and the field to fill in under it', async () => {
    renderWithProviders(
      <ConfirmModal {...props} error="Your role does not allow this." focusCancel={false} onClose={() => undefined} onConfirm={() => undefined}>
        <label>
          Reason <input />
        </label>
      </ConfirmModal>,
    );

    const dialog = await screen.findByRole('dialog', { name: 'Revoke API token?' });
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Your role does not allow this.');
    expect(within(dialog).getByLabelText('Reason')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).not.toHaveAttribute('data-autofocus');
  });
});
