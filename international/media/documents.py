"""What an uploaded document must be: a plain PDF, within the size limit, that runs nothing.

The file is checked once, by check_document(): its size first (before anything is read),
then its extension and its first bytes, then it is parsed with pypdf and every object
reachable from its trailer is looked at. A PDF is refused when it is encrypted, carries
JavaScript (a /JS entry, a /JavaScript action or name tree), a launch action, or
embedded files (an /EmbeddedFiles name tree, file specifications with /EF, file
attachment annotations). ODT and DOCX are not accepted: no well-kept library checks
them for macros and embedded objects the way pypdf lets us check a PDF.
"""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

PDF_CONTENT_TYPE = "application/pdf"
PDF_MAGIC = b"%PDF-"
#: A PDF with more objects than this is refused rather than walked for ever.
MAX_PDF_OBJECTS = 200_000

NOT_A_PDF = _("The file is not a readable PDF document. Upload a PDF file.")
ENCRYPTED = _("The PDF is protected with a password or encrypted; upload it without protection.")
HAS_SCRIPT = _(
    "The PDF contains JavaScript, which the site does not publish. Save it again without "
    "scripts (e.g. “Print to PDF”) and upload that copy."
)
HAS_LAUNCH = _("The PDF contains an action that opens other programs or files; it is refused.")
HAS_EMBEDDED = _(
    "The PDF contains attached or embedded files, which the site does not publish. Save it "
    "again without attachments and upload that copy."
)

# Keys whose presence alone means a script, and the action types that run one.
SCRIPT_KEYS = {"/JS", "/JavaScript"}
SCRIPT_ACTIONS = {"/JavaScript"}
LAUNCH_ACTIONS = {"/Launch"}
EMBEDDED_KEYS = {"/EmbeddedFiles", "/EF"}
EMBEDDED_TYPES = {"/EmbeddedFile", "/FileAttachment"}


def max_document_bytes():
    return settings.MAX_DOCUMENT_MB * 1024 * 1024


def refusal(pdf):
    """Return (message, code) saying why the parsed *pdf* is refused, or None."""
    seen = set()
    pending = [pdf.trailer]
    while pending:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            if len(seen) > MAX_PDF_OBJECTS:
                return NOT_A_PDF, "not_a_pdf"
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            keys = set(item.keys())
            action = item.get("/S")
            if keys & SCRIPT_KEYS or action in SCRIPT_ACTIONS:
                return HAS_SCRIPT, "javascript"
            if action in LAUNCH_ACTIONS:
                return HAS_LAUNCH, "launch"
            if (
                keys & EMBEDDED_KEYS
                or item.get("/Type") in EMBEDDED_TYPES
                or item.get("/Subtype") in EMBEDDED_TYPES
            ):
                return HAS_EMBEDDED, "embedded_file"
            # The trailer's /Encrypt is checked apart (is_encrypted); /Parent leads back up.
            pending.extend(value for name, value in item.items() if name != "/Parent")
        elif isinstance(item, ArrayObject):
            pending.extend(item)
    return None


def check_document(file):
    """Accept a new upload as a safe PDF, or refuse it with the reason (a ValidationError)."""
    upload = file.file if isinstance(file, FieldFile) else file
    if getattr(upload, "_checked_document", False):
        return
    limit = max_document_bytes()
    if upload.size > limit:
        raise ValidationError(
            _("The file is larger than %(limit)s MB; upload a smaller document."),
            code="too_large",
            params={"limit": settings.MAX_DOCUMENT_MB},
        )
    if PurePath(getattr(upload, "name", "") or "").suffix.lower() != ".pdf":
        raise ValidationError(
            _("Documents must be PDF files whose name ends in .pdf."), code="extension"
        )
    position = upload.tell()
    try:
        upload.seek(0)
        if upload.read(len(PDF_MAGIC)) != PDF_MAGIC:
            raise ValidationError(NOT_A_PDF, code="not_a_pdf")
        upload.seek(0)
        try:
            pdf = PdfReader(upload, strict=False)
            if pdf.is_encrypted:
                raise ValidationError(ENCRYPTED, code="encrypted")
            found = refusal(pdf)
            pages = len(pdf.pages)
        except ValidationError:
            raise
        except Exception:  # pypdf raises many kinds for broken or hostile files.
            raise ValidationError(NOT_A_PDF, code="not_a_pdf") from None
        if found:
            message, code = found
            raise ValidationError(message, code=code)
        if not pages:
            raise ValidationError(NOT_A_PDF, code="not_a_pdf")
    finally:
        upload.seek(position)
    upload._checked_document = True


def validate_document_upload(file):
    """Check only a new upload: a stored document was checked when it came."""
    if not getattr(file, "_committed", False):
        check_document(file)
