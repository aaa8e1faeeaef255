// What identifies an organization to the people who look after it (the help desk's look-up, the organization's
// own page): written once, so both show the same facts.
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
