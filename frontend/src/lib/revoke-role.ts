import { useMutation } from '@tanstack/react-query';
import { graphql } from '@/gql';
import { sendInput } from './execute';

const RevokeRoleDocument = graphql(`
  mutation RevokeRole($input: RevokeRoleInput!) {
    revokeRole(input: $input) {
      roleAssignment {
        id
        role
        status
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

/** R29: ends a role the viewer may approve, or one of their own (giving it up); with a reason. */
export function useRevokeRole() {
  return useMutation({ mutationFn: sendInput(RevokeRoleDocument, 'revokeRole') });
}
