import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeLive } from '../test/fakeSocket.ts';
import { backoffDelay, defaultLiveUrl, LiveConnection, type LiveEvent, type LiveState } from './LiveConnection.ts';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

function event(clientId: string, seq: number, kind = 'observations', data: unknown = { metrics: ['web.pageviews'], inserted: 1, updated: 0 }) {
  return { type: 'event', clientId, seq, kind, data };
}

/** Lets the ticket promise settle. */
async function flush() {
  await Promise.resolve();
  await Promise.resolve();
  await Promise.resolve();
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('LiveConnection', () => {
  it('goes connecting → live, and subscribes what was asked before and after opening', async () => {
    const { live, last } = fakeLive();
    const states: LiveState[] = [];
    live.subscribeState(() => states.push(live.getState()));
    live.subscribe(A, { onEvent: vi.fn() });
    live.start();
    expect(live.getState()).toBe('connecting');
    await flush();
    const socket = last();
    expect(socket?.url).toBe('ws://app.test/api/live?ticket=zfl_1');
    socket?.open();
    expect(live.getState()).toBe('live');
    live.subscribe(B, { onEvent: vi.fn() });
    expect(socket?.ofType('subscribe')).toEqual([
      { type: 'subscribe', clientId: A },
      { type: 'subscribe', clientId: B },
    ]);
    expect(states).toEqual(['connecting', 'live']);
  });

  it('lets a listener hear the events of every followed client, until it stops', async () => {
    const { live, last } = fakeLive();
    live.start();
    await flush();
    const socket = last();
    socket?.open();
    live.subscribe(A, { onEvent: vi.fn() });
    live.subscribe(B, { onEvent: vi.fn() });
    const heard: LiveEvent[] = [];
    const stop = live.listen((e) => heard.push(e));
    socket?.receive(event(A, 1));
    socket?.receive(event(B, 1, 'notification', { id: 'n-1' }));
    socket?.receive(event(B, 1, 'notification', { id: 'n-1' }));
    socket?.receive(event('someone-else', 1));
    expect(heard.map((e) => `${e.clientId} ${e.kind}`)).toEqual([`${A} observations`, `${B} notification`]);
    stop();
    socket?.receive(event(A, 2));
    expect(heard).toHaveLength(2);
  });

  it('watches without presence for a portfolio, and subscribes again with presence once a page looks', async () => {
    const { live, last } = fakeLive();
    live.start();
    await flush();
    const socket = last();
    socket?.open();
    live.subscribe(A, { onEvent: vi.fn() }, { presence: false });
    socket?.receive({ type: 'subscribed', clientId: A, seq: 4 });
    live.subscribe(A, { onEvent: vi.fn() });
    expect(socket?.ofType('subscribe')).toEqual([
      { type: 'subscribe', clientId: A, presence: false },
      { type: 'subscribe', clientId: A, since: 4 },
    ]);
  });

  it('delivers events in order and ignores any seq it already processed', async () => {
    const { live, last } = fakeLive();
    const seen: LiveEvent[] = [];
    live.subscribe(A, { onEvent: (e) => seen.push(e) });
    live.start();
    await flush();
    const socket = last();
    socket?.open();
    socket?.receive({ type: 'subscribed', clientId: A, seq: 4 });
    socket?.receive(event(A, 3)); // before the subscription point
    socket?.receive(event(A, 5));
    socket?.receive(event(A, 5)); // repeated
    socket?.receive(event(A, 7)); // a superseded score skipped: not contiguous, still new
    socket?.receive(event(A, 6)); // older than the last one processed
    expect(seen.map((e) => e.seq)).toEqual([5, 7]);
    expect(live.lastSeq(A)).toBe(7);
  });

  it('after a drop, reconnects with a new ticket and resumes each client with since = the last seq processed', async () => {
    const { live, sockets } = fakeLive({ baseDelayMs: 500 });
    const seen: number[] = [];
    live.subscribe(A, { onEvent: (e) => seen.push(e.seq) });
    live.subscribe(B, { onEvent: vi.fn() });
    live.start();
    await flush();
    const first = sockets[0];
    first?.open();
    first?.receive({ type: 'subscribed', clientId: A, seq: 10 });
    first?.receive({ type: 'subscribed', clientId: B, seq: 0 });
    first?.receive(event(A, 11));
    first?.drop(1001);
    expect(live.getState()).toBe('reconnecting');

    await vi.advanceTimersByTimeAsync(500);
    expect(sockets).toHaveLength(2);
    const second = sockets[1];
    expect(second?.url).toContain('ticket=zfl_2');
    second?.open();
    expect(live.getState()).toBe('live');
    expect(second?.ofType('subscribe')).toEqual([
      { type: 'subscribe', clientId: A, since: 11 },
      { type: 'subscribe', clientId: B, since: 0 },
    ]);
    // the server answers with since and replays what was missed; a replayed duplicate is ignored
    second?.receive({ type: 'subscribed', clientId: A, seq: 11 });
    second?.receive(event(A, 11));
    second?.receive(event(A, 12));
    expect(seen).toEqual([11, 12]);
  });

  it('on reset tells the subscriber to refetch and continues after the given seq', async () => {
    const { live, last } = fakeLive();
    const onReset = vi.fn();
    const onEvent = vi.fn();
    live.subscribe(A, { onEvent, onReset });
    live.start();
    await flush();
    const socket = last();
    socket?.open();
    const resets: string[] = [];
    const stop = live.listen(vi.fn(), (clientId) => resets.push(clientId));
    socket?.receive({ type: 'reset', clientId: A, seq: 40 });
    socket?.receive({ type: 'reset', clientId: 'not-followed', seq: 3 });
    expect(onReset).toHaveBeenCalledOnce();
    expect(resets).toEqual([A]); // a listener hears the resets of followed clients too
    stop();
    socket?.receive({ type: 'reset', clientId: A, seq: 40 });
    expect(resets).toEqual([A]);
    socket?.receive(event(A, 40));
    socket?.receive(event(A, 41));
    expect(onEvent.mock.calls.map(([e]) => (e as LiveEvent).seq)).toEqual([41]);
  });

  it('backs off exponentially with jitter, capped, and starts again from the base once connected', async () => {
    let failures = 0;
    const { live, sockets } = fakeLive({
      baseDelayMs: 100,
      maxDelayMs: 1000,
      getTicket: () => (failures++ < 4 ? Promise.reject(new Error('down')) : Promise.resolve('zfl_ok')),
    });
    live.start();
    await flush();
    expect(live.getState()).toBe('reconnecting');
    // delays with random 0.5: 75, 150, 300, 600 (the cap 1000 would give 750)
    await vi.advanceTimersByTimeAsync(74);
    expect(failures).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(failures).toBe(2);
    await vi.advanceTimersByTimeAsync(150);
    expect(failures).toBe(3);
    await vi.advanceTimersByTimeAsync(300);
    expect(failures).toBe(4);
    await vi.advanceTimersByTimeAsync(600);
    expect(failures).toBe(5);
    expect(sockets).toHaveLength(1);
    sockets[0]?.open();
    expect(live.getState()).toBe('live');
    sockets[0]?.drop(4008);
    await vi.advanceTimersByTimeAsync(75);
    expect(sockets).toHaveLength(2);
  });

  it('computes capped delays with jitter', () => {
    expect(backoffDelay(0, 500, 10_000, () => 0)).toBe(250);
    expect(backoffDelay(0, 500, 10_000, () => 1)).toBe(500);
    expect(backoffDelay(3, 500, 10_000, () => 1)).toBe(4000);
    expect(backoffDelay(10, 500, 10_000, () => 1)).toBe(10_000);
    expect(backoffDelay(50, 500, 10_000, () => 0)).toBe(5000);
  });

  it('pings, and reconnects when a ping goes unanswered', async () => {
    const { live, sockets } = fakeLive({ pingMs: 1000 });
    live.start();
    await flush();
    const socket = sockets[0];
    socket?.open();
    await vi.advanceTimersByTimeAsync(1000);
    expect(socket?.ofType('ping')).toHaveLength(1);
    socket?.receive({ type: 'pong' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(socket?.ofType('ping')).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1000); // no pong this time
    expect(socket?.closedWith).toBe(4000);
    expect(live.getState()).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(500);
    expect(sockets).toHaveLength(2);
  });

  it('unsubscribes when the last handler of a client goes', async () => {
    const { live, last } = fakeLive();
    live.start();
    await flush();
    last()?.open();
    const stopOne = live.subscribe(A, { onEvent: vi.fn() });
    const stopTwo = live.subscribe(A, { onEvent: vi.fn() });
    expect(last()?.ofType('subscribe')).toHaveLength(1);
    stopOne();
    expect(last()?.ofType('unsubscribe')).toHaveLength(0);
    stopTwo();
    expect(last()?.ofType('unsubscribe')).toEqual([{ type: 'unsubscribe', clientId: A }]);
  });

  it('closes for good on stop (sign-out) and goes offline', async () => {
    const { live, sockets } = fakeLive();
    live.subscribe(A, { onEvent: vi.fn() });
    live.start();
    await flush();
    sockets[0]?.open();
    live.stop();
    expect(live.getState()).toBe('offline');
    expect(sockets[0]?.closedWith).toBe(1000);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(sockets).toHaveLength(1);
  });

  it('goes offline with the network and resumes when it is back', async () => {
    const network = new EventTarget();
    const { live, sockets } = fakeLive({ network });
    const seen: number[] = [];
    live.subscribe(A, { onEvent: (e) => seen.push(e.seq) });
    live.start();
    await flush();
    sockets[0]?.open();
    sockets[0]?.receive({ type: 'subscribed', clientId: A, seq: 2 });
    network.dispatchEvent(new Event('offline'));
    expect(live.getState()).toBe('offline');
    expect(sockets[0]?.closedWith).toBe(1000);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(sockets).toHaveLength(1);
    network.dispatchEvent(new Event('online'));
    expect(live.getState()).toBe('reconnecting');
    await flush();
    sockets[1]?.open();
    expect(sockets[1]?.ofType('subscribe')).toEqual([{ type: 'subscribe', clientId: A, since: 2 }]);
    expect(live.getState()).toBe('live');
  });

  it('builds the socket address from the page location', () => {
    expect(defaultLiveUrl('zfl_x', { protocol: 'https:', host: 'zf.test' })).toBe('wss://zf.test/api/live?ticket=zfl_x');
    expect(defaultLiveUrl('zfl_x', { protocol: 'http:', host: 'localhost:8080' })).toBe('ws://localhost:8080/api/live?ticket=zfl_x');
    expect(new LiveConnection({ getTicket: () => Promise.resolve('t'), network: null }).getState()).toBe('offline');
  });
});
