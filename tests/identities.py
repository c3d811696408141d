"""Who the tests write as: the local user of a laptop (every role), as the app and CLI are without sign-in."""

from dashboard.access import Identity

ME = Identity(user="tester", role="admin", name="tester")

__all__ = ["ME", "Identity"]
