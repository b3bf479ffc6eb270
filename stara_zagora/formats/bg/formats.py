# Bulgarian dates as the municipality writes them: 26 ноември 2026 г., 14:30 ч. (Django's
# own Bulgarian formats give "26 Ноември 2026" and an American-style date and time.) The
# month names are lowercase through the project's catalogue (international/library_messages.py).
DATE_FORMAT = r"j F Y \г."
DATETIME_FORMAT = r"j F Y \г., H:i \ч."
TIME_FORMAT = "H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = r"F Y \г."
# What staff may type in a date field: 26.11.2026 as well as 2026-11-26. The first is
# also what the admin's calendar writes.
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
]
