"""What the calendar tests share: the providers' zones and PN-6's working schedule."""

from __future__ import annotations

from datetime import time, timedelta
from zoneinfo import ZoneInfo

from reclamo.domain.calendar import WorkingSchedule

BUCHAREST = "Europe/Bucharest"
BRATISLAVA = "Europe/Bratislava"
BUC = ZoneInfo(BUCHAREST)
BTS = ZoneInfo(BRATISLAVA)
HOURS_2 = timedelta(hours=2)


def pn6_schedule() -> WorkingSchedule:
    """PN-6: Mon–Sun 09:00–21:00, Europe/Bucharest, public holidays are ordinary days."""
    return WorkingSchedule([(day, time(9), time(21)) for day in range(7)], time_zone=BUCHAREST)
