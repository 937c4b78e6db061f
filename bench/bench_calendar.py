"""Benchmark of the time arithmetic core (reclamo.domain.calendar) against its Python peers.

Run: ``uv run python bench/bench_calendar.py`` (needs the ``bench`` dependency group:
workalendar and businesstimedelta). One run prints calls per second (median of several repeats,
caches warmed first, as in a running server) and the ratio against each peer for:

* a 30-day term with the T-2 roll (T-1, T-2), Slovak holidays, Europe/Bratislava;
* a 3-month term with the roll (T-3, T-2), same calendar;
* 2 working hours added on the PC-4 schedule (Mon–Sat 09:00–18:00, Slovak holidays closed, T-5).

Equal work: every peer starts from the same aware instant and must answer the same aware instant
(the end of the last day, 23:59:59 local, or the working-time deadline); the answers are
asserted equal on the whole sample before anything is timed. Peers do what their API offers and
the rest with plain Python: workalendar has no working-hours API, so its T-5 figure is the obvious
day loop over its own holiday table; businesstimedelta counts days through a Mon–Fri 00:00–24:00
rule with a holiday rule (its "next working period"), months with ``dateutil``.

Then our own figures: the PN-6 schedule (Mon–Sun 09:00–21:00, Bucharest) for 2 h and 200 h, and
with a new schedule for every call (cold caches, why ``working_schedule()`` caches them).
"""

from __future__ import annotations

import random
import statistics
import sys
import time as clock
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays as holidays_package
import pytz  # type: ignore[import-untyped]
from businesstimedelta import BusinessTimeDelta, HolidayRule, Rules, WorkDayRule
from dateutil.relativedelta import relativedelta  # type: ignore[import-untyped]
from workalendar.europe import Slovakia

from reclamo.domain.calendar import (
    WorkingSchedule,
    days_after,
    holiday_calendar,
    months_after,
)

REPEATS = 7
CALLS = 20_000
# businesstimedelta answers about a thousand calls a second: compare on fewer starts.
COMPARED_CALLS = 3_000
BUCHAREST = "Europe/Bucharest"
BRATISLAVA = "Europe/Bratislava"
END_OF_DAY = time(23, 59, 59)

Answer = Callable[[datetime], datetime]


def random_starts(count: int, seed: int) -> list[datetime]:
    """Random aware instants over 2026–2027, expressed in Europe/Bucharest."""
    rng = random.Random(seed)
    zone = ZoneInfo(BUCHAREST)
    base = datetime(2026, 1, 1, tzinfo=UTC)
    span = 2 * 365 * 86_400
    return [
        (
            base + timedelta(seconds=rng.randrange(span), microseconds=rng.randrange(1_000_000))
        ).astimezone(zone)
        for _ in range(count)
    ]


def run_once(answer: Answer, starts: Sequence[datetime]) -> float:
    """Calls per second of one pass of ``answer`` over ``starts``."""
    began = clock.perf_counter()
    for start in starts:
        answer(start)
    return len(starts) / (clock.perf_counter() - began)


def rates(answers: dict[str, Answer], starts: Sequence[datetime]) -> dict[str, float]:
    """Median calls per second of each answer; the passes are interleaved, so a change in the
    machine's load during the run weighs on every implementation alike."""
    for answer in answers.values():
        run_once(answer, starts)  # warm every cache
    passes: dict[str, list[float]] = {who: [] for who in answers}
    for _ in range(REPEATS):
        for who, answer in answers.items():
            passes[who].append(run_once(answer, starts))
    return {who: statistics.median(figures) for who, figures in passes.items()}


def agree(name: str, answers: dict[str, Answer], starts: Sequence[datetime]) -> None:
    """Every implementation gives the same instant for every start (compared in UTC)."""
    for start in starts:
        results = {who: answer(start).astimezone(UTC) for who, answer in answers.items()}
        if len(set(results.values())) != 1:
            raise AssertionError(f"{name}: answers differ for {start.isoformat()}: {results}")


def compare(name: str, answers: dict[str, Answer], starts: Sequence[datetime]) -> None:
    agree(name, answers, starts)
    figures = rates(answers, starts)
    ours = figures.pop("reclamo")
    ratios = "  ".join(
        f"{ours / peer:5.2f}x {who} ({peer:,.0f} /s)" for who, peer in figures.items()
    )
    print(f"{name:<42} {ours:>10,.0f} /s   {ratios}")


# --- workalendar --------------------------------------------------------------------------------


class SlovakiaAsHolidays(Slovakia):  # type: ignore[misc]
    """Workalendar's Slovakia with the ``holidays`` package's dates, so both count the same days.

    Their data differ (workalendar keeps 8 May as a day off in 2026; ``holidays`` does not).
    Workalendar caches a year's list either way, so the source does not change its speed.
    """

    def get_calendar_holidays(self, year: int) -> list[tuple[date, str]]:
        return sorted(holidays_package.country_holidays("SK", years=year).items())


def workalendar_answers(zone: ZoneInfo) -> tuple[Answer, Answer, Answer]:
    calendar = SlovakiaAsHolidays()

    def end_of(day: date) -> datetime:
        # find_following_working_day() skips weekends only; the first working day after the
        # day before is the next working day on or after it, holidays included.
        rolled = calendar.add_working_days(day - timedelta(days=1), 1)
        return datetime.combine(rolled, END_OF_DAY, tzinfo=zone)

    def thirty_days(start: datetime) -> datetime:
        return end_of(start.astimezone(zone).date() + timedelta(days=30))

    def three_months(start: datetime) -> datetime:
        return end_of(start.astimezone(zone).date() + relativedelta(months=3))

    def two_working_hours(start: datetime) -> datetime:
        # No working-hours API: walk the days, Mon–Sat 09:00–18:00 minus its holidays.
        left = timedelta(hours=2)
        local = start.astimezone(zone)
        day = local.date()
        while True:
            if day.weekday() < 6 and not calendar.is_holiday(day):
                opens = datetime.combine(day, time(9), tzinfo=zone)
                closes = datetime.combine(day, time(18), tzinfo=zone)
                begin = max(opens, local)
                if begin < closes:
                    if closes - begin >= left:
                        return begin + left
                    left -= closes - begin
            day += timedelta(days=1)

    return thirty_days, three_months, two_working_hours


# --- businesstimedelta --------------------------------------------------------------------------


def businesstimedelta_answers(zone: ZoneInfo) -> tuple[Answer, Answer, Answer]:
    tz = pytz.timezone(BRATISLAVA)
    sk_holidays = HolidayRule(holidays_package.country_holidays("SK"), tz=tz)
    working_days = Rules(
        [WorkDayRule(time(0), time(23, 59, 59), working_days=[0, 1, 2, 3, 4], tz=tz), sk_holidays]
    )
    pc4 = Rules([WorkDayRule(time(9), time(18), working_days=list(range(6)), tz=tz), sk_holidays])
    two_hours = BusinessTimeDelta(pc4, hours=2)

    def end_of(day: date) -> datetime:
        midnight = tz.localize(datetime.combine(day, time(0)))
        rolled = working_days.next(midnight)[0].date()
        return datetime.combine(rolled, END_OF_DAY, tzinfo=zone)

    def thirty_days(start: datetime) -> datetime:
        return end_of(start.astimezone(zone).date() + timedelta(days=30))

    def three_months(start: datetime) -> datetime:
        return end_of(start.astimezone(zone).date() + relativedelta(months=3))

    def two_working_hours(start: datetime) -> datetime:
        due: datetime = start + two_hours
        return due

    return thirty_days, three_months, two_working_hours


# --- reclamo ------------------------------------------------------------------------------------


def reclamo_answers() -> tuple[Answer, Answer, Answer]:
    sk = holiday_calendar("SK")
    pc4 = WorkingSchedule(
        [(day, time(9), time(18)) for day in range(6)], time_zone=BRATISLAVA, holidays=sk
    )
    two_hours = timedelta(hours=2)

    def thirty_days(start: datetime) -> datetime:
        return days_after(start, 30, time_zone=BRATISLAVA, roll_to_working_day=True, holidays=sk)

    def three_months(start: datetime) -> datetime:
        return months_after(start, 3, time_zone=BRATISLAVA, roll_to_working_day=True, holidays=sk)

    def two_working_hours(start: datetime) -> datetime:
        return pc4.add(start, two_hours)

    return thirty_days, three_months, two_working_hours


def own_figures(starts: Sequence[datetime]) -> None:
    windows = [(day, time(9), time(21)) for day in range(7)]
    pn6 = WorkingSchedule(windows, time_zone=BUCHAREST)
    two_hours = timedelta(hours=2)
    long_duration = timedelta(hours=200)
    for name, answer, sample in (
        ("WorkingSchedule.add(2 h), PN-6 schedule", lambda s: pn6.add(s, two_hours), starts),
        ("WorkingSchedule.add(200 h), PN-6 schedule", lambda s: pn6.add(s, long_duration), starts),
        (
            "new WorkingSchedule + add(2 h), cold caches",
            lambda s: WorkingSchedule(windows, time_zone=BUCHAREST).add(s, two_hours),
            starts[:2_000],
        ),
    ):
        print(f"{name:<42} {rates({name: answer}, sample)[name]:>10,.0f} /s")


def main() -> None:
    zone = ZoneInfo(BRATISLAVA)
    starts = random_starts(CALLS, seed=6)
    print(f"Python {sys.version.split()[0]}, median of {REPEATS} runs, caches warmed")
    print(
        f"reclamo vs peers on {COMPARED_CALLS:,} distinct starts "
        "(same inputs, same answers; ratio > 1: reclamo is faster)"
    )
    ours = reclamo_answers()
    workalendar = workalendar_answers(zone)
    btd = businesstimedelta_answers(zone)
    names = (
        "days_after(30 d, T-2 roll, SK)",
        "months_after(3 months, T-2 roll, SK)",
        "add(2 working hours, PC-4, SK holidays)",
    )
    for index, name in enumerate(names):
        answers = {
            "reclamo": ours[index],
            "workalendar": workalendar[index],
            "businesstimedelta": btd[index],
        }
        compare(name, answers, starts[:COMPARED_CALLS])
    print(f"reclamo alone, {CALLS:,} distinct starts")
    own_figures(starts)


if __name__ == "__main__":
    main()
