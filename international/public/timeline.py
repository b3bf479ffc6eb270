"""The municipality's international milestones, read from the years its records already hold.

No table of its own and no query of its own: the timeline is built from the records
the section page has loaded (memberships, events, projects, twin cities), so staff keep
one fact in one place and the page's query count does not change.
"""

import re
from dataclasses import dataclass, field
from itertools import groupby

from django.utils.translation import gettext_lazy as _

from ..text import plain_text

YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Milestone:
    """One thing that happened in a year, told as "label: record (detail)"."""

    year: int
    label: str
    record: object
    #: The record's field whose text names it ("name" or "title"), for its language mark.
    name_field: str = "name"
    detail: str = ""
    #: The record's field the detail comes from, if it is staff's translated text.
    detail_field: str = ""
    #: Orders the milestones of one year: memberships, then projects, events and cities.
    rank: int = 0

    @property
    def name(self):
        return getattr(self.record, self.name_field)


@dataclass
class MilestoneYear:
    year: int
    milestones: list = field(default_factory=list)


def plain_sentences(rich_text):
    """Return the sentences of staff's rich text as plain text; a paragraph ends one too."""
    sentences = []
    for paragraph in plain_text(rich_text, block_separator="\n").split("\n"):
        sentences.extend(sentence for sentence in SENTENCE_END.split(paragraph) if sentence)
    return sentences


def organization_milestones(organization):
    founded, member_since = organization.founded_year, organization.member_since
    if founded and founded == member_since:
        yield Milestone(founded, _("Member since its founding"), organization, rank=1)
    else:
        if founded:
            yield Milestone(founded, _("Founding"), organization, rank=0)
        if member_since:
            yield Milestone(member_since, _("Membership"), organization, rank=1)
    # A year named in the highlights ("In 2009 the municipality moderated...").
    for sentence in plain_sentences(organization.highlights):
        found = YEAR.search(sentence)
        if found:
            yield Milestone(
                int(found.group()),
                _("Highlight"),
                organization,
                detail=sentence,
                detail_field="highlights",
                rank=2,
            )


def participation_milestones(participation):
    if participation.start_year:
        yield Milestone(
            participation.start_year,
            _("Project"),
            participation,
            name_field="title",
            detail=participation.get_role_display(),
            rank=3,
        )


def event_milestones(event):
    if event.start_date:
        yield Milestone(event.start_date.year, _("European event"), event, rank=4)


def twin_city_milestones(city):
    if city.since_year:
        yield Milestone(
            city.since_year,
            city.get_kind_display(),
            city,
            detail=str(city.country.name),
            rank=5,
        )


def build_timeline(organizations=(), events=(), programmes=(), twin_cities=(), **other_kinds):
    """Return the milestones of the given records grouped by year, oldest first.

    The records must come with what the section page loads for them: programmes with
    their published participations prefetched. Records of other kinds have no milestones.
    """
    milestones = []
    for organization in organizations:
        milestones.extend(organization_milestones(organization))
    for programme in programmes:
        for participation in programme.participations.all():
            milestones.extend(participation_milestones(participation))
    for event in events:
        milestones.extend(event_milestones(event))
    for city in twin_cities:
        milestones.extend(twin_city_milestones(city))
    milestones.sort(key=lambda milestone: (milestone.year, milestone.rank))
    return [
        MilestoneYear(year, list(group))
        for year, group in groupby(milestones, key=lambda milestone: milestone.year)
    ]
