"""The EDGAR envelope: a submission's header and its <DOCUMENT> blocks.

Reads every variant real archives hold: the `.txt` submission (`<SEC-DOCUMENT>`,
`<SEC-HEADER>` with `KEY: value` lines), the older `<IMS-DOCUMENT>`/`<IMS-HEADER>`,
the `.nc` dissemination format (`<SUBMISSION>` with `<TAG>value` headers), a header
with no documents, and a lone `<DOCUMENT>` (or bare `<TYPE>...<TEXT>`) block, with or
without its `<TEXT>` tag. Text that is none of these is one plain document.
"""

import re
from dataclasses import dataclass, field, replace

from .dates import compact_date

_PEM_START = "-----BEGIN PRIVACY-ENHANCED MESSAGE-----"
_PEM_END = re.compile(r"-----END PRIVACY-ENHANCED MESSAGE-----\s*\Z")
_PEM_HEADER_END = re.compile(r"\n[ \t]*\r?\n")
_ENVELOPE_START = re.compile(
    r"\A\s*(?:<(?:SEC-DOCUMENT|IMS-DOCUMENT|SEC-HEADER|IMS-HEADER|SUBMISSION|DOCUMENT|TYPE|"
    r"ACCEPTANCE-DATETIME|ACCESSION-NUMBER|PRIVATE-TO-PUBLIC)>|ACCESSION NUMBER:)",
    re.IGNORECASE,
)
_DOCUMENT_TAG = re.compile(r"<DOCUMENT>", re.IGNORECASE)
_DOCUMENT_END = re.compile(r"</DOCUMENT>", re.IGNORECASE)
_TEXT_TAG = re.compile(r"<TEXT>", re.IGNORECASE)
_TEXT_END = re.compile(r"</TEXT>", re.IGNORECASE)
_DOC_META = re.compile(r"<(TYPE|SEQUENCE|FILENAME|DESCRIPTION)>[ \t]*([^<\r\n]*)", re.IGNORECASE)
_DOC_META_LINES = re.compile(r"(?:\s*<(?:TYPE|SEQUENCE|FILENAME|DESCRIPTION)>[^<\r\n]*)*", re.IGNORECASE)
_TAG_VALUE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9_-]*)>([^<]*)")
_NC_HEADER = re.compile(r"<(?:ACCESSION-NUMBER|CONFORMED-NAME)>", re.IGNORECASE)
_KEY_VALUE = re.compile(r"^([A-Z][A-Z0-9 ()/&.,'_-]*?):[ \t]*(.*)$")

# Sections of an entity block, as opposed to the entity's role in the filing.
_ENTITY_PARTS = {
    "COMPANY DATA", "OWNER DATA", "FILING VALUES", "BUSINESS ADDRESS", "MAIL ADDRESS",
    "FORMER COMPANY", "FORMER NAME", "SEC HEADER", "IMS HEADER", "SEC DOCUMENT",
    "IMS DOCUMENT", "SUBMISSION", "DOCUMENT",
}
# Whose name is "the company" of a filing: the subject of it before the one filing it.
_ROLE_PRIORITY = ("SUBJECT COMPANY", "ISSUER", "FILER", "ISSUING ENTITY", "DEPOSITOR",
                  "SECURITIZER", "REPORTING OWNER", "FILED BY")
_ACCESSION_KEYS = {"ACCESSION NUMBER"}
_FORM_KEYS = {"CONFORMED SUBMISSION TYPE", "TYPE", "SUBMISSION TYPE"}
_PERIOD_KEYS = {"CONFORMED PERIOD OF REPORT", "PERIOD"}
_FILED_KEYS = {"FILED AS OF DATE", "FILING DATE"}
_NAME_KEYS = {"COMPANY CONFORMED NAME", "CONFORMED NAME"}
_CIK_KEYS = {"CENTRAL INDEX KEY", "CIK"}
# An entity's facts besides its name and CIK, by the attribute of Entity they fill.
_ENTITY_KEYS = {"STANDARD INDUSTRIAL CLASSIFICATION": "sic", "ASSIGNED SIC": "sic",
                "STATE OF INCORPORATION": "incorporated"}
# The address whose state is where an entity is: its business address, not where its mail goes.
_LOCATION = ("BUSINESS ADDRESS", "STATE")
_ITEM_KEYS = {"ITEM INFORMATION", "ITEMS"}
_FORMER_KEYS = {"FORMER CONFORMED NAME"}


@dataclass(frozen=True)
class Entity:
    role: str
    name: str
    cik: str | None = None
    sic: str | None = None  # as the header writes it: "SERVICES-PREPACKAGED SOFTWARE [7372]", or "7372"
    incorporated: str | None = None  # EDGAR's state or country code
    location: str | None = None  # the business address's state or country code
    former_names: tuple[str, ...] = ()  # the names it filed under before, as its FORMER COMPANY blocks list them


@dataclass(frozen=True)
class Header:
    accession: str | None = None
    form_type: str | None = None
    filed: str | None = None
    period: str | None = None
    entities: tuple[Entity, ...] = ()
    items: tuple[str, ...] = ()  # an 8-K's items, as the header states them: names, or codes (.nc)
    text: str = ""

    @property
    def principal(self) -> Entity | None:
        """The entity a filing is about: its subject company or issuer, else its filer."""
        for role in _ROLE_PRIORITY:
            for entity in self.entities:
                if entity.role == role:
                    return entity
        return self.entities[0] if self.entities else None


@dataclass(frozen=True)
class RawDocument:
    position: int
    text: str
    type: str | None = None
    sequence: str | None = None
    filename: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Envelope:
    header: Header | None
    documents: list[RawDocument] = field(default_factory=list)
    submission: bool = False


def _norm_key(key: str) -> str:
    return re.sub(r"[\s_-]+", " ", key).strip().upper()


def _strip_pem(text: str) -> str:
    """The message inside a PEM wrapper: its header's lines end at the first blank line, and the
    message need not be a tagged submission (a 1990s exhibit may be bare text)."""
    if text.lstrip().startswith(_PEM_START):
        blank = _PEM_HEADER_END.search(text)
        text = text[blank.end() :] if blank else ""
        text = _PEM_END.sub("", text)
    return text


def split(text: str) -> Envelope:
    """Split a file's text into its header and documents."""
    text = _strip_pem(text)
    if not _ENVELOPE_START.match(text):
        return Envelope(header=None, documents=[RawDocument(position=1, text=text)])
    first = _DOCUMENT_TAG.search(text)
    if first is None and re.match(r"\s*<TYPE>", text, re.IGNORECASE):
        return Envelope(header=None, documents=[_document(1, text)], submission=True)
    header_part = text[: first.start()] if first else text
    starts = [m.end() for m in _DOCUMENT_TAG.finditer(text)]
    documents = []
    for position, start in enumerate(starts, 1):
        end = starts[position] - len("<DOCUMENT>") if position < len(starts) else len(text)
        documents.append(_document(position, text[start:end]))
    return Envelope(header=_header(header_part), documents=documents, submission=True)


def _document(position: int, block: str) -> RawDocument:
    closing = _DOCUMENT_END.search(block)
    if closing:
        block = block[: closing.start()]
    opening = _TEXT_TAG.search(block)
    if opening:
        meta_part, content = block[: opening.start()], block[opening.end() :]
    else:
        # No <TEXT> tag: the text is whatever follows the metadata lines.
        split_at = _DOC_META_LINES.match(block).end()
        meta_part, content = block[:split_at], block[split_at:]
    ends = list(_TEXT_END.finditer(content))
    if ends:
        content = content[: ends[-1].start()]
    meta = {}
    for match in _DOC_META.finditer(meta_part):
        meta.setdefault(match.group(1).lower(), match.group(2).strip() or None)
    return RawDocument(position=position, text=content, **meta)


class _HeaderReader:
    """Collects header values and entities from either header syntax."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self.entities: list[Entity] = []
        self.items: list[str] = []

    def top(self, key: str, value: str) -> None:
        if value:
            self.values.setdefault(key, value)

    def name(self, role: str, value: str) -> None:
        if value:
            self.entities.append(Entity(role=role, name=value))

    def cik(self, value: str) -> None:
        self.fact("cik", value)

    def fact(self, attribute: str, value: str) -> None:
        """A fact of the entity last named, kept as first stated."""
        if self.entities and value and getattr(self.entities[-1], attribute) is None:
            self.entities[-1] = replace(self.entities[-1], **{attribute: value})

    def entity_key(self, key: str, value: str, part: str | None) -> bool:
        """Take an entity's SIC, state of incorporation, location or a former name; whether `key` was one."""
        if key in _FORMER_KEYS:
            if self.entities and value and value not in self.entities[-1].former_names:
                last = self.entities[-1]
                self.entities[-1] = replace(last, former_names=(*last.former_names, value))
        elif key in _ENTITY_KEYS:
            self.fact(_ENTITY_KEYS[key], value)
        elif (part, key) == _LOCATION:
            self.fact("location", value)
        else:
            return False
        return True

    def value(self, keys: set[str]) -> str | None:
        for key in keys:
            if key in self.values:
                return self.values[key]
        return None


def _read_key_lines(part: str, reader: _HeaderReader) -> None:
    role = "FILER"
    section = None
    for line in part.splitlines():
        stripped = line.strip()
        tag = re.fullmatch(r"<(/?)([A-Za-z][A-Za-z0-9_-]*)>(.*)", stripped)
        if tag:
            name, value = _norm_key(tag.group(2)), tag.group(3).strip()
            if not value and name not in _ENTITY_PARTS:
                role = "FILER" if tag.group(1) else name
            continue
        match = _KEY_VALUE.match(stripped)
        if not match:
            continue
        key, value = _norm_key(match.group(1)), match.group(2).strip()
        if not value and (key in _ENTITY_PARTS or not line[:1].isspace()):
            section = key
        if not value and not line[:1].isspace() and key not in _ENTITY_PARTS:
            role = key
        elif key in _NAME_KEYS:
            reader.name(role, value)
        elif key in _CIK_KEYS:
            reader.cik(value)
        elif key in _ITEM_KEYS:
            reader.items.append(value)
        elif not reader.entity_key(key, value, section):
            reader.top(key, value)


def _read_tags(part: str, reader: _HeaderReader) -> None:
    closed = {_norm_key(m.group(1)) for m in re.finditer(r"</([A-Za-z][A-Za-z0-9_-]*)>", part)}
    stack: list[str] = []
    for match in _TAG_VALUE.finditer(part):
        closing, name, value = match.group(1), _norm_key(match.group(2)), match.group(3).strip()
        if name in closed:
            if closing:
                if name in stack:
                    del stack[stack.index(name) :]
            else:
                stack.append(name)
            continue
        roles = [s for s in stack if s not in _ENTITY_PARTS]
        if name in _NAME_KEYS and "FORMER COMPANY" not in stack:
            reader.name(roles[-1] if roles else "FILER", value)
        elif name in _CIK_KEYS:
            reader.cik(value)
        elif not roles and name in _ITEM_KEYS:
            reader.items.append(value)
        elif roles and reader.entity_key(name, value, stack[-1] if stack else None):
            continue
        elif not roles:
            reader.top(name, value)


def _header(part: str) -> Header | None:
    reader = _HeaderReader()
    if _NC_HEADER.search(part):
        _read_tags(part, reader)
    else:
        _read_key_lines(part, reader)
    if not reader.values and not reader.entities:
        return None
    readable = re.sub(r"<[^>]*>", "\n", part)
    readable = "\n".join(line.strip() for line in readable.splitlines() if line.strip())
    return Header(
        accession=reader.value(_ACCESSION_KEYS),
        form_type=reader.value(_FORM_KEYS),
        filed=compact_date(reader.value(_FILED_KEYS)),
        period=compact_date(reader.value(_PERIOD_KEYS)),
        entities=tuple(_dedupe(reader.entities)),
        items=tuple(item for item in reader.items if item),
        text=readable,
    )


def _dedupe(entities: list[Entity]) -> list[Entity]:
    seen, unique = set(), []
    for entity in entities:
        key = (entity.role, entity.name, entity.cik)
        if key not in seen:
            seen.add(key)
            unique.append(entity)
    return unique
