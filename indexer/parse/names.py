"""Company and person names: how filers caption them, and one consistent way to write them.

A filing names its registrant many ways: above a caption such as "(Name of Registrant)",
"(Exact name of registrant as specified in its charter)" or "(Translation of registrant's
name into English)"; in a press release as "Acme Corp. (NYSE: ACM)" or 'Acme Corp. (the
"Company")'; above the "By:" line of its signature block. Names written in capitals are
shown in title case, so "KOREA THRUNET CO., LTD." and "Korea Thrunet Co., Ltd." are one name.
"""

import re
import unicodedata

from .layout import Layout, squash

# The legal forms that end a company's name, as patterns: the one list every rule that tells a company's
# name from a person's, or from the words around it, reads. They end a name even in lower case ("Acme
# plc"); the two-letter ones only in capitals and last (or before "de C.V."), "Se" and "Sa" being
# syllables of people's names too ("Se-jin Park", "KIM SE JIN").
_LEGAL_FORMS = (
    r"inc", r"corp", r"co", r"ltd", r"limited", r"llc", r"l\.l\.c", r"l\.?p", r"llp", r"plc", r"n\.v", r"b\.v",
    r"s\.a", r"s\.?p\.?a", r"gmbh", r"(?-i:AG|SE|SA|NV|BV)(?=[.,]|\s*\(|\s*$|\s+de\s)",
)
# Words that end a company's name as surely, when capitalised ("Acme Holdings").
_NAME_ENDINGS = (r"incorporated", r"corporation", r"company", r"holdings?", r"group", r"trust", r"bancorp",
                 r"partners", r"fund", r"bank")
LEGAL_SUFFIX = re.compile(r"\b(?:" + "|".join(_LEGAL_FORMS + _NAME_ENDINGS) + r")\b\.?", re.IGNORECASE)
_SUFFIX_WORD = re.compile(r"(?:" + "|".join(_LEGAL_FORMS) + r")\.?,?", re.IGNORECASE)
# Particles of people's names, in lower case inside a name ("M.J. van Ginneken", "Juan de la Cruz")...
PARTICLES = frozenset({"de", "del", "la", "le", "los", "las", "do", "da", "dos", "das", "di", "du", "van", "von",
                       "der", "den"})
# ...and the words that join the parts of a company's name ("Bank of the Ozarks", "Química y Minera").
_JOINING = frozenset({"of", "and", "the", "for", "für", "y", "e"})
_CONNECTORS = PARTICLES | _JOINING | {"&"}
# An exact name that is a romanisation (its legal form transliterated from Japanese, Korean, Chinese,
# Russian or Greek) or a spelled-out Spanish or Portuguese "sociedad anónima" gives way to the
# registrant's English translation, as EDGAR's names do ("Toyota Motor Corporation", not "Toyota
# Jidosha Kabushiki Kaisha"); EDGAR keeps Dutch and German names as written ("Koninklijke Philips N.V.").
_ROMANISED = re.compile(
    r"\b(?:kabushiki\s*[kg]aisha|y[uū]gen\s*[kg]aisha|g[oō]d[oō]\s*[kg]aisha|(?:j|ch)usik\s*-?\s*hoesa|"
    r"youxian\s*gongsi|gufen\s*gongsi|aktsionernoe\s+obshchestvo|anonym[oi]s?\s+etair[e]?ia|"
    r"sociedade?\s+an[oóô]nima)\b",
    re.IGNORECASE,
)

_KEEP_UPPER = {
    "LLC", "LP", "LLP", "PLC", "NV", "SA", "AG", "SE", "AB", "ASA", "SPA", "BV", "KK", "USA", "US",
    "UK", "II", "III", "IV", "VI", "VII", "VIII", "IX", "REIT", "ETF", "ADR", "ADS", "NA", "HK", "NY",
}
_VOWELS = set("AEIOUY")
_TITLE_ANYWAY = {"LTD", "MFG", "PTY", "BHD", "INTL", "SVCS", "MGMT", "MKTS", "SYS", "TR", "FD", "CTR", "JR", "SR"}
# A company's name written in capitals keeps its initials: a word of one to three letters is taken
# for initials ("AAR", "IBM", "AT&T") unless it is one of these words, which names use as words
# ("Big Lots", "Sun Co", "Lee Enterprises")...
_SHORT_WORDS = frozenset("""
    A AN AS AT BE BY DO GO IN IS IT MY NO OF ON OR SO TO UP WE
    ACE ACT ADD AGE AID AIM AIR ALL AND ANN ANY APE APP ARC ARK ARM ART ASH ASK AXE BAD BAG BAR BAT BAY BED BEE
    BIG BIN BIO BIT BOB BOW BOX BOY BUD BUG BUS BUY CAB CAN CAP CAR CAT COB COG COP COT COW COX CRY CUB CUE CUP
    CUT DAD DAM DAN DAY DEN DEW DIG DOC DOE DOG DON DOT DRY DUE DUO DYE EAR EAT ECO EEL EGG ELF ELK ELM EMU END
    ERA EVE EYE FAN FAR FAT FED FEE FEW FIG FIN FIR FIT FIX FLY FOG FOR FOX FRY FUN FUR GAP GAS GEM GET GIN GUM
    GUN GUT GUY GYM HAM HAT HAY HEN HER HEX HIM HIP HIS HIT HOG HOP HOT HUB HUE HUG HUT ICE ICY ILL INK INN ION
    ITS IVY JAM JAR JAW JAY JET JIM JOB JOE JOG JOY JUG KEN KEY KID KIM KIN KIT LAB LAD LAP LAW LAY LEE LEG LET
    LID LIP LIT LOG LOT LOU LOW MAD MAN MAP MAT MAX MAY MEN MET MIX MOB MOM MOP MUD MUG NAP NET NEW NIB NOD NOR
    NOT NOW NUT OAK OAR OAT ODD OFF OIL OLD ONE OPT ORB ORE OUR OUT OWL OWN PAD PAL PAN PAR PAT PAW PAY PEA PEG
    PEN PEP PER PET PIE PIG PIN PIT PLY POD POP POT PRO PUB PUN PUP PUT RAG RAM RAN RAT RAW RAY RED RIB RID RIG
    RIM RIP ROB ROD ROE ROT ROW ROY RUB RUE RUG RUN RYE SAD SAG SAM SAT SAW SAY SEA SET SEW SHE SHY SIN SIP SIR
    SIS SIT SIX SKI SKY SLY SOD SOL SON SOW SOY SPA SPY SUB SUM SUN TAB TAN TAP TAR TAX TEA TED TEN THE TIE TIN
    TIP TOE TOM TON TOO TOP TOW TOY TRY TUB TUG TWO URN USE VAN VAT VET VIA VOW WAR WAX WAY WEB WED WET WHO WHY
    WIG WIN WIT WOK WON YAM YAW YEN YES YET YEW ZOO
""".split())
# ...and names their owners spell their own way, whatever case a filer wrote them in.
_KNOWN_SPELLINGS = {spelling.upper(): spelling for spelling in (
    "NVIDIA", "eBay", "iRobot", "JPMorgan", "PayPal", "iShares", "eHealth", "FedEx", "BlackRock", "NetApp",
    "YouTube", "LinkedIn",
)}
_EDGAR_STATE = re.compile(r"\s*/[A-Z]{2,3}/?\s*$")
_NOT_A_NAME = re.compile(
    r"check mark|commission file|\bfile number\b|\bfor the (?:month|fiscal|year|quarter|period)\b|"
    r"securities and exchange commission|washington, d\.?c|^form\s+[\w-]+$|report of foreign|pursuant to|"
    r"^(?:date|dated)\b|^(?:not\s+applicable|none)$|"
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d",
    re.IGNORECASE,
)
_CAPTION = re.compile(r"\(([^()]{3,140})\)\s*$")
_TICKER = re.compile(
    r"[(\[](?:NASDAQ|NYSE|AMEX|NYSE\s+American|NYSE\s+MKT|NYSE\s+Arca|TSX|TSXV|TSX-V|OTC\w*|LSE|AIM|ASX|"
    r"Nasdaq\s*\w*|Euronext|SIX|KOSDAQ|KRX|TASE|ASE|HKEX|SEHK|Ticker)\s*(?:Symbol)?\s*[:\-]",
    re.IGNORECASE,
)
_DEFINED_COMPANY = re.compile(
    r"\((?:the\s+)?[\"“”'‘’`]+(?:the\s+)?(?:Company|Corporation|Registrant|Bank|Partnership|Trust|Fund|Issuer)"
    r"[\"“”'‘’`]+",
    re.IGNORECASE,
)
_NAME_TOKEN = re.compile(r"[A-Z0-9&][\w.&'’\-/]*,?$")
_SUBSIDIARY_LIST = re.compile(r"^(?:list\s+of\s+)?(?:significant\s+)?subsidiaries\b", re.IGNORECASE)
# The dash after a dateline's year, past any wire tag: "Oct. 14, 2004 /PRNewswire-FirstCall/ --".
_DATELINE_BREAK = re.compile(r"\d{4}\s*(?:/[^/\n]{2,40}/\s*)?(?:--|—|–|\s-)\s*")
_ISSUER_LABEL = re.compile(r"issuer\s+name\s+and\s+ticker", re.IGNORECASE)
_SUBSIDIARIES = re.compile(
    r"^(?:exhibit\s+[\d.]+\s+)?(?:list\s+of\s+)?(?:significant\s+)?subsidiaries\s+of\s+(?!the\s+registrant)"
    rf"((?:[\w&.,'’-]+\s+){{0,6}}?{LEGAL_SUFFIX.pattern}(?:,?\s+{LEGAL_SUFFIX.pattern})*)",
    re.IGNORECASE,
)


def _initials(word: str, letters: str) -> bool:
    """Whether a company's word in capitals is initials: short and no word (see _SHORT_WORDS), or
    letters joined by "&" ("AT&T", "S&P"); its legal form ("CO", "INC") and a particle ("DE LA")
    never are."""
    if _SUFFIX_WORD.fullmatch(word) or letters in _TITLE_ANYWAY or letters.lower() in PARTICLES | _JOINING:
        return False
    parts = re.findall(r"[^\W\d_]+", word)
    if "&" in word and all(len(part) <= 3 for part in parts):
        return True
    return len(parts) == 1 and len(letters) <= 3 and letters not in _SHORT_WORDS


def _case_word(word: str, company: bool = False) -> str:
    letters = "".join(ch for ch in word if ch.isalpha())
    if not letters or letters in _KEEP_UPPER or re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?\.?,?", word):
        return word
    if len(letters) > 1 and not set(letters) & _VOWELS and letters not in _TITLE_ANYWAY:
        return word
    if company:
        bare = word.strip(",.;:()")
        if bare in _KNOWN_SPELLINGS:
            return word.replace(bare, _KNOWN_SPELLINGS[bare])
        if _initials(word, letters):
            return word
        if re.fullmatch(r"MC[A-Z]{3,}", bare):  # "MCKESSON" -> "McKesson"
            return word.replace(bare, "Mc" + bare[2:].capitalize())
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), word)


def smart_case(name: str, company: bool = False) -> str:
    """Title-case the capitalised words of a name written (mostly) in capitals; leave others as written.

    Particles and joining words after the first word are lower case ("Grupo Aeroportuario del
    Norte, S.A.B. de C.V."). A `company`'s initials and known spellings stay as they are ("AAR
    Corp", "NVIDIA Corp"); a person's short names do not ("Kim Se Jin").
    """
    letters = [ch for ch in name if ch.isalpha()]
    if not letters or sum(ch.isupper() for ch in letters) < 0.8 * len(letters):
        return name
    # "Y" and "E" join a company's name ("Química y Minera") but are middle initials in a person's.
    lower = PARTICLES | (_JOINING if LEGAL_SUFFIX.search(name) else _JOINING - {"y", "e"})
    words = name.split(" ")
    return " ".join(
        word if any(ch.islower() for ch in word)
        else word.lower() if index and word.lower().rstrip(",") in lower
        else _case_word(word, company)
        for index, word in enumerate(words)
    )


def as_written(name: str, texts: list[str]) -> str:
    """The name as the filing's own text writes it ("ABVC BioPharma, Inc." for "ABVC BIOPHARMA INC")."""
    tokens = re.findall(r"[^\W_]+|&", name)
    if not tokens or not any(ch.isupper() for ch in name) or any(ch.islower() for ch in name):
        return smart_case(name, company=True)
    pattern = re.compile(r"(?<!\w)" + r"[\s,.]+".join(map(re.escape, tokens)) + r"(?!\w)\.?", re.IGNORECASE)
    for text in texts:
        for match in pattern.finditer(text[:100000]):
            written = squash(match.group(0))
            if any(ch.islower() for ch in written):
                return written
    return smart_case(name, company=True)


def clean_company(raw: str | None, recase: bool = True) -> str | None:
    """A registrant's name with whitespace normalised, EDGAR's state tag dropped, capitals tamed."""
    if not raw:
        return None
    name = _EDGAR_STATE.sub("", squash(raw)).strip(" \t,;:-_*")
    name = re.sub(r"\s*\[\s*[A-Z.]{1,6}\s*\]\s*$", "", name)  # "Acme Inc. [ ACM ]"
    if len(name) < 2 or len(name) > 150 or not re.search(r"[A-Za-z]{2}", name):
        return None
    if name.startswith("(") or _NOT_A_NAME.search(name):
        return None
    return smart_case(name, company=True) if recase else name


def _caption_rank(caption: str) -> int | None:
    """How surely a parenthesised caption labels the registrant's name (0 best), or None."""
    text = squash(caption).lower()
    if re.search(r"agent|person|address|officer|director|former|underwriter|telephone|zip|state|title", text):
        return None
    if text in ("registrant", "the registrant", "issuer", "depositor", "company"):
        return 3
    if "name" not in text:
        return None
    if "translation" in text:
        return 1
    if "registrant" in text:
        return 0
    if re.search(r"issuer|issuing entity|company|depositor|sponsor|filer", text):
        return 2
    return None


def _name_before_caption(layout: Layout, index: int, before: str) -> str | None:
    if before:
        return clean_company(before, recase=False)
    line_number = layout.segments[index][0]
    for back in range(index - 1, max(index - 5, -1), -1):
        number, segment = layout.segments[back]
        if number < line_number - 3:
            break
        if segment.startswith("("):
            continue  # another caption in between: "(Formerly known as ...)"
        found = clean_company(segment, recase=False)
        if found:
            return found
        break
    # Nothing above it (a rule, the month line): some covers print the caption over the name. Below a
    # caption stand other facts too ("DELAWARE"), so only a name ending in its legal form is taken.
    following = layout.segments[index + 1] if index + 1 < len(layout.segments) else None
    if following and following[0] <= line_number + 2 and LEGAL_SUFFIX.search(following[1]) \
            and not following[1].startswith("(") and not sentence_like(following[1]):
        return clean_company(following[1], recase=False)
    return None


def _romanised(name: str) -> bool:
    """Whether a name is written in another script, or romanised from one (see _ROMANISED)."""
    return bool(_ROMANISED.search(name)) or any(
        ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN") for ch in name)


def captioned_company(layout: Layout, limit: int = 400) -> str | None:
    """The name standing above (or before) the registrant-name caption of a cover page: the first
    under the surest caption, but the English translation over a romanised exact name."""
    found: dict[int, str] = {}
    for index, (_, segment) in enumerate(layout.segments[:limit]):
        match = _CAPTION.search(segment)
        if not match:
            continue
        rank = _caption_rank(match.group(1))
        if rank is None or rank == 3 or rank in found:
            continue
        name = _name_before_caption(layout, index, segment[: match.start()].strip())
        if name and _caption_rank(name.strip("()")) is None:
            found[rank] = name
    if 0 in found and 1 in found and _romanised(found[0]):
        return found[1]
    return found[min(found)] if found else None


def _name_before(text: str, end: int) -> str | None:
    """Walk back from `end` over capitalised words: the proper name a parenthesis follows."""
    words = re.split(r"--|—|–|\s-\s|[)\]]", text[:end])[-1].split()
    taken: list[str] = []
    for word in reversed(words[-12:]):
        if (_NAME_TOKEN.match(word) or _SUFFIX_WORD.fullmatch(word)) and not re.fullmatch(
                r"\d[\d,./-]*", word):
            taken.append(word)
        elif word.lower() in _CONNECTORS and taken:
            taken.append(word)
        else:
            break
    while taken and taken[-1].lower() in _CONNECTORS and not taken[-1][0].isupper():
        taken.pop()
    if not taken:
        return None
    return clean_company(" ".join(reversed(taken)), recase=False)


def _name_after(text: str) -> str | None:
    """Capitalised words opening a sentence, kept only if they end in a legal suffix ("Beyond Cancer, Ltd.")."""
    taken: list[str] = []
    for word in text.split()[:10]:
        if _NAME_TOKEN.match(word) or _SUFFIX_WORD.fullmatch(word) or (taken and word.lower() in _CONNECTORS):
            taken.append(word)
            if word.endswith(",") and _SUFFIX_WORD.fullmatch(word):
                break
        else:
            break
    while taken and not LEGAL_SUFFIX.search(taken[-1]):
        taken.pop()
    return clean_company(" ".join(taken), recase=False) if taken else None


def announced_company(layout: Layout) -> str | None:
    """A press release's own naming of its company: 'Acme Corp. (NYSE: ACM)', 'Acme (the "Company")',
    or the company a dateline opens with ("HAMILTON, Dec. 3, 2024 – Beyond Cancer, Ltd., a ...")."""
    for paragraph in layout.paragraphs[:60]:
        for pattern in (_TICKER, _DEFINED_COMPANY):
            match = pattern.search(paragraph)
            if match:
                name = _name_before(paragraph, match.start())
                if name:
                    return name
    for paragraph in layout.paragraphs[:60]:
        opening = _DATELINE_BREAK.search(paragraph[:160])
        if opening:
            name = _name_after(paragraph[opening.end() :])
            if name:
                return name
    return None


def sentence_like(name: str) -> bool:
    """Whether a candidate reads as prose rather than a name: too long, or with lower-case words that are
    neither joining words, particles nor legal forms ("The registrant has duly caused...")."""
    words = name.split()
    if len(words) > 12:
        return True
    # Only words wholly in lower case: "iShares", "eBay" and "salesforce.com" are names.
    return any(re.fullmatch(r"[a-z]+[,.;:]?", word) and word.strip(",.;:") not in _CONNECTORS
               and not _SUFFIX_WORD.fullmatch(word) for word in words)


def signing_company(region: str) -> str | None:
    """The company line of a signature block: the name above the first "By:" or "/s/", past the dates,
    rules and "(Registrant)" captions between them ("KOREA THRUNET CO., LTD." / "(Registrant)")."""
    rows = [[cell.strip() for cell in re.split(r"\t| {3,}", line.strip()) if cell.strip()]
            for line in region.split("\n")]
    for number, cells in enumerate(rows):
        if not any(re.match(r"(?:By\b|/s/)", cell, re.IGNORECASE) for cell in cells):
            continue
        above = [row[-1] for row in rows[max(0, number - 12) : number] if row]
        captioned = False
        for candidate in reversed(above[-6:]):
            if re.fullmatch(r"\((?:the\s+)?registrant\)", candidate, re.IGNORECASE):
                captioned = True
                continue
            if re.search(r"\d{4}|^dated?\b|^\(|:$|^[_\-=\s]+$", candidate, re.IGNORECASE):
                continue
            if sentence_like(candidate):
                return None
            if captioned or LEGAL_SUFFIX.search(candidate) or candidate.isupper():
                return clean_company(candidate, recase=False)
            return None
        return None
    return None


def labelled_company(layout: Layout) -> str | None:
    """Names stated by a label rather than a caption: ownership forms, exhibit 21 lists."""
    for index, (_, segment) in enumerate(layout.segments[:300]):
        if _ISSUER_LABEL.search(segment):
            for _, following in layout.segments[index + 1 : index + 3]:
                name = clean_company(following, recase=False)
                if name and not re.match(r"\d+\.", following):
                    return name
    opening = layout.paragraphs[:6]
    for index, paragraph in enumerate(opening):
        # "Subsidiaries of" may stand on one line and the company's name on the next.
        joined = f"{paragraph} {opening[index + 1]}" if index + 1 < len(opening) else paragraph
        subsidiaries = _SUBSIDIARIES.match(joined)
        if subsidiaries:
            return clean_company(subsidiaries.group(1), recase=False)
        if index and _SUBSIDIARY_LIST.match(paragraph) and LEGAL_SUFFIX.search(layout.paragraphs[index - 1]):
            return clean_company(layout.paragraphs[index - 1], recase=False)
    return None
