import { Button, Dialog, TextField } from '@cmsgov/design-system';
import { useRef, type SubmitEvent } from 'react';
import { useRevokeRole } from '@/lib/revoke-role';
import { useFormErrors } from '@/lib/use-form-errors';
import { ErrorSummary } from './ErrorSummary';
import { useTextFields } from '@/lib/use-text-fields';

const fields = ['reason'] as const;

export interface RoleToEnd {
  id: string;
  /** "Security Official of Provider Organization XYZ". */
  description: string;
  /** Whose role it is, when it is not the viewer's own. */
  holderName?: string;
}

/**
 * R29: ends a role with a reason the holder will see. The viewer's own role is "given up"; anyone
 * else's is "revoked". Confirmation is the dialog itself: nothing changes until its button is pressed.
 */
export function RevokeRoleDialog({
  role,
  onClose,
  onDone,
}: {
  role: RoleToEnd | null;
  onClose: () => void;
  onDone: (role: RoleToEnd) => void;
}) {
  const own = role?.holderName === undefined;
  const revokeRole = useRevokeRole();
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFormErrors(fields, formRef);
  const text = useTextFields({ reason: '' }, errors.byField);

  function close() {
    text.set('reason', '');
    errors.clear();
    onClose();
  }

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (role === null || revokeRole.isPending) return;
    await errors.submit(
      () => revokeRole.mutateAsync({ roleAssignmentId: role.id, reason: text.values.reason.trim() }),
      () => {
        text.set('reason', '');
        onDone(role);
      },
    );
  }

  const heading = own ? 'Give up this role?' : 'Revoke this role?';
  return (
    <Dialog
      isOpen={role !== null}
      onExit={close}
      heading={heading}
      ariaCloseLabel="Close, and keep the role"
      size="narrow"
    >
      {role !== null && (
        <form ref={formRef} noValidate onSubmit={(event) => void handleSubmit(event)}>
          <p>
            {own ? (
              <>
                You will no longer be <strong>{role.description}</strong>. To have it again you would have to ask for it
                and be approved.
              </>
            ) : (
              <>
                <strong>{role.holderName}</strong> will no longer be <strong>{role.description}</strong>. They will see
                your reason.
              </>
            )}
          </p>
          <ErrorSummary heading="The role was not ended" errors={errors.general} />
          <TextField
            label="Reason"
            hint={own ? 'For example: I changed jobs.' : 'The holder and the audit log will show it.'}
            multiline
            rows={3}
            {...text.field('reason')}
          />
          <div className="ds-u-margin-top--3 ds-u-display--flex ds-u-flex-wrap--wrap iacs-actions">
            <Button type="submit" variation="solid" isAlternate={false} className="iacs-danger">
              {revokeRole.isPending ? 'Ending the role…' : own ? 'Give up the role' : 'Revoke the role'}
            </Button>
            <Button type="button" variation="ghost" onClick={close}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
