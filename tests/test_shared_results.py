"""Results cached for every session are handed over without copies, and no caller can change them
for the next one (issue 14: cached frames handed over without copies)."""

from __future__ import annotations

from collections import namedtuple

import numpy as np
import pandas as pd
import pytest

from dashboard.ui.core import handed

Pair = namedtuple("Pair", "frame extra")


def test_a_caller_changing_its_frame_leaves_the_shared_one_as_it_was():
    shared = pd.DataFrame({"account_id": ["A", "B"], "mrr": [10.0, 20.0]})
    mine = handed(shared)
    mine["arr"] = mine["mrr"] * 12
    mine.loc[0, "mrr"] = -1.0
    mine.sort_values("mrr", inplace=True)
    assert list(shared.columns) == ["account_id", "mrr"] and shared["mrr"].tolist() == [10.0, 20.0]
    assert np.shares_memory(handed(shared)["mrr"].to_numpy(), shared["mrr"].to_numpy())  # no copy made


def test_containers_are_the_callers_own_and_arrays_refuse_writes():
    shared = (pd.Series([1.0, 2.0]), {"codes": np.array([0, 1, 2])}, [pd.DataFrame({"x": [1]})])
    series, mapping, frames = handed(shared)
    series[0] = 99.0
    mapping["codes_new"] = 1
    frames.append("more")
    with pytest.raises(ValueError):
        mapping["codes"][0] = 5
    assert shared[0].tolist() == [1.0, 2.0] and set(shared[1]) == {"codes"} and len(shared[2]) == 1
    assert shared[1]["codes"].flags.writeable  # the shared array itself is untouched


def test_named_tuples_keep_their_type():
    pair = handed(Pair(pd.DataFrame({"x": [1]}), 3))
    assert isinstance(pair, Pair) and pair.extra == 3
