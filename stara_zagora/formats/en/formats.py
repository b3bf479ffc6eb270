# The municipality writes English dates the European way: 25 November 2026.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
