"""Access requests: every ask, its scope, its one decision (R24-R28)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from iacs.db.base import Base, pg_enum, uuid_pk
from iacs.domain.enums import RequestKind, RequestStatus


class AccessRequest(Base):
    __tablename__ = "access_requests"
    __table_args__ = (
        # R28: one pending request per (requester, kind, scope). NULLS NOT DISTINCT so that an absent
        # scope part (no group, no application) still counts as the same scope.
        Index(
            "uq_access_requests_pending_scope",
            "requester_id",
            "kind",
            "organization_id",
            "user_group_id",
            "company_id",
            "application_id",
            "proposed_name",
            unique=True,
            postgresql_where=text("status = 'PENDING'"),
            postgresql_nulls_not_distinct=True,
        ),
        # The approval queue walks pending requests oldest first, per organization.
        Index(
            "ix_access_requests_pending_queue",
            "organization_id",
            "created_at",
            "id",
            postgresql_where=text("status = 'PENDING'"),
        ),
        Index("ix_access_requests_requester_created", "requester_id", "created_at", "id"),
        Index(
            "ix_access_requests_pending_relation",
            "approver_relation",
            "created_at",
            "id",
            postgresql_where=text("status = 'PENDING'"),
        ),
        # R39: the escalation's pass over pending requests takes them a share at a time in order of id.
        Index("ix_access_requests_pending_id", "id", postgresql_where=text("status = 'PENDING'")),
        # R39: the relations pending requests were escalated to; the approval queue's branch for the relations held
        # everywhere (the help desk) reads by it (routing.py: `queue_branches`), and finds nothing at once for an
        # approver who holds none (`&&` an empty array).
        Index(
            "ix_access_requests_pending_escalated_relations",
            "escalated_relations",
            postgresql_using="gin",
            postgresql_where=text("status = 'PENDING'"),
        ),
        CheckConstraint(
            "approver_relation IN ('HELP_DESK', 'ORGANIZATION_SECURITY_OFFICIAL', 'ORGANIZATION_OFFICIALS', "
            "'GROUP_ADMINISTRATORS', 'COMPANY_ADMINISTRATORS', 'PRACTITIONER')",
            name="approver_relation_known",
        ),
        # R15: nobody decides their own request, enforced by the database as well.
        # R39: the relations a request was escalated to, each a known one
        CheckConstraint(
            "escalated_relations <@ ARRAY['HELP_DESK', 'ORGANIZATION_SECURITY_OFFICIAL', 'ORGANIZATION_OFFICIALS', "
            "'GROUP_ADMINISTRATORS', 'COMPANY_ADMINISTRATORS', 'PRACTITIONER']::varchar[]",
            name="escalated_relations_known",
        ),
        CheckConstraint("decided_by_id IS NULL OR decided_by_id <> requester_id", name="no_self_decision"),
        # R38 with R15: a delegate never decides a request of the person they act for.
        CheckConstraint(
            "on_behalf_of_id IS NULL OR (on_behalf_of_id <> requester_id AND on_behalf_of_id <> decided_by_id)",
            name="no_decision_for_the_requester",
        ),
        CheckConstraint("(status = 'PENDING') = (decided_at IS NULL)", name="decided_at_iff_not_pending"),
        CheckConstraint(
            "status <> 'DENIED' OR (reason IS NOT NULL AND char_length(btrim(reason)) > 0)",
            name="denial_has_reason",  # R26
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    tracking_number: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[RequestKind] = mapped_column(pg_enum(RequestKind, "request_kind"))
    status: Mapped[RequestStatus] = mapped_column(
        pg_enum(RequestStatus, "request_status"), server_default=RequestStatus.PENDING.value
    )
    requester_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    organization_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organizations.id"))
    user_group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user_groups.id"), index=True)
    company_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("surrogate_companies.id"), index=True)
    application_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("applications.id"))
    # R24: the relation whose active holders decide it (never the people themselves); see routing.py.
    approver_relation: Mapped[str] = mapped_column(String(40))
    proposed_name: Mapped[str | None] = mapped_column(String(200))  # a new group's or company's name
    details: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]
    reminded_at: Mapped[datetime | None]  # R27: approvers reminded after 7 days, once
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    # R38: whose queue the decider decided it from, when they decided as someone's delegate
    on_behalf_of_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str | None] = mapped_column(String(2000))
    # R40: why the requester asks (shown to approvers) and when the role should end (an approver may shorten it)
    justification: Mapped[str | None] = mapped_column(String(1000))
    requested_ends_at: Mapped[datetime | None]
    # R39: relations the request was escalated to, level by level (those below keep deciding), and when last
    escalated_relations: Mapped[list[str]] = mapped_column(
        ARRAY(String(40)), server_default=text("'{}'::varchar[]"), default=list
    )
    escalated_at: Mapped[datetime | None]
