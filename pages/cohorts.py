"""cohorts page: not built yet (its issue has not landed)."""

from dashboard.ui import page_setup
from dashboard.ui.widgets import pending

page_setup("nav.cohorts")
pending("nav.cohorts")
