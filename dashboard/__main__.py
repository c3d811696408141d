"""python -m dashboard: the metrics without the browser."""

import sys

from dashboard.cli import main

sys.exit(main())
