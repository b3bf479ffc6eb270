"""What every page's header and footer need."""

from .models import InfoPage, SiteContact


def site_chrome(request):
    """Return the footer's contacts and information pages, fetched once per page."""
    if request.path.startswith("/admin/"):
        return {}
    pages = {page.key: page for page in InfoPage.objects.published()}
    return {
        "site_contact": SiteContact.objects.current(),
        "accessibility_page": pages.get(InfoPage.Key.ACCESSIBILITY),
        "privacy_page": pages.get(InfoPage.Key.PRIVACY),
    }
