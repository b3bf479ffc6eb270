from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InternationalConfig(AppConfig):
    name = "international"
    verbose_name = _("International activity")

    def ready(self):
        from PIL import Image

        # The deployment check that refuses a server without SECRET_KEY or hosts.
        import stara_zagora.startup  # noqa: F401

        from . import search, signals  # noqa: F401 - connect their receivers
        from .media.validation import MAX_IMAGE_PIXELS

        # Refuse decompression bombs everywhere Pillow opens a file.
        Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
