import { Badge, Table, TableBody, TableCell, TableRow } from '@cmsgov/design-system';
import { TableHeadings } from '@/components/TableHeadings';
import { QueryResult } from '@/components/QueryResult';
import { listNames } from '@/lib/requests';
import { useCompaniesAtRisk } from '@/features/queue/api/companies';

/** R35: billing companies one departure from having nobody to act for them, or with nobody already; and the
 * requests to administer a company that has none, which the help desk decides. */
export function CompaniesAtRisk() {
  const companies = useCompaniesAtRisk();
  return (
    <section aria-labelledby="companies-at-risk-heading" className="ds-u-margin-top--6" data-testid="companies-at-risk">
      <h2 id="companies-at-risk-heading" className="ds-text-heading--2xl">
        Billing companies at risk
      </h2>
      <p>
        A surrogate company needs an administrator to add staff and serve organizations. With one it is at risk; with
        none nobody can act for it, and you decide who may administer it: those requests wait with the registrations
        above.
      </p>
      <QueryResult query={companies} loading="Loading companies…" what="the companies at risk">
        {(data) =>
          data.length === 0 ? (
            <p>Every surrogate company has at least two administrators.</p>
          ) : (
            <Table stackable stackableBreakpoint="md" className="ds-u-margin-top--2">
              <caption className="ds-u-visibility--screen-reader">Surrogate companies with one administrator or none</caption>
              <TableHeadings
                columns={[
                  ['companies-name', 'Company'],
                  ['companies-state', 'State'],
                  ['companies-administrators', 'Administrators'],
                ]}
              />
              <TableBody>
                {data.map((company) => (
                  <TableRow key={company.id} data-company={company.name}>
                    <TableCell stackedTitle="Company" headers="companies-name">
                      {company.name}
                      <br />
                      <span className="ds-u-font-size--sm">TIN ending {company.tinLast4}</span>
                    </TableCell>
                    <TableCell stackedTitle="State" headers="companies-state">
                      {company.orphaned ? (
                        <Badge variation="alert">No administrator</Badge>
                      ) : (
                        <Badge variation="warn">One administrator</Badge>
                      )}
                    </TableCell>
                    <TableCell stackedTitle="Administrators" headers="companies-administrators">
                      {company.orphaned
                        ? 'Nobody can act for the company until you approve a request to administer it.'
                        : `${listNames(company.administrators)}: a colleague should ask to administer the company too.`}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )
        }
      </QueryResult>
    </section>
  );
}
