import { useMutation } from '@tanstack/react-query';
import { graphql } from '@/gql';
import { sendInput } from '@/lib/execute';

// What signing in answers, as does creating an account (which signs the new person in): who is signed in now, or why not.
graphql(`
  fragment SignedInFields on ViewerPayload {
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
`);

const SignInDocument = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      ...SignedInFields
    }
  }
`);

/** R4: `login` is the e-mail address or the user ID. */
export function useSignIn() {
  return useMutation({ mutationFn: sendInput(SignInDocument, 'signIn') });
}
