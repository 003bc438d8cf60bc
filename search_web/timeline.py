"""The timeline: documents per month as inline SVG bars, each a link that filters to its month.

Every month between the first and the last one counted gets a slot, so gaps show as gaps. The
geometry is computed here, in viewBox units, so the template only prints rectangles.
"""

from collections.abc import Callable
from dataclasses import dataclass

from indexer.facets import NONE
from indexer.models import FacetValue

from .labels import documents

SLOT = 10
BAR = 8
HEIGHT = 40
# A shorter span is widened to this many months, so one month is a bar, not a block.
MIN_SLOTS = 12
# The least screen width of a month: a long span scrolls sideways rather than thinning its bars
# below what a finger or a pointer can hit.
MONTH_PIXELS = 10
# A bar never shrinks below this, so a month with one document among thousands can still be clicked.
MIN_HEIGHT = 2


@dataclass(frozen=True)
class Bar:
    month: str
    count: int
    x: int
    y: float
    height: float
    url: str
    selected: bool
    description: str
    width: int = BAR


@dataclass(frozen=True)
class Timeline:
    bars: list[Bar]
    width: int
    pixels: int
    axis: list[str]  # the first and the last month
    height: int = HEIGHT


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


def timeline(values: list[FacetValue], url: Callable[[str], str]) -> Timeline | None:
    """Bars for a month facet's counted values; `url(month)` is where a click on a bar goes."""
    counted = {value.value: value for value in values if value.value != NONE and value.count}
    if not counted:
        return None
    slots = months(min(counted), max(counted))
    tallest = max(value.count for value in counted.values())
    bars = []
    for slot, month in enumerate(slots):
        if value := counted.get(month):
            height = max(MIN_HEIGHT, round(HEIGHT * value.count / tallest, 1))
            selection = ", selected" if value.selected else ""
            bars.append(Bar(month=month, count=value.count, x=slot * SLOT + (SLOT - BAR) // 2,
                            y=round(HEIGHT - height, 1), height=height, url=url(month), selected=value.selected,
                            description=f"{month}: {documents(value.count)}{selection}"))
    return Timeline(bars=bars, width=len(slots) * SLOT, pixels=len(slots) * MONTH_PIXELS, axis=[slots[0], slots[-1]])
