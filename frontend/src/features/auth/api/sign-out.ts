import { useMutation, useQueryClient } from '@tanstack/react-query';
import { graphql } from '@/gql';
import { execute } from '@/lib/execute';
import { navigate } from '@/lib/router';
import { paths } from '@/lib/routes';
import { forgetViewer } from '@/lib/viewer';

const SignOutDocument = graphql(`
  mutation SignOut {
    signOut
  }
`);

/** Ends the session, forgets the person's data and goes to the sign-in page. */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => (await execute(SignOutDocument)).signOut,
    onSuccess: () => {
      // Leave the protected page first, so that its guard does not add ?next= for the next person.
      navigate(paths.signIn);
      forgetViewer(queryClient);
    },
  });
}
