"""Running a function over items in several threads, each with its own database connection.

Each file of an ingest is its own transaction on its own partition (crime.partitions), so files
can be stored side by side: with two jobs the database works on two files at once, on two
cores. Django gives every thread its own connection; a worker closes its connection when it
runs out of work. With one job (and always on SQLite, which has a single writer) the items are
run in the calling thread, inside whatever transaction it holds.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

from django.db import connection, connections

T = TypeVar("T")
R = TypeVar("R")


def jobs_for(requested: int) -> int:
    """How many jobs the database allows: SQLite writes one transaction at a time."""
    return 1 if connection.vendor == "sqlite" else max(1, requested)


class _Queue:
    """Indices of the items still to run; empty for good once a worker has failed."""

    def __init__(self, size: int):
        self._next, self._size, self._lock = 0, size, threading.Lock()
        self.failure: BaseException | None = None

    def take(self) -> int | None:
        with self._lock:
            if self.failure is not None or self._next >= self._size:
                return None
            self._next += 1
            return self._next - 1

    def fail(self, exc: BaseException) -> None:
        with self._lock:
            self.failure = self.failure or exc


def run_all(fn: Callable[[T], R], items: Sequence[T], jobs: int) -> list[R]:
    """`fn` of every item, in the items' order; the first exception of a worker is raised after all stop."""
    jobs = min(jobs_for(jobs), len(items))
    if jobs <= 1:
        return [fn(item) for item in items]
    results: list = [None] * len(items)
    queue = _Queue(len(items))
    threads = [threading.Thread(target=_work, args=(fn, items, results, queue)) for _ in range(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if queue.failure is not None:
        raise queue.failure
    return results


def _work(fn: Callable, items: Sequence, results: list, queue: _Queue) -> None:
    try:
        while (index := queue.take()) is not None:
            results[index] = fn(items[index])
    except BaseException as exc:  # handed to the calling thread, which raises it
        queue.fail(exc)
    finally:
        connections.close_all()
