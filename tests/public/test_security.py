"""Security headers on public and admin pages, and the production settings."""

import json
import os

import pytest
from django.test import override_settings

from tests.test_project import code_case, run_cases


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.fixture
def public_response(client, seed):
    return client.get("/bg/mezhdunarodna-deynost/")


def test_the_public_csp_is_strict(public_response):
    policy = directives(public_response)
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in policy[directive]
        assert "'unsafe-eval'" not in policy[directive]


def test_the_admins_csp_exceptions_are_confined_to_the_admin(staff_client, seed):
    response = staff_client.get("/admin/international/organization/1/change/")
    policy = directives(response)
    assert any(source.startswith("'sha256-") for source in policy["script-src"])
    assert "'unsafe-eval'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["script-src"]
    public = staff_client.get("/en/international-activity/")
    assert "sha256-" not in public["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("path", "host"),
    [
        ("/bg/mezhdunarodna-deynost/", "testserver"),
        ("/admin/login/", "testserver"),
        ("/bg/mezhdunarodna-deynost/", "attacker.example"),  # 400: a host not allowed
    ],
)
def test_every_response_carries_the_security_headers(client, seed, path, host):
    response = client.get(path, headers={"host": host})
    assert response.status_code in (200, 400)
    assert (response.status_code == 400) == (host != "testserver")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "Content-Security-Policy" in response


HTTPS_SETTINGS = {
    "SECURE_HSTS_SECONDS": 31536000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
}


HTTPS_CODE = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps([s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
    "s.SECURE_HSTS_PRELOAD, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
    "s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, s.CSRF_COOKIE_SAMESITE, "
    "s.SECURE_SSL_REDIRECT]))"
)


@pytest.mark.engine_independent
def test_https_true_turns_on_hsts_and_secure_cookies_in_the_production_settings(started):
    result = started["https"]

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [31536000, True, True, True, True, True, "Lax", "Lax", True]


@override_settings(**HTTPS_SETTINGS)
@pytest.mark.parametrize(
    "path", ["/bg/mezhdunarodna-deynost/", "/en/accessibility/", "/admin/login/"]
)
def test_over_https_every_response_carries_hsts(client, seed, path):
    for _ in range(2):  # rendered, then from the cache
        response = client.get(path, secure=True)
        assert response.status_code == 200
        assert response["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        )


@override_settings(**HTTPS_SETTINGS)
def test_over_https_the_login_cookies_are_secure_httponly_and_samesite(client, superuser):
    form = client.get("/admin/login/", secure=True)
    csrf = form.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"

    response = client.post(
        "/admin/login/?next=/admin/",
        {
            "username": superuser.username,
            "password": "a-long-test-password",
            "csrfmiddlewaretoken": csrf.value,
        },
        secure=True,
    )

    assert response.status_code == 302, "the login was refused"
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]
    assert session["samesite"] == "Lax"


def test_the_public_pages_set_no_cookie(client, seed):
    for path in ("/bg/mezhdunarodna-deynost/", "/en/international-activity/"):
        for _ in range(2):
            assert not client.get(path).cookies


READ_ONLY_ADDRESSES = [
    "/",
    "/en/",
    "/bg/mezhdunarodna-deynost/",
    "/en/international-activity/organisations/",
    "/sitemap.xml",
    "/sitemap-pages.xml",
    "/sitemap-events-en.xml",
    "/robots.txt",
    "/favicon.ico",
    "/healthz",
]
READ_ONLY_NAMES = [
    "open_data_json",
    "open_data_organizations_csv",
    "events_calendar",
    "changes_feed",
]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_read_only_addresses_refuse_other_methods_with_405_not_a_csrf_page(seed, method):
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    client = Client(enforce_csrf_checks=True)
    with translation.override("en"):
        named = [reverse(f"international:{name}") for name in READ_ONLY_NAMES]
    for path in READ_ONLY_ADDRESSES + named:
        response = getattr(client, method)(path)

        assert response.status_code == 405, path
        assert response["Allow"] == "GET, HEAD", path


def test_the_feedback_form_takes_get_and_post_but_not_put(client, seed):
    response = client.put("/en/feedback/")

    assert response.status_code == 405
    assert "PUT" not in response["Allow"]
    assert "POST" in response["Allow"]


def check_deploy_case(**env):
    """`manage.py check --deploy` under the production settings with *env* (see run_cases)."""
    clean = {key: value for key, value in os.environ.items() if key not in {
        "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "SITE_URL", "DATABASE_URL", "REDIS_URL", "HTTPS",
        "DJANGO_ALLOW_ASYNC_UNSAFE",  # Set by the browser tests for their own process.
    }}  # fmt: skip
    clean.update(DJANGO_SETTINGS_MODULE="stara_zagora.settings", **env)
    return {
        "argv": ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        "env": clean,
    }


MALFORMED = [
    ({"ALLOWED_HOSTS": "x"}, "SECRET_KEY"),
    ({"SECRET_KEY": "k" * 50, "ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
    ({"SECRET_KEY": "k" * 50, "ALLOWED_HOSTS": "x", "DEBUG": "maybe"}, "DEBUG"),
    ({"SECRET_KEY": "k" * 50, "ALLOWED_HOSTS": "x", "REDIS_URL": "localhost"}, "REDIS_URL"),
    ({"SECRET_KEY": "k" * 50, "ALLOWED_HOSTS": "x", "LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
    (
        {"SECRET_KEY": "k" * 50, "ALLOWED_HOSTS": "x", "SECURE_HSTS_SECONDS": "a year"},
        "SECURE_HSTS_SECONDS",
    ),
    (
        {"SECRET_KEY": "k" * 50, "ALLOWED_HOSTS": "x", "CSRF_TRUSTED_ORIGINS": "example.org"},
        "CSRF_TRUSTED_ORIGINS",
    ),
]


@pytest.fixture(scope="module")
def started():
    """Every production-settings case of this module, each in a fresh process, in one run."""
    cases = {
        "https": code_case(
            HTTPS_CODE, SECRET_KEY="k" * 50, ALLOWED_HOSTS="starazagora.bg", HTTPS="true"
        ),
        "deploy": check_deploy_case(
            SECRET_KEY="a-production-like-key-" + "x" * 40,
            ALLOWED_HOSTS="starazagora.bg",
            SITE_URL="https://starazagora.bg",
            HTTPS="true",
        ),
    }
    for number, (env, _) in enumerate(MALFORMED):
        cases[f"malformed:{number}"] = check_deploy_case(**env)
    return run_cases(cases)


@pytest.mark.engine_independent
def test_check_deploy_reports_nothing_under_the_production_settings(started):
    result = started["deploy"]
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.engine_independent
@pytest.mark.parametrize(
    ("number", "named"),
    [(number, named) for number, (_, named) in enumerate(MALFORMED)],
    ids=[named for _, named in MALFORMED],
)
def test_a_missing_or_malformed_variable_stops_the_site_naming_it(started, number, named):
    result = started[f"malformed:{number}"]
    assert result.returncode != 0
    assert named in result.stderr
    assert "ImproperlyConfigured" in result.stderr


# An undeclared proxy ------------------------------------------------------------------------

PROXY_LOGGER = "international.public.middleware"


@pytest.fixture
def proxy_warning(monkeypatch, caplog):
    """Each test starts as a fresh process would: no warning given yet."""
    from international.public.middleware import UndeclaredProxyWarningMiddleware

    monkeypatch.setattr(UndeclaredProxyWarningMiddleware, "warned", False)
    caplog.set_level("WARNING", logger=PROXY_LOGGER)

    def warnings():
        return [record for record in caplog.records if record.name == PROXY_LOGGER]

    return warnings


def test_a_forwarded_request_without_behind_proxy_is_warned_of_once(
    client, db, settings, proxy_warning
):
    settings.BEHIND_PROXY = False

    client.get("/robots.txt", HTTP_X_FORWARDED_FOR="203.0.113.7")
    client.get("/robots.txt", HTTP_X_FORWARDED_FOR="198.51.100.2")

    [warning] = proxy_warning()
    assert warning.levelname == "WARNING"
    assert "BEHIND_PROXY" in warning.getMessage()
    assert "203.0.113.7" not in warning.getMessage()  # No reader's address in the log.


def test_no_proxy_warning_without_the_header_or_with_behind_proxy_on(
    client, db, settings, proxy_warning
):
    settings.BEHIND_PROXY = False
    client.get("/robots.txt")
    assert proxy_warning() == []

    settings.BEHIND_PROXY = True
    client.get("/robots.txt", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert proxy_warning() == []
