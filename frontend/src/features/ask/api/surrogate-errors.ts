import { submittedItemOf, type UserErrorLike } from '@/lib/user-errors';

export interface SurrogateErrors {
  /** Each chosen organization's problem, by organization id (field ["organizationIds", "<index>"]). */
  byOrganization: Record<string, string>;
  /** Everything else, for the form's own fields and summary. */
  rest: UserErrorLike[];
}

/**
 * R20: requestSurrogateUserGroups names each refused organization by its index in the submitted
 * `organizationIds`; the message goes next to that organization, wherever it now sits in the list.
 */
export function splitSurrogateErrors(
  errors: readonly UserErrorLike[],
  submittedOrganizationIds: readonly string[],
): SurrogateErrors {
  const byOrganization: Record<string, string> = {};
  const rest: UserErrorLike[] = [];
  for (const error of errors) {
    const organizationId = submittedItemOf(error, 'organizationIds', submittedOrganizationIds);
    if (organizationId === undefined) {
      rest.push(error);
    } else {
      const previous = byOrganization[organizationId];
      byOrganization[organizationId] = previous === undefined ? error.message : `${previous} ${error.message}`;
    }
  }
  return { byOrganization, rest };
}
