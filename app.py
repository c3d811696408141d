"""Router only: page config, the list of pages, the shared sidebar, navigation."""

import streamlit as st

from dashboard import settings
from dashboard.i18n import LANGUAGES
from dashboard.ui import connection, t
from dashboard.ui.sidebar import sidebar

st.set_page_config(page_title="Retention dashboard", page_icon=":material/monitoring:", layout="wide")

PAGES = (
    ("pages/data.py", "nav.data", ":material/database:", "data"),
    ("pages/nrr.py", "nav.nrr", ":material/waterfall_chart:", "nrr"),
    ("pages/cohorts.py", "nav.cohorts", ":material/grid_on:", "cohorts"),
    ("pages/health.py", "nav.health", ":material/ecg_heart:", "health"),
    ("pages/coverage.py", "nav.coverage", ":material/groups:", "coverage"),
    ("pages/churn.py", "nav.churn", ":material/trending_down:", "churn"),
)

for setting in settings.DISPLAY:
    st.session_state.setdefault(setting.name, setting.default)
assert set(LANGUAGES) == set(settings.DISPLAY[0].choices)

navigation = st.navigation([
    st.Page(path, title=t(key), icon=icon, url_path=url, default=(url == "nrr"))
    for path, key, icon, url in PAGES
])
sidebar(connection())
navigation.run()
