"""R37: whether anyone is left who can approve for an organization, with R36 applied.

- orphaned: nobody left who can approve for it: no Security Official whose account counts (in an individual
  practitioner's practice, the practitioner, R21, R22);
- at risk: one departure from orphaned: a Security Official and no Backup Security Official. Small
  organizations with a Security Official alone are allowed; the flag says what one departure would do.

Only approved organizations have anyone to lose: one still waiting for (or denied) registration is neither.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from iacs.domain.enums import AccountStatus, OrganizationKind, OrganizationStatus, Role
from iacs.domain.requests.routing import holds_power

# The roles whose holders approve for an organization as a whole (officials_relation in routing.py).
CONTINUITY_ROLES = frozenset({Role.SECURITY_OFFICIAL, Role.BACKUP_SECURITY_OFFICIAL, Role.INDIVIDUAL_PRACTITIONER})


@dataclass(frozen=True)
class Continuity:
    orphaned: bool
    at_risk: bool


def organization_continuity(
    kind: OrganizationKind, status: OrganizationStatus, held: Iterable[tuple[Role, AccountStatus | str]]
) -> Continuity:
    """R37 from the organization's active SO, BSO and practitioner roles and their holders' account status."""
    if status != OrganizationStatus.APPROVED:
        return Continuity(orphaned=False, at_risk=False)
    counting = {role for role, account in held if holds_power(account)}  # R36
    if kind == OrganizationKind.INDIVIDUAL_PRACTITIONER:
        # R22: a practice of one has no Backup by design; without its practitioner the help desk acts (R34).
        return Continuity(orphaned=Role.INDIVIDUAL_PRACTITIONER not in counting, at_risk=False)
    if Role.SECURITY_OFFICIAL not in counting:
        return Continuity(orphaned=True, at_risk=False)
    return Continuity(orphaned=False, at_risk=Role.BACKUP_SECURITY_OFFICIAL not in counting)
