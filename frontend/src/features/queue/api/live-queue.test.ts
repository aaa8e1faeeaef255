import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import {
  announcementFor,
  applyQueueEvent,
  backoffDelay,
  disposeQuietly,
  isUnauthenticated,
  socketUrl,
  startLiveQueue,
  textFramesWebSocket,
  type ConnectionHandlers,
  type LiveStatus,
  type QueueEvent,
} from './live-queue';
import { queueCountQueryKey } from '@/lib/queue-count';

const viewerId = 'VXNlcjpzYWxseQ';

function event(kind: QueueEvent['kind'], overrides: Partial<NonNullable<QueueEvent['request']>> = {}, totalCount = 2): QueueEvent {
  return {
    kind,
    requestId: 'req-1',
    totalCount,
    request:
      kind === 'RESYNC'
        ? null
        : {
            id: 'req-1',
            trackingNumber: 'R261128-AAAAAA',
            kind: 'BACKUP_SECURITY_OFFICIAL',
            status: 'PENDING',
            proposedName: null,
            organization: { id: 'org-xyz', legalBusinessName: 'Provider Organization XYZ' },
            userGroup: null,
            company: null,
            application: null,
            requester: { name: 'Bob Backup' },
            decidedBy: null,
            ...overrides,
          },
  };
}

describe('announcementFor', () => {
  it('announces a new request with what is asked, by whom, and the new count', () => {
    expect(announcementFor(event('ADDED', {}, 1), viewerId)).toBe(
      'New request for your decision: Be a Backup Security Official of Provider Organization XYZ, asked by Bob Backup. 1 request waiting for you.',
    );
  });

  it('announces requests that left the queue through someone else, and how', () => {
    expect(announcementFor(event('REMOVED', { status: 'APPROVED', decidedBy: { id: 'other' } }, 0), viewerId)).toBe(
      'Request R261128-AAAAAA was approved by someone else. 0 requests waiting for you.',
    );
    expect(announcementFor(event('REMOVED', { status: 'CANCELLED' }, 3), viewerId)).toBe(
      'Request R261128-AAAAAA was withdrawn by the requester. 3 requests waiting for you.',
    );
    expect(announcementFor(event('REMOVED', { status: 'PENDING' }, 3), viewerId)).toBe(
      'Request R261128-AAAAAA is no longer yours to decide. 3 requests waiting for you.',
    );
  });

  it('stays quiet about the viewer’s own decisions, updates and resynchronisations', () => {
    expect(announcementFor(event('REMOVED', { status: 'APPROVED', decidedBy: { id: viewerId } }), viewerId)).toBeNull();
    expect(announcementFor(event('UPDATED'), viewerId)).toBeNull();
    expect(announcementFor(event('RESYNC'), viewerId)).toBeNull();
  });
});

describe('backoffDelay', () => {
  it('doubles from 1 s up to 30 s, with jitter between half and all of it', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((failures) => backoffDelay(failures, () => 1))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000,
    ]);
    expect(backoffDelay(0, () => 0)).toBe(500);
    expect(backoffDelay(10, () => 0)).toBe(15_000);
  });
});

describe('isUnauthenticated', () => {
  it('recognises the subscription’s UNAUTHENTICATED error', () => {
    expect(isUnauthenticated([{ message: 'Sign in', extensions: { code: 'UNAUTHENTICATED' } }])).toBe(true);
    expect(isUnauthenticated([{ message: 'Internal error.' }])).toBe(false);
    expect(isUnauthenticated(new Error('socket closed'))).toBe(false);
  });
});

describe('socketUrl', () => {
  it('is the same origin’s /graphql, over ws or wss', () => {
    expect(socketUrl({ href: 'http://127.0.0.1:8000/queue?kind=X' }, '/graphql')).toBe('ws://127.0.0.1:8000/graphql');
    expect(socketUrl({ href: 'https://iacs.example.gov/' }, '/graphql')).toBe('wss://iacs.example.gov/graphql');
  });
});

/** A fake connection factory: records each opened connection's handlers and whether it was closed. */
function fakeConnections() {
  const opened: { handlers: ConnectionHandlers; closed: boolean }[] = [];
  const open = (handlers: ConnectionHandlers) => {
    const connection = { handlers, closed: false };
    opened.push(connection);
    return () => {
      connection.closed = true;
    };
  };
  return { opened, open };
}

function harness() {
  const connections = fakeConnections();
  const statuses: LiveStatus[] = [];
  const events: QueueEvent[] = [];
  const onResync = vi.fn();
  const onUnauthenticated = vi.fn();
  const timers: { callback: () => void; ms: number; cancelled: boolean }[] = [];
  let clock = 0;
  const stop = startLiveQueue({
    open: connections.open,
    onEvent: (e) => events.push(e),
    onResync,
    onStatus: (status) => statuses.push(status),
    onUnauthenticated,
    setTimer: (callback, ms) => {
      const timer = { callback, ms, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
    now: () => clock,
    random: () => 1,
  });
  return {
    ...connections,
    statuses,
    events,
    onResync,
    onUnauthenticated,
    timers,
    stop,
    advance: (ms: number) => {
      clock += ms;
    },
    /** Runs the pending retry timer. */
    fire: () => {
      const timer = timers.at(-1);
      if (timer === undefined || timer.cancelled) throw new Error('no pending timer');
      timer.callback();
    },
  };
}

describe('startLiveQueue', () => {
  it('connects at once, says live when connected, and passes events on', () => {
    const live = harness();
    expect(live.opened).toHaveLength(1);
    expect(live.statuses).toEqual(['connecting']);
    live.opened[0]?.handlers.connected();
    expect(live.statuses).toEqual(['connecting', 'live']);
    live.opened[0]?.handlers.next(event('ADDED'));
    expect(live.events.map((e) => e.kind)).toEqual(['ADDED']);
    expect(live.onResync).not.toHaveBeenCalled();
  });

  it('pauses on a failure and tries again later, longer each time, with a fresh connection', () => {
    const live = harness();
    live.opened[0]?.handlers.error(new Event('error'));
    expect(live.opened[0]?.closed).toBe(true);
    expect(live.statuses.at(-1)).toBe('paused');
    expect(live.timers.map((t) => t.ms)).toEqual([1_000]);
    live.fire();
    expect(live.opened).toHaveLength(2);
    // Still paused (not "connecting") until the new socket is up.
    expect(live.statuses.at(-1)).toBe('paused');
    live.opened[1]?.handlers.complete();
    live.fire();
    live.opened[2]?.handlers.error(new Error('refused'));
    expect(live.timers.map((t) => t.ms)).toEqual([1_000, 2_000, 4_000]);
  });

  it('reads everything again after reconnecting, since events may have been missed', () => {
    const live = harness();
    live.opened[0]?.handlers.connected();
    live.opened[0]?.handlers.error(new Event('close'));
    live.fire();
    live.opened[1]?.handlers.connected();
    expect(live.onResync).toHaveBeenCalledTimes(1);
    expect(live.statuses).toEqual(['connecting', 'live', 'paused', 'live']);
  });

  it('starts the back-off anew after an event or a long healthy connection', () => {
    const live = harness();
    live.opened[0]?.handlers.error('x');
    live.fire();
    live.opened[1]?.handlers.error('x');
    live.fire();
    live.opened[2]?.handlers.connected();
    live.advance(61_000);
    live.opened[2]?.handlers.error('x');
    live.fire();
    live.opened[3]?.handlers.connected();
    live.opened[3]?.handlers.next(event('UPDATED'));
    live.opened[3]?.handlers.error('x');
    expect(live.timers.map((t) => t.ms)).toEqual([1_000, 2_000, 1_000, 1_000]);
  });

  it('ignores what a replaced connection says afterwards', () => {
    const live = harness();
    const first = live.opened[0];
    first?.handlers.error('x');
    live.fire();
    first?.handlers.next(event('ADDED'));
    first?.handlers.error('again');
    first?.handlers.connected();
    expect(live.events).toEqual([]);
    expect(live.timers).toHaveLength(1);
    expect(live.statuses).toEqual(['connecting', 'paused']);
  });

  it('tells the app when the session has ended', () => {
    const live = harness();
    live.opened[0]?.handlers.error([{ message: 'Sign in first.', extensions: { code: 'UNAUTHENTICATED' } }]);
    expect(live.onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it('stops: closes the connection, cancels the retry, says off', () => {
    const live = harness();
    live.opened[0]?.handlers.error('x');
    live.stop();
    expect(live.timers[0]?.cancelled).toBe(true);
    expect(live.statuses.at(-1)).toBe('off');
    const again = harness();
    again.opened[0]?.handlers.connected();
    again.stop();
    expect(again.opened[0]?.closed).toBe(true);
    again.opened[0]?.handlers.next(event('ADDED'));
    expect(again.events).toEqual([]);
  });

  it('survives a connection that cannot even be opened', () => {
    const statuses: LiveStatus[] = [];
    const timers: number[] = [];
    const stop = startLiveQueue({
      open: () => {
        throw new Error('no WebSocket here');
      },
      onEvent: () => undefined,
      onResync: () => undefined,
      onStatus: (status) => statuses.push(status),
      setTimer: (_callback, ms) => {
        timers.push(ms);
        return () => undefined;
      },
      random: () => 1,
    });
    expect(statuses).toEqual(['connecting', 'paused']);
    expect(timers).toEqual([1_000]);
    stop();
  });
});

describe('applyQueueEvent', () => {
  it('sets the header’s count and marks every queue list stale', async () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(['approval-queue', null, null], { pages: [] });
    queryClient.setQueryData(['approval-queue', ['JOIN_USER_GROUP'], 'org'], { pages: [] });
    queryClient.setQueryData(['my-requests', null], []);
    applyQueueEvent(queryClient, event('ADDED', {}, 7), viewerId);
    await Promise.resolve();
    expect(queryClient.getQueryData(queueCountQueryKey)).toBe(7);
    const state = (key: readonly unknown[]) => queryClient.getQueryState(key)?.isInvalidated;
    expect(state(['approval-queue', null, null])).toBe(true);
    expect(state(['approval-queue', ['JOIN_USER_GROUP'], 'org'])).toBe(true);
    expect(state(['my-requests', null])).toBe(false);
  });
});

describe('textFramesWebSocket', () => {
  // A stand-in for the browser's WebSocket: dispatches what the test hands it as message events.
  class FakeSocket extends EventTarget {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;
    binaryType = 'blob';
    // As in a browser, the handler property is the socket's own business: the wrapper must not rely on it.
    declare onmessage: ((event: MessageEvent) => void) | null;
    constructor(
      readonly url: string | URL,
      readonly protocols?: string | string[],
    ) {
      super();
    }
    receive(data: unknown) {
      this.dispatchEvent(new MessageEvent('message', { data }));
    }
  }

  it('hands onmessage text for binary frames, and text frames as they are', () => {
    const Socket = textFramesWebSocket(FakeSocket as unknown as typeof WebSocket);
    const socket = new Socket('ws://127.0.0.1/graphql', 'graphql-transport-ws') as unknown as FakeSocket;
    expect(socket.binaryType).toBe('arraybuffer');
    const received: unknown[] = [];
    socket.onmessage = (message: MessageEvent) => {
      received.push(message.data);
    };
    socket.receive(new TextEncoder().encode('{"type":"connection_ack"}').buffer);
    socket.receive('{"type":"pong"}');
    expect(received).toEqual(['{"type":"connection_ack"}', '{"type":"pong"}']);
    socket.onmessage = null;
    socket.receive('{"type":"ping"}');
    expect(received).toHaveLength(2);
  });
});

describe('disposeQuietly', () => {
  it('closes the client and handles the CloseEvent its dispose rejects with while connecting', async () => {
    const closing = Promise.reject(new Error('CloseEvent'));
    const handled = vi.spyOn(closing, 'then'); // a rejection with a handler attached is not reported to the page
    let disposed = 0;
    // A plain function, not vi.fn: a mock attaches its own handler to the promises its calls return.
    disposeQuietly({
      dispose: () => {
        disposed += 1;
        return closing;
      },
    });
    expect(disposed).toBe(1);
    expect(handled).toHaveBeenCalled();
    await expect(closing).rejects.toThrow('CloseEvent');
  });

  it('closes a client whose dispose returns nothing', () => {
    const dispose = vi.fn(() => undefined);
    disposeQuietly({ dispose });
    expect(dispose).toHaveBeenCalledTimes(1);
  });
});
