import { Alert, Button, TextField } from '@cmsgov/design-system';
import { useRef, useState, type SubmitEvent } from 'react';
import { ErrorSummary } from '@/components/ErrorSummary';
import { OneTimeCodeField } from '@/components/OneTimeCodeField';
import { PageHeading } from '@/components/PageHeading';
import { QueryError } from '@/components/QueryError';
import { QueryResult } from '@/components/QueryResult';
import { useFormErrors } from '@/lib/use-form-errors';
import {
  useChangePassword,
  useConfirmEmailChange,
  useProfile,
  useRequestEmailChange,
  useUpdateProfile,
} from '@/features/profile/api/profile';
import { ApiTokens } from './ApiTokens';
import { useTextFields } from '@/lib/use-text-fields';

type Profile = NonNullable<ReturnType<typeof useProfile>['data']>;

const detailFields = ['name', 'phone'] as const;

/** R5: name and phone change at once. */
function DetailsForm({ profile }: { profile: Profile }) {
  const update = useUpdateProfile();
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFormErrors(detailFields, formRef);
  const text = useTextFields({ name: profile.name, phone: profile.phone ?? '' }, errors.byField);
  const [saved, setSaved] = useState(false);

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (update.isPending) return;
    setSaved(false);
    await errors.submit(
      () => update.mutateAsync(text.values),
      () => {
        setSaved(true);
      },
    );
  }

  return (
    <section aria-labelledby="details-heading" className="ds-u-margin-bottom--6">
      <h2 id="details-heading" className="ds-text-heading--2xl">
        Name and phone
      </h2>
      {saved && (
        <Alert variation="success" headingLevel="3" heading="Saved" className="ds-u-margin-bottom--3">
          <p className="ds-c-alert__text">Your name and phone number are up to date.</p>
        </Alert>
      )}
      <form ref={formRef} noValidate onSubmit={(event) => void handleSubmit(event)} className="iacs-form">
        <ErrorSummary heading="There is a problem" errors={errors.general} />
        <TextField label="Full name" autoComplete="name" {...text.field('name')} />
        <TextField
          label="Phone number (optional)"
          hint="Leave it empty to remove it. Only you can see it."
          type="tel"
          autoComplete="tel"
          {...text.field('phone')}
        />
        <Button type="submit" variation="solid" className="ds-u-margin-top--4">
          {update.isPending ? 'Saving…' : 'Save name and phone'}
        </Button>
      </form>
    </section>
  );
}

const passwordFields = ['currentPassword', 'newPassword'] as const;

/** R41: with the current password; every other session ends. */
function PasswordForm() {
  const change = useChangePassword();
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFormErrors(passwordFields, formRef);
  const text = useTextFields({ currentPassword: '', newPassword: '' }, errors.byField);
  const [changed, setChanged] = useState(false);

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (change.isPending) return;
    setChanged(false);
    await errors.submit(
      () => change.mutateAsync(text.values),
      () => {
        setChanged(true);
        text.set('currentPassword', '');
        text.set('newPassword', '');
      },
    );
  }

  return (
    <section aria-labelledby="password-heading" className="ds-u-margin-bottom--6">
      <h2 id="password-heading" className="ds-text-heading--2xl">
        Password
      </h2>
      {changed && (
        <Alert variation="success" headingLevel="3" heading="Your password was changed" className="ds-u-margin-bottom--3">
          <p className="ds-c-alert__text">
            You stay signed in here; every other session was signed out, and we sent you an e-mail about it.
          </p>
        </Alert>
      )}
      <form ref={formRef} noValidate onSubmit={(event) => void handleSubmit(event)} className="iacs-form">
        <ErrorSummary heading="There is a problem" errors={errors.general} />
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          {...text.field('currentPassword')}
        />
        <TextField
          label="New password"
          hint="At least 12 characters. A few unrelated words make a strong one; not your name or e-mail."
          type="password"
          autoComplete="new-password"
          {...text.field('newPassword')}
        />
        <Button type="submit" variation="solid" className="ds-u-margin-top--4">
          {change.isPending ? 'Changing…' : 'Change password'}
        </Button>
      </form>
    </section>
  );
}

const emailFields = ['newEmail', 'password'] as const;
const codeFields = ['code'] as const;

/** R41: a code goes to the new address; nothing changes until it is entered here. */
function EmailForms({ profile }: { profile: Profile }) {
  const request = useRequestEmailChange();
  const confirm = useConfirmEmailChange();
  const requestRef = useRef<HTMLFormElement>(null);
  const confirmRef = useRef<HTMLFormElement>(null);
  const requestErrors = useFormErrors(emailFields, requestRef);
  const confirmErrors = useFormErrors(codeFields, confirmRef);
  const text = useTextFields({ newEmail: '', password: '' }, requestErrors.byField);
  const [code, setCode] = useState('');
  const [confirmed, setConfirmed] = useState(false);

  async function handleRequest(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (request.isPending) return;
    setConfirmed(false);
    await requestErrors.submit(
      () => request.mutateAsync(text.values),
      () => {
        text.set('password', '');
      },
    );
  }

  async function handleConfirm(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (confirm.isPending) return;
    await confirmErrors.submit(
      () => confirm.mutateAsync({ code: code.trim() }),
      () => {
        setConfirmed(true);
        setCode('');
        text.set('newEmail', '');
      },
    );
  }

  return (
    <section aria-labelledby="email-heading">
      <h2 id="email-heading" className="ds-text-heading--2xl">
        E-mail address
      </h2>
      <p>
        Your account uses <strong>{profile.email}</strong>. It is also how you sign in, with your user ID{' '}
        <strong>{profile.userId}</strong>.
      </p>
      {confirmed && (
        <Alert variation="success" headingLevel="3" heading="Your e-mail address was changed" className="ds-u-margin-bottom--3">
          <p className="ds-c-alert__text">We told your previous address about the change.</p>
        </Alert>
      )}
      {profile.pendingEmail != null && (
        <form ref={confirmRef} noValidate onSubmit={(event) => void handleConfirm(event)} className="iacs-form ds-u-margin-bottom--4">
          <Alert variation="warn" headingLevel="3" heading="Waiting for the code" className="ds-u-margin-bottom--3">
            <p className="ds-c-alert__text">
              We sent a 6-digit code to <strong>{profile.pendingEmail}</strong>. Your address changes only when you
              enter it here, within 30 minutes.
            </p>
          </Alert>
          <ErrorSummary heading="There is a problem" errors={confirmErrors.general} />
          <OneTimeCodeField
            label="Code from the new address"
            hint="6 digits"
            value={code}
            onChange={setCode}
            errorMessage={confirmErrors.byField.code}
          />
          <Button type="submit" variation="solid" className="ds-u-margin-top--4">
            {confirm.isPending ? 'Confirming…' : 'Confirm the new address'}
          </Button>
        </form>
      )}
      <form ref={requestRef} noValidate onSubmit={(event) => void handleRequest(event)} className="iacs-form">
        <ErrorSummary heading="There is a problem" errors={requestErrors.general} />
        <TextField label="New e-mail address" type="email" autoComplete="email" {...text.field('newEmail')} />
        <TextField
          label="Your password"
          hint="Asked again for this change."
          type="password"
          autoComplete="current-password"
          {...text.field('password')}
        />
        <Button type="submit" className="ds-u-margin-top--4">
          {request.isPending ? 'Sending…' : 'Send a code to the new address'}
        </Button>
      </form>
    </section>
  );
}

/** R5, R41: the signed-in person's own details. */
export function ProfilePage() {
  const profile = useProfile();
  return (
    <>
      <PageHeading>My profile</PageHeading>
      <QueryResult query={profile} loading="Loading your profile…" what="your profile">
        {(viewer) =>
          // No viewer (the session ended meanwhile) is shown as a read that failed.
          viewer === null ? (
            <QueryError what="your profile" onRetry={() => void profile.refetch()} />
          ) : (
            <>
              <DetailsForm profile={viewer} />
              <PasswordForm />
              <EmailForms profile={viewer} />
              <ApiTokens />
            </>
          )
        }
      </QueryResult>
    </>
  );
}
