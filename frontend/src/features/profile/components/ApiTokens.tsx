import { Alert, Button, Table, TableBody, TableCell, TableRow, TextField } from '@cmsgov/design-system';
import { useRef, useState, type SubmitEvent } from 'react';
import { ErrorSummary } from '@/components/ErrorSummary';
import { TableHeadings } from '@/components/TableHeadings';
import { QueryResult } from '@/components/QueryResult';
import { formatDate, formatDateTime } from '@/lib/format';
import { useFormErrors } from '@/lib/use-form-errors';
import { useApiTokens, useCreateApiToken, useRevokeApiToken, type ApiTokenRow } from '@/features/profile/api/tokens';
import { useTextFields } from '@/lib/use-text-fields';
import { dayFromToday, endOfPickedDay } from '@/lib/days';
import { useActionProblem } from '@/lib/use-action-problem';

const tokenFields = ['name', 'expiresAt'] as const;

/** The secret, shown once right after the token is made, with a button to copy it. */
function NewSecret({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <Alert
      variation="success"
      headingLevel="3"
      heading={`Copy your token “${name}” now`}
      className="ds-u-margin-bottom--3"
    >
      <p className="ds-c-alert__text">
        This is the only time you can see it. Keep it somewhere safe, like a password manager; anyone who has it can act
        as you.
      </p>
      <TextField
        label="Your new token"
        name="newTokenSecret"
        value={secret}
        readOnly
        onFocus={(event) => event.target.select()}
      />
      <div className="ds-u-margin-top--2 ds-u-display--flex ds-u-flex-wrap--wrap iacs-actions">
        <Button
          size="small"
          variation="solid"
          onClick={() => {
            void navigator.clipboard
              .writeText(secret)
              .then(() => {
                setCopied(true);
              })
              .catch(() => {
                setCopied(false);
              });
          }}
        >
          Copy the token
        </Button>
        <Button size="small" variation="ghost" onClick={onDone}>
          I have saved it
        </Button>
      </div>
      <p className="ds-c-alert__text" role="status">
        {copied ? 'Copied.' : ''}
      </p>
    </Alert>
  );
}

function TokenList({ tokens }: { tokens: ApiTokenRow[] }) {
  const revoke = useRevokeApiToken();
  const { problem, run } = useActionProblem();
  const [now] = useState(() => Date.now());

  async function revokeToken(token: ApiTokenRow) {
    await run(() => revoke.mutateAsync(token.id));
  }

  if (tokens.length === 0) {
    return <p>You have no API tokens.</p>;
  }
  return (
    <>
      {problem !== null && (
        <Alert variation="error" headingLevel="3" heading="The token was not revoked" className="ds-u-margin-bottom--3">
          <p className="ds-c-alert__text">{problem}</p>
        </Alert>
      )}
      <Table stackable stackableBreakpoint="md" className="ds-u-margin-top--2">
        <caption className="ds-u-visibility--screen-reader">Your API tokens, newest first</caption>
        <TableHeadings
          columns={[
            ['tokens-name', 'Name'],
            ['tokens-created', 'Made'],
            ['tokens-expires', 'Expires'],
            ['tokens-used', 'Last used'],
            ['tokens-actions', <span className="ds-u-visibility--screen-reader">Actions</span>],
          ]}
        />
        <TableBody>
          {tokens.map((token) => {
            const expired = new Date(token.expiresAt).getTime() <= now;
            return (
              <TableRow key={token.id} data-token-id={token.id}>
                <TableCell stackedTitle="Name" headers="tokens-name">
                  {token.name}
                </TableCell>
                <TableCell stackedTitle="Made" headers="tokens-created">
                  {formatDate(token.createdAt)}
                </TableCell>
                <TableCell stackedTitle="Expires" headers="tokens-expires">
                  {expired ? `Expired on ${formatDate(token.expiresAt)}` : formatDate(token.expiresAt)}
                </TableCell>
                <TableCell stackedTitle="Last used" headers="tokens-used">
                  {token.lastUsedAt == null ? 'Never' : formatDateTime(token.lastUsedAt)}
                </TableCell>
                <TableCell stackedTitle="Actions" headers="tokens-actions">
                  <Button
                    size="small"
                    variation="ghost"
                    disabled={revoke.isPending}
                    onClick={() => void revokeToken(token)}
                  >
                    Revoke
                    <span className="ds-u-visibility--screen-reader"> the token {token.name}</span>
                  </Button>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </>
  );
}

/** Personal API tokens: scripts act as the person with them; made, listed and revoked here only. */
export function ApiTokens() {
  const tokens = useApiTokens();
  const create = useCreateApiToken();
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFormErrors(tokenFields, formRef);
  const text = useTextFields({ name: '', expiresAt: dayFromToday(30) }, errors.byField);
  const [made, setMade] = useState<{ name: string; secret: string } | null>(null);

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    setMade(null);
    const expiresAt = endOfPickedDay(text.values.expiresAt);
    if (expiresAt === '') {
      errors.show([
        {
          code: 'INVALID_INPUT',
          message: 'Choose the day the token stops working.',
          field: ['expiresAt'],
        },
      ]);
      return;
    }
    await errors.submit(
      () => create.mutateAsync({ name: text.values.name, expiresAt }),
      (payload) => {
        if (payload.token != null && payload.secret != null) {
          setMade({ name: payload.token.name, secret: payload.secret });
          text.set('name', '');
        }
      },
    );
  }

  return (
    <section aria-labelledby="tokens-heading" className="ds-u-margin-top--6">
      <h2 id="tokens-heading" className="ds-text-heading--2xl">
        API tokens
      </h2>
      <p>
        A token lets a script or another program use IACS as you, with exactly your roles, without your password. Send
        it in the <code>Authorization</code> header as <code>Bearer</code> followed by the token. It cannot change your
        profile, password or tokens, and stops working when it expires or you revoke it. You can have up to 10.
      </p>
      {made !== null && (
        <NewSecret
          name={made.name}
          secret={made.secret}
          onDone={() => {
            setMade(null);
          }}
        />
      )}
      <QueryResult query={tokens} loading="Loading your tokens…" what="your API tokens">
        {(data) => <TokenList tokens={data} />}
      </QueryResult>
      <h3 className="ds-text-heading--xl ds-u-margin-top--4">Make a token</h3>
      <form ref={formRef} noValidate onSubmit={(event) => void handleSubmit(event)} className="iacs-form">
        <ErrorSummary heading="There is a problem" errors={errors.general} />
        <TextField
          label="Token name"
          hint="To recognise it later, like the name of the script that uses it."
          maxLength={100}
          {...text.field('name')}
        />
        <TextField
          label="Expires on"
          hint="At most a year from today. The token stops working at the end of that day."
          type="date"
          size="medium"
          min={dayFromToday(1)}
          max={dayFromToday(365)}
          {...text.field('expiresAt')}
        />
        <Button type="submit" variation="solid" className="ds-u-margin-top--4">
          {create.isPending ? 'Making…' : 'Make a token'}
        </Button>
      </form>
    </section>
  );
}
