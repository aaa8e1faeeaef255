import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { graphql } from '@/gql';
import { execute, sendInput } from '@/lib/execute';
import { refreshViewer } from '@/lib/viewer';

const ProfileDocument = graphql(`
  query Profile {
    viewer {
      id
      name
      email
      phone
      pendingEmail
      userId
    }
  }
`);

const UpdateProfileDocument = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      viewer {
        id
        name
        phone
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

const ChangePasswordDocument = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      viewer {
        id
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

const RequestEmailChangeDocument = graphql(`
  mutation RequestEmailChange($input: RequestEmailChangeInput!) {
    requestEmailChange(input: $input) {
      viewer {
        id
        pendingEmail
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

const ConfirmEmailChangeDocument = graphql(`
  mutation ConfirmEmailChange($input: VerifyEmailInput!) {
    confirmEmailChange(input: $input) {
      viewer {
        id
        email
        pendingEmail
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const profileQueryKey = ['profile'] as const;

/** The signed-in person's own details (R5): name, phone, e-mail and a change waiting for its code. */
export function useProfile() {
  return useQuery({ queryKey: profileQueryKey, queryFn: async () => (await execute(ProfileDocument)).viewer ?? null });
}

/** After a change: the profile and the header's viewer are read again. */
function useRefresh() {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([queryClient.invalidateQueries({ queryKey: profileQueryKey }), refreshViewer(queryClient)]);
  };
}

export function useUpdateProfile() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: sendInput(UpdateProfileDocument, 'updateProfile'), onSettled: refresh });
}

export function useChangePassword() {
  return useMutation({ mutationFn: sendInput(ChangePasswordDocument, 'changePassword') });
}

export function useRequestEmailChange() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: sendInput(RequestEmailChangeDocument, 'requestEmailChange'), onSettled: refresh });
}

export function useConfirmEmailChange() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: sendInput(ConfirmEmailChangeDocument, 'confirmEmailChange'), onSettled: refresh });
}
