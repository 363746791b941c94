import { describe, expect, it } from 'vitest';
import { appAddress } from './appAddress.ts';

describe('appAddress', () => {
  it.each([
    { url: '/shared/zfs_abc', expected: 'https://agency.example/shared/zfs_abc' },
    { url: '/accept-invitation#zfi_x', expected: 'https://agency.example/accept-invitation#zfi_x' },
    { url: 'https://zf.example.com/app/shared/zfs_abc', expected: 'https://zf.example.com/app/shared/zfs_abc' },
    { url: 'http://localhost:8080/shared/zfs_abc', expected: 'http://localhost:8080/shared/zfs_abc' },
  ])('completes $url with the page origin only when it is relative', ({ url, expected }) => {
    expect(appAddress(url, 'https://agency.example')).toBe(expected);
  });
});
