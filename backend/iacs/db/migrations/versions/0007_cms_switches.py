"""CMS's switches as data (R11, R23, R42).

- `provider_type_settings`: one row per provider type, open or closed to registration, with the reason people
  see when it is closed (a CHECK: a closed one has a reason), and who changed it last and when. Seeded here with
  every provider type open except DMEPOS suppliers, closed at launch (R11), so that the switch is data the help
  desk turns, not a constant in the code.
- `applications.closed_reason`: why an application is closed, shown to whoever it refuses; null while open.

The new table is granted to the app role `iacs_app` as migration 0003 grants the others (when the role exists).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APP_ROLE = "iacs_app"
DMEPOS_REASON = (
    "Registration of DMEPOS suppliers is closed by CMS for now. Contact the help desk (CMS External User "
    "Services) to be told when it opens."
)


def upgrade() -> None:
    op.add_column("applications", sa.Column("closed_reason", sa.String(length=500), nullable=True))
    op.create_table(
        "provider_type_settings",
        sa.Column(
            "provider_type",
            postgresql.ENUM(name="provider_type", create_type=False),
            nullable=False,
        ),
        sa.Column("open", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("changed_by_id", sa.UUID(), nullable=True),
        sa.CheckConstraint("open OR reason IS NOT NULL", name=op.f("ck_provider_type_settings_closed_with_reason")),
        sa.ForeignKeyConstraint(
            ["changed_by_id"], ["users.id"], name=op.f("fk_provider_type_settings_changed_by_id_users")
        ),
        sa.PrimaryKeyConstraint("provider_type", name=op.f("pk_provider_type_settings")),
    )
    # every provider type, open; DMEPOS suppliers closed at launch (R11)
    op.execute(
        "INSERT INTO provider_type_settings (provider_type, open) SELECT unnest(enum_range(NULL::provider_type)), true"
    )
    op.execute(
        sa.text(
            "UPDATE provider_type_settings SET open = false, reason = :reason WHERE provider_type = 'DMEPOS_SUPPLIER'"
        ).bindparams(reason=DMEPOS_REASON)
    )
    op.execute(
        f"""
        DO $$
        BEGIN
            IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{APP_ROLE}') THEN
                GRANT SELECT, INSERT, UPDATE, DELETE ON provider_type_settings TO {APP_ROLE};
            END IF;
        END
        $$;
        """
    )


def downgrade() -> None:
    op.drop_table("provider_type_settings")
    op.drop_column("applications", "closed_reason")
