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
