"""Time arithmetic of the complaint procedures: holidays, working hours and periods (T-1…T-6).

Pure Python (no Django). Every function that takes an instant refuses a naive ``datetime``
(T-6) and every instant it returns is aware, expressed in the policy's time zone (``zoneinfo``).

Readings adopted here (see ``shared/spec/procedures.md``):

* **Periods in days** (T-1) count calendar days on the *local* date of the event in the policy's
  zone; the event's own day is not counted and the period ends at 23:59:59 local time of its last
  day. **Roll-forward** (T-2) moves a last day that is a Saturday, Sunday or a public holiday of
  the given :class:`HolidayCalendar` to the next working day.
* **Periods in months** (T-3) end on the same day number of the later month, clipped to that
  month's last day (2026-11-30 + 3 months → 2027-02-28), then T-2 applies.
* **Periods in hours** (T-4) are exact elapsed time: the arithmetic is done in UTC, so 24 hours
  across a DST change show a different wall-clock hour.
* **Working hours** (T-5) count only real elapsed time inside weekly wall-clock windows, skipping
  closed dates and, when the schedule is given a :class:`HolidayCalendar`, public holidays (PC-4
  reading). Without one, public holidays are ordinary days (PN-6 reading). A clock started outside
  a window starts at the next window's opening; adding a zero duration returns the start itself.
  A result that exhausts a window exactly is that window's end (PN-6: 20:30 + 2 h → 10:30 the
  next day, not 21:00 + 0).

Wall-clock windows and DST:

* A window is local wall-clock time ``[opens, closes)`` on its weekday. **24:00** (end of day) is
  written ``closes=None``; ``closes=time(0, 0)`` is accepted as an alias and normalised to
  ``None`` (a window cannot close before it opens, so 00:00 as a closing time can only mean
  24:00). A non-stop schedule is seven windows ``00:00–24:00``. Windows crossing midnight must be
  split in two; overlapping or touching windows of one day are merged.
* A wall-clock time is mapped to **the first instant at which the local clock shows that time or
  later**. So a window opening (or closing) in a spring-forward gap opens (closes) at the end of
  the gap, i.e. the transition instant; a time in a fall-back fold maps to its first occurrence.
  A window therefore lasts the real time between those two instants: 09:00–21:00 is 12 h on any
  day in Europe, 00:00–24:00 is 23 h or 25 h on the change days.

Comparing results: a returned instant in a fall-back hour (e.g. 03:30 on 2026-10-25 in
Bucharest) is ambiguous as a wall time, and Python's ``==`` between datetimes of *different*
zones is always False for it (PEP 495); ``<``/``>`` are fine. Compare such instants in UTC
(``a.astimezone(UTC) == b.astimezone(UTC)``), and never do ``+ timedelta`` on a zoned result
(that is wall-clock arithmetic): use these functions or convert to UTC first.

Range (``limits.py``): instants from 1970-01-01T00:00:00Z to 2100-12-31T23:59:59.999999Z, the
years the public-holiday data covers. An instant outside it, a holiday year the ``holidays``
package does not know for the country, or a deadline that would fall outside it is refused with
:class:`~reclamo.domain.errors.OutOfRange` (``code="out_of_range"``), never another exception.

Speed: a period in days or months is two table lookups (``periods.py``): the next working day on
or after a day comes from a byte table per block of days of the :class:`HolidayCalendar`, and
each zone keeps the 23:59:59 instant of every local day it was asked for. For working hours,
per-weekday windows are precomputed; each local day is resolved once to UTC instants (integer
microseconds since the epoch) and cached on the schedule, as is the open time of each whole
week, so :meth:`WorkingSchedule.add` jumps window to window and skips whole weeks. Build a
schedule once per policy version and reuse it (:func:`working_schedule` caches them). Every cache
is bounded (``limits.py``), so no stream of distinct instants grows the process without end.

Modules: ``zones`` (aware instants, wall clock ↔ UTC), ``holidays`` (T-2), ``windows`` and
``working_hours`` (T-5), ``periods`` (T-1…T-4), ``limits`` (the range and the cache bounds).
"""

from __future__ import annotations

from reclamo.domain.calendar.holidays import HolidayCalendar, holiday_calendar
from reclamo.domain.calendar.limits import EARLIEST, FIRST_YEAR, LAST_YEAR, LATEST
from reclamo.domain.calendar.periods import (
    days_after,
    first_of_next_month,
    hours_after,
    months_after,
    months_later,
)
from reclamo.domain.calendar.windows import WeeklyWindow, WindowSpec
from reclamo.domain.calendar.working_hours import WorkingSchedule, working_schedule
from reclamo.domain.calendar.zones import get_zone, require_aware, require_representable

__all__ = [
    "EARLIEST",
    "FIRST_YEAR",
    "LAST_YEAR",
    "LATEST",
    "HolidayCalendar",
    "WeeklyWindow",
    "WindowSpec",
    "WorkingSchedule",
    "days_after",
    "first_of_next_month",
    "get_zone",
    "holiday_calendar",
    "hours_after",
    "months_after",
    "months_later",
    "require_aware",
    "require_representable",
    "working_schedule",
]
