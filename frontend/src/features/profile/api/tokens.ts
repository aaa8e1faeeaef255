import { useQuery } from '@tanstack/react-query';
import { graphql } from '@/gql';
import { execute, sendInput } from '@/lib/execute';
import { useRefreshingMutation } from '@/lib/query-client';

const ApiTokensDocument = graphql(`
  query ApiTokens {
    viewer {
      id
      apiTokens {
        id
        name
        createdAt
        expiresAt
        lastUsedAt
      }
    }
  }
`);

const CreateApiTokenDocument = graphql(`
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token {
        id
        name
        expiresAt
      }
      secret
      errors {
        ...UserErrorFields
      }
    }
  }
`);

const RevokeApiTokenDocument = graphql(`
  mutation RevokeApiToken($input: NodeRefInput!) {
    revokeApiToken(input: $input) {
      token {
        id
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const apiTokensQueryKey = ['api-tokens'] as const;

/** R43: the person's own tokens that were not revoked, newest first (never their secrets). */
export function useApiTokens() {
  return useQuery({
    queryKey: apiTokensQueryKey,
    queryFn: async () => (await execute(ApiTokensDocument)).viewer?.apiTokens ?? [],
    staleTime: 0,
  });
}

export type ApiTokenRow = NonNullable<ReturnType<typeof useApiTokens>['data']>[number];

export function useCreateApiToken() {
  return useRefreshingMutation(sendInput(CreateApiTokenDocument, 'createApiToken'), apiTokensQueryKey);
}

export function useRevokeApiToken() {
  return useRefreshingMutation(
    sendInput(RevokeApiTokenDocument, 'revokeApiToken', (id: string) => ({ id })),
    apiTokensQueryKey,
  );
}
