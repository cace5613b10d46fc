"""What the benchmark scripts share: the median of repeated wall-clock runs."""
from __future__ import annotations

import statistics
import time


def median_time(fn, n: int) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
