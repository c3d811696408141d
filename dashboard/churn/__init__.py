"""Churn review: churn movements matched to their reasons, summaries, history and the retrospective."""
