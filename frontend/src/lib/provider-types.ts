// Which provider types CMS has opened to registration (R11, R42): the registration form leaves out the closed
// ones, and the help desk opens and closes them.
import { useQuery } from '@tanstack/react-query';
import { graphql } from '@/gql';
import { execute } from './execute';

const ProviderTypeSettingsDocument = graphql(`
  query ProviderTypeSettings {
    providerTypeSettings {
      providerType
      open
      reason
    }
  }
`);

/** Read again when the help desk opens or closes a provider type. */
export const providerTypeSettingsQueryKey = ['provider-type-settings'] as const;

/** Every provider type, open or closed to registration, with the reason people see. Public. */
export function useProviderTypeSettings() {
  return useQuery({
    queryKey: providerTypeSettingsQueryKey,
    queryFn: async () => (await execute(ProviderTypeSettingsDocument)).providerTypeSettings,
  });
}
