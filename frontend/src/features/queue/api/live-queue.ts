// The live approval queue (R24): the `approvalQueue` subscription over graphql-transport-ws at
// /graphql (same origin, the session cookie), kept open while someone is signed in. Each event
// refreshes the queue and the header's count and may be announced to screen readers. When the
// socket cannot connect the app works as before (the queue is read on each visit); it tries again
// with a growing, randomised delay and says "Updates paused" meanwhile.
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createClient } from 'graphql-ws';
import { useEffect, useSyncExternalStore } from 'react';
import { graphql } from '@/gql';
import type { ApprovalQueueEventsSubscription, RequestStatus } from '@/gql/graphql';
import { env } from '@/lib/env';
import { approvalQueueQueryKey, refreshQueueCount, setQueueCount } from '@/lib/queue-count';
import { describeRequest } from '@/lib/requests';
import { viewerQueryKey } from '@/lib/viewer';

const ApprovalQueueEventsDocument = graphql(`
  subscription ApprovalQueueEvents {
    approvalQueue {
      kind
      requestId
      totalCount
      request {
        ...RequestSummaryFields
        status
        requester {
          name
        }
        decidedBy {
          id
        }
      }
    }
  }
`);

export type QueueEvent = ApprovalQueueEventsSubscription['approvalQueue'];

/** off: nobody signed in; connecting: the first attempt; live: events arrive; paused: trying again later. */
export type LiveStatus = 'off' | 'connecting' | 'live' | 'paused';

// --- what an event means -----------------------------------------------------------------------------------

function waiting(count: number): string {
  return `${String(count)} request${count === 1 ? '' : 's'} waiting for you.`;
}

const goneWords: Partial<Record<RequestStatus, string>> = {
  APPROVED: 'was approved by someone else',
  DENIED: 'was denied by someone else',
  CANCELLED: 'was withdrawn by the requester',
  EXPIRED: 'expired',
};

/**
 * What to tell a screen-reader user about an event, or null to stay quiet: new requests and requests
 * that left the queue through someone else; not the viewer's own decisions (the page has said so
 * already), nor updates and resynchronisations (the list just refreshes).
 */
export function announcementFor(event: QueueEvent, viewerId: string): string | null {
  const request = event.request;
  if (request == null) return null;
  if (event.kind === 'ADDED') {
    return `New request for your decision: ${describeRequest(request)}, asked by ${request.requester.name}. ${waiting(event.totalCount)}`;
  }
  if (event.kind === 'REMOVED') {
    if (request.decidedBy?.id === viewerId) return null;
    const how = goneWords[request.status] ?? 'is no longer yours to decide';
    return `Request ${request.trackingNumber} ${how}. ${waiting(event.totalCount)}`;
  }
  return null;
}

/** The wait before attempt `failures + 1`: 1 s, 2 s, 4 s ... at most 30 s, each 50-100% of that (jitter). */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(30_000, 1_000 * 2 ** Math.max(0, failures));
  return Math.round(ceiling * (0.5 + random() * 0.5));
}

/** graphql-ws hands a subscription's GraphQL errors to `error` as an array. */
export function isUnauthenticated(error: unknown): boolean {
  return (
    Array.isArray(error) &&
    error.some((entry: unknown) => {
      if (typeof entry !== 'object' || entry === null || !('extensions' in entry)) return false;
      const extensions = (entry as { extensions?: { code?: unknown } }).extensions;
      return extensions?.code === 'UNAUTHENTICATED';
    })
  );
}

// --- the connection, with its retries ------------------------------------------------------------------------

export interface ConnectionHandlers {
  connected: () => void;
  next: (event: QueueEvent) => void;
  error: (error: unknown) => void;
  complete: () => void;
}

/** Opens a socket and the subscription; returns what closes both. */
export type OpenConnection = (handlers: ConnectionHandlers) => () => void;

export interface LiveQueueOptions {
  open: OpenConnection;
  onEvent: (event: QueueEvent) => void;
  /** Connected again after a failure: events may have been missed, read everything again. */
  onResync: () => void;
  onStatus: (status: LiveStatus) => void;
  /** The server ended the subscription for want of a session. */
  onUnauthenticated?: () => void;
  setTimer?: (callback: () => void, ms: number) => () => void;
  now?: () => number;
  random?: () => number;
}

/** A connection that stayed up this long counts as healthy: the next failure starts the back-off anew. */
const stableAfterMs = 60_000;

/** Keeps one subscription open until the returned function is called. */
export function startLiveQueue(options: LiveQueueOptions): () => void {
  const setTimer =
    options.setTimer ??
    ((callback: () => void, ms: number) => {
      const handle = setTimeout(callback, ms);
      return () => {
        clearTimeout(handle);
      };
    });
  const now = options.now ?? Date.now;
  let generation = 0;
  let failures = 0;
  let everConnected = false;
  let connectedAt: number | null = null;
  let close: (() => void) | null = null;
  let cancelTimer: (() => void) | null = null;
  let stopped = false;

  function fail(current: number, error?: unknown) {
    if (current !== generation || stopped) return;
    generation += 1; // later callbacks of this connection are ignored
    close?.();
    close = null;
    if (connectedAt !== null && now() - connectedAt >= stableAfterMs) failures = 0;
    connectedAt = null;
    if (error !== undefined && isUnauthenticated(error)) options.onUnauthenticated?.();
    options.onStatus('paused');
    const delay = backoffDelay(failures, options.random);
    failures += 1;
    cancelTimer = setTimer(() => {
      cancelTimer = null;
      connect();
    }, delay);
  }

  function connect() {
    if (stopped) return;
    generation += 1;
    const current = generation;
    // Only the very first attempt says "connecting"; after a failure the page says "paused" until connected.
    if (!everConnected && failures === 0) options.onStatus('connecting');
    try {
      close = options.open({
        connected: () => {
          if (current !== generation) return;
          connectedAt = now();
          options.onStatus('live');
          if (everConnected) options.onResync();
          everConnected = true;
        },
        next: (event) => {
          if (current !== generation) return;
          failures = 0;
          options.onEvent(event);
        },
        error: (error) => {
          fail(current, error);
        },
        // The server never ends the subscription by itself: treat it as a dropped connection.
        complete: () => {
          fail(current);
        },
      });
    } catch (error) {
      fail(current, error);
    }
  }

  connect();
  return () => {
    stopped = true;
    generation += 1;
    cancelTimer?.();
    close?.();
    close = null;
    options.onStatus('off');
  };
}

// --- the browser's socket ------------------------------------------------------------------------------------

function isArrayBuffer(value: unknown): value is ArrayBuffer {
  return value instanceof ArrayBuffer || Object.prototype.toString.call(value) === '[object ArrayBuffer]';
}

/**
 * A WebSocket that hands graphql-ws text even when the server sends its JSON in binary frames
 * (Strawberry does, when the view encodes JSON to bytes): graphql-ws parses only strings.
 */
export function textFramesWebSocket(Base: typeof WebSocket): typeof WebSocket {
  const decoder = new TextDecoder();
  return class TextFramesWebSocket extends Base {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.binaryType = 'arraybuffer';
      let listener: ((this: WebSocket, event: MessageEvent) => unknown) | null = null;
      this.addEventListener('message', (event: MessageEvent<unknown>) => {
        if (listener === null) return;
        const data: unknown = event.data;
        listener.call(this, isArrayBuffer(data) ? new MessageEvent('message', { data: decoder.decode(data) }) : event);
      });
      // graphql-ws listens through `onmessage`: keep the listener and call it with the decoded text.
      Object.defineProperty(this, 'onmessage', {
        configurable: true,
        get: () => listener,
        set: (value: unknown) => {
          listener = typeof value === 'function' ? (value as (this: WebSocket, event: MessageEvent) => unknown) : null;
        },
      });
    }
  };
}

/** ws://host/graphql (wss:// under https), from the same-origin GraphQL path. */
export function socketUrl(location: { href: string }, path: string = env.graphqlUrl): string {
  const url = new URL(path, location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

/**
 * Closes a client on purpose. graphql-ws's `dispose` may reject with the socket's CloseEvent when the socket was
 * still connecting (when the live queue gives up on it, or the page leaves): the close was ours, so there is
 * nothing to report, and a rejection nobody handles would reach the page as an error.
 */
export function disposeQuietly(client: { dispose: () => void | Promise<void> }): void {
  Promise.resolve(client.dispose()).catch(() => undefined);
}

const openGraphQLSocket: OpenConnection = (handlers) => {
  const client = createClient({
    url: socketUrl(window.location),
    webSocketImpl: textFramesWebSocket(WebSocket),
    lazy: true,
    // startLiveQueue retries, with a fresh socket (and so the current session cookie) each time.
    retryAttempts: 0,
    keepAlive: 25_000,
    on: { connected: handlers.connected },
  });
  const unsubscribe = client.subscribe<ApprovalQueueEventsSubscription>(
    { query: ApprovalQueueEventsDocument.toString() },
    {
      next: (result) => {
        if (result.data != null) handlers.next(result.data.approvalQueue);
        else if (result.errors !== undefined) handlers.error(result.errors);
      },
      error: handlers.error,
      complete: handlers.complete,
    },
  );
  return () => {
    unsubscribe();
    disposeQuietly(client);
  };
};

// --- shared state: the status and the latest announcement ----------------------------------------------------

export interface LiveState {
  status: LiveStatus;
  /** The latest announcement, with a counter so that the same words twice are announced twice. */
  announcement: { text: string; id: number } | null;
}

let state: LiveState = { status: 'off', announcement: null };
const listeners = new Set<() => void>();

function update(change: Partial<LiveState>): void {
  state = { ...state, ...change };
  for (const listener of listeners) listener();
}

function subscribeToState(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function useLiveState(): LiveState {
  return useSyncExternalStore(
    subscribeToState,
    () => state,
    () => state,
  );
}

/** Refreshes the queue lists and the header's count from an event. */
export function applyQueueEvent(queryClient: QueryClient, event: QueueEvent, viewerId: string): void {
  setQueueCount(queryClient, event.totalCount);
  void queryClient.invalidateQueries({ queryKey: approvalQueueQueryKey });
  const text = announcementFor(event, viewerId);
  if (text !== null) update({ announcement: { text, id: (state.announcement?.id ?? 0) + 1 } });
}

/** For the app shell: keeps the subscription open while `viewerId` is signed in. */
export function useLiveQueue(viewerId: string | null, open: OpenConnection = openGraphQLSocket): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (viewerId === null) return undefined;
    return startLiveQueue({
      open,
      onEvent: (event) => {
        applyQueueEvent(queryClient, event, viewerId);
      },
      onResync: () => {
        void queryClient.invalidateQueries({ queryKey: approvalQueueQueryKey });
        void refreshQueueCount(queryClient);
      },
      onStatus: (status) => {
        update(status === 'off' ? { status, announcement: null } : { status });
      },
      onUnauthenticated: () => {
        void queryClient.invalidateQueries({ queryKey: viewerQueryKey });
      },
    });
  }, [viewerId, open, queryClient]);
}
