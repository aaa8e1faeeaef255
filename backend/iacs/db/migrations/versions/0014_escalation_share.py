"""Two things the system needs at 300,000 pending requests (R39), after a review of 0013.

- The approval queue's branch for the relations held everywhere (the help desk's) reads a GIN index of the relations
  pending requests were escalated to. 0013's btree index of escalated pending requests would be read whole by every
  approver's queue once many requests are escalated; the GIN index finds nothing at once for an approver who holds
  no such relation, and only the matching ones for the help desk.
- `job_positions`: where the escalation's pass over pending requests, a share per run, goes on from at its next run,
  and an index of pending requests by id for that pass.

The indexes are built with a plain CREATE INDEX, which holds writes to access_requests while it runs (about a second
for 1.4 million requests on a small machine).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APP_ROLE = "iacs_app"


def upgrade() -> None:
    op.drop_index("ix_access_requests_pending_escalated", table_name="access_requests")
    op.create_index(
        "ix_access_requests_pending_escalated_relations",
        "access_requests",
        ["escalated_relations"],
        postgresql_using="gin",
        postgresql_where=sa.text("status = 'PENDING'"),
    )
    op.create_index(
        "ix_access_requests_pending_id",
        "access_requests",
        ["id"],
        postgresql_where=sa.text("status = 'PENDING'"),
    )
    op.create_table(
        "job_positions",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("after_id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_job_positions")),
    )
    op.execute(
        f"DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{APP_ROLE}') THEN "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON job_positions TO {APP_ROLE}; END IF; END $$"
    )


def downgrade() -> None:
    op.drop_table("job_positions")
    op.drop_index("ix_access_requests_pending_id", table_name="access_requests")
    op.drop_index("ix_access_requests_pending_escalated_relations", table_name="access_requests")
    op.create_index(
        "ix_access_requests_pending_escalated",
        "access_requests",
        ["created_at", "id"],
        postgresql_where=sa.text("status = 'PENDING' AND escalated_relations <> '{}'::varchar[]"),
    )
