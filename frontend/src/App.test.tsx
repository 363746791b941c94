import { render, screen } from '@testing-library/react';
import { expect, it, vi } from 'vitest';
import { App } from './App.tsx';

it('renders the product name, tagline and status panel inside <main>', () => {
  vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>(() => undefined)));

  render(<App />);

  const main = screen.getByRole('main');
  expect(screen.getByRole('heading', { level: 1, name: 'Zoom Factor' })).toBeDefined();
  expect(main.textContent).toContain('Why you, why now?');
  expect(main.contains(screen.getByRole('status'))).toBe(true);
});
