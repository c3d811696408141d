"""Cohort retention: the triangle, the curves and time to value."""

# what a triangle counts and its cohort grain (the command line offers them before any engine loads)
METRICS = ("logo", "net", "gross")
GRAINS = ("month", "quarter")
