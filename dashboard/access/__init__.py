"""Sign-in, roles and the audit trail (issue 15): who may write what, and who did.

:mod:`dashboard.access.policy` holds the identities, roles and the check every writing function makes;
:mod:`dashboard.access.audit` the append-only record of every write; ``view.py`` the sign-in gate and
the Data page's audit section.
"""

from dashboard.access.policy import (
                                     ACTIONS,
                                     ROLES,
                                     SYSTEM,
                                     AccessDenied,
                                     Identity,
                                     Policy,
                                     PolicyError,
                                     local_identity,
                                     read_policy,
                                     require,
)

__all__ = ["ACTIONS", "ROLES", "SYSTEM", "AccessDenied", "Identity", "Policy", "PolicyError", "local_identity",
           "read_policy", "require"]
