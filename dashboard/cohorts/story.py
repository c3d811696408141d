"""The one-sentence findings of the Cohort retention page, from cohort-engine frames.

Pure: frames in, strings out. Sentences take ``tr(key, **values)``, the message lookup of the caller's
language (the page's, or the review pack's), so this module never imports streamlit.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from dashboard.charts.formats import percent

Translate = Callable[..., str]
HEADLINE_AGE = {"month": 12, "quarter": 4}


def headline_age(average: pd.DataFrame, grain: str) -> int:
    """The age the headline reports: a year (12 months, 4 quarters), or the oldest age that at least two
    cohorts have reached when the data is younger."""
    reached = average.loc[average["cohorts"] >= 2, "age"]
    oldest = int(reached.max()) if not reached.empty else int(average["age"].max())
    return min(HEADLINE_AGE[grain], oldest)


def triangle_finding(tr: Translate, matrix: pd.DataFrame, average: pd.DataFrame, metric: str, grain: str) -> str:
    age = headline_age(average, grain)
    if age == 0:
        return tr("cohorts.triangle_young", n=matrix["cohort"].nunique())
    cell = matrix[matrix["age"] == age].sort_values(["retention", "cohort"])
    return tr("cohorts.triangle_finding", age=age, unit=tr(f"cohorts.age.{grain}"),
              average=percent(average.set_index("age").loc[age, "retention"]), metric=tr(f"cohorts.metric.{metric}"),
              n=len(cell), best=cell["cohort"].iloc[-1], best_value=percent(cell["retention"].iloc[-1]),
              worst=cell["cohort"].iloc[0], worst_value=percent(cell["retention"].iloc[0]))


def curves_finding(tr: Translate, average: pd.DataFrame, grain: str) -> str:
    """Where the average curve stands a year in, its low point after age 0, and where it ends."""
    ages = average.set_index("age")
    if len(ages) < 2:
        return tr("cohorts.triangle_young", n=int(ages["cohorts"].iloc[0]))
    mid = headline_age(average, grain) or 1
    later = ages.loc[ages.index > 0, "retention"]
    last = ages.iloc[-1]
    return tr("cohorts.curves_finding", mid=percent(ages.loc[mid, "retention"]), mid_age=mid,
              low=percent(later.min()), low_age=int(later.idxmin()), last=percent(last["retention"]),
              last_age=int(ages.index[-1]), n=int(last["cohorts"]))
