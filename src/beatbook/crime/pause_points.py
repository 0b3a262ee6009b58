"""Named points of an ingest where a crash test can stop it and kill it (tests/crime/test_partitions.py).

With `BEATBOOK_INGEST_PAUSE_AT=<point>` in its environment, an ingest that reaches the point
writes `paused at <point>` to stderr and waits there, its transaction open, until it is
killed. Without the variable, a point does nothing. Points: `detached` (the old partition is
detached, the new one not yet attached) and `swapped` (the new partition is in place, the
transaction not yet committed).
"""

from __future__ import annotations

import os
import sys
import time

VARIABLE = "BEATBOOK_INGEST_PAUSE_AT"


def reach(point: str) -> None:
    if os.environ.get(VARIABLE) != point:
        return
    sys.stderr.write(f"paused at {point}\n")
    sys.stderr.flush()
    while True:
        time.sleep(1)
