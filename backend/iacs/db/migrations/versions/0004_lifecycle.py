"""Lifecycle: request reminders (R27), certification reminders, suspension and certification (R30).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("access_requests", sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column(
        "role_assignments",
        sa.Column("certification_reminders", sa.SmallInteger(), server_default=sa.text("0"), nullable=False),
    )
    op.add_column("role_assignments", sa.Column("suspended_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("role_assignments", sa.Column("certified_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("role_assignments", sa.Column("certified_by_id", sa.UUID(), nullable=True))
    op.create_foreign_key(
        op.f("fk_role_assignments_certified_by_id_users"), "role_assignments", "users", ["certified_by_id"], ["id"]
    )
    op.execute("UPDATE role_assignments SET suspended_at = granted_at WHERE status = 'SUSPENDED'")
    op.create_check_constraint(
        "ck_role_assignments_suspended_at_iff_suspended",
        "role_assignments",
        "(status = 'SUSPENDED') = (suspended_at IS NOT NULL)",
    )
    op.create_index(
        "ix_role_assignments_certify_by",
        "role_assignments",
        ["certify_by"],
        unique=False,
        postgresql_where=sa.text("status IN ('ACTIVE', 'SUSPENDED')"),
    )


def downgrade() -> None:
    op.drop_index(
        "ix_role_assignments_certify_by",
        table_name="role_assignments",
        postgresql_where=sa.text("status IN ('ACTIVE', 'SUSPENDED')"),
    )
    op.drop_constraint("ck_role_assignments_suspended_at_iff_suspended", "role_assignments", type_="check")
    op.drop_constraint(op.f("fk_role_assignments_certified_by_id_users"), "role_assignments", type_="foreignkey")
    op.drop_column("role_assignments", "certified_by_id")
    op.drop_column("role_assignments", "certified_at")
    op.drop_column("role_assignments", "suspended_at")
    op.drop_column("role_assignments", "certification_reminders")
    op.drop_column("access_requests", "reminded_at")
