"""What every page's header and footer need."""

from django.utils.functional import SimpleLazyObject

from ..models import InfoPage, SiteContact


def site_chrome(request):
    """Return the footer's contacts and information pages, fetched only if a page uses them."""
    pages = SimpleLazyObject(lambda: {page.key: page for page in InfoPage.objects.published()})
    return {
        "site_contact": SimpleLazyObject(SiteContact.objects.current),
        "accessibility_page": SimpleLazyObject(lambda: pages.get(InfoPage.Key.ACCESSIBILITY)),
        "privacy_page": SimpleLazyObject(lambda: pages.get(InfoPage.Key.PRIVACY)),
    }
