"""The text of every notification; plain text, no personal data beyond what the recipient knows."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mail:
    template: str
    subject: str
    body: str


def _mail(template: str, subject: str, recipient_name: str, text: str) -> Mail:
    """Every notification greets its recipient by name, then says what it has to say."""
    return Mail(template=template, subject=subject, body=f"Hello {recipient_name},\n\n{text}")


def verification_code(name: str, code: str, minutes: int) -> Mail:
    return _mail(
        "verification_code",
        f"Your IACS confirmation code: {code}",
        name,
        f"Your IACS confirmation code is {code}.\n"
        f"Enter it on the confirmation page within {minutes} minutes.\n\n"
        "If you did not create an IACS account, you can ignore this message.\n",
    )


def password_changed(name: str) -> Mail:
    """R41: after a password change, to the account's address."""
    return _mail(
        "password_changed",
        "Your IACS password was changed",
        name,
        "The password of your IACS account was just changed, and every other session was signed out.\n\n"
        "If you did not change it, contact the help desk at once.\n",
    )


def email_change_code(name: str, code: str, minutes: int) -> Mail:
    """R41: to the NEW address; the change happens only when this code is entered."""
    return _mail(
        "email_change_code",
        f"Your IACS code to confirm this e-mail address: {code}",
        name,
        f"Someone asked to use this address for an IACS account. The code is {code}.\n"
        f"Enter it on the profile page within {minutes} minutes to make the change.\n\n"
        "If it was not you, ignore this message: nothing changes without the code.\n",
    )


def email_changed(name: str, new_address: str) -> Mail:
    """R41: to the OLD address, once the change is confirmed."""
    return _mail(
        "email_changed",
        "The e-mail address of your IACS account was changed",
        name,
        f"Your IACS account now uses the address {new_address}; mail will no longer come here.\n\n"
        "If you did not make this change, contact the help desk at once.\n",
    )


def _readable(code: str) -> str:
    return code.replace("_", " ").lower()


def request_submitted(approver_name: str, requester_name: str, kind: str, tracking_number: str) -> Mail:
    """R32: to each person who may decide a new request."""
    return _mail(
        "request_submitted",
        f"IACS request {tracking_number} is waiting for your decision",
        approver_name,
        f"{requester_name} asks: {_readable(kind)} (tracking number {tracking_number}).\n"
        "You may approve or deny it in your IACS approval queue.\n",
    )


def request_decided(
    requester_name: str, kind: str, tracking_number: str, status: str, decider_name: str, reason: str | None
) -> Mail:
    """R26, R32: to the requester, with who decided and why."""
    because = f"\nReason given: {reason}\n" if reason else ""
    return _mail(
        "request_decided",
        f"IACS request {tracking_number} was {status.lower()}",
        requester_name,
        f"Your request ({_readable(kind)}, tracking number {tracking_number}) was {status.lower()} "
        f"by {decider_name}.\n{because}",
    )


def role_revoked(holder_name: str, role: str, revoker_name: str, reason: str) -> Mail:
    """R29: to the person whose role ended."""
    return _mail(
        "role_revoked",
        "An IACS role of yours has ended",
        holder_name,
        f"Your role {_readable(role)} was revoked by {revoker_name}.\nReason given: {reason}\n",
    )


def request_reminder(approver_name: str, requester_name: str, kind: str, tracking_number: str, days_left: int) -> Mail:
    """R27: approvers are reminded of a request that has waited 7 days."""
    return _mail(
        "request_reminder",
        f"Reminder: IACS request {tracking_number} is still waiting for a decision",
        approver_name,
        f"{requester_name}'s request ({_readable(kind)}, tracking number {tracking_number}) has waited a week.\n"
        f"It expires in {days_left} days if nobody decides it.\n",
    )


def request_expired(requester_name: str, kind: str, tracking_number: str) -> Mail:
    """R27: the requester is told that nobody decided in time."""
    return _mail(
        "request_expired",
        f"IACS request {tracking_number} expired",
        requester_name,
        f"Your request ({_readable(kind)}, tracking number {tracking_number}) expired without a decision.\n"
        "You may ask again; consider contacting the people who decide it.\n",
    )


def certification_due(recipient_name: str, holder_name: str, role: str, days_left: int) -> Mail:
    """R30: 30 and 7 days before a role's certification is due, to those who may certify it."""
    return _mail(
        "certification_due",
        f"IACS: certify {holder_name}'s role within {days_left} days",
        recipient_name,
        f"The {_readable(role)} role of {holder_name} must be certified within {days_left} days, or it will be "
        "suspended. Certify or revoke it from your IACS queue.\n",
    )


def role_suspended(holder_name: str, role: str) -> Mail:
    """R30: the holder is told that the role was suspended for lack of certification."""
    return _mail(
        "role_suspended",
        "An IACS role of yours is suspended",
        holder_name,
        f"Your {_readable(role)} role was not certified by its due date and is suspended.\n"
        "It is restored as soon as someone who may approve it certifies it.\n",
    )


def group_orphaned(official_name: str, group_name: str) -> Mail:
    """R29: to the SO and BSOs when a group's last User Group Administrator is gone."""
    return _mail(
        "group_orphaned",
        f"IACS: the group {group_name} has no administrator",
        official_name,
        f"The user group {group_name} has no User Group Administrator any more: nobody can approve its "
        "members. Ask someone to request its administration, and approve it.\n",
    )


def request_escalated(
    approver_name: str, requester_name: str, kind: str, tracking_number: str, waited_days: int, nobody: bool
) -> Mail:
    """R39: to the people of the level a waiting request was escalated to."""
    why = (
        "nobody who usually decides it can do so now"
        if nobody
        else f"it has waited {waited_days} days without a decision"
    )
    return _mail(
        "request_escalated",
        f"IACS request {tracking_number} was passed to you for a decision",
        approver_name,
        f"{requester_name}'s request ({_readable(kind)}, tracking number {tracking_number}) was passed up to you "
        f"because {why}.\nYou may approve or deny it in your IACS approval queue.\n",
    )


def role_ending_soon(holder_name: str, role: str, ends_on: str) -> Mail:
    """R40: 7 days before a role's end date, to its holder."""
    return _mail(
        "role_ending_soon",
        "An IACS role of yours ends in 7 days",
        holder_name,
        f"Your {_readable(role)} role ends on {ends_on}, the end date set when it was granted.\n"
        "If you still need it after that, ask for it again in IACS.\n",
    )


def role_ended(holder_name: str, role: str) -> Mail:
    """R40: a role reached its end date and ended."""
    return _mail(
        "role_ended",
        "An IACS role of yours has ended",
        holder_name,
        f"Your {_readable(role)} role reached its end date and has ended.\nIf you need it again, ask for it in IACS.\n",
    )


# The delegable roles (R38) as people call them.
_ROLE_TITLES = {
    "SECURITY_OFFICIAL": "Security Official",
    "BACKUP_SECURITY_OFFICIAL": "Backup Security Official",
    "USER_GROUP_ADMINISTRATOR": "User Group Administrator",
}


def delegation_created(delegate_name: str, delegator_name: str, role: str, scope: str, starts: str, ends: str) -> Mail:
    """R38: to the delegate, when someone names them to decide their queue for a while."""
    title = _ROLE_TITLES.get(role, _readable(role))
    return _mail(
        "delegation_created",
        f"IACS: {delegator_name} asked you to decide requests in their place",
        delegate_name,
        f"{delegator_name} named you to decide, in their place, the requests that come to them as {title} "
        f"of {scope}, from {starts} to {ends}.\n"
        "During that time those requests appear in your IACS approval queue, and your decisions are shown as "
        f"made for {delegator_name}.\n\n"
        f"If you did not expect this, contact {delegator_name} or the help desk.\n",
    )
