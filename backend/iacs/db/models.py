"""Imports every model so that the metadata is complete (Alembic, guards)."""

from iacs.db.base import Base
from iacs.domain.accounts.models import ApiToken, EmailVerificationCode, SignInThrottle, User, UserSession
from iacs.domain.applications.models import Application, ProviderTypeSetting
from iacs.domain.audit.models import AuditEvent
from iacs.domain.delegations.models import Delegation
from iacs.domain.groups.models import UserGroup
from iacs.domain.lifecycle.models import JobPosition
from iacs.domain.notifications.models import OutboxMail
from iacs.domain.organizations.models import Organization
from iacs.domain.requests.models import AccessRequest
from iacs.domain.roles.models import RoleAssignment
from iacs.domain.surrogates.models import SurrogateAssociation, SurrogateCompany
from iacs.domain.webhooks.models import Webhook, WebhookAttempt, WebhookDelivery

__all__ = [
    "AccessRequest",
    "ApiToken",
    "Application",
    "AuditEvent",
    "Base",
    "Delegation",
    "EmailVerificationCode",
    "JobPosition",
    "Organization",
    "OutboxMail",
    "ProviderTypeSetting",
    "RoleAssignment",
    "SignInThrottle",
    "SurrogateAssociation",
    "SurrogateCompany",
    "User",
    "UserGroup",
    "UserSession",
    "Webhook",
    "WebhookAttempt",
    "WebhookDelivery",
]
