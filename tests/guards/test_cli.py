"""The `iacs` console script: create-user is the only way to the help-desk role (R33); `jobs run-once` also sends
the mail (R32) and the webhook deliveries (R44) that are due, to real receivers on 127.0.0.1."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.pool import NullPool

from iacs import cli
from iacs.auth.tokens import new_user_id
from iacs.db import migrate
from iacs.domain.accounts.models import User
from iacs.domain.enums import Community
from iacs.domain.lifecycle.service import JobReport
from iacs.domain.notifications.service import enqueue
from iacs.domain.notifications.templates import Mail
from iacs.domain.webhooks import signing
from iacs.domain.webhooks.models import Webhook, WebhookAttempt, WebhookDelivery
from tests.api.test_mail_delivery import _Receiver, _smtp
from tests.conftest import create_database, drop_database
from tests.receiver import receiving, verify

IACS = str(Path(sys.executable).with_name("iacs"))


async def _rows(url: str, sql: str) -> list[tuple[object, ...]]:
    engine = create_async_engine(url, poolclass=NullPool)
    try:
        async with engine.connect() as conn:
            return [tuple(r) for r in await conn.execute(text(sql))]
    finally:
        await engine.dispose()


async def test_create_help_desk_user(server_url: str) -> None:
    url = await create_database(server_url, "iacs_cli")
    try:
        await asyncio.to_thread(migrate.upgrade, url)
        env = dict(os.environ, DATABASE_URL=url, IACS_PASSWORD="quiet-meadow-copper-9")
        args = [IACS, "create-user", "--email", "desk@cms.example.gov", "--name", "Dana Desk", "--help-desk"]
        done = await asyncio.to_thread(subprocess.run, args, env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("created help-desk account desk@cms.example.gov with user ID ")

        again = await asyncio.to_thread(subprocess.run, args, env=env, capture_output=True, text=True, check=False)
        assert again.returncode == 2
        assert "EMAIL_TAKEN" in again.stderr

        rows = await _rows(
            url,
            "SELECT u.email, r.role::text, u.email_verified_at IS NOT NULL FROM users u "
            "JOIN role_assignments r ON r.user_id = u.id",
        )
        assert rows == [("desk@cms.example.gov", "HELP_DESK", True)]
        audit = await _rows(url, "SELECT action FROM audit_events")
        assert audit == [("HELP_DESK_CREATED",)]
    finally:
        await drop_database(server_url, url)


async def _pending_delivery(url: str, receiver_url: str, event: str) -> tuple[str, uuid.UUID, str]:
    """A help-desk endpoint for `receiver_url` and one delivery due now, committed: (shown secret, id, body)."""
    engine = create_async_engine(url, poolclass=NullPool)
    try:
        async with AsyncSession(engine, expire_on_commit=False) as db:
            creator = await db.scalar(select(User.id).limit(1))
            if creator is None:
                user = User(
                    user_id=new_user_id(),
                    email="desk@cms.example.gov",
                    name="Dana Desk",
                    community=Community.PROVIDER_SUPPLIER,
                    password_hash="not-used",
                    terms_accepted_at=datetime.now(UTC),
                )
                db.add(user)
                await db.flush()
                creator = user.id
            now = datetime.now(UTC)
            key = signing.new_key()
            webhook = Webhook(url=receiver_url, secret=key, events=[event], created_at=now, created_by_id=creator)
            db.add(webhook)
            await db.flush()
            body = json.dumps({"type": event, "id": str(uuid.uuid4())})
            delivery = WebhookDelivery(
                event_id=uuid.uuid4(),
                webhook_id=webhook.id,
                event_type=event,
                body=body,
                created_at=now,
                next_attempt_at=now,
            )
            db.add(delivery)
            await db.commit()
            return signing.shown_secret(key), delivery.id, body
    finally:
        await engine.dispose()


async def _delivery_state(url: str, delivery_id: uuid.UUID) -> tuple[int, bool, int | None, str | None, int]:
    """(attempts, delivered, last status, last error, attempts logged) of one delivery."""
    engine = create_async_engine(url, poolclass=NullPool)
    try:
        async with AsyncSession(engine) as db:
            row = await db.get_one(WebhookDelivery, delivery_id)
            logged = len((await db.scalars(select(WebhookAttempt).where(WebhookAttempt.delivery_id == row.id))).all())
            return row.attempts, row.delivered_at is not None, row.last_status, row.last_error, logged
    finally:
        await engine.dispose()


async def test_r44_jobs_run_once_sends_the_webhook_deliveries_due(server_url: str) -> None:
    url = await create_database(server_url, "iacs_cli_jobs")
    try:
        await asyncio.to_thread(migrate.upgrade, url)
        with receiving() as receiver:
            secret, delivery_id, body = await _pending_delivery(url, receiver.url, "REQUEST_SUBMITTED")
            env = dict(os.environ, DATABASE_URL=url, IACS_WEBHOOK_ALLOW_LOCAL="1")
            args = [IACS, "jobs", "run-once"]

            done = await asyncio.to_thread(subprocess.run, args, env=env, capture_output=True, text=True, check=False)

            assert done.returncode == 0, done.stderr
            assert done.stdout.splitlines() == [
                "jobs: 0 expired, 0 request reminders, 0 certification reminders, 0 suspended, 0 escalated, "
                "0 end reminders, 0 ended",
                "mail: 0 sent",
                "webhooks: 1 deliveries sent",
            ]
            assert len(receiver.received) == 1
            (received,) = receiver.received
            assert (received.path, received.body.decode()) == ("/hooks/iacs?source=test", body)
            assert verify(secret, received)
            assert await _delivery_state(url, delivery_id) == (1, True, 200, None, 1)

            # a second run has nothing left to send; where the operator forbids loopback, nothing goes there
            again = await asyncio.to_thread(subprocess.run, args, env=env, capture_output=True, text=True, check=False)
            assert (again.returncode, again.stdout.splitlines()[-1]) == (0, "webhooks: 0 deliveries sent")
            _, refused_id, _ = await _pending_delivery(url, receiver.url, "ROLE_GRANTED")
            strict = dict(env, IACS_WEBHOOK_ALLOW_LOCAL="0")
            held = await asyncio.to_thread(subprocess.run, args, env=strict, capture_output=True, text=True)
            assert (held.returncode, held.stdout.splitlines()[-1]) == (0, "webhooks: 0 deliveries sent"), held.stderr
            assert len(receiver.received) == 1
            attempts, delivered, status, error, logged = await _delivery_state(url, refused_id)
            assert (attempts, delivered, status, logged) == (1, False, None, 1)
            assert error is not None  # the address refused, told to the help desk in the attempt log
    finally:
        await drop_database(server_url, url)


async def test_r32_jobs_run_once_sends_the_mail_due_over_the_configured_smtp_server(server_url: str) -> None:
    url = await create_database(server_url, "iacs_cli_mail")
    try:
        await asyncio.to_thread(migrate.upgrade, url)
        engine = create_async_engine(url, poolclass=NullPool)
        try:
            async with AsyncSession(engine) as db:
                notice = Mail(template="request_decided", subject="Your request was approved", body="Approved.")
                await enqueue(db, at=datetime.now(UTC), to="pat@clinic.example.org", mail=notice)
                await db.commit()
        finally:
            await engine.dispose()
        receiver = _Receiver()
        with _smtp(receiver) as port:
            env = dict(os.environ, DATABASE_URL=url, IACS_SMTP_URL=f"smtp://127.0.0.1:{port}")
            args = [IACS, "jobs", "run-once"]
            done = await asyncio.to_thread(subprocess.run, args, env=env, capture_output=True, text=True, check=False)
            again = await asyncio.to_thread(subprocess.run, args, env=env, capture_output=True, text=True, check=False)

        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines()[1:] == ["mail: 1 sent", "webhooks: 0 deliveries sent"]
        assert [(m["To"], m["Subject"]) for m in receiver.messages] == [
            ("pat@clinic.example.org", "Your request was approved")
        ]
        assert (again.returncode, again.stdout.splitlines()[1]) == (0, "mail: 0 sent")  # sent once, marked sent
        assert await _rows(url, "SELECT attempts, sent_at IS NOT NULL FROM mail_outbox") == [(1, True)]
    finally:
        await drop_database(server_url, url)


def test_jobs_run_once_says_which_job_failed_and_exits_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A job that failed was undone alone (the others' work is committed); cron sees it by the exit status."""

    @contextlib.contextmanager
    def no_database(settings: object) -> Iterator[tuple[str, None]]:
        yield "postgresql://unused", None

    async def one_failed(url: str, settings: object) -> tuple[JobReport, int, int]:
        return JobReport(expired=2, failed=["escalation"]), 0, 0

    monkeypatch.setattr(cli, "database", no_database)
    monkeypatch.setattr(cli, "_jobs_once", one_failed)
    assert cli.cmd_jobs(argparse.Namespace()) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[0].startswith("jobs: 2 expired, ")
    assert err == "jobs: failed and undone: escalation (the log says why)\n"
