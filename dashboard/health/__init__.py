"""The health score: measures, rules, weights, bands, segment models, overrides, back-test.

``score_history`` is the contract the churn page uses (see :mod:`dashboard.health.scores`).
"""

from dashboard.health.scores import month_scores, score_history  # noqa: F401
