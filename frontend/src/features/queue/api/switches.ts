import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { graphql } from '@/gql';
import { execute, sendInput } from '@/lib/execute';
import { providerTypeSettingsQueryKey } from '@/lib/provider-types';

const CmsApplicationsDocument = graphql(`
  query CmsApplications {
    applications {
      id
      code
      name
      description
      open
      closedReason
    }
  }
`);

const SetProviderTypeOpenDocument = graphql(`
  mutation SetProviderTypeOpen($input: ProviderTypeOpenInput!) {
    setProviderTypeOpen(input: $input) {
      setting {
        providerType
        open
        reason
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

const PublishApplicationDocument = graphql(`
  mutation PublishApplication($input: PublishApplicationInput!) {
    publishApplication(input: $input) {
      application {
        id
        name
        open
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

const SetApplicationOpenDocument = graphql(`
  mutation SetApplicationOpen($input: ApplicationOpenInput!) {
    setApplicationOpen(input: $input) {
      application {
        id
        name
        open
        closedReason
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

/** R23, R42: the applications as the help desk manages them (with description and reason). */
export function useCmsApplications() {
  return useQuery({
    queryKey: ['applications', 'cms'],
    queryFn: async () => (await execute(CmsApplicationsDocument)).applications,
  });
}

/** R42: what requesters see is read again after a switch changes (their lists share these keys). */
function useRefresh() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: providerTypeSettingsQueryKey }),
      queryClient.invalidateQueries({ queryKey: ['applications'] }),
    ]);
}

export function useSetProviderTypeOpen() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: sendInput(SetProviderTypeOpenDocument, 'setProviderTypeOpen'), onSuccess: refresh });
}

export function usePublishApplication() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: sendInput(PublishApplicationDocument, 'publishApplication'), onSuccess: refresh });
}

export function useSetApplicationOpen() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: sendInput(SetApplicationOpenDocument, 'setApplicationOpen'), onSuccess: refresh });
}
