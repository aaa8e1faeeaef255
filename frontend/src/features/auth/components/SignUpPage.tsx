import { Button, Choice, ChoiceList, TextField } from '@cmsgov/design-system';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type ChangeEvent, type SubmitEvent } from 'react';
import type { Community } from '@/gql/graphql';
import { ErrorSummary } from '@/components/ErrorSummary';
import { Link } from '@/components/Link';
import { PageHeading } from '@/components/PageHeading';
import { navigate } from '@/lib/router';
import { paths } from '@/lib/routes';
import { useFormErrors } from '@/lib/use-form-errors';
import { refreshViewer } from '@/lib/viewer';
import { useRegisterAccount } from '@/features/auth/api/register-account';
import { useTextFields } from '@/lib/use-text-fields';

// The paths of RegisterAccountInput that this form shows next to a field.
const fields = ['email', 'name', 'password', 'phone', 'community', 'acceptTerms'] as const;

// R2: the person's community, chosen once at registration.
const communities: readonly { value: Community; label: string; hint: string }[] = [
  {
    value: 'PROVIDER_SUPPLIER',
    label: 'Provider / supplier',
    hint: 'You work for, or on behalf of, a Medicare provider or supplier organization.',
  },
  {
    value: 'FI_CARRIER_MAC',
    label: 'Fiscal intermediary / carrier / MAC',
    hint: 'You work for a Medicare contractor.',
  },
];

export function SignUpPage() {
  const queryClient = useQueryClient();
  const registerAccount = useRegisterAccount();
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFormErrors(fields, formRef);
  const text = useTextFields({ email: '', name: '', password: '', phone: '' }, errors.byField);
  const [community, setCommunity] = useState<Community>('PROVIDER_SUPPLIER');
  const [acceptTerms, setAcceptTerms] = useState(false);

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (registerAccount.isPending) return;
    await errors.submit(
      () =>
        registerAccount.mutateAsync({
          email: text.values.email.trim(),
          name: text.values.name.trim(),
          password: text.values.password,
          phone: text.values.phone.trim() === '' ? null : text.values.phone.trim(),
          community,
          acceptTerms,
        }),
      async () => {
        // The new person is signed in (R1): read the viewer before the protected page checks it.
        await refreshViewer(queryClient);
        navigate(paths.confirmEmail);
      },
    );
  }

  return (
    <>
      <PageHeading>Create an account</PageHeading>
      <p className="ds-text-body--lg">
        One account for all your access to CMS applications, in any organization. You will confirm your e-mail
        address with a code we send you.
      </p>
      <p>
        Already have an account? <Link to={paths.signIn}>Sign in</Link>
      </p>
      <form ref={formRef} noValidate onSubmit={(event) => void handleSubmit(event)} className="iacs-form">
        <ErrorSummary heading="We could not create your account" errors={errors.general} />
        <TextField label="Work e-mail address" type="email" autoComplete="email" {...text.field('email')} />
        <TextField label="Full name" autoComplete="name" {...text.field('name')} />
        <TextField
          label="Password"
          hint="At least 12 characters. A passphrase of several words is easy to remember and hard to guess; it may not contain your e-mail address or name."
          type="password"
          autoComplete="new-password"
          {...text.field('password')}
        />
        <TextField
          label="Phone number"
          requirementLabel="Optional"
          type="tel"
          autoComplete="tel"
          {...text.field('phone')}
        />
        <ChoiceList
          type="radio"
          name="community"
          label="Community"
          hint="The kind of organization you work for. Most people choose Provider / supplier."
          choices={communities.map((choice) => ({
            value: choice.value,
            label: choice.label,
            hint: choice.hint,
            checked: community === choice.value,
          }))}
          onChange={(event: ChangeEvent<HTMLInputElement>) => {
            const chosen = communities.find((choice) => choice.value === event.target.value);
            if (chosen !== undefined) setCommunity(chosen.value);
          }}
          errorMessage={errors.byField.community}
        />
        <section aria-labelledby="rules-of-behavior" className="ds-u-margin-top--4">
          <h2 id="rules-of-behavior" className="ds-text-heading--lg">
            Rules of behavior
          </h2>
          <ul className="ds-c-list">
            <li>Use your access only for the work your organization approved it for.</li>
            <li>Keep your password to yourself; never share your account.</li>
            <li>Protect the personal and health information you see, and report a suspected breach at once.</li>
            <li>Your activity is recorded and may be reviewed; misuse can end your access and lead to penalties.</li>
          </ul>
        </section>
        <Choice
          type="checkbox"
          name="acceptTerms"
          value="accepted"
          label="I have read and accept the rules of behavior"
          checked={acceptTerms}
          onChange={(event) => {
            setAcceptTerms(event.target.checked);
          }}
          errorMessage={errors.byField.acceptTerms}
        />
        <Button type="submit" variation="solid" className="ds-u-margin-top--4">
          {registerAccount.isPending ? 'Creating your account…' : 'Create account'}
        </Button>
      </form>
    </>
  );
}
