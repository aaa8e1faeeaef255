"""The outbox's delivery over real SMTP (R32; domain/notifications/service.py): signed in when the URL has a user,
and a failed attempt kept for a later one with its error, never lost and never counted as sent."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from email import message_from_bytes
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from iacs.domain.clock import FrozenClock
from iacs.domain.notifications import templates
from iacs.domain.notifications.models import OutboxMail
from iacs.domain.notifications.service import (
    BATCH_SIZE,
    WAITED_FOR,
    MailTransport,
    OutboxSender,
    deliver_pending,
    enqueue,
)
from iacs.domain.notifications.templates import Mail

SENDER = "IACS <no-reply@iacs.test>"
MAIL = Mail(template="test", subject="Your request", body="It was approved.")


class _Receiver:
    def __init__(self, refuse_recipients: bool = False) -> None:
        self.messages: list[Message] = []
        self.logins: list[tuple[bytes, bytes]] = []
        self.refuse_recipients = refuse_recipients

    async def handle_RCPT(  # noqa: N802 - aiosmtpd API
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if self.refuse_recipients:
            return "550 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd API
        self.messages.append(message_from_bytes(envelope.original_content or envelope.content))
        return "250 Message accepted for delivery"

    def authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        assert isinstance(data, LoginPassword)
        self.logins.append((data.login, data.password))
        return AuthResult(success=data.password == b"s=cret")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def _smtp(receiver: _Receiver) -> Iterator[int]:
    port = _free_port()
    controller = Controller(
        receiver, hostname="127.0.0.1", port=port, authenticator=receiver.authenticate, auth_require_tls=False
    )
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


async def _queued(session_factory: async_sessionmaker[AsyncSession], clock: FrozenClock) -> None:
    async with session_factory() as db:
        await enqueue(db, at=clock.now(), to="pat@clinic.example.org", mail=MAIL)
        await db.commit()


async def _row(session_factory: async_sessionmaker[AsyncSession]) -> OutboxMail:
    async with session_factory() as db:
        rows = (await db.scalars(select(OutboxMail).where(OutboxMail.template == "test"))).all()
    assert len(rows) == 1
    return rows[0]


async def test_r32_mail_is_sent_signed_in_with_the_url_s_user_and_marked_sent(
    session_factory: async_sessionmaker[AsyncSession], clock: FrozenClock
) -> None:
    await _queued(session_factory, clock)
    receiver = _Receiver()
    with _smtp(receiver) as port:
        transport = MailTransport(f"smtp://mailer%40iacs.test:s%3Dcret@127.0.0.1:{port}", SENDER)
        sent = await deliver_pending(session_factory, transport, clock)

    assert sent == 1
    assert receiver.logins == [(b"mailer@iacs.test", b"s=cret")]  # the URL's user and password, unquoted
    [message] = receiver.messages
    assert (message["From"], message["To"], message["Subject"]) == (SENDER, "pat@clinic.example.org", "Your request")
    assert message.get_payload(decode=True) == b"It was approved.\r\n"  # SMTP lines end in CRLF
    row = await _row(session_factory)
    assert (row.sent_at, row.attempts, row.last_error) == (clock.now(), 1, None)


async def test_r32_mail_the_server_refuses_is_kept_for_a_later_attempt_with_the_server_s_answer(
    session_factory: async_sessionmaker[AsyncSession], clock: FrozenClock
) -> None:
    await _queued(session_factory, clock)
    receiver = _Receiver(refuse_recipients=True)
    with _smtp(receiver) as port:
        sent = await deliver_pending(session_factory, MailTransport(f"smtp://127.0.0.1:{port}", SENDER), clock)

    assert sent == 0
    assert receiver.messages == []
    row = await _row(session_factory)
    assert (row.sent_at, row.attempts, row.next_attempt_at) == (None, 1, clock.now() + timedelta(seconds=30))
    assert row.last_error is not None
    assert "No such mailbox here" in row.last_error


async def test_r32_mail_with_no_server_listening_is_kept_for_a_later_attempt(
    session_factory: async_sessionmaker[AsyncSession], clock: FrozenClock
) -> None:
    await _queued(session_factory, clock)
    transport = MailTransport(f"smtp://127.0.0.1:{_free_port()}", SENDER)  # nothing listens there

    assert await deliver_pending(session_factory, transport, clock) == 0
    assert await deliver_pending(session_factory, transport, clock) == 0  # not due again yet: not tried again

    row = await _row(session_factory)
    assert (row.sent_at, row.attempts, row.next_attempt_at) == (None, 1, clock.now() + timedelta(seconds=30))
    assert row.last_error is not None


async def _backlog(session_factory: async_sessionmaker[AsyncSession], clock: FrozenClock, count: int) -> None:
    """`count` escalation notices to the help desk, queued before anything else (as a job run escalating many
    requests at once leaves them)."""
    async with session_factory() as db:
        for index in range(count):
            notice = Mail(template="request_escalated", subject=f"Request {index} moved up to you", body="Decide it.")
            await enqueue(db, at=clock.now() - timedelta(minutes=1), to="helen@iacs.test", mail=notice)
        await db.commit()


async def test_r32_a_code_someone_waits_for_goes_before_a_backlog_of_notices(
    session_factory: async_sessionmaker[AsyncSession], clock: FrozenClock
) -> None:
    await _backlog(session_factory, clock, BATCH_SIZE + 10)
    async with session_factory() as db:
        await enqueue(
            db, at=clock.now(), to="new@clinic.example.org", mail=templates.verification_code("Pat", "123456", 15)
        )
        await enqueue(
            db, at=clock.now(), to="pat@clinic.example.org", mail=templates.email_change_code("Pat", "654321", 15)
        )
        await db.commit()
    receiver = _Receiver()
    with _smtp(receiver) as port:
        sent = await deliver_pending(session_factory, MailTransport(f"smtp://127.0.0.1:{port}", SENDER), clock)

    assert sent == BATCH_SIZE
    assert [message["To"] for message in receiver.messages[:2]] == ["new@clinic.example.org", "pat@clinic.example.org"]
    assert [message["To"] for message in receiver.messages[2:]] == ["helen@iacs.test"] * (BATCH_SIZE - 2)
    assert set(WAITED_FOR) == {"verification_code", "email_change_code"}  # the templates' own names


async def test_r32_the_sender_empties_a_backlog_larger_than_a_batch_without_waiting_for_its_next_turn(
    session_factory: async_sessionmaker[AsyncSession], clock: FrozenClock
) -> None:
    await _backlog(session_factory, clock, 2 * BATCH_SIZE + 5)
    receiver = _Receiver()
    with _smtp(receiver) as port:
        # an hour between turns: only the first wake sends anything unless a full batch makes it go on
        sender = OutboxSender(session_factory, MailTransport(f"smtp://127.0.0.1:{port}", SENDER), clock, interval=3600)
        sender.start()
        try:
            for _ in range(600):  # at most a minute; it takes well under a second
                if len(receiver.messages) == 2 * BATCH_SIZE + 5:
                    break
                await asyncio.sleep(0.1)
        finally:
            await sender.stop()

    assert len(receiver.messages) == 2 * BATCH_SIZE + 5
    async with session_factory() as db:
        unsent = (await db.scalars(select(OutboxMail).where(OutboxMail.sent_at.is_(None)))).all()
    assert unsent == []
