"""Company administrators (R35).

- `request_kind` gains `ADMINISTER_SURROGATE_COMPANY`: a person asks to administer a surrogate company; one of its
  administrators decides, or the help desk when it has none left. The pending-request uniqueness index already
  covers it (one pending request per person, kind and scope).
- Company administrators' roles are certified like any other (R30): a founder's role, granted before this revision
  with no due date, gets one - a year after it was granted, and at least 30 days from now, so that its
  certifiers are reminded before anything is suspended.

PostgreSQL cannot drop a value from an enum type: the downgrade leaves the value in place (no row may use it
after downgrading: such requests are withdrawn as cancelled) and the due dates as they are.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("ALTER TYPE request_kind ADD VALUE IF NOT EXISTS 'ADMINISTER_SURROGATE_COMPANY'")
    op.execute(
        """
        UPDATE role_assignments
           SET certify_by = GREATEST(granted_at + interval '365 days', now() + interval '30 days')
         WHERE role = 'USER_GROUP_ADMINISTRATOR'
           AND company_id IS NOT NULL
           AND user_group_id IS NULL
           AND status IN ('ACTIVE', 'SUSPENDED')
           AND certify_by IS NULL
        """
    )


def downgrade() -> None:
    op.execute(
        """
        UPDATE access_requests
           SET status = 'CANCELLED', decided_at = now()
         WHERE kind::text = 'ADMINISTER_SURROGATE_COMPANY' AND status = 'PENDING'
        """
    )
