"""R14, R22 and R35 in the database (issue 12, findings 3-5).

- R14, nobody is SO or BSO and also UGA in one organization: the constraint trigger `role_assignments_r14`
  refuses a role row that would make it so (an active SO or BSO role and an active UGA role of a group of one
  person in one organization; a UGA's access to an application is not a UGA role of its own). Before it looks,
  it takes `lock_person_in_organization(person, organization)`, a transaction-level advisory lock on the pair,
  which the application takes too before any grant or restoration: of two transactions racing for one pair
  the second waits for the first to commit and then sees its row (each statement of a VOLATILE PL/pgSQL
  function reads committed data anew). The trigger fires only for the rows that matter (its WHEN clause) and
  only when status, role or scope change, so reminders and other updates of a role do not take the lock.
- R35, a company's TIN is unique: `uq_surrogate_companies_tin` replaces the plain index on it.
- R22, the single role of individual practitioner: `uq_role_assignments_active_practitioner`.

The functions are SECURITY INVOKER and executable by everyone (PostgreSQL's default), so the app role
`iacs_app` (migration 0003) runs them, and, not owning the table, can neither drop nor disable the trigger.
Existing rows that already break a new rule stop the upgrade with the list of them: which company or role
goes is a person's decision, not the migration's.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

R14_ROLES = "('SECURITY_OFFICIAL', 'BACKUP_SECURITY_OFFICIAL', 'USER_GROUP_ADMINISTRATOR')"

CHECKS = {
    "people holding SO or BSO and UGA in one organization (R14); end one of the two roles of each": """
        SELECT DISTINCT o.user_id::text || ' in organization ' || o.organization_id::text
        FROM role_assignments o JOIN role_assignments u
          ON u.user_id = o.user_id AND u.organization_id = o.organization_id
        WHERE o.status = 'ACTIVE' AND o.role IN ('SECURITY_OFFICIAL', 'BACKUP_SECURITY_OFFICIAL')
          AND u.status = 'ACTIVE' AND u.role = 'USER_GROUP_ADMINISTRATOR' AND u.application_id IS NULL
        """,
    "surrogate companies sharing a TIN (R35); merge or correct them": """
        SELECT string_agg(name || ' (' || id::text || ')', ', ' ORDER BY created_at) || ': TIN ' || tin
        FROM surrogate_companies GROUP BY tin HAVING count(*) > 1
        """,
    "people with more than one active practice (R22); end all but one": """
        SELECT user_id::text FROM role_assignments
        WHERE role = 'INDIVIDUAL_PRACTITIONER' AND status = 'ACTIVE' GROUP BY user_id HAVING count(*) > 1
        """,
}


def _refuse_broken_rows() -> None:
    bind = op.get_bind()
    problems: list[str] = []
    for what, query in CHECKS.items():
        rows = [str(r[0]) for r in bind.execute(sa.text(query))]
        if rows:
            problems.append(f"{len(rows)} {what}: " + "; ".join(rows[:20]))
    if problems:
        raise RuntimeError("The data breaks rules this migration enforces; resolve first:\n" + "\n".join(problems))


def upgrade() -> None:
    _refuse_broken_rows()
    op.execute(
        """
        CREATE FUNCTION lock_person_in_organization(person uuid, organization uuid) RETURNS void
        LANGUAGE sql VOLATILE AS $$
            SELECT pg_advisory_xact_lock(14, hashtext(person::text || '/' || organization::text))
        $$
        """
    )
    op.execute(
        """
        CREATE FUNCTION role_assignments_r14() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
        DECLARE
            held role;
        BEGIN
            PERFORM lock_person_in_organization(NEW.user_id, NEW.organization_id);
            SELECT r.role INTO held FROM role_assignments r
            WHERE r.user_id = NEW.user_id AND r.organization_id = NEW.organization_id AND r.id <> NEW.id
              AND r.status = 'ACTIVE' AND r.application_id IS NULL
              AND CASE WHEN NEW.role = 'USER_GROUP_ADMINISTRATOR'
                       THEN r.role IN ('SECURITY_OFFICIAL', 'BACKUP_SECURITY_OFFICIAL')
                       ELSE r.role = 'USER_GROUP_ADMINISTRATOR' END
            LIMIT 1;
            IF FOUND THEN
                RAISE EXCEPTION 'role_assignments_r14: person % would be % and % in organization % (R14)',
                    NEW.user_id, held, NEW.role, NEW.organization_id
                    USING ERRCODE = 'check_violation', CONSTRAINT = 'role_assignments_r14';
            END IF;
            RETURN NULL;
        END;
        $$
        """
    )
    op.execute(
        f"""
        CREATE CONSTRAINT TRIGGER role_assignments_r14
        AFTER INSERT OR UPDATE OF status, role, user_id, organization_id, application_id ON role_assignments
        DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW
        WHEN (NEW.status = 'ACTIVE' AND NEW.organization_id IS NOT NULL AND NEW.application_id IS NULL
              AND NEW.role IN {R14_ROLES})
        EXECUTE FUNCTION role_assignments_r14()
        """
    )
    op.drop_index("ix_surrogate_companies_tin", table_name="surrogate_companies")
    op.create_index("uq_surrogate_companies_tin", "surrogate_companies", ["tin"], unique=True)
    op.create_index(
        "uq_role_assignments_active_practitioner",
        "role_assignments",
        ["user_id"],
        unique=True,
        postgresql_where=sa.text("role = 'INDIVIDUAL_PRACTITIONER' AND status = 'ACTIVE'"),
    )


def downgrade() -> None:
    op.drop_index(
        "uq_role_assignments_active_practitioner",
        table_name="role_assignments",
        postgresql_where=sa.text("role = 'INDIVIDUAL_PRACTITIONER' AND status = 'ACTIVE'"),
    )
    op.drop_index("uq_surrogate_companies_tin", table_name="surrogate_companies")
    op.create_index("ix_surrogate_companies_tin", "surrogate_companies", ["tin"], unique=False)
    op.execute("DROP TRIGGER IF EXISTS role_assignments_r14 ON role_assignments")
    op.execute("DROP FUNCTION IF EXISTS role_assignments_r14()")
    op.execute("DROP FUNCTION IF EXISTS lock_person_in_organization(uuid, uuid)")
