"""Usage from a source engine (issue 17): product events that stay in a warehouse, a Spark lake, a
PostgreSQL database or Parquet files are aggregated where they live, through Ibis, and only one row per
account, month and measure is loaded as the ``usage`` table of a new version.

- ``connection``: what a connection string names, its password kept out of everything stored, the
  engine connected and the events table opened;
- ``aggregate``: the Ibis expressions of the usage aggregate and the SQL the engine runs;
- ``pull``: a pull end to end (incremental by month), loaded through the file loader's own path;
- ``saved``: sources saved by name (``app.usage_sources``), never with a secret;
- ``words``, ``command`` (``pull-usage``, ``sources``), ``view`` (the Data page's section).
"""
