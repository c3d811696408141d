"""Who the tests write as: the local user of a laptop (every role), as the app and CLI are without sign-in."""

from dashboard.access import Identity

ME = Identity(user="tester", role="admin", name="tester")

# the roles file of the team-server tests (AppTest and browser): an admin, an editor, a domain of viewers
ROLES_FILE = """contact = "cs-ops@example.com"
anonymise_for_viewers = true

[roles]
"ada@example.com" = "admin"
"eddie@example.com" = "editor"
"example.com" = "viewer"
"""

__all__ = ["ME", "ROLES_FILE", "Identity"]
