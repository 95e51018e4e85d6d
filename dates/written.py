"""Dates as people write them, read one way wherever a person gives one: the "as at" box, the
progress form's target date and a tracker's cells. One parser, one set of messages.

A month means the end of that month; a quarter, the end of that quarter of the financial year
(Q1 is April to June); a financial year, its 31 March. "Ongoing", "Immediate" and "TBC" mean no
date (with a warning to say so).

`parse_date` reads a tracker's timescale cell, which is often more than a date:

- a date inside words ("By 31/12/2016", "Strategy agreed and in place by April 2012", "By end
  of March 2008"), after a bullet or a dash ("• Dec 21", "- March 2020"); a month in figures
  ("12/2026") is the end of that month;
- several dates in one cell (one a line, or in a sentence): the latest is the target date, with
  a warning naming the others;
- a two-digit number after a month name is a year, 00 to 99 meaning 2000 to 2099: "Jan 08" is
  January 2008 and "March 26" is March 2026, never the 26th of March of a year not given; the
  same for a season ("Spring 15") and a short financial year ("Q4 18/19" is 2018/19);
- a season means its last day: spring 31 May, summer 31 August, autumn 30 November, winter the
  end of February of the next year (winter 2015 is the winter of 2015/16); a school term means
  the end of the term: autumn term 31 December, spring term 31 March, summer term 31 July. A
  season with an academic year ("Spring term 2019/20") is in the second year, the autumn in the
  first. A season or term is read with a warning saying which day it was taken to mean;
- a quarter without its financial year ("Q4", or "Q4 2018", which does not say which financial
  year) gives no date, with a warning: a year is never guessed;
- a time from the review's publication ("6 months", "within 3 months of publication", "12
  weeks", "3-6 months" meaning the later): counted from `relative_to` (the review's publication
  date) with a warning saying so, or no date and a warning when it is not given. A date written
  in the same cell wins over a time from publication; "every 6 months" is recurring, not a time;
- words with no date in them ("Monthly", "Quarterly from April", "Ongoing", "As per training
  strategy", "Complete", a long note) give no date, with a warning; a month without a year, or a
  day without one ("March 5", "31 March"), is no date too.

A date that is not real ("31/02/2026", "By 30 February 2026") is still refused (ValueError), as is
text made only of figures that is not a date ("2027/03/31", "Q5 2025/26"). `parse_day` is for
one day a person typed in a box: only the forms in DATE_FORMS, written alone as before; whatever
`parse_date` reads loosely, or answers with a warning, is an error there ("is not a date", or for
words with no date in them "is not a date that can be read", the messages a box gave before)."""

import calendar
import datetime
import re

from spreadsheets.reading import normalise, text

NO_DATE_WORDS = {"ongoing", "immediate", "immediately", "tbc", "tba", "to be confirmed", "n a"}
MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
} | {"sept": 9}
DATE_FORMS = (
    "a date such as 31/03/2026 or 31 March 2026, a month (March 2026), a quarter of the "
    "financial year (Q3 2025/26) or a financial year (2025/26)"
)

DAY_FIRST = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})")
ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[ \-]([a-z]+)[ \-,]+(\d{4})")
MONTH_DAY_YEAR = re.compile(r"([a-z]+) (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})")
MONTH_YEAR = re.compile(r"([a-z]+)[ \-,]+(\d{4}|\d{2})")
FINANCIAL_YEAR = r"(\d{4})\s*[/\-]\s*(\d{2}|\d{4})"
QUARTER = re.compile(rf"(?:q|quarter\s*)([1-4])\s*(?:of\s*)?{FINANCIAL_YEAR}")
QUARTER_AFTER = re.compile(rf"{FINANCIAL_YEAR}\s*(?:q|quarter\s*)([1-4])")
YEAR = re.compile(FINANCIAL_YEAR)

# How a value was read, which `parse_day` needs to know.
EXACT = "exact"  # nothing, or one of DATE_FORMS written alone: a day for a box too
LOOSE = "loose"  # found in words, several dates, a season, a time from publication, a no-date word
UNREAD = "unread"  # words with no date in them at all

# Reading dates inside words: the text casefolded, on one line, dashes as "-". A date's figures
# may not run on into more figures ("2027/03/31" holds no "2027/03").
NOT_AFTER_FIGURES = r"(?<![\d/.])(?<!\d-)"
NOT_BEFORE_FIGURES = r"(?!\d|[/.\-]\d)"
NOT_BEFORE_WORD = r"(?!\w|[/:.\-]\d)"
MONTH = (
    r"(?<![a-z])(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?![a-z])"
)
SHORT_OR_LONG_YEARS = r"(\d{4}|\d{2}) ?[/\-] ?(\d{4}|\d{2})"
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "eighteen": 18,
    "twenty four": 24,
    "twenty-four": 24,
}
NUMBER = r"(\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
LOOSE_FORMS = {
    "iso": rf"(?<![\d/.\-])(\d{{4}})-(\d{{1,2}})-(\d{{1,2}}){NOT_BEFORE_FIGURES}",
    "day_first": (
        rf"{NOT_AFTER_FIGURES}(\d{{1,2}})[/.\-](\d{{1,2}})[/.\-](\d{{4}}|\d{{2}}){NOT_BEFORE_FIGURES}"
    ),
    "day_month_year": (
        rf"{NOT_AFTER_FIGURES}(\d{{1,2}})(?:st|nd|rd|th)?[ \-](?:of )?{MONTH}[ ,\-]{{1,3}}"
        rf"(\d{{4}}|\d{{2}}){NOT_BEFORE_WORD}"
    ),
    "month_day_year": (rf"{MONTH} (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}}){NOT_BEFORE_WORD}"),
    "quarter": (
        rf"(?<![a-z\d])(?:q|quarter ?)(\d+)(?: ?(?:of )?(?:fy ?)?{SHORT_OR_LONG_YEARS})?"
        rf"{NOT_BEFORE_FIGURES}"
    ),
    "quarter_after": (
        rf"{NOT_AFTER_FIGURES}(?:fy ?)?{SHORT_OR_LONG_YEARS} ?(?:q|quarter ?)(\d+)(?![\da-z])"
    ),
    "season": (
        r"(?<![a-z])(spring|summer|autumn|fall|winter)( term)?,?(?: of)? "
        rf"(\d{{4}}|\d{{2}})(?: ?[/\-] ?(\d{{4}}|\d{{2}}))?{NOT_BEFORE_FIGURES}"
    ),
    "month_year": rf"{MONTH}[ ,\-/']{{0,3}}(\d{{4}}|\d{{2}}){NOT_BEFORE_WORD}",
    "month_number_year": rf"{NOT_AFTER_FIGURES}(0?[1-9]|1[0-2])[/.\-](\d{{4}}){NOT_BEFORE_FIGURES}",
    "financial_year": rf"{NOT_AFTER_FIGURES}(?:fy ?)?(\d{{4}}) ?[/\-] ?(\d{{4}}|\d{{2}})"
    rf"{NOT_BEFORE_FIGURES}",
    "relative": (
        r"(?<![\w/.])(?<!every )(?<!each )(?<!per )(?<!once )(?<!twice )"
        rf"{NUMBER}(?: ?(?:-|to|or) ?{NUMBER})? ?(?:calendar )?(month|week|day|year)s?(?![a-z])"
    ),
}
LOOSE_PATTERNS = {name: re.compile(pattern) for name, pattern in LOOSE_FORMS.items()}
ANY_LOOSE_FORM = re.compile("|".join(f"(?P<{n}>{p})" for n, p in LOOSE_FORMS.items()))
BULLET = re.compile(r"^[\s•◦▪▫●○·‣⁃∙*>\-–—]+")
DASHES = re.compile(r"[‐‑‒–—―−]")
FIGURES_ONLY = re.compile(r"(?:[\d /.\-:,]|q|quarter|fy)+")
# A season's last (month, day); winter's is the end of February of the next year.
SEASON_ENDS = {"spring": (5, 31), "summer": (8, 31), "autumn": (11, 30)}
TERM_ENDS = {"autumn": (12, 31), "spring": (3, 31), "summer": (7, 31)}


def parse_date(value, *, relative_to=None):
    """(date or None, warning or None) for a date as a person wrote it (text, or a spreadsheet
    cell's date or number), or ValueError saying what is wrong in words. `relative_to` is the
    date a time such as "6 months" counts from (the review's publication)."""
    day, warning, _ = read(value, relative_to)
    return day, warning


def parse_day(value):
    """One day a person typed (the "as at" box, a form's date box): the date `parse_date` reads,
    None for nothing typed, and ValueError for a word that means no date ("Ongoing"), as for
    anything else that is not one day written alone ("By 31/12/2016", "Spring 2015", "6
    months", two dates)."""
    day, _, how = read(value, None)
    if how == UNREAD:
        raise ValueError(
            f"“{shown(text(value))}” is not a date that can be read. Use {DATE_FORMS}."
        )
    if how != EXACT:
        raise ValueError(f"“{shown(text(value))}” is not a date. Use {DATE_FORMS}.")
    return day


def read(value, relative_to):
    """(date or None, warning or None, how it was read: EXACT, LOOSE or UNREAD)."""
    if value is None or value == "":
        return None, None, EXACT
    if isinstance(value, datetime.datetime):
        return value.date(), None, EXACT
    if isinstance(value, datetime.date):
        return value, None, EXACT
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20_000 <= value <= 80_000:  # a date Excel kept as a plain number (1954 to 2119)
            from openpyxl.utils.datetime import from_excel

            return from_excel(value).date(), None, EXACT
        raise ValueError(f"“{text(value)}” is not a date. Use {DATE_FORMS}.")
    raw = text(value)
    words = " ".join(raw.casefold().split())
    if not words:
        return None, None, EXACT
    said = shown(raw)
    if normalise(words) in NO_DATE_WORDS:
        return None, no_date(said), LOOSE
    try:
        day = match_date(words)
    except (ValueError, OverflowError):
        raise ValueError(f"“{said}” is not a real date. Use {DATE_FORMS}.") from None
    if day is not None:
        return day, None, EXACT
    return read_loosely(raw, said, relative_to)


def no_date(said):
    return f"“{said}” is not a date, so this action will have no target date."


def shown(raw):
    """What a person typed, as a message repeats it: on one line, a long answer cut short."""
    raw = " ".join(raw.split())
    return raw if len(raw) <= 40 else raw[:39] + "…"


def match_date(words):
    if m := DAY_FIRST.fullmatch(words):
        day, month, year = (int(g) for g in m.groups())
        return datetime.date(full_year(year), month, day)
    if m := ISO.fullmatch(words):
        return datetime.date(*(int(g) for g in m.groups()))
    if (m := DAY_MONTH_YEAR.fullmatch(words)) and m[2] in MONTHS:
        return datetime.date(int(m[3]), MONTHS[m[2]], int(m[1]))
    if (m := MONTH_DAY_YEAR.fullmatch(words)) and m[1] in MONTHS:
        return datetime.date(int(m[3]), MONTHS[m[1]], int(m[2]))
    if (m := MONTH_YEAR.fullmatch(words)) and m[1] in MONTHS:
        if len(m[2]) == 2 and "-" not in words:
            return None  # "March 26" is read loosely: a box takes no two-digit year after a month
        return month_end(full_year(int(m[2])), MONTHS[m[1]])
    if (m := QUARTER.fullmatch(words)) or (m := QUARTER_AFTER.fullmatch(words)):
        quarter, start, end = (m[1], m[2], m[3]) if m.re is QUARTER else (m[3], m[1], m[2])
        return quarter_end(int(quarter), financial_year_start(start, end))
    if m := YEAR.fullmatch(words):
        return datetime.date(financial_year_start(m[1], m[2]) + 1, 3, 31)
    return None


# Reading a timescale cell loosely -----------------------------------------------------------------


def read_loosely(raw, said, relative_to):
    words = " ".join(BULLET.sub("", line) for line in raw.casefold().splitlines())
    words = " ".join(DASHES.sub("-", words).replace("’", "'").split())
    found = {}  # date: what it was read from ("season" or "term" for a warning), else None
    times = []  # (months, days) after publication
    quarter_without_year = False
    for match in ANY_LOOSE_FORM.finditer(words):
        form = match.lastgroup
        m = LOOSE_PATTERNS[form].match(words, match.start())
        try:
            reading = READERS[form](m)
        except (ValueError, OverflowError):
            raise ValueError(f"“{said}” is not a real date. Use {DATE_FORMS}.") from None
        if reading is None:
            continue
        if reading == "quarter without year":
            quarter_without_year = True
        elif reading == "unreadable":
            raise ValueError(f"“{said}” is not a date that can be read. Use {DATE_FORMS}.")
        elif form == "relative":
            times.append(reading)
        else:
            day, kind = reading
            found[day] = found.get(day) or kind
    if found:
        return *latest_of(said, found), LOOSE
    if times:
        return time_after(said, times, relative_to)
    if quarter_without_year:
        warning = (
            f"“{said}” gives a quarter but not its financial year (such as Q4 2025/26), so this "
            "action will have no target date."
        )
        return None, warning, LOOSE
    if FIGURES_ONLY.fullmatch(words) and any(c.isdigit() for c in words):
        raise ValueError(f"“{said}” is not a date that can be read. Use {DATE_FORMS}.")
    return None, no_date(said), UNREAD


def latest_of(said, found):
    """(the latest date, a warning naming the others and saying what a season was read as)."""
    day = max(found)
    latest = spoken(day)
    if kind := found[day]:
        season, term = kind
        latest = f"{latest}, the end of {f'the {season} term' if term else season}"
    if others := sorted(found)[:-1]:
        return day, (
            f"“{said}” gives {len(found)} dates: the target date is the latest, {latest} (the "
            f"{'others are' if len(others) > 1 else 'other is'} "
            f"{', '.join(spoken(other) for other in others)})."
        )
    if kind:
        return day, f"“{said}” was read as {latest.partition(', ')[2]}: {spoken(day)}."
    return day, None


def time_after(said, times, relative_to):
    if relative_to is None:
        warning = (
            f"“{said}” counts from the review’s publication date, which is not known, so this "
            "action will have no target date."
        )
        return None, warning, LOOSE
    if isinstance(relative_to, datetime.datetime):
        relative_to = relative_to.date()
    day = max(
        months_after(relative_to, months) + datetime.timedelta(days) for months, days in times
    )
    warning = (
        f"“{said}” was counted from the review’s publication date, {spoken(relative_to)}: the "
        f"target date is {spoken(day)}."
    )
    return day, warning, LOOSE


def read_iso(m):
    return datetime.date(int(m[1]), int(m[2]), int(m[3])), None


def read_day_first(m):
    return datetime.date(full_year(int(m[3])), int(m[2]), int(m[1])), None


def read_day_month_year(m):
    return datetime.date(full_year(int(m[3])), month_number(m[2]), int(m[1])), None


def read_month_day_year(m):
    return datetime.date(int(m[3]), month_number(m[1]), int(m[2])), None


def read_quarter(m, quarter=1, start=2, end=3):
    number = int(m[quarter])
    if m[start] is None:
        return "quarter without year" if 1 <= number <= 4 else "unreadable"
    if not 1 <= number <= 4:
        return "unreadable"
    return quarter_end(number, financial_year_start(m[start], m[end])), None


def read_quarter_after(m):
    return read_quarter(m, quarter=3, start=1, end=2)


def read_season(m):
    season = "autumn" if m[1] == "fall" else m[1]
    term = bool(m[2]) and season in TERM_ENDS
    if m[4] is None:
        year = full_year(int(m[3]))
    else:  # an academic year: its autumn and winter begin in the first year, the rest the second
        year = financial_year_start(m[3], m[4]) + (season not in ("autumn", "winter"))
    if term:
        day = datetime.date(year, *TERM_ENDS[season])
    elif season == "winter":
        day = month_end(year + 1, 2)  # winter 2015 is the winter that ends in February 2016
    else:
        day = datetime.date(year, *SEASON_ENDS[season])
    return day, (season, term)


def read_month_year(m):
    return month_end(full_year(int(m[2])), month_number(m[1])), None


def read_month_number_year(m):
    return month_end(int(m[2]), int(m[1])), None


def read_financial_year(m):
    try:
        start = financial_year_start(m[1], m[2])
    except ValueError:
        return None  # two years that are not one financial year ("2016-2018"): not a date
    return datetime.date(start + 1, 3, 31), None


def read_relative(m):
    number = m[2] or m[1]
    number = int(number) if number.isdigit() else NUMBER_WORDS[number]
    unit = m[3]
    if unit == "year":
        return number * 12, 0
    if unit == "month":
        return number, 0
    return 0, number * (7 if unit == "week" else 1)


READERS = {
    "iso": read_iso,
    "day_first": read_day_first,
    "day_month_year": read_day_month_year,
    "month_day_year": read_month_day_year,
    "quarter": read_quarter,
    "quarter_after": read_quarter_after,
    "season": read_season,
    "month_year": read_month_year,
    "month_number_year": read_month_number_year,
    "financial_year": read_financial_year,
    "relative": read_relative,
}


# Calendar sums ----------------------------------------------------------------------------------


def full_year(year):
    """A two-digit year is in this century: 00 to 99 are 2000 to 2099."""
    return 2000 + year if year < 100 else year


def financial_year_start(start, end):
    """The first calendar year of "2025/26" (or "2025/2026", "25/26"); ValueError for
    "2025/27"."""
    first, second = int(start), int(end)
    if second != (first + 1) % (100 if len(end) == 2 else 10_000):
        raise ValueError("not one financial year")
    return full_year(first)


def quarter_end(quarter, first_year):
    """Q1 ends in June of the financial year's first year, Q2 September, Q3 December, Q4 March
    of the next."""
    month = quarter * 3 + 3
    return month_end(first_year + (month > 12), (month - 1) % 12 + 1)


def month_number(name):
    return MONTHS[name.rstrip(".")[:3]]


def month_end(year, month):
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def months_after(day, months):
    """The same day `months` later, or the month's last day if it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def spoken(day):
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"
