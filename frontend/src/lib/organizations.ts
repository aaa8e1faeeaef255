// What identifies an organization to the people who look after it (the help desk's look-up, the organization's
// own page), and one of its user groups (that page, and the forms that ask to join or administer one): written
// once, so each shows the same facts.
import { graphql } from '@/gql';

/**
 * Its name, kind, NPI, the last digits of its TIN, its status and place, and whether it is at risk (no Backup
 * Security Official) or orphaned (nobody left to approve). Documents spread `...OrganizationSummaryFields` and
 * add what their page alone needs.
 */
export const OrganizationSummaryFieldsFragment = graphql(`
  fragment OrganizationSummaryFields on Organization {
    id
    legalBusinessName
    kind
    npi
    tinLast4
    status
    city
    state
    atRisk
    orphaned
  }
`);

/**
 * A user group as its organization's page and the request forms describe it: name, kind, description, whether it
 * has no administrator, and for a surrogate group the company it serves.
 */
export const UserGroupSummaryFieldsFragment = graphql(`
  fragment UserGroupSummaryFields on UserGroup {
    id
    name
    kind
    description
    orphaned
    company {
      id
      name
    }
  }
`);
