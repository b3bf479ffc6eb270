"""Read rendered HTML the way a browser or screen reader would: as a tree of elements."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict
    parent: "Element | None" = None
    children: list = field(default_factory=list)  # Elements and text strings

    @property
    def text(self):
        """Return the element's text with whitespace collapsed, as a reader hears it."""
        parts = []
        for child in self.children:
            parts.append(child.text if isinstance(child, Element) else child)
        return " ".join("".join(parts).split())

    def iter(self):
        """Yield this element and every element inside it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag=None, **attrs):
        """Return the elements named *tag* (any if None) whose attributes include *attrs*.

        An attribute value of True only requires the attribute to be present; "class_"
        matches one of the element's classes.
        """
        found = []
        for element in self.iter():
            if tag is not None and element.tag != tag:
                continue
            if all(element.matches(name, value) for name, value in attrs.items()):
                found.append(element)
        return found

    def find(self, tag=None, **attrs):
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    def matches(self, name, value):
        if name == "class_":
            return value in (self.attrs.get("class") or "").split()
        name = name.replace("_", "-")
        if value is True:
            return name in self.attrs
        return self.attrs.get(name) == value

    def language(self):
        """Return the language of this element: its own lang or the nearest ancestor's."""
        element = self
        while element is not None:
            if "lang" in element.attrs:
                return element.attrs["lang"]
            element = element.parent
        return None

    def __repr__(self):
        attributes = " ".join(f'{name}="{value}"' for name, value in self.attrs.items())
        return f"<{self.tag} {attributes}>{self.text[:60]!r}"


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs}, self.current)
        self.current.children.append(element)
        if tag not in VOID_ELEMENTS:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(
            Element(tag, {name: value or "" for name, value in attrs}, self.current)
        )

    def handle_endtag(self, tag):
        element = self.current
        while element is not None and element.tag != tag:
            element = element.parent
        if element is not None and element.parent is not None:
            self.current = element.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html):
    """Return the document tree of *html* (a str, bytes or a response)."""
    if hasattr(html, "content"):
        html = html.content
    if isinstance(html, bytes):
        html = html.decode()
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def text_nodes(root):
    """Yield (element, text) for every non-blank piece of text in the document body."""
    for element in root.iter():
        if element.tag in ("script", "style"):
            continue
        for child in element.children:
            if isinstance(child, str) and child.strip():
                yield element, child.strip()


def is_empty(element):
    """Return True if *element* gives a reader nothing: no text and no image with alt."""
    if element.text:
        return False
    return not any(image.attrs.get("alt") for image in element.find_all("img"))


def form_data(root, form_id=None):
    """Return what a browser would submit for a form as it was rendered (no JavaScript).

    Checked boxes, selected options (or the first), text areas and hidden inputs; no
    buttons, files, or the empty template forms that the admin's JavaScript copies.
    """
    form = root.find("form", id=form_id) if form_id else root.find("form", method="post")
    data = {}
    for element in form.iter():
        name = element.attrs.get("name")
        if not name or "__prefix__" in name:
            continue
        if element.tag == "input":
            kind = element.attrs.get("type", "text")
            if kind in ("submit", "button", "reset", "file", "image"):
                continue
            if kind in ("checkbox", "radio"):
                if "checked" in element.attrs:
                    data[name] = element.attrs.get("value", "on")
                continue
            data[name] = element.attrs.get("value", "")
        elif element.tag == "textarea":
            data[name] = "".join(c for c in element.children if isinstance(c, str)).lstrip("\n")
        elif element.tag == "select":
            options = element.find_all("option")
            selected = [o for o in options if "selected" in o.attrs]
            if "multiple" in element.attrs:
                data[name] = [o.attrs.get("value", o.text) for o in selected]
            elif selected or options:
                option = (selected or options)[0]
                data[name] = option.attrs.get("value", option.text)
    return data
