"""The Streamlit seam: the only part of the package that imports streamlit."""

from dashboard.ui.core import (  # noqa: F401
    connection,
    dataset_key,
    money,
    page_setup,
    run,
    t,
)
