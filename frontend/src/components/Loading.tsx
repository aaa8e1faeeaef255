import { Spinner } from '@cmsgov/design-system';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="ds-u-display--flex ds-u-align-items--center ds-u-margin-y--3">
      {/* The spinner is the status region and carries the text for screen readers. */}
      <Spinner aria-valuetext={label} />
      <span className="ds-u-margin-left--1" aria-hidden="true">
        {label}
      </span>
    </div>
  );
}
