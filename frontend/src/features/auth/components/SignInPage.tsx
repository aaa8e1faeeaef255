import { Button, TextField } from '@cmsgov/design-system';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, type SubmitEvent } from 'react';
import { ErrorSummary } from '@/components/ErrorSummary';
import { Link } from '@/components/Link';
import { PageHeading } from '@/components/PageHeading';
import { navigate, useLocation } from '@/lib/router';
import { paths, safeNextPath } from '@/lib/routes';
import { useFormErrors } from '@/lib/use-form-errors';
import { refreshViewer } from '@/lib/viewer';
import { useSignIn } from '@/features/auth/api/sign-in';
import { useTextFields } from '@/lib/use-text-fields';

const fields = ['login', 'password'] as const;

export function SignInPage() {
  const queryClient = useQueryClient();
  const { search } = useLocation();
  const signIn = useSignIn();
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFormErrors(fields, formRef);
  const text = useTextFields({ login: '', password: '' }, errors.byField);

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (signIn.isPending) return;
    // R4: INVALID_CREDENTIALS (the same for an unknown account and a wrong password) and
    // ACCOUNT_LOCKED name no field and show in the summary.
    await errors.submit(
      () => signIn.mutateAsync({ login: text.values.login.trim(), password: text.values.password }),
      async () => {
        await refreshViewer(queryClient);
        navigate(safeNextPath(search.get('next')), { replace: true });
      },
    );
  }

  return (
    <>
      <PageHeading>Sign in</PageHeading>
      <form ref={formRef} noValidate onSubmit={(event) => void handleSubmit(event)} className="iacs-form">
        <ErrorSummary heading="We could not sign you in" errors={errors.general} />
        <TextField label="E-mail address or user ID" autoComplete="username" {...text.field('login')} />
        <TextField label="Password" type="password" autoComplete="current-password" {...text.field('password')} />
        <Button type="submit" variation="solid" className="ds-u-margin-top--4">
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
      <p className="ds-u-margin-top--4">
        New here? <Link to={paths.signUp}>Create an account</Link>
      </p>
    </>
  );
}
