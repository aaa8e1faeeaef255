"""Delegation (R38): the delegations table and who a decision was taken for.

- `delegations`: an SO, BSO or UGA (the delegator) lets another person (the delegate) decide the queue of one of
  their roles from `starts_at` to `ends_at` (at most 90 days, a CHECK); `ended_at` when cancelled early.
- `access_requests.on_behalf_of_id`: the delegator whose queue a delegate decided a request from; never the
  requester (R15 holds for the person acted for too) and never the decider.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "delegations",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("delegator_id", sa.Uuid(), nullable=False),
        sa.Column("delegate_id", sa.Uuid(), nullable=False),
        sa.Column("role_assignment_id", sa.Uuid(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_by_id", sa.Uuid(), nullable=True),
        sa.CheckConstraint("delegate_id <> delegator_id", name=op.f("ck_delegations_not_to_oneself")),
        sa.CheckConstraint("ends_at > starts_at", name=op.f("ck_delegations_ends_after_start")),
        sa.CheckConstraint("ends_at - starts_at <= interval '90 days'", name=op.f("ck_delegations_at_most_90_days")),
        sa.ForeignKeyConstraint(["delegator_id"], ["users.id"], name=op.f("fk_delegations_delegator_id_users")),
        sa.ForeignKeyConstraint(["delegate_id"], ["users.id"], name=op.f("fk_delegations_delegate_id_users")),
        sa.ForeignKeyConstraint(
            ["role_assignment_id"],
            ["role_assignments.id"],
            name=op.f("fk_delegations_role_assignment_id_role_assignments"),
        ),
        sa.ForeignKeyConstraint(["ended_by_id"], ["users.id"], name=op.f("fk_delegations_ended_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delegations")),
    )
    op.create_index(
        "ix_delegations_delegate_open",
        "delegations",
        ["delegate_id", "ends_at"],
        postgresql_where=sa.text("ended_at IS NULL"),
    )
    op.create_index("ix_delegations_delegator", "delegations", ["delegator_id", "created_at"])
    op.create_index("ix_delegations_role_assignment", "delegations", ["role_assignment_id"])
    op.add_column("access_requests", sa.Column("on_behalf_of_id", sa.Uuid(), nullable=True))
    op.create_foreign_key(
        op.f("fk_access_requests_on_behalf_of_id_users"), "access_requests", "users", ["on_behalf_of_id"], ["id"]
    )
    op.create_check_constraint(
        op.f("ck_access_requests_no_decision_for_the_requester"),
        "access_requests",
        "on_behalf_of_id IS NULL OR (on_behalf_of_id <> requester_id AND on_behalf_of_id <> decided_by_id)",
    )
    # the app's role (migration 0003) reads and writes delegations like the other tables
    op.execute(
        "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'iacs_app') THEN "
        "GRANT SELECT, INSERT, UPDATE, DELETE ON delegations TO iacs_app; END IF; END $$"
    )


def downgrade() -> None:
    op.drop_constraint(op.f("ck_access_requests_no_decision_for_the_requester"), "access_requests", type_="check")
    op.drop_constraint(op.f("fk_access_requests_on_behalf_of_id_users"), "access_requests", type_="foreignkey")
    op.drop_column("access_requests", "on_behalf_of_id")
    op.drop_index("ix_delegations_role_assignment", table_name="delegations")
    op.drop_index("ix_delegations_delegator", table_name="delegations")
    op.drop_index("ix_delegations_delegate_open", table_name="delegations")
    op.drop_table("delegations")
