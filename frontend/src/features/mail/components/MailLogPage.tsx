import { Alert, Badge, Button } from '@cmsgov/design-system';
import { PageHeading } from '@/components/PageHeading';
import { QueryResult } from '@/components/QueryResult';
import { formatDateTime } from '@/lib/format';
import { useMailLog, type MailMessage } from '@/features/mail/api/mail-log';

const newest = 50;

function Delivery({ message }: { message: MailMessage }) {
  if (message.sentAt != null) return <>Sent {formatDateTime(message.sentAt)}</>;
  return (
    <>
      <Badge variation="warn" hideScreenReaderText>
        Not sent yet
      </Badge>{' '}
      {message.attempts > 0 && `${String(message.attempts)} attempt${message.attempts === 1 ? '' : 's'}`}
      {message.lastError != null && <> — last error: {message.lastError}</>}
    </>
  );
}

/** Development only: the notifications sent to the viewer, to read one's mail without an SMTP server. */
export function MailLogPage() {
  const mail = useMailLog(newest);
  return (
    <>
      <PageHeading>Mail log</PageHeading>
      <QueryResult query={mail} loading="Loading your mail…" what="your mail">
        {(data) =>
          data === null ? (
            <Alert variation="warn" heading="Not available in production" headingLevel="2" data-testid="mail-log-unavailable">
              <p className="ds-c-alert__text">
                The mail log exists only on development servers. Your notifications are in your e-mail inbox.
              </p>
            </Alert>
          ) : (
            <>
              <p className="ds-text-body--lg ds-u-margin-top--0">
                For development: the newest {newest} notifications sent to you, newest first, as the outbox holds them.
              </p>
              <p>
                <Button size="small" onClick={() => void mail.refetch()} disabled={mail.isFetching}>
                  {mail.isFetching ? 'Reading…' : 'Read again'}
                </Button>
              </p>
              {data.length === 0 ? (
                <div data-testid="mail-log-empty">
                  <h2 className="ds-text-heading--xl">No mail yet</h2>
                  <p>Notifications about your requests, your queue and your roles appear here.</p>
                </div>
              ) : (
                <ol className="ds-c-list ds-c-list--bare iacs-mail" aria-label="Notifications, newest first">
                  {data.map((message, index) => (
                    <li key={`${message.createdAt}-${String(index)}`} className="iacs-mail__item" data-template={message.template}>
                      <h2 className="ds-text-heading--lg ds-u-margin-y--0">{message.subject}</h2>
                      <p className="ds-u-margin-y--1 ds-u-font-size--sm">
                        To {message.to} · Written {formatDateTime(message.createdAt)} · <Delivery message={message} />
                      </p>
                      <pre className="iacs-mail__body">{message.body}</pre>
                    </li>
                  ))}
                </ol>
              )}
            </>
          )
        }
      </QueryResult>
    </>
  );
}
