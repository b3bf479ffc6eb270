"""PDF files made at test time with pypdf: a plain one and each kind the site refuses."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject


def _script_action():
    return DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('hello');"),
        }
    )


def _annotation(writer, fields):
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Rect"): ArrayObject([]),
            **fields,
        }
    )
    page = writer.pages[0]
    page[NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])


def pdf_bytes(problem=None, padding=0):
    """Return a one-page PDF; *problem* names what the site must refuse in it, if anything."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    if problem == "javascript":
        # A document-level script, in the catalogue's /JavaScript name tree.
        tree = DictionaryObject(
            {
                NameObject("/Names"): ArrayObject(
                    [TextStringObject("greeting"), writer._add_object(_script_action())]
                )
            }
        )
        writer._root_object[NameObject("/Names")] = DictionaryObject(
            {NameObject("/JavaScript"): writer._add_object(tree)}
        )
    elif problem == "open_action":
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(_script_action())
    elif problem == "annotation_action":
        _annotation(
            writer,
            {
                NameObject("/Subtype"): NameObject("/Widget"),
                NameObject("/AA"): DictionaryObject({NameObject("/E"): _script_action()}),
            },
        )
    elif problem == "launch":
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {
                NameObject("/S"): NameObject("/Launch"),
                NameObject("/F"): TextStringObject("calc.exe"),
            }
        )
    elif problem == "embedded_file":
        writer.add_attachment("notes.txt", b"attached")
    elif problem == "file_attachment":
        _annotation(
            writer,
            {
                NameObject("/Subtype"): NameObject("/FileAttachment"),
                NameObject("/Contents"): TextStringObject("notes"),
            },
        )
    elif problem == "encrypted":
        writer.encrypt("secret", algorithm="AES-128")
    if padding:
        writer.add_metadata({"/Subject": "x" * padding})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def uploaded_pdf(name="report.pdf", problem=None, content=None, **kwargs):
    data = content if content is not None else pdf_bytes(problem, **kwargs)
    return SimpleUploadedFile(name, data, content_type="application/pdf")
