"""The outbox (R32): mail is queued in the caller's transaction and delivered after commit."""

from __future__ import annotations

import logging
import ssl
from collections.abc import Callable
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Concatenate, ParamSpec, Protocol
from urllib.parse import unquote, urlsplit

import aiosmtplib
from sqlalchemy import case, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from iacs.domain.background import DatabaseLoop
from iacs.domain.clock import Clock
from iacs.domain.notifications.models import OutboxMail
from iacs.domain.notifications.templates import Mail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
BATCH_SIZE = 50
# Mail a person waits for on the screen (a code to type in) goes before notices, whatever is queued ahead of it:
# a help desk told of 500 escalated requests must not hold up someone's confirmation code.
WAITED_FOR = ("verification_code", "email_change_code")


async def enqueue(db: AsyncSession, *, at: datetime, to: str, mail: Mail) -> None:
    await db.execute(
        insert(OutboxMail).values(
            to_address=to,
            subject=mail.subject,
            body=mail.body,
            template=mail.template,
            created_at=at,
            next_attempt_at=at,
        )
    )


class Recipient(Protocol):
    @property
    def email(self) -> str: ...

    @property
    def name(self) -> str: ...


_Values = ParamSpec("_Values")


async def mail_to(
    db: AsyncSession,
    at: datetime,
    person: Recipient,
    template: Callable[Concatenate[str, _Values], Mail],
    *args: _Values.args,
    **kwargs: _Values.kwargs,
) -> None:
    """Queue a mail to a person's address (R32), greeting them by name (each template's first value)."""
    await enqueue(db, at=at, to=person.email, mail=template(person.name, *args, **kwargs))


class MailTransport:
    """Delivers one message: over SMTP when IACS_SMTP_URL is set, otherwise into the log."""

    def __init__(self, smtp_url: str | None, sender: str) -> None:
        self.smtp_url = smtp_url
        self.sender = sender

    async def send(self, to: str, subject: str, body: str) -> None:
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = to
        message["Subject"] = subject
        message.set_content(body)
        if self.smtp_url is None:
            logger.warning("mail (no IACS_SMTP_URL, logged instead) to=%s subject=%s\n%s", to, subject, body)
            return
        parts = urlsplit(self.smtp_url)
        implicit_tls = parts.scheme == "smtps"
        # smtp://: plain, as configured (never an opportunistic STARTTLS); smtp+starttls://: STARTTLS or fail
        await aiosmtplib.send(
            message,
            hostname=parts.hostname or "127.0.0.1",
            port=parts.port or (465 if implicit_tls else 25),
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password or "") if parts.username else None,
            use_tls=implicit_tls,
            start_tls=parts.scheme == "smtp+starttls",
            tls_context=ssl.create_default_context(),
            timeout=10,
        )


async def deliver_pending(
    session_factory: async_sessionmaker[AsyncSession], transport: MailTransport, clock: Clock
) -> int:
    """Send what is due; each row is claimed with SKIP LOCKED so several processes can run this."""
    sent = 0
    async with session_factory() as db, db.begin():
        now = clock.now()
        rows = (
            (
                await db.execute(
                    select(OutboxMail)
                    .where(OutboxMail.sent_at.is_(None), OutboxMail.next_attempt_at <= now)
                    .where(OutboxMail.attempts < MAX_ATTEMPTS)
                    .order_by(case((OutboxMail.template.in_(WAITED_FOR), 0), else_=1), OutboxMail.next_attempt_at)
                    .limit(BATCH_SIZE)
                    .with_for_update(skip_locked=True)
                )
            )
            .scalars()
            .all()
        )
        for mail in rows:
            try:
                await transport.send(mail.to_address, mail.subject, mail.body)
            except (OSError, aiosmtplib.SMTPException) as exc:
                attempts = mail.attempts + 1
                backoff = timedelta(seconds=min(3600, 15 * 2**attempts))
                logger.warning("mail to %s failed (attempt %d): %s", mail.to_address, attempts, exc)
                await db.execute(
                    update(OutboxMail)
                    .where(OutboxMail.id == mail.id)
                    .values(attempts=attempts, last_error=str(exc)[:1000], next_attempt_at=now + backoff)
                )
                continue
            await db.execute(
                update(OutboxMail)
                .where(OutboxMail.id == mail.id)
                .values(attempts=mail.attempts + 1, sent_at=clock.now(), last_error=None)
            )
            sent += 1
    return sent


class OutboxSender(DatabaseLoop):
    """Background delivery inside the server: woken after commits, and every few seconds anyway."""

    task_name = "iacs-outbox"
    logger = logger
    failure_message = "outbox delivery failed; retrying"

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        transport: MailTransport,
        clock: Clock,
        interval: float = 5.0,
    ) -> None:
        super().__init__(session_factory, clock, interval)
        self.transport = transport

    async def step(self) -> None:
        # a full batch sent means more may be due: go on at once rather than wait for the next wake
        while await deliver_pending(self.session_factory, self.transport, self.clock) >= BATCH_SIZE:
            pass
