import { useMutation } from '@tanstack/react-query';
import { graphql } from '@/gql';
import type { RegisterAccountInput } from '@/gql/graphql';
import { execute } from '@/lib/execute';

const RegisterAccountDocument = graphql(`
  mutation RegisterAccount($input: RegisterAccountInput!) {
    registerAccount(input: $input) {
      viewer {
        id
        userId
        name
        emailVerified
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

/** R1-R4: creates the account and signs the new person in. */
export function useRegisterAccount() {
  return useMutation({
    mutationFn: async (input: RegisterAccountInput) =>
      (await execute(RegisterAccountDocument, { input })).registerAccount,
  });
}
