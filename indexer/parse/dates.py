"""Dates and months as filers write them ("November 27, 2002", "27 Nov. 2002", "11/27/02", "March, 2003")."""

import datetime
import re

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
MONTH_NAME = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_YEAR = r"(?:19|20)\d{2}"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
DATE = re.compile(
    rf"\b(?P<m1>{MONTH_NAME})\s*(?P<d1>{_DAY})\s*,?\s*(?P<y1>{_YEAR})\b"
    rf"|\b(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m2>{MONTH_NAME}),?\s+(?P<y2>{_YEAR})\b"
    rf"|\b(?P<y3>{_YEAR})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}})\b"
    rf"|(?<![\d/-])(?P<m4>\d{{1,2}})(?P<sep>[/-])(?P<d4>\d{{1,2}})(?P=sep)(?P<y4>{_YEAR}|\d{{2}})(?![\d/-])",
    re.IGNORECASE,
)
# "March 2003", "March 31, 2003", "31 March 2003", "the 31st of March, 2003", "03/2003".
MONTH_YEAR = re.compile(
    rf"\b(?:(?:the\s+)?{_DAY}\s+(?:of\s+)?)?(?P<m>{MONTH_NAME})\s*,?\s*(?:{_DAY}\s*,?\s*)?(?P<y>{_YEAR})\b"
    rf"|\b(?P<m2>\d{{1,2}})[/-](?P<y2>{_YEAR})\b",
    re.IGNORECASE,
)
_FOR_THE_MONTH = re.compile(r"\b(?:for\s+the\s+)?month\s+(?:of|ended|ending)\s*[:\-]?\s*", re.IGNORECASE)


def _month_number(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")[:3]]


def _year(text: str) -> int:
    year = int(text)
    if year < 100:
        year += 2000 if year < 50 else 1900
    return year


def iso_date(year: int, month: int, day: int) -> str | None:
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def compact_date(value: str | None) -> str | None:
    """EDGAR header dates: '20231114' -> '2023-11-14'."""
    if value and re.fullmatch(r"\d{8}", value):
        return iso_date(int(value[:4]), int(value[4:6]), int(value[4 + 2 :]))
    return None


def date_from_match(match: re.Match) -> str | None:
    groups = match.groupdict()
    if groups["m1"]:
        return iso_date(int(groups["y1"]), _month_number(groups["m1"]), int(re.match(r"\d+", groups["d1"])[0]))
    if groups["m2"]:
        return iso_date(int(groups["y2"]), _month_number(groups["m2"]), int(re.match(r"\d+", groups["d2"])[0]))
    if groups["y3"]:
        return iso_date(int(groups["y3"]), int(groups["m3"]), int(groups["d3"]))
    return iso_date(_year(groups["y4"]), int(groups["m4"]), int(groups["d4"]))


def first_date(text: str) -> str | None:
    """The first valid date written anywhere in the text."""
    for match in DATE.finditer(text):
        found = date_from_match(match)
        if found:
            return found
    return None


def month_of(text: str) -> str | None:
    """The month a report covers, from "For the month of November 2002" and its many spellings."""
    for lead in _FOR_THE_MONTH.finditer(text):
        match = MONTH_YEAR.match(text, lead.end())
        if match:
            if match.group("m"):
                return f"{int(match.group('y')):04d}-{_month_number(match.group('m')):02d}"
            month = int(match.group("m2"))
            if 1 <= month <= 12:
                return f"{int(match.group('y2')):04d}-{month:02d}"
    return None


_PERIOD_ENDED = re.compile(
    r"\bfor\s+the\s+(?:fiscal\s+)?(?:year|quarter|quarterly\s+period|period|(?:three|six|nine|twelve)\s+months)"
    r"\s+ended\s*:?\s*",
    re.IGNORECASE,
)
_DATE_OF_REPORT = re.compile(r"date\s+of\s+report", re.IGNORECASE)


def period_of(text: str) -> str | None:
    """The period a report covers, as its cover states it: "For the fiscal year ended
    December 31, 2022", or an 8-K's "Date of Report (Date of earliest event reported)"."""
    for lead in _DATE_OF_REPORT.finditer(text):
        after = DATE.search(text, lead.end(), lead.end() + 120)
        found = date_from_match(after) if after else None
        if not found:
            before = list(DATE.finditer(text, max(0, lead.start() - 80), lead.start()))
            found = date_from_match(before[-1]) if before else None
        if found:
            return found
    for lead in _PERIOD_ENDED.finditer(text):
        match = DATE.match(text, lead.end())
        if match and date_from_match(match):
            return date_from_match(match)
    return None
