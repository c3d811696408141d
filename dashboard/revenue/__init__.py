"""Revenue: the grids every page reads (units, account and product months, movements), and the NRR
page's bridge, trend, splits and findings."""
