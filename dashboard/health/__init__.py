"""The health score: measures, rules, weights, bands, segment models, overrides, back-test.

``scores.score_history`` is the contract the churn page uses (see :mod:`dashboard.health.scores`).
"""
