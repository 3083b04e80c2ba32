"""How many filings there are per status in each slice of the register a reviewer's queue can
ask for, kept by a database trigger in the same transaction as every change of a filing
(migration register/0007): the queue's per-status counts read a few dozen rows instead of
scanning the jurisdiction (bench/regulator_queue.py).

`member_state` is one of the filing's member states, or "*" for the filing itself (every filing
has exactly one "*" row, so sums over "*" count each filing once)."""

from __future__ import annotations

from django.db import models

ALL_STATES = "*"


class QueueCount(models.Model):
    member_state = models.CharField(max_length=2)
    kind = models.CharField(max_length=32)
    restricted = models.BooleanField()
    annex_iii_area = models.CharField(max_length=8)
    risk_tier = models.CharField(max_length=32)
    status = models.CharField(max_length=20)
    n = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "member_state",
                    "kind",
                    "restricted",
                    "annex_iii_area",
                    "risk_tier",
                    "status",
                ],
                name="queue_count_slice",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member_state} {self.kind} {self.status}: {self.n}"
