"""Running ingest work in several threads (crime.workers): results in order, failures not lost."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from beatbook.crime.workers import jobs_for, run_all


def test_results_come_back_in_the_items_order():
    assert run_all(lambda n: n * n, list(range(20)), jobs=3) == [n * n for n in range(20)]


@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite runs one job, in the calling thread")
def test_a_failure_in_a_worker_is_raised_and_no_further_item_is_started():
    failed, ran = threading.Event(), []

    def work(n: int) -> int:
        if n == 2:
            failed.set()
            raise ValueError("item 2")
        assert failed.wait(timeout=60)  # items 0 and 1, started beside item 2, end after it fails
        ran.append(n)
        return n

    with pytest.raises(ValueError, match="item 2"):
        run_all(work, list(range(50)), jobs=3)
    assert sorted(ran) == [0, 1]


def test_sqlite_runs_one_at_a_time_in_the_calling_thread():
    threads = run_all(lambda _: threading.get_ident(), [1, 2, 3], jobs=4)
    if connection.vendor == "sqlite":
        assert jobs_for(4) == 1 and set(threads) == {threading.get_ident()}
    else:
        assert jobs_for(4) == 4 and threading.get_ident() not in threads
