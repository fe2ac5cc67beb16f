"""A per-reader budget: each reader may send ``burst`` requests at once and then ``per_minute`` a
minute (a token bucket).  Over budget, the first request gets a short "slow down" and the rest are
dropped until the bucket refills, so one reader flooding costs the others almost nothing."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from enum import Enum
from typing import Callable

__all__ = ["Budget", "Verdict"]


class Verdict(Enum):
    ALLOW = "allow"
    SLOW_DOWN = "slow down"  # over budget: say so once
    DROP = "drop"  # over budget, already told


@dataclass
class _Bucket:
    tokens: float
    updated: float
    told: bool = False


@dataclass
class Budget:
    burst: int = 5
    per_minute: float = 20.0
    clock: Callable[[], float] = time.monotonic
    max_readers: int = 100_000  # full buckets are forgotten beyond this many readers
    _buckets: dict[int, _Bucket] = field(default_factory=dict, repr=False)

    def take(self, reader: int) -> Verdict:
        now = self.clock()
        bucket = self._buckets.get(reader)
        if bucket is None:
            if len(self._buckets) >= self.max_readers:
                self._forget_full(now)
            bucket = self._buckets[reader] = _Bucket(float(self.burst), now)
        bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.updated) * self.per_minute / 60.0)
        bucket.updated = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            bucket.told = False
            return Verdict.ALLOW
        if bucket.told:
            return Verdict.DROP
        bucket.told = True
        return Verdict.SLOW_DOWN

    def wait_seconds(self, reader: int) -> int:
        """Seconds until the reader may ask again."""
        bucket = self._buckets.get(reader)
        if bucket is None or bucket.tokens >= 1.0:
            return 0
        return max(1, round((1.0 - bucket.tokens) * 60.0 / self.per_minute))

    def _forget_full(self, now: float) -> None:
        for reader, bucket in list(self._buckets.items()):
            if bucket.tokens + (now - bucket.updated) * self.per_minute / 60.0 >= self.burst:
                del self._buckets[reader]
