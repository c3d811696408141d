"""Revenue: the grids every page reads (units, account and product months, movements), and the NRR
page's bridge, trend, splits and findings."""

# the splits a bridge can be cut by (the command line offers them before any engine loads)
BRIDGE_BY = ("segment", "csm", "region", "industry", "product")
