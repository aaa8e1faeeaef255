import { Button, Dialog } from '@cmsgov/design-system';
import type { ReactNode } from 'react';

/** The wide dialog of an explanation (a role's chain of approvals, a person's decisions), closed by its Close button. */
export function ExplanationDialog({
  isOpen,
  heading,
  onClose,
  children,
}: {
  isOpen: boolean;
  heading: string;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Dialog
      isOpen={isOpen}
      onExit={onClose}
      heading={heading}
      ariaCloseLabel="Close the explanation"
      size="wide"
      actions={
        <Button variation="solid" onClick={onClose}>
          Close
        </Button>
      }
    >
      {children}
    </Dialog>
  );
}
