import { Alert, Badge, Button, Choice, Table, TableBody, TableCell, TableRow, TextField } from '@cmsgov/design-system';
import { useEffect, useRef, useState, type ChangeEvent, type SubmitEvent } from 'react';
import { ErrorSummary } from '@/components/ErrorSummary';
import { TableHeadings } from '@/components/TableHeadings';
import { QueryResult } from '@/components/QueryResult';
import type { ProviderType } from '@/gql/graphql';
import { useFocusAfterRender } from '@/lib/focus';
import { providerTypeNames } from '@/lib/names';
import { useFormErrors } from '@/lib/use-form-errors';
import {
  useCmsApplications,
  usePublishApplication,
  useSetApplicationOpen,
  useSetProviderTypeOpen,
} from '@/features/queue/api/switches';
import { useProviderTypeSettings } from '@/lib/provider-types';
import { useTextFields } from '@/lib/use-text-fields';

type Outcome = { ok: boolean; heading: string; text: string } | null;

/** What is being closed: a provider type or an application, with the name people know it by. */
type Closing = { kind: 'providerType'; providerType: ProviderType; name: string } | { kind: 'application'; id: string; name: string };

const reasonFields = ['reason'] as const;
const publishFields = ['name', 'description'] as const;

function OpenBadge({ open }: { open: boolean }) {
  return open ? <Badge variation="success">Open</Badge> : <Badge variation="warn">Closed</Badge>;
}

/** Closing needs the reason people will read when they try (R42). */
function CloseForm({ closing, onDone }: { closing: Closing; onDone: (outcome: Outcome) => void }) {
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFormErrors(reasonFields, formRef);
  const text = useTextFields({ reason: '' }, errors.byField);
  const closeType = useSetProviderTypeOpen();
  const closeApplication = useSetApplicationOpen();
  const pending = closeType.isPending || closeApplication.isPending;
  const what = closing.kind === 'providerType' ? `registration of ${closing.name}` : closing.name;
  useEffect(() => {
    formRef.current?.querySelector('textarea')?.focus(); // the reason is what is asked next
  }, []);

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    try {
      const payload =
        closing.kind === 'providerType'
          ? await closeType.mutateAsync({ providerType: closing.providerType, open: false, reason: text.values.reason })
          : await closeApplication.mutateAsync({ applicationId: closing.id, open: false, reason: text.values.reason });
      if (payload.errors.length > 0) {
        errors.show(payload.errors);
        return;
      }
      onDone({ ok: true, heading: 'Closed', text: `You closed ${what}. People who try are told your reason.` });
    } catch (error) {
      errors.showFailure(error);
    }
  }

  return (
    <form ref={formRef} noValidate onSubmit={(event) => void handleSubmit(event)} className="iacs-form ds-u-margin-top--3" aria-labelledby="close-heading">
      <h4 id="close-heading" className="ds-text-heading--lg">
        Close {what}
      </h4>
      <ErrorSummary heading="It was not closed" errors={errors.general} />
      <TextField
        label="Reason people will see"
        hint="Shown to whoever tries to register or ask for it; at most 500 characters."
        multiline
        rows={3}
        {...text.field('reason')}
      />
      <div className="ds-u-display--flex ds-u-flex-wrap--wrap iacs-actions ds-u-margin-top--2">
        <Button type="submit" variation="solid">
          Close {closing.kind === 'providerType' ? 'registration' : 'the application'}
        </Button>
        <Button
          variation="ghost"
          onClick={() => {
            onDone(null);
          }}
        >
          Cancel
        </Button>
      </div>
    </form>
  );
}

function ProviderTypes({ onClose, onOutcome }: { onClose: (closing: Closing) => void; onOutcome: (outcome: Outcome) => void }) {
  const settings = useProviderTypeSettings();
  const open = useSetProviderTypeOpen();

  async function handleOpen(providerType: ProviderType) {
    if (open.isPending) return;
    const name = providerTypeNames[providerType];
    try {
      const payload = await open.mutateAsync({ providerType, open: true });
      onOutcome(
        payload.errors.length > 0
          ? { ok: false, heading: 'Registration was not opened', text: payload.errors.map((e) => e.message).join(' ') }
          : { ok: true, heading: 'Opened', text: `${name}: registration is open.` },
      );
    } catch {
      onOutcome({ ok: false, heading: 'Registration was not opened', text: 'We could not reach the server. Please try again.' });
    }
  }

  return (
    <QueryResult query={settings} loading="Loading the provider types…" what="the provider types">
      {(types) =>
        types.length === 0 ? (
          <p>No provider type is known.</p>
        ) : (
          <Table stackable stackableBreakpoint="md" className="ds-u-margin-top--2">
            <caption className="ds-u-visibility--screen-reader">Provider types and their registration</caption>
            <TableHeadings
              columns={[
                ['types-name', 'Provider type'],
                ['types-state', 'Registration'],
                ['types-reason', 'Reason people see'],
                ['types-action', 'Change'],
              ]}
            />
            <TableBody>
              {types.map((setting) => {
                const name = providerTypeNames[setting.providerType];
                return (
                  <TableRow key={setting.providerType}>
                    <TableCell stackedTitle="Provider type" headers="types-name">
                      {name}
                    </TableCell>
                    <TableCell stackedTitle="Registration" headers="types-state">
                      <OpenBadge open={setting.open} />
                    </TableCell>
                    <TableCell stackedTitle="Reason people see" headers="types-reason">
                      {setting.reason ?? '—'}
                    </TableCell>
                    <TableCell stackedTitle="Change" headers="types-action">
                      <Button
                        size="small"
                        onClick={() => {
                          if (setting.open) onClose({ kind: 'providerType', providerType: setting.providerType, name });
                          else void handleOpen(setting.providerType);
                        }}
                      >
                        {setting.open ? 'Close' : 'Open'} <span className="ds-u-visibility--screen-reader">registration of {name}</span>
                      </Button>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )
      }
    </QueryResult>
  );
}

function Applications({ onClose, onOutcome }: { onClose: (closing: Closing) => void; onOutcome: (outcome: Outcome) => void }) {
  const applications = useCmsApplications();
  const open = useSetApplicationOpen();

  async function handleOpen(id: string, name: string) {
    if (open.isPending) return;
    try {
      const payload = await open.mutateAsync({ applicationId: id, open: true });
      onOutcome(
        payload.errors.length > 0
          ? { ok: false, heading: 'The application was not opened', text: payload.errors.map((e) => e.message).join(' ') }
          : { ok: true, heading: 'Opened', text: `${name} takes requests again.` },
      );
    } catch {
      onOutcome({ ok: false, heading: 'The application was not opened', text: 'We could not reach the server. Please try again.' });
    }
  }

  return (
    <QueryResult query={applications} loading="Loading the applications…" what="the applications">
      {(apps) =>
        apps.length === 0 ? (
          <p>No application is published yet. Publish the first one below.</p>
        ) : (
          <Table stackable stackableBreakpoint="md" className="ds-u-margin-top--2">
            <caption className="ds-u-visibility--screen-reader">CMS applications and whether they take requests</caption>
            <TableHeadings
              columns={[
                ['apps-name', 'Application'],
                ['apps-state', 'Requests'],
                ['apps-reason', 'Reason people see'],
                ['apps-action', 'Change'],
              ]}
            />
            <TableBody>
              {apps.map((application) => (
                <TableRow key={application.id}>
                  <TableCell stackedTitle="Application" headers="apps-name">
                    {application.name}
                    {application.description != null && (
                      <>
                        <br />
                        <span className="ds-u-font-size--sm">{application.description}</span>
                      </>
                    )}
                  </TableCell>
                  <TableCell stackedTitle="Requests" headers="apps-state">
                    <OpenBadge open={application.open} />
                  </TableCell>
                  <TableCell stackedTitle="Reason people see" headers="apps-reason">
                    {application.closedReason ?? '—'}
                  </TableCell>
                  <TableCell stackedTitle="Change" headers="apps-action">
                    <Button
                      size="small"
                      onClick={() => {
                        if (application.open) onClose({ kind: 'application', id: application.id, name: application.name });
                        else void handleOpen(application.id, application.name);
                      }}
                    >
                      {application.open ? 'Close' : 'Open'} <span className="ds-u-visibility--screen-reader">{application.name}</span>
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )
      }
    </QueryResult>
  );
}

function PublishForm({ onOutcome }: { onOutcome: (outcome: Outcome) => void }) {
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFormErrors(publishFields, formRef);
  const publish = usePublishApplication();
  const text = useTextFields({ name: '', description: '' }, errors.byField);
  const [openNow, setOpenNow] = useState(true);

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (publish.isPending) return;
    try {
      const { name, description } = text.values;
      const payload = await publish.mutateAsync({
        name,
        description: description.trim() === '' ? null : description,
        open: openNow,
      });
      if (payload.errors.length > 0 || payload.application == null) {
        errors.show(payload.errors);
        return;
      }
      errors.clear();
      text.set('name', '');
      text.set('description', '');
      onOutcome({
        ok: true,
        heading: 'Published',
        text: `${payload.application.name} is published${payload.application.open ? ' and takes requests' : ', closed for now'}.`,
      });
    } catch (error) {
      errors.showFailure(error);
    }
  }

  return (
    <form ref={formRef} noValidate onSubmit={(event) => void handleSubmit(event)} className="iacs-form ds-u-margin-top--3" aria-labelledby="publish-heading">
      <h4 id="publish-heading" className="ds-text-heading--lg">
        Publish an application
      </h4>
      <ErrorSummary heading="The application was not published" errors={errors.general} />
      <TextField label="Name" hint="Unique among the applications; at most 200 characters." {...text.field('name')} />
      <TextField label="What it is for" requirementLabel="Optional" multiline rows={2} {...text.field('description')} />
      <Choice
        type="checkbox"
        name="openNow"
        value="open"
        label="Takes requests at once"
        checked={openNow}
        onChange={(event: ChangeEvent<HTMLInputElement>) => {
          setOpenNow(event.target.checked);
        }}
      />
      <Button type="submit" variation="solid" className="ds-u-margin-top--2">
        Publish
      </Button>
    </form>
  );
}

/** R42 (R11, R23): the CMS side of the help desk opens and closes provider types and applications. */
export function CmsSwitches() {
  const [closing, setClosing] = useState<Closing | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [messageRef, focusMessage] = useFocusAfterRender<HTMLDivElement>();

  function show(next: Outcome) {
    setOutcome(next);
    if (next !== null) focusMessage();
  }

  function startClosing(next: Closing) {
    setOutcome(null);
    setClosing(next);
  }

  function closed(next: Outcome) {
    setClosing(null);
    show(next);
  }

  return (
    <section aria-labelledby="switches-heading" className="ds-u-margin-top--6">
      <h2 id="switches-heading" className="ds-text-heading--2xl">
        Registration and applications
      </h2>
      <p>
        CMS decides which provider types may register and which applications take requests. Whoever tries something
        closed is told the reason you give; requests already waiting can still be decided.
      </p>
      <div ref={messageRef} tabIndex={-1}>
        {outcome !== null && (
          <Alert variation={outcome.ok ? 'success' : 'error'} heading={outcome.heading} headingLevel="3">
            <p className="ds-c-alert__text">{outcome.text}</p>
          </Alert>
        )}
      </div>
      <h3 className="ds-text-heading--xl">Provider types</h3>
      <ProviderTypes onClose={startClosing} onOutcome={show} />
      {closing?.kind === 'providerType' && <CloseForm key={closing.providerType} closing={closing} onDone={closed} />}
      <h3 className="ds-text-heading--xl">Applications</h3>
      <Applications onClose={startClosing} onOutcome={show} />
      {closing?.kind === 'application' && <CloseForm key={closing.id} closing={closing} onDone={closed} />}
      <PublishForm onOutcome={show} />
    </section>
  );
}
