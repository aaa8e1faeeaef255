"""The text of every notification; plain text, no personal data beyond what the recipient knows."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mail:
    template: str
    subject: str
    body: str


def verification_code(name: str, code: str, minutes: int) -> Mail:
    return Mail(
        template="verification_code",
        subject=f"Your IACS confirmation code: {code}",
        body=(
            f"Hello {name},\n\n"
            f"Your IACS confirmation code is {code}.\n"
            f"Enter it on the confirmation page within {minutes} minutes.\n\n"
            "If you did not create an IACS account, you can ignore this message.\n"
        ),
    )


def _readable(code: str) -> str:
    return code.replace("_", " ").lower()


def request_submitted(approver_name: str, requester_name: str, kind: str, tracking_number: str) -> Mail:
    """R32: to each person who may decide a new request."""
    return Mail(
        template="request_submitted",
        subject=f"IACS request {tracking_number} is waiting for your decision",
        body=(
            f"Hello {approver_name},\n\n"
            f"{requester_name} asks: {_readable(kind)} (tracking number {tracking_number}).\n"
            "You may approve or deny it in your IACS approval queue.\n"
        ),
    )


def request_decided(
    requester_name: str, kind: str, tracking_number: str, status: str, decider_name: str, reason: str | None
) -> Mail:
    """R26, R32: to the requester, with who decided and why."""
    because = f"\nReason given: {reason}\n" if reason else ""
    return Mail(
        template="request_decided",
        subject=f"IACS request {tracking_number} was {status.lower()}",
        body=(
            f"Hello {requester_name},\n\n"
            f"Your request ({_readable(kind)}, tracking number {tracking_number}) was {status.lower()} "
            f"by {decider_name}.\n{because}"
        ),
    )


def role_revoked(holder_name: str, role: str, revoker_name: str, reason: str) -> Mail:
    """R29: to the person whose role ended."""
    return Mail(
        template="role_revoked",
        subject="An IACS role of yours has ended",
        body=(
            f"Hello {holder_name},\n\nYour role {_readable(role)} was revoked by {revoker_name}.\n"
            f"Reason given: {reason}\n"
        ),
    )
