"""Initial schema: the whole domain of rules.md, with the constraints the rules name.

R8 one active SO per organization, R18 one surrogate group per (company, organization), R28 one pending
request per (requester, kind, scope), R15 no self-decision, R31 the append-only audit table (trigger).

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "applications",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.String(length=1000), nullable=True),
        sa.Column("open", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_applications")),
        sa.UniqueConstraint("code", name=op.f("uq_applications_code")),
    )
    op.create_table(
        "mail_outbox",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("to_address", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("template", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=1000), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_outbox")),
    )
    op.create_index(
        "ix_mail_outbox_unsent",
        "mail_outbox",
        ["next_attempt_at"],
        unique=False,
        postgresql_where=sa.text("sent_at IS NULL"),
    )
    op.create_table(
        "organizations",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("legal_business_name", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("PROVIDER", "INDIVIDUAL_PRACTITIONER", "CONTRACTOR", name="organization_kind"),
            nullable=False,
        ),
        sa.Column(
            "provider_type",
            sa.Enum(
                "HOSPITAL",
                "PHYSICIAN_GROUP",
                "HOME_HEALTH_AGENCY",
                "SKILLED_NURSING_FACILITY",
                "HOSPICE",
                "CLINICAL_LABORATORY",
                "AMBULANCE_SUPPLIER",
                "FQHC",
                "RURAL_HEALTH_CLINIC",
                "DMEPOS_SUPPLIER",
                "OTHER_PROVIDER",
                "FISCAL_INTERMEDIARY",
                "CARRIER",
                "MAC",
                name="provider_type",
            ),
            nullable=False,
        ),
        sa.Column("community", sa.Enum("PROVIDER_SUPPLIER", "FI_CARRIER_MAC", name="community"), nullable=False),
        sa.Column("npi", sa.String(length=10), nullable=False),
        sa.Column("tin", sa.String(length=9), nullable=True),
        sa.Column("ptan", sa.String(length=20), nullable=True),
        sa.Column("address_line1", sa.String(length=200), nullable=False),
        sa.Column("address_line2", sa.String(length=200), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("state", sa.String(length=2), nullable=False),
        sa.Column("zip", sa.String(length=10), nullable=False),
        sa.Column(
            "status",
            sa.Enum("PENDING", "APPROVED", "DENIED", name="organization_status"),
            server_default="PENDING",
            nullable=False,
        ),
        sa.Column("is_demo", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "kind = 'INDIVIDUAL_PRACTITIONER' OR tin IS NOT NULL", name=op.f("ck_organizations_tin_required")
        ),
        sa.CheckConstraint("npi ~ '^[0-9]{10}$'", name=op.f("ck_organizations_npi_digits")),
        sa.CheckConstraint("state ~ '^[A-Z]{2}$'", name=op.f("ck_organizations_state_format")),
        sa.CheckConstraint("tin IS NULL OR tin ~ '^[0-9]{9}$'", name=op.f("ck_organizations_tin_digits")),
        sa.CheckConstraint("zip ~ '^[0-9]{5}(-[0-9]{4})?$'", name=op.f("ck_organizations_zip_format")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organizations")),
        sa.UniqueConstraint("tin", "npi", name="uq_organizations_tin_npi"),
    )
    op.create_index(op.f("ix_organizations_community"), "organizations", ["community"], unique=False)
    op.create_index(op.f("ix_organizations_npi"), "organizations", ["npi"], unique=False)
    op.create_index(
        "uq_organizations_practitioner_npi",
        "organizations",
        ["npi"],
        unique=True,
        postgresql_where=sa.text("kind = 'INDIVIDUAL_PRACTITIONER'"),
    )
    op.create_table(
        "sign_in_throttle",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("window_started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("failures >= 0", name=op.f("ck_sign_in_throttle_failures_not_negative")),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sign_in_throttle")),
    )
    op.create_table(
        "surrogate_companies",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("tin", sa.String(length=9), nullable=False),
        sa.Column("is_demo", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("tin ~ '^[0-9]{9}$'", name=op.f("ck_surrogate_companies_tin_digits")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_surrogate_companies")),
    )
    op.create_index(op.f("ix_surrogate_companies_tin"), "surrogate_companies", ["tin"], unique=False)
    op.create_table(
        "users",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("user_id", sa.String(length=16), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("community", sa.Enum("PROVIDER_SUPPLIER", "FI_CARRIER_MAC", name="community"), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column(
            "status",
            sa.Enum("ACTIVE", "DISABLED", name="account_status"),
            server_default="ACTIVE",
            nullable=False,
        ),
        sa.Column("email_verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("terms_accepted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("is_demo", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("char_length(email) BETWEEN 3 AND 254", name=op.f("ck_users_email_length")),
        sa.CheckConstraint("char_length(name) BETWEEN 1 AND 200", name=op.f("ck_users_name_length")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("user_id", name=op.f("uq_users_user_id")),
    )
    op.create_index("uq_users_email_lower", "users", [sa.literal_column("lower(email)")], unique=True)
    op.create_table(
        "email_verification_codes",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("user_id", sa.UUID(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("code_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("superseded", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_email_verification_codes_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_email_verification_codes")),
    )
    op.create_index(op.f("ix_email_verification_codes_user_id"), "email_verification_codes", ["user_id"], unique=False)
    op.create_table(
        "sessions",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("token_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("user_id", sa.UUID(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ip_address", sa.String(length=64), nullable=True),
        sa.Column("user_agent", sa.String(length=512), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_sessions_user_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_sessions_token_hash")),
    )
    op.create_index(op.f("ix_sessions_user_id"), "sessions", ["user_id"], unique=False)
    op.create_table(
        "user_groups",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("organization_id", sa.UUID(), nullable=False),
        sa.Column("kind", sa.Enum("PROVIDER", "SURROGATE", name="user_group_kind"), nullable=False),
        sa.Column("company_id", sa.UUID(), nullable=True),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("description", sa.String(length=1000), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "(kind = 'SURROGATE') = (company_id IS NOT NULL)",
            name=op.f("ck_user_groups_surrogate_has_company"),
        ),
        sa.CheckConstraint("char_length(name) BETWEEN 1 AND 120", name=op.f("ck_user_groups_name_length")),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["surrogate_companies.id"],
            name=op.f("fk_user_groups_company_id_surrogate_companies"),
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_user_groups_organization_id_organizations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_groups")),
    )
    op.create_index(op.f("ix_user_groups_company_id"), "user_groups", ["company_id"], unique=False)
    op.create_index(op.f("ix_user_groups_organization_id"), "user_groups", ["organization_id"], unique=False)
    op.create_index(
        "uq_user_groups_organization_name",
        "user_groups",
        ["organization_id", sa.literal_column("lower(name)")],
        unique=True,
    )
    op.create_index(
        "uq_user_groups_surrogate_company_organization",
        "user_groups",
        ["company_id", "organization_id"],
        unique=True,
        postgresql_where=sa.text("kind = 'SURROGATE'"),
    )
    op.create_table(
        "access_requests",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("tracking_number", sa.String(length=20), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "REGISTER_ORGANIZATION",
                "BACKUP_SECURITY_OFFICIAL",
                "SUCCEED_SECURITY_OFFICIAL",
                "CREATE_USER_GROUP",
                "ADMINISTER_USER_GROUP",
                "JOIN_USER_GROUP",
                "JOIN_SURROGATE_COMPANY",
                "CREATE_SURROGATE_USER_GROUP",
                "REGISTER_INDIVIDUAL_PRACTITIONER",
                "APPLICATION_ACCESS",
                name="request_kind",
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum("PENDING", "APPROVED", "DENIED", "CANCELLED", "EXPIRED", name="request_status"),
            server_default="PENDING",
            nullable=False,
        ),
        sa.Column("requester_id", sa.UUID(), nullable=False),
        sa.Column("organization_id", sa.UUID(), nullable=True),
        sa.Column("user_group_id", sa.UUID(), nullable=True),
        sa.Column("company_id", sa.UUID(), nullable=True),
        sa.Column("application_id", sa.UUID(), nullable=True),
        sa.Column("proposed_name", sa.String(length=200), nullable=True),
        sa.Column(
            "details",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by_id", sa.UUID(), nullable=True),
        sa.Column("reason", sa.String(length=2000), nullable=True),
        sa.CheckConstraint(
            "(status = 'PENDING') = (decided_at IS NULL)",
            name=op.f("ck_access_requests_decided_at_iff_not_pending"),
        ),
        sa.CheckConstraint(
            "status <> 'DENIED' OR (reason IS NOT NULL AND char_length(btrim(reason)) > 0)",
            name=op.f("ck_access_requests_denial_has_reason"),
        ),
        sa.CheckConstraint(
            "decided_by_id IS NULL OR decided_by_id <> requester_id",
            name=op.f("ck_access_requests_no_self_decision"),
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_access_requests_application_id_applications"),
        ),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["surrogate_companies.id"],
            name=op.f("fk_access_requests_company_id_surrogate_companies"),
        ),
        sa.ForeignKeyConstraint(["decided_by_id"], ["users.id"], name=op.f("fk_access_requests_decided_by_id_users")),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_access_requests_organization_id_organizations"),
        ),
        sa.ForeignKeyConstraint(["requester_id"], ["users.id"], name=op.f("fk_access_requests_requester_id_users")),
        sa.ForeignKeyConstraint(
            ["user_group_id"], ["user_groups.id"], name=op.f("fk_access_requests_user_group_id_user_groups")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_requests")),
        sa.UniqueConstraint("tracking_number", name=op.f("uq_access_requests_tracking_number")),
    )
    op.create_index(op.f("ix_access_requests_company_id"), "access_requests", ["company_id"], unique=False)
    op.create_index(
        "ix_access_requests_pending_queue",
        "access_requests",
        ["organization_id", "created_at", "id"],
        unique=False,
        postgresql_where=sa.text("status = 'PENDING'"),
    )
    op.create_index(
        "ix_access_requests_requester_created",
        "access_requests",
        ["requester_id", "created_at", "id"],
        unique=False,
    )
    op.create_index(op.f("ix_access_requests_user_group_id"), "access_requests", ["user_group_id"], unique=False)
    op.create_index(
        "uq_access_requests_pending_scope",
        "access_requests",
        [
            "requester_id",
            "kind",
            "organization_id",
            "user_group_id",
            "company_id",
            "application_id",
            "proposed_name",
        ],
        unique=True,
        postgresql_where=sa.text("status = 'PENDING'"),
        postgresql_nulls_not_distinct=True,
    )
    op.create_table(
        "role_assignments",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("user_id", sa.UUID(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "SECURITY_OFFICIAL",
                "BACKUP_SECURITY_OFFICIAL",
                "USER_GROUP_ADMINISTRATOR",
                "END_USER",
                "INDIVIDUAL_PRACTITIONER",
                "HELP_DESK",
                name="role",
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum("ACTIVE", "SUSPENDED", "REVOKED", name="role_status"),
            server_default="ACTIVE",
            nullable=False,
        ),
        sa.Column("organization_id", sa.UUID(), nullable=True),
        sa.Column("user_group_id", sa.UUID(), nullable=True),
        sa.Column("company_id", sa.UUID(), nullable=True),
        sa.Column("application_id", sa.UUID(), nullable=True),
        sa.Column("request_id", sa.UUID(), nullable=True),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("granted_by_id", sa.UUID(), nullable=True),
        sa.Column("certify_by", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_by_id", sa.UUID(), nullable=True),
        sa.Column("end_reason", sa.String(length=2000), nullable=True),
        sa.CheckConstraint(
            "(status = 'REVOKED') = (ended_at IS NOT NULL)",
            name=op.f("ck_role_assignments_ended_at_iff_revoked"),
        ),
        sa.CheckConstraint(
            "role = 'HELP_DESK' OR request_id IS NOT NULL", name=op.f("ck_role_assignments_request_required")
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_role_assignments_application_id_applications"),
        ),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["surrogate_companies.id"],
            name=op.f("fk_role_assignments_company_id_surrogate_companies"),
        ),
        sa.ForeignKeyConstraint(["ended_by_id"], ["users.id"], name=op.f("fk_role_assignments_ended_by_id_users")),
        sa.ForeignKeyConstraint(["granted_by_id"], ["users.id"], name=op.f("fk_role_assignments_granted_by_id_users")),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_role_assignments_organization_id_organizations"),
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["access_requests.id"],
            name=op.f("fk_role_assignments_request_id_access_requests"),
        ),
        sa.ForeignKeyConstraint(
            ["user_group_id"], ["user_groups.id"], name=op.f("fk_role_assignments_user_group_id_user_groups")
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_role_assignments_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_role_assignments")),
    )
    op.create_index(
        "ix_role_assignments_company_role",
        "role_assignments",
        ["company_id", "role"],
        unique=False,
        postgresql_where=sa.text("status = 'ACTIVE'"),
    )
    op.create_index(
        "ix_role_assignments_group_role",
        "role_assignments",
        ["user_group_id", "role"],
        unique=False,
        postgresql_where=sa.text("status = 'ACTIVE'"),
    )
    op.create_index(
        "ix_role_assignments_organization_role",
        "role_assignments",
        ["organization_id", "role"],
        unique=False,
        postgresql_where=sa.text("status = 'ACTIVE'"),
    )
    op.create_index(op.f("ix_role_assignments_request_id"), "role_assignments", ["request_id"], unique=False)
    op.create_index("ix_role_assignments_user_status", "role_assignments", ["user_id", "status"], unique=False)
    op.create_index(
        "uq_role_assignments_active_scope",
        "role_assignments",
        ["user_id", "role", "organization_id", "user_group_id", "company_id", "application_id"],
        unique=True,
        postgresql_where=sa.text("status = 'ACTIVE'"),
        postgresql_nulls_not_distinct=True,
    )
    op.create_index(
        "uq_role_assignments_active_security_official",
        "role_assignments",
        ["organization_id"],
        unique=True,
        postgresql_where=sa.text("role = 'SECURITY_OFFICIAL' AND status = 'ACTIVE'"),
    )
    op.create_table(
        "audit_events",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("actor_id", sa.UUID(), nullable=True),
        sa.Column("subject_user_id", sa.UUID(), nullable=True),
        sa.Column("organization_id", sa.UUID(), nullable=True),
        sa.Column("request_id", sa.UUID(), nullable=True),
        sa.Column("role_assignment_id", sa.UUID(), nullable=True),
        sa.Column("ip_address", sa.String(length=64), nullable=True),
        sa.Column(
            "details",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"], name=op.f("fk_audit_events_actor_id_users")),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_audit_events_organization_id_organizations"),
        ),
        sa.ForeignKeyConstraint(
            ["request_id"], ["access_requests.id"], name=op.f("fk_audit_events_request_id_access_requests")
        ),
        sa.ForeignKeyConstraint(
            ["role_assignment_id"],
            ["role_assignments.id"],
            name=op.f("fk_audit_events_role_assignment_id_role_assignments"),
        ),
        sa.ForeignKeyConstraint(["subject_user_id"], ["users.id"], name=op.f("fk_audit_events_subject_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    op.create_index("ix_audit_events_actor_id", "audit_events", ["actor_id", "id"], unique=False)
    op.create_index("ix_audit_events_organization_id", "audit_events", ["organization_id", "id"], unique=False)
    op.create_index("ix_audit_events_subject_user_id", "audit_events", ["subject_user_id", "id"], unique=False)

    # R31: the audit log is append-only. Row triggers refuse UPDATE and DELETE, a statement trigger
    # refuses TRUNCATE; only the table owner can drop or disable them (issue: non-owner app role).
    op.execute(
        """
        CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END;
        $$
        """
    )
    op.execute(
        "CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events "
        "FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()"
    )
    op.execute(
        "CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events")
    op.execute("DROP TRIGGER IF EXISTS audit_events_no_update_delete ON audit_events")
    op.execute("DROP FUNCTION IF EXISTS audit_events_append_only()")
    op.drop_index("ix_audit_events_subject_user_id", table_name="audit_events")
    op.drop_index("ix_audit_events_organization_id", table_name="audit_events")
    op.drop_index("ix_audit_events_actor_id", table_name="audit_events")
    op.drop_table("audit_events")
    op.drop_index(
        "uq_role_assignments_active_security_official",
        table_name="role_assignments",
        postgresql_where=sa.text("role = 'SECURITY_OFFICIAL' AND status = 'ACTIVE'"),
    )
    op.drop_index(
        "uq_role_assignments_active_scope",
        table_name="role_assignments",
        postgresql_where=sa.text("status = 'ACTIVE'"),
        postgresql_nulls_not_distinct=True,
    )
    op.drop_index("ix_role_assignments_user_status", table_name="role_assignments")
    op.drop_index(op.f("ix_role_assignments_request_id"), table_name="role_assignments")
    op.drop_index(
        "ix_role_assignments_organization_role",
        table_name="role_assignments",
        postgresql_where=sa.text("status = 'ACTIVE'"),
    )
    op.drop_index(
        "ix_role_assignments_group_role",
        table_name="role_assignments",
        postgresql_where=sa.text("status = 'ACTIVE'"),
    )
    op.drop_index(
        "ix_role_assignments_company_role",
        table_name="role_assignments",
        postgresql_where=sa.text("status = 'ACTIVE'"),
    )
    op.drop_table("role_assignments")
    op.drop_index(
        "uq_access_requests_pending_scope",
        table_name="access_requests",
        postgresql_where=sa.text("status = 'PENDING'"),
        postgresql_nulls_not_distinct=True,
    )
    op.drop_index(op.f("ix_access_requests_user_group_id"), table_name="access_requests")
    op.drop_index("ix_access_requests_requester_created", table_name="access_requests")
    op.drop_index(
        "ix_access_requests_pending_queue",
        table_name="access_requests",
        postgresql_where=sa.text("status = 'PENDING'"),
    )
    op.drop_index(op.f("ix_access_requests_company_id"), table_name="access_requests")
    op.drop_table("access_requests")
    op.drop_index(
        "uq_user_groups_surrogate_company_organization",
        table_name="user_groups",
        postgresql_where=sa.text("kind = 'SURROGATE'"),
    )
    op.drop_index("uq_user_groups_organization_name", table_name="user_groups")
    op.drop_index(op.f("ix_user_groups_organization_id"), table_name="user_groups")
    op.drop_index(op.f("ix_user_groups_company_id"), table_name="user_groups")
    op.drop_table("user_groups")
    op.drop_index(op.f("ix_sessions_user_id"), table_name="sessions")
    op.drop_table("sessions")
    op.drop_index(op.f("ix_email_verification_codes_user_id"), table_name="email_verification_codes")
    op.drop_table("email_verification_codes")
    op.drop_index("uq_users_email_lower", table_name="users")
    op.drop_table("users")
    op.drop_index(op.f("ix_surrogate_companies_tin"), table_name="surrogate_companies")
    op.drop_table("surrogate_companies")
    op.drop_table("sign_in_throttle")
    op.drop_index(
        "uq_organizations_practitioner_npi",
        table_name="organizations",
        postgresql_where=sa.text("kind = 'INDIVIDUAL_PRACTITIONER'"),
    )
    op.drop_index(op.f("ix_organizations_npi"), table_name="organizations")
    op.drop_index(op.f("ix_organizations_community"), table_name="organizations")
    op.drop_table("organizations")
    op.drop_index("ix_mail_outbox_unsent", table_name="mail_outbox", postgresql_where=sa.text("sent_at IS NULL"))
    op.drop_table("mail_outbox")
    op.drop_table("applications")
    for enum_name in (
        "account_status",
        "community",
        "organization_kind",
        "organization_status",
        "provider_type",
        "request_kind",
        "request_status",
        "role",
        "role_status",
        "user_group_kind",
    ):
        op.execute(f"DROP TYPE IF EXISTS {enum_name}")
