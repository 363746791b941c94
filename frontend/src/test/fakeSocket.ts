import { LiveConnection, type LiveOptions, type SocketLike } from '../live/LiveConnection.ts';

/** A WebSocket stand-in: the test opens it, makes the server speak and close it, and reads what was sent. */
export class FakeSocket implements SocketLike {
  readyState = 0;
  readonly sent: Record<string, unknown>[] = [];
  closedWith: number | null = null;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason?: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  readonly url: string;

  constructor(url: string) {
    this.url = url;
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }

  close(code = 1000): void {
    this.closedWith = code;
    this.readyState = 3;
  }

  /** The server accepted the socket. */
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  /** The server sent a message. */
  receive(message: Record<string, unknown>): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }

  /** The server (or the network) closed the socket. */
  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }

  /** The messages sent of one type. */
  ofType(type: string): Record<string, unknown>[] {
    return this.sent.filter((m) => m.type === type);
  }
}

/** A LiveConnection over fake sockets and numbered tickets; `sockets` lists every socket it opened. */
export function fakeLive(options: Partial<LiveOptions> = {}) {
  const sockets: FakeSocket[] = [];
  let tickets = 0;
  const live = new LiveConnection({
    getTicket: () => Promise.resolve(`zfl_${String(++tickets)}`),
    url: (ticket) => `ws://app.test/api/live?ticket=${ticket}`,
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    random: () => 0.5,
    network: null,
    ...options,
  });
  return { live, sockets, last: () => sockets.at(-1) };
}
