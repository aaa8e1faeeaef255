import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { requestsFor, stubGraphQLOperations } from '@/test/render';
import { createQueryClient } from './query-client';
import { providerTypeSettingsQueryKey, useProviderTypeSettings } from './provider-types';

describe('useProviderTypeSettings', () => {
  it('reads every provider type with its reason, and again when its key is invalidated (R11, R42)', async () => {
    let hospiceOpen = true;
    const requests = stubGraphQLOperations({
      ProviderTypeSettings: () => ({
        providerTypeSettings: [
          { providerType: 'HOSPITAL', open: true, reason: null },
          { providerType: 'HOSPICE', open: hospiceOpen, reason: hospiceOpen ? null : 'Closed for now.' },
        ],
      }),
    });
    const queryClient = createQueryClient();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    );
    const { result } = renderHook(() => useProviderTypeSettings(), { wrapper });
    await waitFor(() => {
      expect(result.current.data?.[1]).toEqual({ providerType: 'HOSPICE', open: true, reason: null });
    });

    hospiceOpen = false;
    await act(() => queryClient.invalidateQueries({ queryKey: providerTypeSettingsQueryKey }));
    await waitFor(() => {
      expect(result.current.data?.[1]).toEqual({ providerType: 'HOSPICE', open: false, reason: 'Closed for now.' });
    });
    expect(requestsFor(requests, 'ProviderTypeSettings')).toHaveLength(2);
  });
});
