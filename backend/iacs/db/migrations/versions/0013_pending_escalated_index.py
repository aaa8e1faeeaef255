"""The approval queue reads by index in every branch (R39): a small partial index of the pending requests that were
escalated at least once. Without it, the branch "escalated to a relation held everywhere" had no index, and the
queue statement of every approver read all pending requests (300,000 at scale: 1.2 s for the queue of one
organization's Security Official; 1.5 ms with it).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_access_requests_pending_escalated",
        "access_requests",
        ["created_at", "id"],
        postgresql_where=sa.text("status = 'PENDING' AND escalated_relations <> '{}'::varchar[]"),
    )


def downgrade() -> None:
    op.drop_index("ix_access_requests_pending_escalated", table_name="access_requests")
