"""The approval graph: each request records the relation whose holders decide it (R24).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RELATIONS = (
    "'HELP_DESK', 'ORGANIZATION_SECURITY_OFFICIAL', 'ORGANIZATION_OFFICIALS', "
    "'GROUP_ADMINISTRATORS', 'COMPANY_ADMINISTRATORS', 'PRACTITIONER'"
)


def upgrade() -> None:
    op.add_column("access_requests", sa.Column("approver_relation", sa.String(length=40), nullable=True))
    # Requests written before this revision get the relation their kind maps to (routing.py).
    op.execute(
        """
        UPDATE access_requests SET approver_relation = CASE kind
            WHEN 'REGISTER_ORGANIZATION' THEN 'HELP_DESK'
            WHEN 'REGISTER_INDIVIDUAL_PRACTITIONER' THEN 'HELP_DESK'
            WHEN 'SUCCEED_SECURITY_OFFICIAL' THEN 'HELP_DESK'
            WHEN 'BACKUP_SECURITY_OFFICIAL' THEN 'ORGANIZATION_SECURITY_OFFICIAL'
            WHEN 'JOIN_USER_GROUP' THEN 'GROUP_ADMINISTRATORS'
            WHEN 'JOIN_SURROGATE_COMPANY' THEN 'COMPANY_ADMINISTRATORS'
            ELSE 'ORGANIZATION_OFFICIALS'
        END
        """
    )
    op.alter_column("access_requests", "approver_relation", nullable=False)
    op.create_check_constraint(
        "ck_access_requests_approver_relation_known", "access_requests", f"approver_relation IN ({RELATIONS})"
    )
    op.create_index(
        "ix_access_requests_pending_relation",
        "access_requests",
        ["approver_relation", "created_at", "id"],
        unique=False,
        postgresql_where=sa.text("status = 'PENDING'"),
    )


def downgrade() -> None:
    op.drop_index(
        "ix_access_requests_pending_relation",
        table_name="access_requests",
        postgresql_where=sa.text("status = 'PENDING'"),
    )
    op.drop_constraint("ck_access_requests_approver_relation_known", "access_requests", type_="check")
    op.drop_column("access_requests", "approver_relation")
