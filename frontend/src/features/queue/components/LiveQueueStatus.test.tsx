import { QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useLiveQueue, type ConnectionHandlers, type OpenConnection } from '@/features/queue/api/live-queue';
import { createQueryClient } from '@/lib/query-client';
import { queueCountQueryKey } from '@/lib/queue-count';
import { LiveQueueAnnouncer, LiveQueueStatus } from './LiveQueueStatus';

function Shell({ viewerId, open }: { viewerId: string | null; open: OpenConnection }) {
  useLiveQueue(viewerId, open);
  return (
    <>
      <LiveQueueStatus />
      <LiveQueueAnnouncer />
    </>
  );
}

function setUp() {
  const connections: ConnectionHandlers[] = [];
  const open: OpenConnection = (handlers) => {
    connections.push(handlers);
    return () => undefined;
  };
  const queryClient = createQueryClient();
  const view = render(
    <QueryClientProvider client={queryClient}>
      <Shell viewerId="VXNlcjpzYWxseQ" open={open} />
    </QueryClientProvider>,
  );
  return { connections, queryClient, view, open };
}

describe('the live queue in the app shell', () => {
  it('says live once connected, then announces a new request politely and updates the count', () => {
    const { connections, queryClient } = setUp();
    expect(screen.getByTestId('live-status')).toHaveTextContent('Connecting…');
    act(() => {
      connections[0]?.connected();
    });
    expect(screen.getByTestId('live-status')).toHaveTextContent('Live');
    const region = screen.getByRole('status');
    expect(region).toHaveAttribute('aria-live', 'polite');
    expect(region).toBeEmptyDOMElement();
    act(() => {
      connections[0]?.next({
        kind: 'ADDED',
        requestId: 'r1',
        totalCount: 4,
        request: {
          id: 'r1',
          trackingNumber: 'R261128-AAAAAA',
          kind: 'JOIN_USER_GROUP',
          status: 'PENDING',
          proposedName: null,
          organization: { id: 'org-xyz', legalBusinessName: 'Provider Organization XYZ' },
          userGroup: { id: 'group-claims', name: 'Claims Team' },
          company: null,
          application: null,
          requester: { name: 'Emma User' },
          decidedBy: null,
        },
      });
    });
    expect(region).toHaveTextContent(
      'New request for your decision: Join the user group “Claims Team” in Provider Organization XYZ, asked by Emma User. 4 requests waiting for you.',
    );
    expect(queryClient.getQueryData(queueCountQueryKey)).toBe(4);
  });

  it('says updates are paused when the socket fails, without an error alert', () => {
    const { connections } = setUp();
    act(() => {
      connections[0]?.error(new Event('error'));
    });
    expect(screen.getByTestId('live-status')).toHaveTextContent('Updates paused');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows nothing when nobody is signed in, and closes the subscription on sign-out', () => {
    let closed = 0;
    const open: OpenConnection = () => () => {
      closed += 1;
    };
    const queryClient = createQueryClient();
    const view = render(
      <QueryClientProvider client={queryClient}>
        <Shell viewerId="VXNlcjpzYWxseQ" open={open} />
      </QueryClientProvider>,
    );
    view.rerender(
      <QueryClientProvider client={queryClient}>
        <Shell viewerId={null} open={open} />
      </QueryClientProvider>,
    );
    expect(closed).toBe(1);
    expect(screen.queryByTestId('live-status')).toBeNull();
  });
});
