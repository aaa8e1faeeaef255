import { Link } from '@/components/Link';
import { QueryResult } from '@/components/QueryResult';
import { organizationPath } from '@/lib/routes';
import { useStalledOrganizations } from '@/features/queue/api/stalled';

/** R39: organizations whose requests nobody of their own can decide; those requests are passed up to the help desk. */
export function StalledOrganizations() {
  const organizations = useStalledOrganizations();
  return (
    <section aria-labelledby="stalled-heading" className="ds-u-margin-top--6" data-testid="stalled-organizations">
      <h2 id="stalled-heading" className="ds-text-heading--2xl">
        Organizations whose requests nobody can decide
      </h2>
      <p>
        These organizations have a request waiting that none of their own people can decide now: the people who would
        have left or their accounts are disabled. Such requests are passed up to you; help the organization name
        someone new.
      </p>
      <QueryResult
        query={organizations}
        loading="Loading organizations…"
        what="the organizations whose requests nobody can decide"
      >
        {(data) =>
          data.length === 0 ? (
            <p>Every organization has someone who can decide its requests.</p>
          ) : (
            <ul className="ds-c-list">
              {data.map((organization) => (
                <li key={organization.id}>
                  <Link to={organizationPath(organization.id)}>{organization.legalBusinessName}</Link>
                  <span className="ds-u-font-size--sm">
                    {' '}
                    · {organization.city}, {organization.state}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </QueryResult>
    </section>
  );
}
