"""The Streamlit seam shared by every page (each feature draws its own sections in its ``view*.py``)."""

from dashboard.ui.core import (  # noqa: F401
    connection,
    dataset_key,
    lang,
    money,
    page_setup,
    run,
    t,
    warmed,
)
