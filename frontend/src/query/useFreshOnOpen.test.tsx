import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useFreshOnOpen } from './useFreshOnOpen.ts';

function Screen({ read }: { read: () => Promise<string> }) {
  useFreshOnOpen(['clients', 'c-1']);
  const query = useQuery({ queryKey: ['clients', 'c-1', 'score'], queryFn: read });
  return <p>{query.data ?? 'loading'}</p>;
}

function setup() {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: 60_000, retry: false } } });
  let reads = 0;
  const read = () => {
    reads += 1;
    return Promise.resolve(`answer ${String(reads)}`);
  };
  return { client, read, reads: () => reads };
}

describe('useFreshOnOpen', () => {
  it('shows the cached answer of a screen opened again, then reads it again', async () => {
    const { client, read, reads } = setup();
    client.setQueryData(['clients', 'c-1', 'score'], 'cached');
    render(
      <QueryClientProvider client={client}>
        <Screen read={read} />
      </QueryClientProvider>,
    );
    expect(screen.getByText('cached')).toBeDefined();
    expect(await screen.findByText('answer 1')).toBeDefined();
    expect(reads()).toBe(1);
  });

  it('reads once, not twice, when nothing was cached', async () => {
    const { client, read, reads } = setup();
    render(
      <QueryClientProvider client={client}>
        <Screen read={read} />
      </QueryClientProvider>,
    );
    expect(await screen.findByText('answer 1')).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await waitFor(() => {
      expect(reads()).toBe(1);
    });
  });
});
