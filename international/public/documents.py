"""A published record's document, sent as a download under its own (sanitised) name."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from ..models import Document
from .decorators import read_only


@read_only
def document_file(request, pk):
    """Send the document as an attachment; 404 while its programme or project is not public.

    FileResponse names it in Content-Disposition both ways RFC 6266 asks (filename and,
    for a name beyond ASCII, filename*). The file was checked when uploaded and is never
    shown inline: the reader's own PDF viewer opens it.
    """
    document = get_object_or_404(Document.objects.published(), pk=pk)
    try:
        file = document.file.open("rb")
    except OSError:
        raise Http404 from None
    response = FileResponse(
        file,
        as_attachment=True,
        filename=document.original_name or "document.pdf",
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    # A document stops being public when its record is unpublished: always revalidate.
    response["Cache-Control"] = "no-cache"
    return response
