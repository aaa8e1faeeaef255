import { useMutation } from '@tanstack/react-query';
import { graphql } from '@/gql';
import { execute } from '@/lib/execute';

const ResendVerificationCodeDocument = graphql(`
  mutation ResendVerificationCode {
    resendVerificationCode {
      viewer {
        id
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

/** R3: sends a new one-time code to the signed-in person's e-mail address. */
export function useResendVerificationCode() {
  return useMutation({
    mutationFn: async () => (await execute(ResendVerificationCodeDocument)).resendVerificationCode,
  });
}
