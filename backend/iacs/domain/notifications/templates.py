"""The text of every notification; plain text, no personal data beyond what the recipient knows."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mail:
    template: str
    subject: str
    body: str


# Each template's subject and what it says after the greeting, by name; `{name}` stands for a value its function
# gives (str.format: a value is never read as a template itself).
_TEXTS: dict[str, tuple[str, str]] = {
    "verification_code": (
        "Your IACS confirmation code: {code}",
        "Your IACS confirmation code is {code}.\n"
        "Enter it on the confirmation page within {minutes} minutes.\n\n"
        "If you did not create an IACS account, you can ignore this message.\n",
    ),
    "password_changed": (
        "Your IACS password was changed",
        "The password of your IACS account was just changed, and every other session was signed out.\n\n"
        "If you did not change it, contact the help desk at once.\n",
    ),
    "email_change_code": (
        "Your IACS code to confirm this e-mail address: {code}",
        "Someone asked to use this address for an IACS account. The code is {code}.\n"
        "Enter it on the profile page within {minutes} minutes to make the change.\n\n"
        "If it was not you, ignore this message: nothing changes without the code.\n",
    ),
    "email_changed": (
        "The e-mail address of your IACS account was changed",
        "Your IACS account now uses the address {new_address}; mail will no longer come here.\n\n"
        "If you did not make this change, contact the help desk at once.\n",
    ),
    "request_submitted": (
        "IACS request {tracking_number} is waiting for your decision",
        "{requester_name} asks: {kind} (tracking number {tracking_number}).\n"
        "You may approve or deny it in your IACS approval queue.\n",
    ),
    "request_decided": (
        "IACS request {tracking_number} was {status}",
        "Your request ({kind}, tracking number {tracking_number}) was {status} by {decider_name}.\n{because}",
    ),
    "role_revoked": (
        "An IACS role of yours has ended",
        "Your role {role} was revoked by {revoker_name}.\nReason given: {reason}\n",
    ),
    "request_reminder": (
        "Reminder: IACS request {tracking_number} is still waiting for a decision",
        "{requester_name}'s request ({kind}, tracking number {tracking_number}) has waited a week.\n"
        "It expires in {days_left} days if nobody decides it.\n",
    ),
    "request_expired": (
        "IACS request {tracking_number} expired",
        "Your request ({kind}, tracking number {tracking_number}) expired without a decision.\n"
        "You may ask again; consider contacting the people who decide it.\n",
    ),
    "certification_due": (
        "IACS: certify {holder_name}'s role within {days_left} days",
        "The {role} role of {holder_name} must be certified within {days_left} days, or it will be suspended. "
        "Certify or revoke it from your IACS queue.\n",
    ),
    "role_suspended": (
        "An IACS role of yours is suspended",
        "Your {role} role was not certified by its due date and is suspended.\n"
        "It is restored as soon as someone who may approve it certifies it.\n",
    ),
    "group_orphaned": (
        "IACS: the group {group_name} has no administrator",
        "The user group {group_name} has no User Group Administrator any more: nobody can approve its members. "
        "Ask someone to request its administration, and approve it.\n",
    ),
    "request_escalated": (
        "IACS request {tracking_number} was passed to you for a decision",
        "{requester_name}'s request ({kind}, tracking number {tracking_number}) was passed up to you because {why}.\n"
        "You may approve or deny it in your IACS approval queue.\n",
    ),
    "role_ending_soon": (
        "An IACS role of yours ends in 7 days",
        "Your {role} role ends on {ends_on}, the end date set when it was granted.\n"
        "If you still need it after that, ask for it again in IACS.\n",
    ),
    "role_ended": (
        "An IACS role of yours has ended",
        "Your {role} role reached its end date and has ended.\nIf you need it again, ask for it in IACS.\n",
    ),
    "delegation_created": (
        "IACS: {delegator_name} asked you to decide requests in their place",
        "{delegator_name} named you to decide, in their place, the requests that come to them as {title} of {scope}, "
        "from {starts} to {ends}.\n"
        "During that time those requests appear in your IACS approval queue, and your decisions are shown as made "
        "for {delegator_name}.\n\n"
        "If you did not expect this, contact {delegator_name} or the help desk.\n",
    ),
}


def _mail(template: str, recipient_name: str, **values: str | int) -> Mail:
    """Every notification greets its recipient by name, then says what it has to say."""
    subject, text = _TEXTS[template]
    return Mail(
        template=template,
        subject=subject.format(**values),
        body=f"Hello {recipient_name},\n\n{text.format(**values)}",
    )


def _readable(code: str) -> str:
    return code.replace("_", " ").lower()


def _request(kind: str, tracking_number: str) -> dict[str, str]:
    """A request as the mails name it: its kind in words, its tracking number."""
    return {"kind": _readable(kind), "tracking_number": tracking_number}


def verification_code(name: str, code: str, minutes: int) -> Mail:
    return _mail("verification_code", name, code=code, minutes=minutes)


def password_changed(name: str) -> Mail:
    """R41: after a password change, to the account's address."""
    return _mail("password_changed", name)


def email_change_code(name: str, code: str, minutes: int) -> Mail:
    """R41: to the NEW address; the change happens only when this code is entered."""
    return _mail("email_change_code", name, code=code, minutes=minutes)


def email_changed(name: str, new_address: str) -> Mail:
    """R41: to the OLD address, once the change is confirmed."""
    return _mail("email_changed", name, new_address=new_address)


def request_submitted(approver_name: str, requester_name: str, kind: str, tracking_number: str) -> Mail:
    """R32: to each person who may decide a new request."""
    return _mail("request_submitted", approver_name, requester_name=requester_name, **_request(kind, tracking_number))


def request_decided(
    requester_name: str, kind: str, tracking_number: str, status: str, decider_name: str, reason: str | None
) -> Mail:
    """R26, R32: to the requester, with who decided and why."""
    return _mail(
        "request_decided",
        requester_name,
        **_request(kind, tracking_number),
        status=status.lower(),
        decider_name=decider_name,
        because=f"\nReason given: {reason}\n" if reason else "",
    )


def role_revoked(holder_name: str, role: str, revoker_name: str, reason: str) -> Mail:
    """R29: to the person whose role ended."""
    return _mail("role_revoked", holder_name, role=_readable(role), revoker_name=revoker_name, reason=reason)


def request_reminder(approver_name: str, requester_name: str, kind: str, tracking_number: str, days_left: int) -> Mail:
    """R27: approvers are reminded of a request that has waited 7 days."""
    return _mail(
        "request_reminder",
        approver_name,
        requester_name=requester_name,
        **_request(kind, tracking_number),
        days_left=days_left,
    )


def request_expired(requester_name: str, kind: str, tracking_number: str) -> Mail:
    """R27: the requester is told that nobody decided in time."""
    return _mail("request_expired", requester_name, **_request(kind, tracking_number))


def certification_due(recipient_name: str, holder_name: str, role: str, days_left: int) -> Mail:
    """R30: 30 and 7 days before a role's certification is due, to those who may certify it."""
    return _mail(
        "certification_due", recipient_name, holder_name=holder_name, role=_readable(role), days_left=days_left
    )


def role_suspended(holder_name: str, role: str) -> Mail:
    """R30: the holder is told that the role was suspended for lack of certification."""
    return _mail("role_suspended", holder_name, role=_readable(role))


def group_orphaned(official_name: str, group_name: str) -> Mail:
    """R29: to the SO and BSOs when a group's last User Group Administrator is gone."""
    return _mail("group_orphaned", official_name, group_name=group_name)


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
        "request_escalated", approver_name, requester_name=requester_name, **_request(kind, tracking_number), why=why
    )


def role_ending_soon(holder_name: str, role: str, ends_on: str) -> Mail:
    """R40: 7 days before a role's end date, to its holder."""
    return _mail("role_ending_soon", holder_name, role=_readable(role), ends_on=ends_on)


def role_ended(holder_name: str, role: str) -> Mail:
    """R40: a role reached its end date and ended."""
    return _mail("role_ended", holder_name, role=_readable(role))


# The delegable roles (R38) as people call them.
_ROLE_TITLES = {
    "SECURITY_OFFICIAL": "Security Official",
    "BACKUP_SECURITY_OFFICIAL": "Backup Security Official",
    "USER_GROUP_ADMINISTRATOR": "User Group Administrator",
}


def delegation_created(delegate_name: str, delegator_name: str, role: str, scope: str, starts: str, ends: str) -> Mail:
    """R38: to the delegate, when someone names them to decide their queue for a while."""
    return _mail(
        "delegation_created",
        delegate_name,
        delegator_name=delegator_name,
        title=_ROLE_TITLES.get(role, _readable(role)),
        scope=scope,
        starts=starts,
        ends=ends,
    )
