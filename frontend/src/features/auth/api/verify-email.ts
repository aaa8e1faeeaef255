import { useMutation } from '@tanstack/react-query';
import { graphql } from '@/gql';
import { sendInput } from '@/lib/execute';

const VerifyEmailDocument = graphql(`
  mutation VerifyEmail($input: VerifyEmailInput!) {
    verifyEmail(input: $input) {
      viewer {
        id
        emailVerified
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

/** R3: confirms the signed-in person's e-mail address with the one-time code. */
export function useVerifyEmail() {
  return useMutation({ mutationFn: sendInput(VerifyEmailDocument, 'verifyEmail') });
}
