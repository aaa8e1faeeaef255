import { Alert, Button } from '@cmsgov/design-system';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type SubmitEvent } from 'react';
import { ErrorSummary } from '@/components/ErrorSummary';
import { OneTimeCodeField } from '@/components/OneTimeCodeField';
import { Link } from '@/components/Link';
import { PageHeading } from '@/components/PageHeading';
import { navigate, useLocation } from '@/lib/router';
import { useMailLogAvailable } from '@/lib/mail-log';
import { paths, safeNextPath } from '@/lib/routes';
import { useFormErrors } from '@/lib/use-form-errors';
import { refreshViewer, useViewer } from '@/lib/viewer';
import { useResendVerificationCode } from '@/features/auth/api/resend-verification-code';
import { useVerifyEmail } from '@/features/auth/api/verify-email';

const fields = ['code'] as const;

/** R3: the one-time code sent to the e-mail address, valid for 30 minutes. */
export function ConfirmEmailPage() {
  const queryClient = useQueryClient();
  const { search } = useLocation();
  const { data: viewer } = useViewer();
  const verifyEmail = useVerifyEmail();
  const resendCode = useResendVerificationCode();
  const mailLog = useMailLogAvailable(viewer != null);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFormErrors(fields, formRef);
  const [code, setCode] = useState('');
  const [resent, setResent] = useState(false);

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (verifyEmail.isPending) return;
    setResent(false);
    await errors.submit(
      () => verifyEmail.mutateAsync({ code: code.trim() }),
      async () => {
        await refreshViewer(queryClient);
        // Back to where the person was sent from (a request refused with EMAIL_NOT_VERIFIED), or My roles.
        navigate(safeNextPath(search.get('next')));
      },
    );
  }

  async function handleResend() {
    if (resendCode.isPending) return;
    setResent(false);
    await errors.submit(
      () => resendCode.mutateAsync(),
      () => {
        setResent(true);
      },
    );
  }

  if (viewer?.emailVerified === true) {
    return (
      <>
        <PageHeading>Confirm your e-mail address</PageHeading>
        <Alert variation="success" heading="Your e-mail address is confirmed" headingLevel="2">
          <p className="ds-c-alert__text">
            Nothing more to do here. <Link to={safeNextPath(search.get('next'))}>Continue</Link>
          </p>
        </Alert>
      </>
    );
  }

  return (
    <>
      <PageHeading>Confirm your e-mail address</PageHeading>
      <p className="ds-text-body--lg">
        We sent a 6-digit code to {viewer == null ? 'your e-mail address' : <strong>{viewer.email}</strong>}. Enter it
        below; it is valid for 30 minutes.
      </p>
      {mailLog.data === true && (
        // Development only (the server keeps a mail log): no mail may leave this machine at all.
        <Alert variation="warn" headingLevel="2" heading="This is a development server" className="ds-u-margin-bottom--3" data-testid="development-mail">
          <p className="ds-c-alert__text">
            Its mail may never reach an inbox. Read the code in the <Link to={paths.mailLog}>mail log</Link>; without a
            mail server set up (IACS_SMTP_URL), the server also writes every mail to its output, in the terminal that
            runs it.
          </p>
        </Alert>
      )}
      {resent && (
        <Alert variation="success" headingLevel="2" heading="We sent you a new code" className="ds-u-margin-bottom--3">
          <p className="ds-c-alert__text">Codes sent before it no longer work.</p>
        </Alert>
      )}
      <form ref={formRef} noValidate onSubmit={(event) => void handleSubmit(event)} className="iacs-form">
        <ErrorSummary heading="There is a problem" errors={errors.general} />
        <OneTimeCodeField
          label="Confirmation code"
          hint="6 digits, for example 012345"
          value={code}
          onChange={setCode}
          errorMessage={errors.byField.code}
        />
        <div className="ds-u-margin-top--4 ds-u-display--flex ds-u-flex-wrap--wrap iacs-actions">
          <Button type="submit" variation="solid">
            {verifyEmail.isPending ? 'Confirming…' : 'Confirm e-mail address'}
          </Button>
          <Button type="button" onClick={() => void handleResend()}>
            {resendCode.isPending ? 'Sending…' : 'Send a new code'}
          </Button>
        </div>
      </form>
    </>
  );
}
