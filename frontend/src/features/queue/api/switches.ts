import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { graphql } from '@/gql';
import { execute, sendInput } from '@/lib/execute';

const ProviderTypeSettingsDocument = graphql(`
  query ProviderTypeSettings {
    providerTypeSettings {
      providerType
      open
      reason
    }
  }
`);

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

/** R11, R42: every provider type, open or closed to registration, with the reason people see. Public. */
export function useProviderTypeSettings() {
  return useQuery({
    queryKey: ['provider-type-settings'],
    queryFn: async () => (await execute(ProviderTypeSettingsDocument)).providerTypeSettings,
  });
}

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
      queryClient.invalidateQueries({ queryKey: ['provider-type-settings'] }),
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
