import { describe, expectTypeOf, it } from 'vitest';
import type { Client, LiveTicket, MarkedRead, ShareGrant } from './types.ts';

// Checked by tsc (npm run typecheck / build): the types come from openapi.json, not from a hand-written copy.
describe('API types generated from openapi.json', () => {
  it('resolve answers the document describes inline to their bodies', () => {
    expectTypeOf<LiveTicket>().toEqualTypeOf<{ ticket: string; expiresIn: number }>();
    expectTypeOf<MarkedRead>().toEqualTypeOf<{ marked: number }>();
    expectTypeOf<ShareGrant>().not.toBeNever();
  });

  it('carry what the server always sends as required', () => {
    expectTypeOf<Client['score']>().not.toBeUndefined();
    expectTypeOf<Client>().toHaveProperty('timeZone').toEqualTypeOf<string>();
  });
});
