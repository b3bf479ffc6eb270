"""What municipal staff edit: the section page and its records.

Every text a reader sees is translated by modeltranslation (see translation.py):
Bulgarian is required, English optional and falls back to Bulgarian. The models live
in modules by concern; they are all importable from here.
"""

# isort: off
# The order in which Django learns the models: the records first, as the admin, the
# backup and the translation registry have always listed them.
from .base import Record, RecordQuerySet, TranslatedRecord
from .images import ImageMixin, image_models, remove_unused_renditions
from .records import Event, Organization, Participation, ParticipationQuerySet, Programme, TwinCity
from .visits import Visit, VisitPhoto
from .calls import Call, CallQuerySet
from .documents import Document, DocumentQuerySet
from .singletons import InfoPage, SectionPage, SingletonQuerySet, SiteContact
from .content import ContentVersion, SeedApplied, Version, content_changed, content_version
from .feedback import Feedback, ReceivedQuerySet
from .partnership import PartnershipRequest
from .links import LinkCheck
from .review import PendingChange, PendingChangeQuerySet, can_publish
# isort: on

__all__ = [
    "Call",
    "CallQuerySet",
    "ContentVersion",
    "Document",
    "DocumentQuerySet",
    "Event",
    "Feedback",
    "ImageMixin",
    "InfoPage",
    "LinkCheck",
    "Organization",
    "Participation",
    "ParticipationQuerySet",
    "PartnershipRequest",
    "PendingChange",
    "PendingChangeQuerySet",
    "Programme",
    "ReceivedQuerySet",
    "Record",
    "RecordQuerySet",
    "SectionPage",
    "SeedApplied",
    "SingletonQuerySet",
    "SiteContact",
    "TranslatedRecord",
    "TwinCity",
    "Version",
    "Visit",
    "VisitPhoto",
    "can_publish",
    "content_changed",
    "content_version",
    "image_models",
    "remove_unused_renditions",
]
