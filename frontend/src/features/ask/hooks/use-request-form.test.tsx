import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ErrorSummary } from '@/components/ErrorSummary';
import type { SubmittedRequest } from '@/features/ask/api/ask';
import { dateFromToday, SubmitButton, TermsFields, type OnSubmitted } from '@/features/ask/components/shared';
import { invalid, useRequestForm, type PrepareRequest, type RequestAnswer, type SendRequest } from './use-request-form';

const fields = ['organizationId'] as const;

/** A form with one field of its own (its error only) and the terms, as the Ask forms use the hook. */
function AskForm({ prepare, onSubmitted }: { prepare: PrepareRequest; onSubmitted: OnSubmitted }) {
  const { formRef, errors, terms, setTerms, busy, onSubmit } = useRequestForm(fields, onSubmitted);
  return (
    <form ref={formRef} noValidate onSubmit={onSubmit(prepare)} aria-label="Ask">
      <ErrorSummary heading="We could not send your request" errors={errors.general} />
      {errors.byField.organizationId !== undefined && (
        <p data-error-focus="" tabIndex={-1}>
          {errors.byField.organizationId}
        </p>
      )}
      <TermsFields value={terms} onChange={setTerms} errors={errors.byField} />
      <SubmitButton pending={busy} label="Ask to join" />
    </form>
  );
}

function submitted(id: string, trackingNumber: string): SubmittedRequest {
  return {
    id,
    trackingNumber,
    kind: 'JOIN_USER_GROUP',
    status: 'PENDING',
    proposedName: null,
    organization: { id: 'org-xyz', legalBusinessName: 'Provider Organization XYZ', status: 'APPROVED' },
    userGroup: { id: 'group-claims', name: 'Claims Team' },
    company: null,
    application: null,
    approvers: [{ id: 'u-ugo', name: 'Ugo Admin' }],
  };
}

/** A send whose answer the test gives when it wants. */
function deferredSend() {
  let answer: (value: RequestAnswer) => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const send = vi.fn<SendRequest>(
    () =>
      new Promise<RequestAnswer>((resolve, reject) => {
        answer = resolve;
        fail = reject;
      }),
  );
  return {
    send,
    answer: (value: RequestAnswer) => {
      answer(value);
    },
    fail: (error: unknown) => {
      fail(error);
    },
  };
}

const button = () => screen.getByRole('button', { name: /^(Ask to join|Sending…)$/ });

describe('useRequestForm', () => {
  it('sends with the terms as the API takes them, is busy until the answer, and hands on the request', async () => {
    const user = userEvent.setup();
    const { send, answer } = deferredSend();
    const onSubmitted = vi.fn<OnSubmitted>();
    render(<AskForm prepare={() => send} onSubmitted={onSubmitted} />);
    const endDate = dateFromToday(30);

    await user.type(screen.getByLabelText(/^Why you need this/), '  Covering the claims backlog  ');
    fireEvent.change(screen.getByLabelText(/^Until/), { target: { value: endDate } });
    await user.click(button());

    expect(send).toHaveBeenCalledTimes(1);
    const terms = send.mock.calls[0]?.[0];
    expect(terms?.justification).toBe('Covering the claims backlog');
    // The end of the chosen day, in the person's own time zone.
    const endsAt = new Date(terms?.endsAt ?? '');
    const [year, month, day] = endDate.split('-').map(Number);
    expect([endsAt.getFullYear(), endsAt.getMonth() + 1, endsAt.getDate(), endsAt.getHours(), endsAt.getMinutes(), endsAt.getSeconds()]).toEqual([
      year,
      month,
      day,
      23,
      59,
      59,
    ]);
    expect(button()).toHaveTextContent('Sending…');
    expect(button()).toHaveAttribute('aria-disabled', 'true');

    // A second submit while the first is on its way sends nothing.
    await user.click(button());
    expect(send).toHaveBeenCalledTimes(1);

    answer({ errors: [], request: submitted('req-1', 'R261206-AAAAAA') });

    expect(await screen.findByRole('button', { name: 'Ask to join' })).not.toHaveAttribute('aria-disabled');
    expect(onSubmitted).toHaveBeenCalledTimes(1);
    expect(onSubmitted).toHaveBeenCalledWith([submitted('req-1', 'R261206-AAAAAA')]);
  });

  it('sends empty terms as none', async () => {
    const user = userEvent.setup();
    const send = vi.fn<SendRequest>(() => Promise.resolve({ errors: [], request: submitted('req-1', 'R261206-AAAAAA') }));
    render(<AskForm prepare={() => send} onSubmitted={vi.fn()} />);

    await user.type(screen.getByLabelText(/^Why you need this/), '   ');
    await user.click(button());

    expect(send.mock.calls).toEqual([[{ justification: null, endsAt: null }]]);
  });

  it('shows the problems found before sending next to their field, focused, and sends nothing', async () => {
    const user = userEvent.setup();
    const send = vi.fn<SendRequest>();
    const onSubmitted = vi.fn<OnSubmitted>();
    render(<AskForm prepare={() => [invalid('organizationId', 'Choose the organization.')]} onSubmitted={onSubmitted} />);

    await user.click(button());

    expect(await screen.findByText('Choose the organization.')).toHaveFocus();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(button()).toHaveTextContent('Ask to join');
    expect(send).not.toHaveBeenCalled();
    expect(onSubmitted).not.toHaveBeenCalled();
  });

  it("puts the answer's errors next to their fields, the terms' included, and the others in the summary", async () => {
    const user = userEvent.setup();
    const onSubmitted = vi.fn<OnSubmitted>();
    const send = vi.fn<SendRequest>(() =>
      Promise.resolve({
        errors: [
          { code: 'END_DATE_TOO_LATE', message: 'The end date is at most a year from today.', field: ['endsAt'] },
          { code: 'ALREADY_PENDING', message: 'You already asked to join this group.', field: null },
        ],
        request: null,
      }),
    );
    render(<AskForm prepare={() => send} onSubmitted={onSubmitted} />);

    await user.click(button());

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('We could not send your request');
    expect(summary).toHaveTextContent('You already asked to join this group.');
    expect(summary).not.toHaveTextContent('The end date is at most a year from today.');
    expect(screen.getByLabelText(/^Until/)).toHaveAccessibleDescription(/The end date is at most a year from today\./);
    expect(button()).toHaveTextContent('Ask to join');
    expect(onSubmitted).not.toHaveBeenCalled();
  });

  it('says so when the server cannot be reached, and the form can be sent again', async () => {
    const user = userEvent.setup();
    const { send, answer, fail } = deferredSend();
    const onSubmitted = vi.fn<OnSubmitted>();
    render(<AskForm prepare={() => send} onSubmitted={onSubmitted} />);

    await user.click(button());
    fail(new TypeError('Failed to fetch'));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Something went wrong while contacting the server. Please try again.',
    );
    expect(button()).toHaveTextContent('Ask to join');

    await user.click(button());
    answer({ errors: [], request: submitted('req-2', 'R261206-BBBBBB') });

    expect(send).toHaveBeenCalledTimes(2);
    await vi.waitFor(() => {
      expect(onSubmitted).toHaveBeenCalledWith([submitted('req-2', 'R261206-BBBBBB')]);
    });
  });

  it('hands on every request a form counts as sent', async () => {
    const user = userEvent.setup();
    const onSubmitted = vi.fn<OnSubmitted>();
    const requests = [submitted('req-1', 'R261206-AAAAAA'), submitted('req-2', 'R261206-BBBBBB')];
    render(<AskForm prepare={() => () => Promise.resolve({ errors: [], requests })} onSubmitted={onSubmitted} />);

    await user.click(button());

    await vi.waitFor(() => {
      expect(onSubmitted).toHaveBeenCalledWith(requests);
    });
  });

  it('hands on nothing when nothing was sent, and clears the errors shown before', async () => {
    const user = userEvent.setup();
    const onSubmitted = vi.fn<OnSubmitted>();
    const send = vi
      .fn<SendRequest>()
      .mockResolvedValueOnce({ errors: [{ code: 'ALREADY_PENDING', message: 'You already asked.', field: null }] })
      .mockResolvedValueOnce({ errors: [], requests: [] });
    render(<AskForm prepare={() => send} onSubmitted={onSubmitted} />);

    await user.click(button());
    expect(await screen.findByRole('alert')).toHaveTextContent('You already asked.');
    await user.click(button());

    await vi.waitFor(() => {
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    });
    expect(send).toHaveBeenCalledTimes(2);
    expect(onSubmitted).not.toHaveBeenCalled();
  });

  it('sends a person whose e-mail address is not confirmed to confirm it, and back here', async () => {
    window.history.replaceState(null, '', '/ask?kind=join');
    const user = userEvent.setup();
    const onSubmitted = vi.fn<OnSubmitted>();
    const send = vi.fn<SendRequest>(() =>
      Promise.resolve({ errors: [{ code: 'EMAIL_NOT_VERIFIED', message: 'Confirm your e-mail address first.', field: null }] }),
    );
    render(<AskForm prepare={() => send} onSubmitted={onSubmitted} />);

    await user.click(button());

    await vi.waitFor(() => {
      expect(window.location.pathname).toBe('/confirm-email');
    });
    expect(new URLSearchParams(window.location.search).get('next')).toBe('/ask?kind=join');
    expect(onSubmitted).not.toHaveBeenCalled();
  });
});
