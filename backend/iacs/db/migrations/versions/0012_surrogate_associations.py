"""A company's associations kept by the database (R17): one row per (company, organization) with its latest
surrogate-group request, so that a billing company's page of 50 of 2,000 organizations and its counts per status are
read by index instead of working out the latest request per organization over all of the company's requests.

Triggers keep the table: a new surrogate-group request inserts or moves its row (the latest by time, then id, as
before); a change of a request's status, or of an organization's name, is copied to it; a request moved to another
company, organization, kind or time has its old and new pairs worked out again.
`surrogate_associations_rebuild()` recomputes every row from the requests; the upgrade calls it, and so may whoever
bulk-loads requests with the triggers off.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APP_ROLE = "iacs_app"
SURROGATE = "'CREATE_SURROGATE_USER_GROUP'"

STATEMENTS = (
    f"""
CREATE FUNCTION surrogate_associations_rebuild() RETURNS void LANGUAGE sql VOLATILE AS $$
    DELETE FROM surrogate_associations;
    INSERT INTO surrogate_associations
        (company_id, organization_id, request_id, requested_at, status, legal_business_name)
    SELECT DISTINCT ON (r.company_id, r.organization_id)
           r.company_id, r.organization_id, r.id, r.created_at, r.status, o.legal_business_name
    FROM access_requests r JOIN organizations o ON o.id = r.organization_id
    WHERE r.kind = {SURROGATE} AND r.company_id IS NOT NULL
    ORDER BY r.company_id, r.organization_id, r.created_at DESC, r.id DESC;
$$;
""",
    """
CREATE FUNCTION surrogate_associations_request_made() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    -- the latest request of the (company, organization) by time, then id, as the pages have always ordered them
    -- the organization's name read under a share lock: a rename waits for this transaction, then its own
    -- trigger sees this row (without the lock, a rename committed meanwhile would leave the old name here)
    INSERT INTO surrogate_associations AS a
        (company_id, organization_id, request_id, requested_at, status, legal_business_name)
    SELECT NEW.company_id, NEW.organization_id, NEW.id, NEW.created_at, NEW.status, o.legal_business_name
    FROM organizations o WHERE o.id = NEW.organization_id FOR SHARE
    ON CONFLICT (company_id, organization_id) DO UPDATE
        SET request_id = excluded.request_id, requested_at = excluded.requested_at, status = excluded.status,
            legal_business_name = excluded.legal_business_name
        WHERE (excluded.requested_at, excluded.request_id) > (a.requested_at, a.request_id);
    RETURN NULL;
END
$$;
""",
    f"""
CREATE FUNCTION surrogate_associations_moved() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    -- a request's company, organization, kind or time changed (no code does it; a repair by hand might): the
    -- pairs it left and joined are worked out again from the requests
    DELETE FROM surrogate_associations
    WHERE (company_id, organization_id) IN ((OLD.company_id, OLD.organization_id), (NEW.company_id, NEW.organization_id));
    INSERT INTO surrogate_associations
        (company_id, organization_id, request_id, requested_at, status, legal_business_name)
    SELECT DISTINCT ON (r.company_id, r.organization_id)
           r.company_id, r.organization_id, r.id, r.created_at, r.status, o.legal_business_name
    FROM access_requests r JOIN organizations o ON o.id = r.organization_id
    WHERE r.kind = {SURROGATE}
      AND (r.company_id, r.organization_id) IN ((OLD.company_id, OLD.organization_id), (NEW.company_id, NEW.organization_id))
    ORDER BY r.company_id, r.organization_id, r.created_at DESC, r.id DESC;
    RETURN NULL;
END
$$;
""",
    """
CREATE FUNCTION surrogate_associations_status_changed() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    UPDATE surrogate_associations SET status = NEW.status WHERE request_id = NEW.id;
    RETURN NULL;
END
$$;
""",
    """
CREATE FUNCTION surrogate_associations_renamed() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    UPDATE surrogate_associations SET legal_business_name = NEW.legal_business_name
    WHERE organization_id = NEW.id;
    RETURN NULL;
END
$$;
""",
    f"""
CREATE TRIGGER surrogate_associations_request_made AFTER INSERT ON access_requests
    FOR EACH ROW WHEN (NEW.kind = {SURROGATE} AND NEW.company_id IS NOT NULL AND NEW.organization_id IS NOT NULL)
    EXECUTE FUNCTION surrogate_associations_request_made();
""",
    f"""
CREATE TRIGGER surrogate_associations_status_changed AFTER UPDATE OF status ON access_requests
    FOR EACH ROW WHEN (NEW.kind = {SURROGATE} AND OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION surrogate_associations_status_changed();
""",
    f"""
CREATE TRIGGER surrogate_associations_moved AFTER UPDATE OF company_id, organization_id, kind, created_at
    ON access_requests FOR EACH ROW
    WHEN ((OLD.kind = {SURROGATE} OR NEW.kind = {SURROGATE})
          AND (OLD.company_id, OLD.organization_id, OLD.kind, OLD.created_at)
              IS DISTINCT FROM (NEW.company_id, NEW.organization_id, NEW.kind, NEW.created_at))
    EXECUTE FUNCTION surrogate_associations_moved();
""",
    """
CREATE TRIGGER surrogate_associations_renamed AFTER UPDATE OF legal_business_name ON organizations
    FOR EACH ROW WHEN (OLD.legal_business_name IS DISTINCT FROM NEW.legal_business_name)
    EXECUTE FUNCTION surrogate_associations_renamed();
""",
)


def upgrade() -> None:
    op.create_table(
        "surrogate_associations",
        sa.Column("company_id", sa.UUID(), nullable=False),
        sa.Column("organization_id", sa.UUID(), nullable=False),
        sa.Column("request_id", sa.UUID(), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "status",
            postgresql.ENUM(
                "PENDING", "APPROVED", "DENIED", "CANCELLED", "EXPIRED", name="request_status", create_type=False
            ),
            nullable=False,
        ),
        sa.Column("legal_business_name", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["surrogate_companies.id"],
            name=op.f("fk_surrogate_associations_company_id_surrogate_companies"),
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_surrogate_associations_organization_id_organizations"),
        ),
        sa.ForeignKeyConstraint(
            ["request_id"], ["access_requests.id"], name=op.f("fk_surrogate_associations_request_id_access_requests")
        ),
        sa.PrimaryKeyConstraint("company_id", "organization_id", name=op.f("pk_surrogate_associations")),
        sa.UniqueConstraint("request_id", name=op.f("uq_surrogate_associations_request_id")),
    )
    op.create_index(
        "ix_surrogate_associations_company_name",
        "surrogate_associations",
        ["company_id", "legal_business_name", "organization_id"],
        unique=False,
    )
    op.create_index(
        "ix_surrogate_associations_company_status", "surrogate_associations", ["company_id", "status"], unique=False
    )
    for statement in STATEMENTS:  # one at a time: asyncpg runs a single statement per call
        op.execute(statement)
    op.execute("SELECT surrogate_associations_rebuild()")
    # the app's role (0003) reads the table and, through the triggers, writes it
    op.execute(
        f"""
        DO $$
        BEGIN
            IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{APP_ROLE}') THEN
                GRANT SELECT, INSERT, UPDATE, DELETE ON surrogate_associations TO {APP_ROLE};
            END IF;
        END
        $$;
        """
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS surrogate_associations_renamed ON organizations")
    op.execute("DROP TRIGGER IF EXISTS surrogate_associations_moved ON access_requests")
    op.execute("DROP TRIGGER IF EXISTS surrogate_associations_status_changed ON access_requests")
    op.execute("DROP TRIGGER IF EXISTS surrogate_associations_request_made ON access_requests")
    op.execute("DROP FUNCTION IF EXISTS surrogate_associations_renamed()")
    op.execute("DROP FUNCTION IF EXISTS surrogate_associations_status_changed()")
    op.execute("DROP FUNCTION IF EXISTS surrogate_associations_moved()")
    op.execute("DROP FUNCTION IF EXISTS surrogate_associations_request_made()")
    op.execute("DROP FUNCTION IF EXISTS surrogate_associations_rebuild()")
    op.drop_index("ix_surrogate_associations_company_status", table_name="surrogate_associations")
    op.drop_index("ix_surrogate_associations_company_name", table_name="surrogate_associations")
    op.drop_table("surrogate_associations")
