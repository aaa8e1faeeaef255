"""Escalation (R39) and end dates with a justification (R40).

access_requests: the requester's justification and wished end date, when the request was last escalated and
the relations it was escalated to (those of the level below keep deciding). role_assignments: the date a role
ends by itself and when its holder was told it is about to.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KNOWN = (
    "escalated_relations <@ ARRAY['HELP_DESK', 'ORGANIZATION_SECURITY_OFFICIAL', 'ORGANIZATION_OFFICIALS', "
    "'GROUP_ADMINISTRATORS', 'COMPANY_ADMINISTRATORS', 'PRACTITIONER']::varchar[]"
)


def upgrade() -> None:
    op.add_column("access_requests", sa.Column("justification", sa.String(length=1000), nullable=True))
    op.add_column("access_requests", sa.Column("requested_ends_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("access_requests", sa.Column("escalated_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column(
        "access_requests",
        sa.Column(
            "escalated_relations",
            postgresql.ARRAY(sa.String(length=40)),
            server_default=sa.text("'{}'::varchar[]"),
            nullable=False,
        ),
    )
    op.create_check_constraint("ck_access_requests_escalated_relations_known", "access_requests", KNOWN)
    op.add_column("role_assignments", sa.Column("ends_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("role_assignments", sa.Column("end_reminded_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index(
        "ix_role_assignments_ends_at",
        "role_assignments",
        ["ends_at"],
        unique=False,
        postgresql_where=sa.text("ends_at IS NOT NULL AND status IN ('ACTIVE', 'SUSPENDED')"),
    )


def downgrade() -> None:
    op.drop_index(
        "ix_role_assignments_ends_at",
        table_name="role_assignments",
        postgresql_where=sa.text("ends_at IS NOT NULL AND status IN ('ACTIVE', 'SUSPENDED')"),
    )
    op.drop_column("role_assignments", "end_reminded_at")
    op.drop_column("role_assignments", "ends_at")
    op.drop_constraint("ck_access_requests_escalated_relations_known", "access_requests", type_="check")
    op.drop_column("access_requests", "escalated_relations")
    op.drop_column("access_requests", "escalated_at")
    op.drop_column("access_requests", "requested_ends_at")
    op.drop_column("access_requests", "justification")
