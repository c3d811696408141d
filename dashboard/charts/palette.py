"""One palette for every chart: movements keep their colour on every page."""

MOVEMENT_COLOURS = {
    "starting": "#5B6C8F",
    "new": "#2E9E5B",
    "reactivation": "#7CC68B",
    "expansion": "#1F7A8C",
    "contraction": "#E59F3C",
    "churn": "#C8423B",
    "retained": "#3C5A99",
    "ending": "#3C5A99",
}
BAND_COLOURS = {"Good": "#2E9E5B", "Neutral": "#E5B73C", "Poor": "#C8423B"}
SEQUENCE = ("#3C5A99", "#1F7A8C", "#2E9E5B", "#E59F3C", "#C8423B", "#8E6BB8", "#6B7A8F", "#D17AA6")
FONT = dict(family="Inter, 'Noto Sans JP', 'Hiragino Sans', sans-serif", size=14)
