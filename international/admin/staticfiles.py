"""A static-files finder that serves jQuery UI's script from the XStatic-jQuery-UI package.

modeltranslation's tabbed admin needs jQuery UI; serving it ourselves keeps the admin
working offline and under CSP. Only the one script is exposed: the package's themes
reference images it does not ship, which would fail collectstatic's manifest step.
"""

import os

from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PREFIX = "vendor/jquery-ui"
FILES = ("jquery-ui.min.js",)


def package_dir():
    import xstatic.pkg.jquery_ui

    return xstatic.pkg.jquery_ui.BASE_DIR


class JQueryUIFinder(BaseFinder):
    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        directory, _slash, name = path.rpartition("/")
        if directory == PREFIX and name in FILES:
            match = os.path.join(package_dir(), name)
            return [match] if find_all else match
        # No match is [] either way, as Django's own finders answer: None would reach
        # django.contrib.staticfiles.finders.find() as a match, and whitenoise (DEBUG
        # on) would stat that "path" and answer any missing static file with a 500.
        return []

    def list(self, ignore_patterns):
        storage = FileSystemStorage(location=package_dir())
        storage.prefix = PREFIX
        for name in FILES:
            yield name, storage
