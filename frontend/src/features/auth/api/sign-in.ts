import { useMutation } from '@tanstack/react-query';
import { graphql } from '@/gql';
import { sendInput } from '@/lib/execute';

const SignInDocument = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
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

/** R4: `login` is the e-mail address or the user ID. */
export function useSignIn() {
  return useMutation({ mutationFn: sendInput(SignInDocument, 'signIn') });
}
