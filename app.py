"""Router only: page config, the list of pages, the shared sidebar, navigation."""

import streamlit as st

from dashboard import settings
from dashboard.access.view import gate_page
from dashboard.i18n import LANGUAGES
from dashboard.ui import auth, connection, t, warmed
from dashboard.ui.guard import guarded
from dashboard.ui.sidebar import sidebar
from dashboard.ui.snapshot import pin_snapshot

st.set_page_config(page_title="Retention dashboard", page_icon=":material/monitoring:", layout="wide")
warmed()  # once per server process: the chart code loaded, the start-up out of the collector's way

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

# on a team server (an [auth] section in secrets): nothing shows until the person has signed in and has a
# role. The gate is the only page then (any address opens it), so no page file can run before sign-in.
if not auth.allowed():
    st.navigation([st.Page(gate_page, title=t("access.sign_in_title"), url_path="signin", default=True)],
                  position="hidden").run()
    st.stop()

pages = {url: st.Page(path, title=t(key), icon=icon, url_path=url) for path, key, icon, url in PAGES}
# "/" opens the NRR page at its own address, so /nrr works as a link too (a default page has no
# address of its own, and /nrr would show "Page not found")
# (with a link's query parameters: "/?unit=MRR" opens "/nrr?unit=MRR")
home = st.Page(lambda: st.switch_page(pages["nrr"], query_params={k: st.query_params.get_all(k)
                                                                  for k in st.query_params}),
               title=t("nav.nrr"), url_path="home", default=True, visibility="hidden")
navigation = st.navigation([home, *pages.values()])
# a version that cannot be computed shows its error and a way to the Data page (and its rollback),
# never a traceback
# one snapshot per render: every read of this run sees the version current now
with guarded("sidebar"):
    pin_snapshot()
    sidebar(connection())
with guarded():
    try:
        navigation.run()
    finally:  # also after a page stopped early: the sections it drew
        from dashboard.review.view import page_slides  # the review feature's seam, in the shared sidebar

        page_slides()
