import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { graphql } from "../../../gql";
import type { CreateApiTokenInput } from "../../../gql/graphql";
import { execute } from "../../../lib/execute";

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

export const apiTokensQueryKey = ["api-tokens"] as const;

/** R43: the person's own tokens that were not revoked, newest first (never their secrets). */
export function useApiTokens() {
  return useQuery({
    queryKey: apiTokensQueryKey,
    queryFn: async () =>
      (await execute(ApiTokensDocument)).viewer?.apiTokens ?? [],
    staleTime: 0,
  });
}

export type ApiTokenRow = NonNullable<
  ReturnType<typeof useApiTokens>["data"]
>[number];

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: CreateApiTokenInput) =>
      (await execute(CreateApiTokenDocument, { input })).createApiToken,
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: apiTokensQueryKey }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      (await execute(RevokeApiTokenDocument, { input: { id } })).revokeApiToken,
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: apiTokensQueryKey }),
  });
}
