"""The retention review: targets (予実), notes on the timeline, and the slide decks (review pack, retrospective)."""
