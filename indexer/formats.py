"""How months, years, dates and accession numbers are written, wherever one is read: a document's fields, a search's
filters, the query language's `month:` terms, the help and the messages that tell a user how."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Written:
    name: str
    shape: str  # as a user reads it: YYYY-MM
    pattern: str  # a regular expression, unanchored so that others can build on it

    @property
    def anchored(self) -> str:
        return rf"^{self.pattern}$"

    @property
    def hint(self) -> str:
        """What a user who wrote one otherwise needs to hear."""
        return f"{self.name}s are written {self.shape}"


# Written with the digits 0-9 only: \d (in Python's re and in pydantic's patterns) and int() take
# any script's digits, and int() underscores, so "١٠" or "1_0" would be read as 10 and a month in
# Arabic-Indic digits pass and match nothing.
YEAR = Written("year", "YYYY", "[0-9]{4}")
MONTH = Written("month", "YYYY-MM", rf"{YEAR.pattern}-(?:0[1-9]|1[0-2])")
DATE = Written("date", "YYYY-MM-DD", rf"{YEAR.pattern}-[0-9]{{2}}-[0-9]{{2}}")
# An instant, to the second, in UTC: when a reindex added or last changed a document (`indexed`).
INSTANT = Written("timestamp", "YYYY-MM-DDTHH:MM:SSZ", rf"{DATE.pattern}T[0-9]{{2}}:[0-9]{{2}}:[0-9]{{2}}Z")
# A span of years back from today, as a filing-date preset names it (5y: the last five years).
YEARS_BACK = Written("span of years", "Ny", "[1-9][0-9]?y")
# An accession number, with or without its dashes: the filer's CIK, the year, the filing's number.
ACCESSION_NUMBER = r"^([0-9]{10})-?([0-9]{2})-?([0-9]{6})$"
