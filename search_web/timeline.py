"""The timeline: documents over time as an inline SVG that fits its column at any width, one bar a
month for a span of a few years, a quarter or a year for longer ones, its axis labelled by year.

Every period between the first and the last one counted gets a slot, so gaps show as gaps. The
bars are links for a pointer but not Tab stops (a 20-year span would put hundreds of them before
the first hit): the same links follow as a list, one Tab stop closed, for a keyboard or a screen
reader. A month's bar filters to its month; a quarter's or a year's to its range of months; each
keeps the other filters, and the bar already chosen widens again. The geometry is computed here,
in viewBox units, so the template only prints rectangles.
"""

from collections.abc import Callable
from dataclasses import dataclass

from indexer.facets import NONE
from indexer.models import FacetValue
from indexer.titles import documents

SLOT = 10
BAR = 8
HEIGHT = 40
# A shorter span is widened to this many months, so one month is a bar, not a block.
MIN_SLOTS = 12
# Spans up to this many months get a bar a month; up to QUARTERS_UP_TO a bar a quarter; longer, a year.
MONTHS_UP_TO = 48
QUARTERS_UP_TO = 16 * 12
# At most this many year labels on the axis (every other year, every fifth, ... past it).
AXIS_LABELS = 8
# A bar never shrinks below this, so a period with one document among thousands can still be clicked.
MIN_HEIGHT = 2


@dataclass(frozen=True)
class Period:
    """A bar's span: its first and last month, and how it is named."""

    first: str
    last: str
    name: str


@dataclass(frozen=True)
class Bar:
    period: Period
    count: int
    x: int
    y: float
    height: float
    url: str
    selected: bool
    description: str
    width: int = BAR


@dataclass(frozen=True)
class Tick:
    year: str
    percent: float  # where along the axis the year starts

    @property
    def anchor(self) -> str:
        """Which end of its label stands at the tick: one near the right edge ends there, inside the axis."""
        return "end" if self.percent > 90 else "start"


@dataclass(frozen=True)
class Timeline:
    bars: list[Bar]
    width: int
    unit: str  # "month", "quarter" or "year"
    ticks: list[Tick]
    height: int = HEIGHT

    @property
    def caption(self) -> str:
        return f"Documents per {self.unit}"


def _number(month: str) -> int:
    year, number = month.split("-")
    return int(year) * 12 + int(number) - 1


def _month(number: int) -> str:
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


def months(first: str, last: str) -> list[str]:
    """Every month from `first` to `last` (YYYY-MM), widened evenly to at least MIN_SLOTS months."""
    start, end = _number(first), _number(last)
    missing = max(0, MIN_SLOTS - (end - start + 1))
    return [_month(number) for number in range(start - missing // 2, end + missing - missing // 2 + 1)]


def _periods(first: str, last: str) -> tuple[str, list[Period]]:
    """The unit of a span's bars, and its periods from the one holding `first` to the one holding `last`."""
    start, end = _number(first), _number(last)
    if end - start < MONTHS_UP_TO:
        return "month", [Period(month, month, month) for month in months(first, last)]
    size, unit = (3, "quarter") if end - start < QUARTERS_UP_TO else (12, "year")
    periods = []
    for begin in range(start - start % size, end + 1, size):
        year = begin // 12
        name = f"{year} Q{begin % 12 // 3 + 1}" if size == 3 else f"{year}"
        periods.append(Period(_month(begin), _month(begin + size - 1), name))
    return unit, periods


def _ticks(periods: list[Period]) -> list[Tick]:
    starts = [(slot, period.first[:4]) for slot, period in enumerate(periods)
              if slot == 0 or period.first[:4] != periods[slot - 1].first[:4]]
    step = 1
    while len(starts[::step]) > AXIS_LABELS:
        step = {1: 2, 2: 5}.get(step, step * 2)
    return [Tick(year, round(100 * slot / len(periods), 2)) for slot, year in starts[::step]]


def timeline(values: list[FacetValue], url: Callable[[Period], str],
             selected: Callable[[Period], bool]) -> Timeline | None:
    """Bars for a month facet's counted values; `url(period)` is where a click on a bar goes, and
    `selected(period)` whether the search is narrowed to it."""
    counted = {value.value: value.count for value in values if value.value != NONE and value.count}
    if not counted:
        return None
    unit, periods = _periods(min(counted), max(counted))
    totals = [sum(count for month, count in counted.items() if period.first <= month <= period.last)
              for period in periods]
    tallest = max(totals)
    bars = []
    for slot, (period, count) in enumerate(zip(periods, totals)):
        if count:
            height = max(MIN_HEIGHT, round(HEIGHT * count / tallest, 1))
            chosen = selected(period)
            bars.append(Bar(period=period, count=count, x=slot * SLOT + (SLOT - BAR) // 2,
                            y=round(HEIGHT - height, 1), height=height, url=url(period), selected=chosen,
                            description=f"{period.name}: {documents(count)}{', selected' if chosen else ''}"))
    return Timeline(bars=bars, width=len(periods) * SLOT, unit=unit, ticks=_ticks(periods))
