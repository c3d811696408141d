"""Cohort retention: the triangle, the curves and time to value."""
