import { render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { lazyPage } from './lazyPage.ts';

function Hello() {
  return <p>Hello</p>;
}

function renderIn(Page: ReturnType<typeof lazyPage>) {
  return render(
    <Suspense fallback={<p>Loading</p>}>
      <Page />
    </Suspense>,
  );
}

describe('lazyPage', () => {
  it('fetches the script on first render, showing the fallback meanwhile', async () => {
    const load = vi.fn(() => Promise.resolve(Hello));
    renderIn(lazyPage(load));
    expect(screen.getByText('Loading')).toBeDefined();
    expect(await screen.findByText('Hello')).toBeDefined();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('renders a preloaded page at once, and fetches its script only once', async () => {
    const load = vi.fn(() => Promise.resolve(Hello));
    const Page = lazyPage(load);
    await Page.preload();
    await Page.preload();
    renderIn(Page);
    expect(screen.getByText('Hello')).toBeDefined();
    expect(screen.queryByText('Loading')).toBeNull();
    expect(load).toHaveBeenCalledTimes(1);
  });
});
