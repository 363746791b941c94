import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ActionButton } from './ActionButton.tsx';

describe('ActionButton', () => {
  it('is disabled while its action runs and calls onDone once it succeeded', async () => {
    let finish: () => void = () => undefined;
    const action = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const onDone = vi.fn();
    render(<ActionButton label="Revoke" accessibleName="Revoke CI export" className="button-danger-outline" action={action} onDone={onDone} />);

    const button = screen.getByRole<HTMLButtonElement>('button', { name: 'Revoke CI export' });
    expect([button.textContent, button.type, button.className]).toEqual(['Revoke', 'button', 'button-danger-outline']);
    await userEvent.setup().click(button);

    expect(action).toHaveBeenCalledOnce();
    expect(button.disabled).toBe(true);
    finish();
    await waitFor(() => {
      expect(onDone).toHaveBeenCalledOnce();
    });
    expect(button.disabled).toBe(false);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows why the action failed and does not call onDone', async () => {
    const onDone = vi.fn();
    render(<ActionButton label="Revoke" action={() => Promise.reject(new Error('Already revoked'))} onDone={onDone} />);

    await userEvent.setup().click(screen.getByRole('button', { name: 'Revoke' }));

    expect((await screen.findByRole('alert')).textContent).toBe('Already revoked');
    expect(onDone).not.toHaveBeenCalled();
  });
});
