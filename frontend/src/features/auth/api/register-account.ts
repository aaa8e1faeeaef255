import { useMutation } from '@tanstack/react-query';
import { graphql } from '@/gql';
import { sendInput } from '@/lib/execute';

const RegisterAccountDocument = graphql(`
  mutation RegisterAccount($input: RegisterAccountInput!) {
    registerAccount(input: $input) {
      ...SignedInFields
    }
  }
`);

/** R1-R4: creates the account and signs the new person in. */
export function useRegisterAccount() {
  return useMutation({ mutationFn: sendInput(RegisterAccountDocument, 'registerAccount') });
}
