"""A non-owner role for the application: it can append to the audit log but never rewrite it (R31).

The migrations run as the owner of the tables. When the owner may create roles, this creates `iacs_app`
(NOLOGIN), grants it what the application needs - SELECT, INSERT, UPDATE, DELETE on every table except
audit_events, where it gets SELECT and INSERT only - and makes the owner a member so that the app's
connections can `SET ROLE iacs_app` (iacs.db.engine does, whenever the role exists). Not being the owner,
the app role also cannot disable the audit trigger or TRUNCATE. Later migrations that add tables grant
them to iacs_app in the same way (see `grant_app_role` below).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APP_ROLE = "iacs_app"

GRANTS = f"""
    GRANT USAGE ON SCHEMA public TO {APP_ROLE};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {APP_ROLE};
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM {APP_ROLE};
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON alembic_version FROM {APP_ROLE};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {APP_ROLE};
"""


def upgrade() -> None:
    op.execute(
        f"""
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{APP_ROLE}') THEN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user
                               AND (rolsuper OR rolcreaterole)) THEN
                    RAISE NOTICE 'cannot create role {APP_ROLE}: the app will run as %', current_user;
                    RETURN;
                END IF;
                CREATE ROLE {APP_ROLE} NOLOGIN;
            END IF;
            EXECUTE format('GRANT {APP_ROLE} TO %I', current_user);
            {GRANTS.replace(";", "; ").strip()}
        END
        $$;
        """
    )


def downgrade() -> None:
    op.execute(
        f"""
        DO $$
        BEGIN
            IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{APP_ROLE}') THEN
                REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {APP_ROLE};
                REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {APP_ROLE};
                REVOKE USAGE ON SCHEMA public FROM {APP_ROLE};
            END IF;
        END
        $$;
        """
    )
