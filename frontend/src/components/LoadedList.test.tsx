import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { LoadState } from '../query/loadState.ts';
import { LoadedList } from './LoadedList.tsx';

function view(state: LoadState<string[]>, reload = () => undefined) {
  return render(
    <LoadedList state={state} reload={reload} loadingLabel="Loading things…" empty="No things yet.">
      {(things) => (
        <ul aria-label="Things">
          {things.map((thing) => (
            <li key={thing}>{thing}</li>
          ))}
        </ul>
      )}
    </LoadedList>,
  );
}

describe('LoadedList', () => {
  it('announces the loading label while loading', () => {
    view({ kind: 'loading' });

    expect(screen.getByRole('status').textContent).toBe('Loading things…');
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('shows the error with a "Try again" button that reloads', async () => {
    const reload = vi.fn();
    view({ kind: 'error', message: 'Server down' }, reload);

    expect(screen.getByRole('alert').textContent).toBe('Server down');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }));

    expect(reload).toHaveBeenCalledOnce();
  });

  it('says the list is empty', () => {
    view({ kind: 'loaded', data: [] });

    expect(screen.getByText('No things yet.').className).toBe('empty');
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('renders the loaded items', () => {
    view({ kind: 'loaded', data: ['one', 'two'] });

    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['one', 'two']);
    expect(screen.queryByRole('status')).toBeNull();
  });
});
