"""An event's dates: single days, ranges and yearly editions, and what an editor may enter."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from international.models import Event
from international.models.event_dates import Occurrence, next_occurrence
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

SOFIA = ZoneInfo("Europe/Sofia")
D = datetime.date


def errors(**fields):
    event = EventFactory.build(organization=None, description_bg="", **fields)
    with pytest.raises(ValidationError) as raised:
        event.full_clean(exclude=["image"])
    return {name: [e.code for e in errs] for name, errs in raised.value.error_dict.items()}


def test_a_yearly_event_needs_a_start_date():
    assert errors(repeats=Event.Repeats.YEARLY)["start_date"] == ["yearly_no_start"]


def test_an_end_date_needs_a_start_date_and_may_not_come_before_it():
    assert errors(end_date=D(2027, 5, 1))["start_date"] == ["end_without_start"]
    assert "__all__" in errors(start_date=D(2027, 5, 2), end_date=D(2027, 5, 1))


def test_dates_spanning_more_than_a_year_are_refused():
    assert errors(start_date=D(2027, 1, 1), end_date=D(2028, 1, 1))["end_date"] == [
        "range_too_long"
    ]
    EventFactory.build(
        organization=None, start_date=D(2027, 1, 1), end_date=D(2027, 12, 31)
    ).full_clean(exclude=["image"])


def test_a_last_year_is_only_for_a_yearly_event_and_not_before_its_start():
    assert errors(start_date=D(2027, 5, 1), repeat_until_year=2030)["repeat_until_year"] == [
        "until_without_yearly"
    ]
    assert errors(start_date=D(2027, 5, 1), repeats=Event.Repeats.YEARLY, repeat_until_year=2026)[
        "repeat_until_year"
    ] == ["until_before_start"]


def test_the_errors_are_translated():
    event = EventFactory.build(organization=None, repeats=Event.Repeats.YEARLY)
    with translation.override("bg"), pytest.raises(ValidationError) as raised:
        event.full_clean(exclude=["image"])
    assert "начална дата" in raised.value.message_dict["start_date"][0]


def test_the_database_refuses_a_yearly_event_without_a_start_date():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        EventFactory(organization=None, repeats=Event.Repeats.YEARLY)


def test_an_event_is_past_from_the_sofia_midnight_after_its_last_day():
    single = EventFactory(organization=None, start_date=D(2027, 5, 9))
    assert single.ends_at == datetime.datetime(2027, 5, 10, tzinfo=SOFIA)
    ranged = EventFactory(organization=None, start_date=D(2027, 10, 8), end_date=D(2027, 10, 11))
    assert ranged.ends_at == datetime.datetime(2027, 10, 12, tzinfo=SOFIA)
    yearly = EventFactory(
        organization=None, start_date=D(2024, 10, 8), end_date=D(2024, 10, 11), repeats="yearly"
    )
    assert yearly.ends_at is None  # It goes on.
    yearly.repeat_until_year = 2028
    yearly.save()
    assert yearly.ends_at == datetime.datetime(2028, 10, 12, tzinfo=SOFIA)
    assert EventFactory(organization=None).ends_at is None


def test_a_yearly_events_next_edition_is_the_one_that_ends_today_or_later():
    start, end = D(2024, 10, 8), D(2024, 10, 11)
    assert next_occurrence(start, end, True, None, D(2026, 10, 11)).start == D(2026, 10, 8)
    assert next_occurrence(start, end, True, None, D(2026, 10, 12)) == Occurrence(
        D(2027, 10, 8), D(2027, 10, 11), is_next=True
    )
    assert next_occurrence(start, end, True, 2026, D(2026, 10, 12)) is None
    # Over New Year: the edition begun last year still runs.
    assert next_occurrence(D(2024, 12, 30), D(2025, 1, 2), True, None, D(2027, 1, 1)).start == (
        D(2026, 12, 30)
    )
    # A 29 February edition is in leap years only, as RFC 5545 reads the rule.
    assert next_occurrence(D(2024, 2, 29), None, True, None, D(2025, 3, 1)).start == D(2028, 2, 29)
    assert next_occurrence(D(2027, 5, 9), None, False, None, D(2027, 5, 10)) is None


def test_a_yearly_event_first_held_years_from_now_is_upcoming_with_its_first_edition():
    assert next_occurrence(D(2040, 6, 1), None, True, None, D(2027, 1, 1)) == Occurrence(
        D(2040, 6, 1), D(2040, 6, 1), is_next=True
    )
