"""Data page: what is loaded, load a file (map, validate, commit), version history."""

import streamlit as st

from dashboard import ingest, schema, store
from dashboard.access.view import audit_section
from dashboard.ingest import view as loader
from dashboard.sources import view as sources
from dashboard.ui import auth, findings, page_setup, t
from dashboard.ui.core import counted, lang
from dashboard.ui.guard import guarded
from dashboard.ui.section import section
from dashboard.ui.widgets import say

con = page_setup("nav.data")
flash = st.session_state.pop("loader.flash", None)
if flash:
    say(flash, "success", icon=":material/check_circle:")

# each section is guarded on its own: whatever the current version holds, the history and its
# rollback below still render
version = store.current_version(con)
with section(t("data.loaded_header"), key="data.loaded", definition=t("data.loaded_definition")) as box, \
        guarded("data.loaded"):
    if version is None:
        st.info(t("data.nothing_loaded"))
    else:
        loaded = loader.loaded_tables(con)
        box.finding(t("data.loaded_summary", version=version, tables=counted("data.tables_count", len(loaded)),
                      rows=counted("data.rows_count", int(loaded[t("data.col_rows")].sum()))))
        box.table(loaded, "loaded_tables.csv", key="loaded_download")

with section(t("checks.header"), key="data.checks", definition=t("checks.definition")):
    st.caption(t("checks.intro"))
    findings.current_section(con)

# The upload flow runs after its section: its staging and preview queries run on scratch data that no
# one can re-run, so they must not be shown as the section's SQL.
admin = auth.may("load")
with section(t("data.upload_header"), key="data.upload", definition=t("data.upload_definition")):
    st.caption(t("data.upload_intro"))
    if not admin:
        auth.role_needed("load")
upload = None if not admin else st.file_uploader(t("data.file"), type=[ext.lstrip(".") for ext in ingest.SUPPORTED],
                          key=f"loader.upload.{st.session_state.get('loader.upload_key', 0)}")
if upload is not None:
    with guarded("data.upload"):
        tables = list(schema.TABLES)
        table_name = st.selectbox(t("data.table"), tables, index=tables.index(schema.guess_table(upload.name)),
                                  format_func=loader.table_names(tables), help=t("data.table_help"),
                                  key=f"loader.table.{upload.file_id}")
        sheet = loader.sheet_picker(upload, table_name)
        source = loader.read_upload(con, upload, sheet)
        if source is not None:
            encoding = (t("data.encoding", encoding=t(f"data.encoding_name.{source.encoding}"))
                        if source.encoding else "")
            say(t("data.file_summary", name=source.name, rows=f"{source.rows:,}",
                  columns=len(source.columns), encoding=encoding), "caption")
            st.subheader(t("data.mapping_header"))
            st.caption(t("data.mapping_intro"))
            mapping = loader.mapping_editor(source, table_name)
            if st.button(t("data.validate"), type="primary", key="loader.validate", icon=":material/rule:"):
                loader.validate(con, source, table_name, mapping)
            prepared = st.session_state.get("loader.prepared")
            if prepared is not None and prepared.table == table_name:
                loader.report(con, prepared)
                if prepared.ok:
                    findings.before_save(con, prepared)
                if prepared.ok and st.button(t("data.commit"), type="primary", key="loader.commit",
                                             icon=":material/save:"):
                    loader.commit(con, prepared)

sources.source_section(con)

with section(t("data.history_header"), key="data.history", definition=t("data.history_definition")) as box:
    box.table(loader.history(con), "version_history.csv", key="history_download")
versions = store.history(con)["version"].drop_duplicates().tolist()
if versions and admin:
    left, right = st.columns([2, 3])
    loader.follow_current_version(version)
    target = left.selectbox(t("data.rollback_pick"), versions, index=0, key=loader.ROLLBACK_PICKER)
    if left.button(t("data.rollback"), key="loader.rollback", disabled=target == version,
                   icon=":material/history:"):
        loader.switch_version(con, int(target))
    if right.button(t("data.reset_sample"), key="loader.reset_sample", icon=":material/science:"):
        loader.load_sample(con)

audit_section(con)

with st.expander(t("data.tables_header")):
    for spec in schema.TABLES.values():
        st.markdown(f"**{schema.table_label(spec.name, lang())}**: {schema.table_help(spec.name, lang())}")
        st.dataframe({t("data.col_column"): [schema.column_label(c, lang()) for c in spec.column_names],
                      t("data.required"): [c.required for c in spec.columns],
                      "": [schema.column_help(spec.name, c.name, lang()) for c in spec.columns]}, hide_index=True)
