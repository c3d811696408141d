"""The coverage model: segments by rule, a motion per segment, headcount and the cost of CS.

- :mod:`~dashboard.coverage.scenario`: the inputs (declared once with defaults) and the JSON format.
- :mod:`~dashboard.coverage.model`: accounts and ARR per segment at the as-of month, and the plan.
- :mod:`~dashboard.coverage.actuals`: today's assignment (accounts.csm, team) against the model.
- :mod:`~dashboard.coverage.whatif`: the three-year what-if against a white-glove baseline.
- :mod:`~dashboard.coverage.storage`: scenarios saved by name in the ``app`` schema; comparison.
"""
