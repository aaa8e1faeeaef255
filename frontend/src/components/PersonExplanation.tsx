import { decisionRightTexts, departureCount, useHolderExplanation, type PersonExplanation } from '@/lib/explain';
import { formatCount } from '@/lib/format';
import { describeRequest } from '@/lib/requests';
import { describeRole, groupWithOrganization } from '@/lib/roles';
import { ExplanationDialog } from './ExplanationDialog';
import { QueryResult } from './QueryResult';

type HeadingLevel = 2 | 3;

function Heading({ level, id, children }: { level: HeadingLevel; id: string; children: string }) {
  const Tag = level === 2 ? 'h2' : 'h3';
  return (
    <Tag id={id} className={level === 2 ? 'ds-text-heading--xl' : 'ds-text-heading--lg'}>
      {children}
    </Tag>
  );
}

/** The first items of a list (explanationListSize) and, when it holds more, how many more. */
function Listed<T>({
  items,
  total,
  empty,
  render,
}: {
  items: readonly T[];
  total: number;
  empty: string;
  render: (item: T) => [string, string];
}) {
  if (items.length === 0) return <p className="ds-u-margin-top--0">{empty}</p>;
  return (
    <ul className="ds-c-list ds-u-margin-top--0">
      {items.map((item) => {
        const [key, text] = render(item);
        return <li key={key}>{text}</li>;
      })}
      <More shown={items.length} total={total} />
    </ul>
  );
}

function More({ shown, total }: { shown: number; total: number }) {
  if (total <= shown) return null;
  return (
    <li className="ds-u-font-style--italic" data-testid="more-listed">
      and {formatCount(total - shown)} more
    </li>
  );
}

/**
 * What a person may decide and because of which role, and what would be left without anyone to act
 * if they left now (R10, R24, R29). `you`: the viewer's own explanation, in the second person.
 */
export function PersonExplanationView({
  person,
  you,
  headingLevel,
  idPrefix,
}: {
  person: PersonExplanation;
  you: boolean;
  headingLevel: HeadingLevel;
  idPrefix: string;
}) {
  const rights = decisionRightTexts(person.decisionRights);
  const impact = person.departureImpact;
  const who = you ? 'you' : person.name;
  return (
    <div data-testid="person-explanation">
      <section aria-labelledby={`${idPrefix}-decide`}>
        <Heading level={headingLevel} id={`${idPrefix}-decide`}>
          {you ? 'What you can decide, and why' : `What ${person.name} can decide, and why`}
        </Heading>
        {rights.length === 0 ? (
          <p>{you ? 'You decide no requests.' : `${person.name} decides no requests.`} Only officials, administrators, practitioners and the help desk do.</p>
        ) : (
          <ul className="ds-c-list" data-testid="decision-rights">
            {rights.map((right) => (
              <li key={right.key}>
                <strong>{right.capacity}:</strong> {right.kinds}.{' '}
                <span className="ds-u-font-size--sm">Because of the role {right.because}.</span>
              </li>
            ))}
            <More shown={rights.length} total={person.decisionRightCount} />
          </ul>
        )}
      </section>
      {impact != null && (
        <section aria-labelledby={`${idPrefix}-departure`} data-testid="departure-impact">
          <Heading level={headingLevel} id={`${idPrefix}-departure`}>
            {you ? 'If you left' : `If ${person.name} left`}
          </Heading>
          <p className="ds-u-margin-top--0">
            {departureCount(impact) === 0
              ? `Nothing would be left without someone to act: others hold the same responsibilities.`
              : `These would be left with nobody to act if ${who} left now; someone should be approved for them first.`}
          </p>
          <p className="ds-u-font-weight--bold ds-u-margin-bottom--1">Roles that would end ({formatCount(impact.roleCount)})</p>
          <Listed items={impact.roles} total={impact.roleCount} empty="None." render={(role) => [role.id, describeRole(role)]} />
          <p className="ds-u-font-weight--bold ds-u-margin-bottom--1">User groups left without an administrator</p>
          <Listed
            items={impact.groupsWithoutAdministrator}
            total={impact.groupsWithoutAdministratorCount}
            empty="None."
            render={(group) => [group.id, groupWithOrganization(group.name, group.organization.legalBusinessName)]}
          />
          <p className="ds-u-font-weight--bold ds-u-margin-bottom--1">Organizations left without a Security Official</p>
          <Listed
            items={impact.organizationsWithoutSecurityOfficial}
            total={impact.organizationsWithoutSecurityOfficialCount}
            empty="None."
            // R10: a Backup Security Official asks to succeed; the help desk decides.
            render={(organization) => [organization.id, `${organization.legalBusinessName} — a Backup Security Official should ask to succeed`]}
          />
          <p className="ds-u-font-weight--bold ds-u-margin-bottom--1">Organizations left without any official</p>
          <Listed
            items={impact.organizationsWithoutAnyOfficial}
            total={impact.organizationsWithoutAnyOfficialCount}
            empty="None."
            render={(organization) => [organization.id, `${organization.legalBusinessName} — nobody could approve its people`]}
          />
          <p className="ds-u-font-weight--bold ds-u-margin-bottom--1">Billing companies left without an administrator</p>
          <Listed
            items={impact.companiesWithoutAdministrator}
            total={impact.companiesWithoutAdministratorCount}
            empty="None."
            // R35: with no administrator left, the help desk decides who administers the company.
            render={(company) => [company.id, `${company.name} — a colleague should ask to administer it first`]}
          />
          <p className="ds-u-font-weight--bold ds-u-margin-bottom--1">Pending requests nobody else could decide</p>
          <Listed
            items={impact.requestsWithoutApprover}
            total={impact.requestsWithoutApproverCount}
            empty="None."
            render={(request) => [request.id, `${request.trackingNumber}: ${describeRequest(request)}`]}
          />
        </section>
      )}
    </div>
  );
}

export interface PersonToExplain {
  /** One of the person's roles, through which the viewer sees them. */
  roleId: string;
  name: string;
}

/** For officials and the help desk: a person of the organization, what they decide, and if they left. */
export function PersonExplainDialog({ person, onClose }: { person: PersonToExplain | null; onClose: () => void }) {
  const explanation = useHolderExplanation(person?.roleId ?? null);
  return (
    <ExplanationDialog isOpen={person !== null} heading={person === null ? 'About this person' : `About ${person.name}`} onClose={onClose}>
      {person !== null && (
        <QueryResult query={explanation} loading="Reading what they can decide…" what="what this person can decide">
          {(explained) =>
            explained == null ? (
              <p>This person’s roles are not yours to see.</p>
            ) : (
              <PersonExplanationView person={explained} you={false} headingLevel={3} idPrefix="person-dialog" />
            )
          }
        </QueryResult>
      )}
    </ExplanationDialog>
  );
}
