import { Dropdown } from '@cmsgov/design-system';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { LiveQueueStatus } from './LiveQueueStatus';
import { FilterForm, RoleOrganizationFilter } from '@/components/FilterForm';
import { PageHeading } from '@/components/PageHeading';
import { ExportLinks } from '@/components/ExportLinks';
import type { RequestKind } from '@/gql/graphql';
import { requestKindNames, requestKinds } from '@/lib/names';
import { setQueueCount } from '@/lib/queue-count';
import { navigate, useLocation } from '@/lib/router';
import { paths, withQuery } from '@/lib/routes';
import { DelegatedToYou } from './DelegatedToYou';
import { QueueList } from './QueueList';

const all = 'ALL';

export function QueuePage() {
  const queryClient = useQueryClient();
  const { search } = useLocation();
  const kind = requestKinds.find((value) => value === search.get('kind')) ?? null;
  const organizationId = search.get('organization');
  // The filters apply when "Show" is pressed, so that the list does not change under the person.
  const [kindChoice, setKindChoice] = useState<RequestKind | typeof all>(kind ?? all);
  const [organizationChoice, setOrganizationChoice] = useState(organizationId ?? all);
  const filtered = kind !== null || organizationId !== null;

  const onTotal = useCallback(
    (total: number) => {
      // The unfiltered total is the header's count: keep them the same.
      if (!filtered) setQueueCount(queryClient, total);
    },
    [filtered, queryClient],
  );

  function applyFilters() {
    navigate(
      withQuery(paths.queue, {
        kind: kindChoice === all ? null : kindChoice,
        organization: organizationChoice === all ? null : organizationChoice,
      }),
    );
  }

  return (
    <>
      <PageHeading>Approval queue</PageHeading>
      <LiveQueueStatus />
      <DelegatedToYou />
      <p className="ds-text-body--lg ds-u-margin-top--0">
        Requests you may decide now, oldest first. Look at who is asking before you decide; a denial needs a reason,
        which the requester will see.
      </p>
      <FilterForm label="Filter the queue" onApply={applyFilters}>
        <Dropdown
          label="Kind of request"
          name="kind"
          value={kindChoice}
          options={[{ value: all, label: 'All kinds' }, ...requestKinds.map((value) => ({ value, label: requestKindNames[value] }))]}
          onChange={(change) => {
            setKindChoice(requestKinds.find((value) => value === change.target.value) ?? all);
          }}
        />
        {/* the organizations of the viewer's roles, found by name when they hold more than one list can show */}
        <RoleOrganizationFilter
          roles={null}
          all={all}
          value={organizationChoice}
          current={organizationId}
          currentLabel="The organization you came from"
          onChange={setOrganizationChoice}
        />
      </FilterForm>
      <ExportLinks
        name="approval-queue"
        params={{ kinds: kind === null ? null : [kind], organizationId }}
        what={filtered ? 'the requests these filters show' : 'your whole queue'}
      />
      <QueueList
        key={`${kind ?? all}-${organizationId ?? all}`}
        filters={{ kinds: kind === null ? null : [kind], organizationId }}
        headingLevel={2}
        emptyHeading={filtered ? 'Nothing waiting with these filters' : 'Nothing is waiting for you'}
        emptyText={
          filtered
            ? 'Show all kinds and organizations to see everything you may decide.'
            : 'When someone asks for a role you may approve, it appears here and you get an e-mail.'
        }
        onTotal={onTotal}
      />
    </>
  );
}
