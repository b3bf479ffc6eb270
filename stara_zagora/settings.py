"""Settings for the International Activity section of Stara Zagora Municipality.

One file; every value a deployment changes comes from the environment (see
``.env.example``). The defaults suit a developer's machine; production fails
loudly when something it needs is missing or malformed.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key
from django.utils.translation import gettext_lazy as _
from django_prose_editor.config import html_tags
from js_asset import static_lazy

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name, default=False):
    """Return the boolean environment variable *name*, refusing unclear values."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"Environment variable {name} must be true or false (1/0, yes/no, on/off), not {raw!r}."
    )


def env_int(name, default, minimum=None, maximum=None):
    """Return the integer environment variable *name*, refusing one out of its range.

    A count, a limit or a length of time that is zero or negative is refused where it
    would make no sense (a feedback limit of 0 would refuse every reader).
    """
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    if minimum is not None and maximum is not None:
        accepted = f"a whole number from {minimum} to {maximum}"
    elif minimum is not None:
        accepted = f"a whole number of at least {minimum}"
    else:
        accepted = "a whole number"
    try:
        value = int(raw)
    except ValueError:
        value = None
    if (
        value is None
        or (minimum is not None and value < minimum)
        or (maximum is not None and value > maximum)
    ):
        raise ImproperlyConfigured(f"Environment variable {name} must be {accepted}, not {raw!r}.")
    return value


def env_list(name, default=()):
    """Return the comma-separated environment variable *name* as a list."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_url(name):
    """Return the http(s) address in the environment variable *name*, or ""."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return ""
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ImproperlyConfigured(
            f"Environment variable {name} must be an http or https address such as "
            f"https://s3.example.org, not {raw!r}."
        )
    return raw


DEBUG = env_bool("DEBUG", default=False)

#: Why the site must not serve with these settings. With DEBUG off a SECRET_KEY and
#: the host names are required: the WSGI application (gunicorn) and `check --deploy`
#: refuse to start without them (stara_zagora/startup.py), while commands that serve
#: nothing (check, makemigrations, a shell) still run on a bare checkout.
STARTUP_PROBLEMS = []

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        STARTUP_PROBLEMS.append(
            "Environment variable SECRET_KEY is not set. It is required when DEBUG is off; "
            "generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    # A fresh random key per process, never a literal that production could inherit.
    SECRET_KEY = get_random_secret_key()

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
if not DEBUG and not ALLOWED_HOSTS:
    STARTUP_PROBLEMS.append(
        "Environment variable ALLOWED_HOSTS is empty. List the site's host names, "
        "separated by commas (e.g. starazagora.bg,www.starazagora.bg)."
    )
if not DEBUG and "*" in ALLOWED_HOSTS:
    # "*" accepts any Host header: the check that keeps forged hosts out would be gone.
    STARTUP_PROBLEMS.append(
        "Environment variable ALLOWED_HOSTS must not be * when DEBUG is off: it turns host "
        "validation off. List the site's host names, separated by commas (e.g. "
        "starazagora.bg,www.starazagora.bg; .starazagora.bg for every subdomain)."
    )


def env_site_url(name, default):
    """Return the site's own address in *name* (scheme and host, no path), without a slash."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    parts = urlsplit(raw)
    try:
        port = parts.port  # ValueError for a port that is no number or out of range
    except ValueError:
        port = -1
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or "@" in parts.netloc
        or port == -1
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
    ):
        raise ImproperlyConfigured(
            f"Environment variable {name} must be the site's address, scheme and host only, "
            f"such as https://starazagora.bg, not {raw!r}."
        )
    default_port = {"http": 80, "https": 443}[parts.scheme]
    host = parts.hostname.lower()
    return f"{parts.scheme}://{host}" + (f":{port}" if port and port != default_port else "")


#: The one address the site names itself by, whatever host name a request came in on:
#: canonical and hreflang links, link previews, JSON-LD, the sitemap, the feeds' ids and
#: the calendar's UIDs are all built from it, so a site answering on two names never
#: gives readers, crawlers or calendars two copies of anything.
SITE_URL = env_site_url("SITE_URL", default="http://127.0.0.1:8000" if DEBUG else "")
if not SITE_URL:
    STARTUP_PROBLEMS.append(
        "Environment variable SITE_URL is not set. It is required when DEBUG is off: the "
        "site's public address, such as https://starazagora.bg."
    )
    SITE_URL = "http://127.0.0.1:8000"  # Only for commands that serve nothing.
elif env_bool("HTTPS", default=False) and not SITE_URL.startswith("https://"):
    STARTUP_PROBLEMS.append(
        f"Environment variable SITE_URL must be an https:// address when HTTPS is on, "
        f"not {SITE_URL!r}."
    )

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
for _origin in CSRF_TRUSTED_ORIGINS:
    if not _origin.startswith(("http://", "https://")):
        raise ImproperlyConfigured(
            f"Environment variable CSRF_TRUSTED_ORIGINS: {_origin!r} must start with "
            "https:// (or http://)."
        )

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_countries",
    "django_prose_editor",
    "simple_history",
    "adminsortable2",
    "axes",
    "international.apps.InternationalConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Tells the operator once if a proxy seems to be in front that BEHIND_PROXY does not declare.
    "international.public.middleware.UndeclaredProxyWarningMiddleware",
    "international.public.middleware.SectionCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Cached public pages are answered here, with the headers of the middleware above
    # (a host not allowed gets its 400 here too, with them).
    "international.public.caching.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out login before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Login protection: 5 failed logins for one username from one IP address lock that
# pair out for an hour; a successful login resets the count.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# 0 hours would lift every lockout at once.
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1, minimum=1)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0, minimum=0)
# Trust X-Forwarded-For only behind a proxy that sets it; otherwise anyone could
# dodge the lockout by sending a new address in the header.
BEHIND_PROXY = env_bool("BEHIND_PROXY", default=False)
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if BEHIND_PROXY else ["REMOTE_ADDR"]
)

ROOT_URLCONF = "stara_zagora.urls"
WSGI_APPLICATION = "stara_zagora.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "international.public.context_processors.site_chrome",
            ],
        },
    },
]

# SQLite by default; DATABASE_URL (e.g. postgres://user:pass@host:5432/name) switches.
_database_url = os.environ.get("DATABASE_URL", "").strip()
#: The engines the project is built and tested for (dj-database-url knows more, whose
#: drivers are not installed: mysql:// would stop with "Error loading MySQLdb module").
DATABASE_SCHEMES = ("sqlite", "postgres", "postgresql")
if _database_url:
    _scheme = urlsplit(_database_url).scheme if "://" in _database_url else ""
    if _scheme not in DATABASE_SCHEMES:  # urlsplit gives the scheme in small letters
        # Only the scheme is named: the rest of the address may hold a password.
        *others, last = (f"{scheme}://" for scheme in DATABASE_SCHEMES)
        raise ImproperlyConfigured(
            f"Environment variable DATABASE_URL must start with {', '.join(others)} or {last}, not "
            f"{_scheme + '://' if _scheme else 'no scheme'}."
        )
    try:
        DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
    except ValueError as error:
        raise ImproperlyConfigured(
            f"Environment variable DATABASE_URL is malformed: {error}"
        ) from None
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": Path(os.environ.get("SQLITE_PATH", BASE_DIR / "db.sqlite3")),
            # Several gunicorn workers share the file: write-ahead logging lets readers
            # go on while one writes, and IMMEDIATE transactions wait for the write lock
            # instead of failing with "database is locked".
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
# Keep each worker's connection open between requests (every public page reads the
# content version first), checking it is still alive before reuse.
# 0 closes the connection after each request.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60, minimum=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

_redis_url = os.environ.get("REDIS_URL", "").strip()
if _redis_url:
    if not _redis_url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            "Environment variable REDIS_URL must start with redis://, rediss:// or unix://."
        )
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _redis_url,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "international",
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Bulgarian first (the default and the fallback), English second.
LANGUAGE_CODE = "bg"
LANGUAGES = [
    ("bg", _("Bulgarian")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["stara_zagora.formats"]
TIME_ZONE = "Europe/Sofia"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "bg"
MODELTRANSLATION_LANGUAGES = ("bg", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("bg",)
# The tabbed admin needs jQuery UI; serve it ourselves (no CDN, works under CSP).
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

# The rich-text editor's own mark for a name in another language (<span lang="en">): the
# editor keeps such spans instead of dropping them; the sanitiser allows only bg and en.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("international/admin/language_mark.js")],
        "extensions": {"Language": html_tags(["span"], {"span": ["lang"]})},
    }
]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    # jQuery UI's script from the XStatic-jQuery-UI package (see JQUERY_UI_URL).
    "international.admin.staticfiles.JQueryUIFinder",
]

MEDIA_URL = "/media/"
# Serve uploads from the app itself (one machine, no separate web server).
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=True)
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Where `manage.py backup_content` writes its archives when not given --output
# (empty: the current folder).
BACKUP_DIR = os.environ.get("BACKUP_DIR", "").strip() or None

# Uploads go to MEDIA_ROOT on local disk, or, when S3_BUCKET is set, to S3-compatible
# object storage through django-storages (AWS, or any provider with S3_ENDPOINT_URL).
S3_BUCKET = os.environ.get("S3_BUCKET", "").strip()
S3_MEDIA_ORIGIN = ""
if S3_BUCKET:
    S3_ENDPOINT_URL = env_url("S3_ENDPOINT_URL")
    S3_CUSTOM_DOMAIN = os.environ.get("S3_CUSTOM_DOMAIN", "").strip()
    if "/" in S3_CUSTOM_DOMAIN:
        raise ImproperlyConfigured(
            f"Environment variable S3_CUSTOM_DOMAIN must be a host name such as "
            f"media.starazagora.bg, not {S3_CUSTOM_DOMAIN!r}."
        )
    default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": S3_ENDPOINT_URL or None,
            "region_name": os.environ.get("S3_REGION", "").strip() or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID", "").strip() or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY", "").strip() or None,
            "custom_domain": S3_CUSTOM_DOMAIN or None,
            "location": os.environ.get("S3_LOCATION", "").strip().strip("/"),
            # Images are public: plain addresses, no expiring signatures, so cached
            # pages keep working links. Access is granted by the bucket's policy.
            "querystring_auth": False,
            "default_acl": None,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
    # The pages' Content-Security-Policy must allow images from there.
    if S3_CUSTOM_DOMAIN:
        S3_MEDIA_ORIGIN = f"https://{S3_CUSTOM_DOMAIN}"
    elif S3_ENDPOINT_URL:
        S3_MEDIA_ORIGIN = S3_ENDPOINT_URL.rstrip("/")
    else:
        S3_MEDIA_ORIGIN = f"https://{S3_BUCKET}.s3.amazonaws.com"
else:
    default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STORAGES = {
    "default": default_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Hashed file names never change content: cache them for a year.
WHITENOISE_MAX_AGE = 0 if DEBUG else 31536000

# Uploads: refuse oversized requests before they reach a form.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The largest document (PDF) an editor may attach to a programme or a project, in MB.
MAX_DOCUMENT_MB = env_int("MAX_DOCUMENT_MB", 20, minimum=1)

# Security. HTTPS-only settings stay off until HTTPS=true (the deployment
# section of the README), so `make run` works on plain http://127.0.0.1.
HTTPS = env_bool("HTTPS", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
# A form refused for its security token is explained in the site's layout and language;
# the feedback form comes back with what the reader wrote.
CSRF_FAILURE_VIEW = "international.public.errors.csrf_failure"
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=HTTPS)
if BEHIND_PROXY:
    # Only behind a reverse proxy that sets this header itself.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Browser features no page of this site uses, switched off for every page.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media",
        "fullscreen", "geolocation", "gyroscope", "magnetometer", "microphone", "midi",
        "payment", "picture-in-picture", "publickey-credentials-get", "screen-wake-lock",
        "usb", "xr-spatial-tracking",
    )
}  # fmt: skip

# Content-Security-Policy: strict on the public site. The admin's editor
# needs its inline import map; that exception lives in
# international.public.middleware and applies under /admin/ only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([S3_MEDIA_ORIGIN] if S3_MEDIA_ORIGIN else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Logs: one JSON object per line on standard error (LOG_FORMAT=text for people).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json").strip().lower()
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(
        f"Environment variable LOG_FORMAT must be json or text, not {LOG_FORMAT!r}."
    )
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").strip().upper()
if LOG_LEVEL not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
    raise ImproperlyConfigured(
        f"Environment variable LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, "
        f"not {LOG_LEVEL!r}."
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# Public pages are cached on the server under a content version (international.public.caching);
# browsers may keep them this many seconds before revalidating (0: always revalidate).
PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", 0, minimum=0)

# E-mail. The console backend (messages written to the log) suits a developer's machine;
# production sets EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and EMAIL_HOST.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    # Django would refuse only when the first message is sent, and that one would be lost.
    raise ImproperlyConfigured(
        "Environment variables EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be true: "
        "set EMAIL_USE_TLS=true for STARTTLS (port 587) or EMAIL_USE_SSL=true for "
        "implicit TLS (port 465)."
    )
# A slow mail server must not hold a reader's request for long; the message is stored first.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The feedback form (accessibility statement): who is told of each message (comma-separated
# addresses; empty: no e-mail, staff read the messages in the admin), and how many messages
# one IP address may send per FEEDBACK_RATE_WINDOW seconds. The count lives in the cache:
# shared by every worker with Redis, per process with the default memory cache.
FEEDBACK_EMAIL = env_list("FEEDBACK_EMAIL")
# 0 would refuse every message (429 for everyone): at least 1.
FEEDBACK_RATE_LIMIT = env_int("FEEDBACK_RATE_LIMIT", 5, minimum=1)
FEEDBACK_RATE_WINDOW = env_int("FEEDBACK_RATE_WINDOW", 60 * 60, minimum=1)

# The link check (manage.py check_links, and "Check links now" in the admin's link report):
# how long to wait for a site's answer (seconds), how long to wait between two requests to
# the same host (seconds), and how many hosts are asked at once.
LINK_CHECK_TIMEOUT = env_int("LINK_CHECK_TIMEOUT", 10, minimum=1)
LINK_CHECK_HOST_INTERVAL = env_int("LINK_CHECK_HOST_INTERVAL", 1, minimum=0)
LINK_CHECK_CONCURRENCY = env_int("LINK_CHECK_CONCURRENCY", 4, minimum=1)
# The check asks only addresses on the public internet: a name that resolves to a loopback,
# private, link-local or other non-public address is refused, at every redirect, so the
# records cannot make the server probe its own network. True lets such addresses through
# (the tests' sites on 127.0.0.1; never in production).
LINK_CHECK_ALLOW_PRIVATE = env_bool("LINK_CHECK_ALLOW_PRIVATE", default=False)
# "Check links now" in the admin stops after this many seconds, below gunicorn's worker
# timeout (30 s, its default): the longest-unchecked addresses first, the rest on the next
# press or by manage.py check_links, which checks everything.
LINK_CHECK_REQUEST_BUDGET = env_int("LINK_CHECK_REQUEST_BUDGET", 20, minimum=1, maximum=25)
