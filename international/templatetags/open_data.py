"""Template helpers for link previews, structured data and the map of the twin cities."""

from django import template

from international.publishing import map_image, page_meta, structured_data, world_map

register = template.Library()


def _is_public_page(context):
    return bool(context.get("request") and context.get("canonical_url")) and not context.get(
        "preview"
    )


@register.simple_tag(takes_context=True)
def page_social_meta(context):
    """Return what the page's Open Graph and Twitter card tags say, or None on other pages."""
    if not _is_public_page(context):
        return None
    return page_meta.social_meta(context)


@register.simple_tag(takes_context=True)
def page_meta_description(context):
    """Return the page's description (the same as its link preview's), or "" on other pages."""
    if not context.get("request") or not context.get("canonical_url"):
        return ""
    return page_meta.page_description(context)


@register.simple_tag(takes_context=True)
def page_json_ld(context):
    """Render the page's schema.org JSON-LD as a data block (never executed)."""
    if not _is_public_page(context):
        return ""
    graph = structured_data.page_graph(context)
    return structured_data.json_ld_script(graph) if graph else ""


@register.simple_tag
def twin_city_map(cities, scope):
    """Return the map of the (already fetched) *cities*, or None if none has coordinates.

    *scope* names the cities for the map's own file (publishing/map_image.py).
    """
    return map_image.with_image(world_map.city_map(cities), scope)
