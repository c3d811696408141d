"""Where the package keeps what: the Streamlit seam is the pages, app.py, dashboard/ui/ (shared
widgets and the section renderer) and each feature's ``view*.py``; everything else is computation."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FEATURES = ("ingest", "revenue", "cohorts", "health", "coverage", "churn", "checks", "access", "sources")


def seam_sources() -> list[Path]:
    """Every file that may draw on the page."""
    return sorted([ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("dashboard/ui/*.py"),
                   *ROOT.glob("dashboard/*/view*.py")])
