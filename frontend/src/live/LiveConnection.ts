/**
 * The live channel of one signed-in tab: a WebSocket to `/api/live` (opened with a single-use ticket),
 * the subscriptions the pages asked for with the last seq processed for each, and the reconnect logic
 * that resumes each subscription exactly where it stopped (the server replays what was missed).
 */

/** What the connection is doing, for the layout's indicator. */
export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** Every kind of event the server sends: the wire names of the shared `LiveKind` enum (LiveKindsTest compares them). */
export type LiveKind =
  | 'observations'
  | 'posts'
  | 'score'
  | 'presence'
  | 'annotation'
  | 'comment'
  | 'goal'
  | 'alert_rule'
  | 'alert'
  | 'notification'
  | 'activity'
  | 'share_link'
  | 'web';

/** One event of a client's stream (`data` as the server sent it; see `live/types.ts`). */
export type LiveEvent = { clientId: string; seq: number; kind: LiveKind | (string & {}); data: unknown };

/** What a page does with a client's stream. */
export type LiveHandler = {
  /** A new event (never one already delivered: seq only grows). */
  onEvent: (event: LiveEvent) => void;
  /** The stream could not be resumed: refetch everything shown for this client. */
  onReset?: () => void;
  /** The server refused the subscription (e.g. "No such client"). */
  onError?: (message: string) => void;
};

/** The part of the browser's WebSocket the connection uses (tests pass a fake). */
export type SocketLike = {
  readonly readyState: number;
  send: (data: string) => void;
  close: (code?: number, reason?: string) => void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason?: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
};

export type LiveOptions = {
  /** A fresh single-use ticket (through the API client, so an expired access token is refreshed). */
  getTicket: () => Promise<string>;
  /** The socket's address for a ticket; by default `ws(s)://<this host>/api/live?ticket=…`. */
  url?: (ticket: string) => string;
  createSocket?: (url: string) => SocketLike;
  /** First reconnect delay; it doubles on each failure, up to `maxDelayMs`, with jitter. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How often to ping; a ping not answered by the next one drops the socket. */
  pingMs?: number;
  random?: () => number;
  /** The window whose `online`/`offline` events pause and resume the connection; null to ignore them. */
  network?: Pick<Window, 'addEventListener' | 'removeEventListener'> & { navigator?: { onLine: boolean } } | null;
};

const OPEN = 1;

/** The server keeps at most this many subscriptions per socket. */
export const MAX_SUBSCRIPTIONS = 1000;

type Subscription = {
  handlers: Set<LiveHandler>;
  /** The last seq processed; null until the server said where the stream starts. */
  lastSeq: number | null;
  /** Whether this tab shows up as looking at the client (a client page), or only watches it (the portfolio). */
  presence: boolean;
};

export function defaultLiveUrl(ticket: string, loc: Pick<Location, 'protocol' | 'host'> = window.location): string {
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${loc.host}/api/live?ticket=${encodeURIComponent(ticket)}`;
}

/** The reconnect delay after `attempt` failures: exponential, capped, with "equal jitter" (half fixed, half random). */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class LiveConnection {
  private readonly options: Required<Omit<LiveOptions, 'network'>> & Pick<LiveOptions, 'network'>;
  private state: LiveState = 'offline';
  private readonly listeners = new Set<() => void>();
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly eventListeners = new Set<(event: LiveEvent) => void>();
  private readonly resetListeners = new Set<(clientId: string) => void>();
  private socket: SocketLike | null = null;
  private started = false;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private awaitingPong = false;
  /** Bumped on every new socket, so that late callbacks of an older one are ignored. */
  private generation = 0;
  private networkDown = false;

  constructor(options: LiveOptions) {
    this.options = {
      url: defaultLiveUrl,
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      baseDelayMs: 500,
      maxDelayMs: 10_000,
      pingMs: 25_000,
      random: Math.random,
      ...options,
      network: options.network === undefined ? (typeof window === 'undefined' ? null : window) : options.network,
    };
  }

  // ---- state, for React (useSyncExternalStore) --------------------------------------------------

  readonly getState = (): LiveState => this.state;

  readonly subscribeState = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  private setState(next: LiveState): void {
    if (this.state !== next) {
      this.state = next;
      for (const listener of [...this.listeners]) {
        listener();
      }
    }
  }

  // ---- lifecycle ----------------------------------------------------------------------------------

  /** Opens the connection (once); it then keeps itself open until `stop()`. */
  start(): void {
    if (this.started) {
      return;
    }
    this.started = true;
    const network = this.options.network;
    if (network) {
      network.addEventListener('offline', this.onOffline);
      network.addEventListener('online', this.onOnline);
      this.networkDown = network.navigator?.onLine === false;
    }
    if (this.networkDown) {
      this.setState('offline');
    } else {
      void this.connect('connecting');
    }
  }

  /** Closes the connection for good (sign-out); subscriptions are forgotten. */
  stop(): void {
    this.started = false;
    const network = this.options.network;
    if (network) {
      network.removeEventListener('offline', this.onOffline);
      network.removeEventListener('online', this.onOnline);
    }
    this.dropSocket(1000, 'Signed out');
    this.clearRetry();
    this.subscriptions.clear();
    this.setState('offline');
  }

  private readonly onOffline = () => {
    this.networkDown = true;
    this.clearRetry();
    this.dropSocket(1000, 'Offline');
    this.setState('offline');
  };

  private readonly onOnline = () => {
    this.networkDown = false;
    if (this.started && this.socket === null) {
      this.attempt = 0;
      this.clearRetry();
      void this.connect('reconnecting');
    }
  };

  private async connect(state: 'connecting' | 'reconnecting'): Promise<void> {
    const generation = ++this.generation;
    this.setState(state);
    let ticket: string;
    try {
      ticket = await this.options.getTicket();
    } catch {
      if (generation === this.generation && this.started) {
        this.scheduleReconnect();
      }
      return;
    }
    if (generation !== this.generation || !this.started || this.networkDown) {
      return;
    }
    let socket: SocketLike;
    try {
      socket = this.options.createSocket(this.options.url(ticket));
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (generation !== this.generation) {
        return;
      }
      this.attempt = 0;
      this.setState('live');
      for (const [clientId, subscription] of this.subscriptions) {
        this.sendSubscribe(clientId, subscription);
      }
      this.startPing(generation);
    };
    socket.onmessage = (event) => {
      if (generation === this.generation) {
        this.awaitingPong = false;
        this.onMessage(event.data);
      }
    };
    socket.onclose = () => {
      if (generation === this.generation) {
        this.socket = null;
        this.stopPing();
        if (this.started && !this.networkDown) {
          this.scheduleReconnect();
        }
      }
    };
    socket.onerror = () => {
      // a close event follows
    };
  }

  private scheduleReconnect(): void {
    this.clearRetry();
    this.setState('reconnecting');
    const delay = backoffDelay(this.attempt, this.options.baseDelayMs, this.options.maxDelayMs, this.options.random);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.started && !this.networkDown) {
        void this.connect('reconnecting');
      }
    }, delay);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
  }

  /** Closes the current socket without reacting to its close event. */
  private dropSocket(code: number, reason: string): void {
    this.generation += 1;
    this.stopPing();
    const socket = this.socket;
    this.socket = null;
    if (socket !== null) {
      try {
        socket.close(code, reason);
      } catch {
        // already closing
      }
    }
  }

  private startPing(generation: number): void {
    this.stopPing();
    this.awaitingPong = false;
    this.pingTimer = setInterval(() => {
      if (generation !== this.generation) {
        return;
      }
      if (this.awaitingPong) {
        // nothing came back since the last ping: the socket is dead, reconnect and resume
        this.dropSocket(4000, 'No pong');
        this.scheduleReconnect();
        return;
      }
      this.awaitingPong = true;
      this.send({ type: 'ping' });
    }, this.options.pingMs);
  }

  private stopPing(): void {
    if (this.pingTimer !== null) {
      clearInterval(this.pingTimer);
      this.pingTimer = null;
    }
  }

  // ---- subscriptions ------------------------------------------------------------------------------

  /**
   * Follows a client's stream; returns the function that stops following it. With `presence: false` the
   * tab watches without showing up in the client's "also viewing" list.
   */
  subscribe(clientId: string, handler: LiveHandler, { presence = true }: { presence?: boolean } = {}): () => void {
    let subscription = this.subscriptions.get(clientId);
    if (subscription === undefined) {
      subscription = { handlers: new Set(), lastSeq: null, presence };
      this.subscriptions.set(clientId, subscription);
      this.sendSubscribe(clientId, subscription);
    } else if (presence && !subscription.presence) {
      // now looked at, not only watched: subscribe again, resuming where the stream is
      subscription.presence = true;
      this.sendSubscribe(clientId, subscription);
    }
    subscription.handlers.add(handler);
    const own = subscription;
    return () => {
      own.handlers.delete(handler);
      if (own.handlers.size === 0 && this.subscriptions.get(clientId) === own) {
        this.subscriptions.delete(clientId);
        this.send({ type: 'unsubscribe', clientId });
      }
    };
  }

  /**
   * Hears every event of every client followed (by any component), after their own handlers; returns
   * the function that stops it. It subscribes to nothing itself (e.g. the header's notifications).
   * `onReset` hears the clients whose stream could not be resumed (what was missed is unknown).
   */
  listen(listener: (event: LiveEvent) => void, onReset?: (clientId: string) => void): () => void {
    this.eventListeners.add(listener);
    if (onReset !== undefined) {
      this.resetListeners.add(onReset);
    }
    return () => {
      this.eventListeners.delete(listener);
      if (onReset !== undefined) {
        this.resetListeners.delete(onReset);
      }
    };
  }

  /** The last seq processed for a client (null before the server answered); for tests and diagnostics. */
  lastSeq(clientId: string): number | null {
    return this.subscriptions.get(clientId)?.lastSeq ?? null;
  }

  private sendSubscribe(clientId: string, subscription: Subscription): void {
    this.send({
      type: 'subscribe',
      clientId,
      ...(subscription.lastSeq === null ? {} : { since: subscription.lastSeq }),
      ...(subscription.presence ? {} : { presence: false }),
    });
  }

  private send(message: Record<string, unknown>): void {
    const socket = this.socket;
    if (socket !== null && socket.readyState === OPEN) {
      socket.send(JSON.stringify(message));
    }
  }

  private onMessage(raw: unknown): void {
    if (typeof raw !== 'string') {
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    if (!isRecord(message) || typeof message.type !== 'string') {
      return;
    }
    const clientId = typeof message.clientId === 'string' ? message.clientId : null;
    const subscription = clientId === null ? undefined : this.subscriptions.get(clientId);
    const seq = typeof message.seq === 'number' ? message.seq : null;
    switch (message.type) {
      case 'subscribed':
        // a fresh subscription continues after `seq`; a resumed one after the `since` we sent
        if (subscription !== undefined && subscription.lastSeq === null && seq !== null) {
          subscription.lastSeq = seq;
        }
        break;
      case 'event':
        if (subscription === undefined || clientId === null || seq === null || typeof message.kind !== 'string') {
          return;
        }
        if (subscription.lastSeq !== null && seq <= subscription.lastSeq) {
          return; // already processed
        }
        subscription.lastSeq = seq;
        {
          const event: LiveEvent = { clientId, seq, kind: message.kind, data: message.data };
          for (const handler of [...subscription.handlers]) {
            handler.onEvent(event);
          }
          for (const listener of [...this.eventListeners]) {
            listener(event);
          }
        }
        break;
      case 'reset':
        if (subscription === undefined) {
          return;
        }
        if (seq !== null) {
          subscription.lastSeq = seq;
        }
        for (const handler of [...subscription.handlers]) {
          handler.onReset?.();
        }
        if (clientId !== null) {
          for (const listener of [...this.resetListeners]) {
            listener(clientId);
          }
        }
        break;
      case 'error':
        if (subscription !== undefined && typeof message.message === 'string') {
          for (const handler of [...subscription.handlers]) {
            handler.onError?.(message.message);
          }
        }
        break;
      default:
        // pong, unsubscribed: nothing to do
        break;
    }
  }
}
