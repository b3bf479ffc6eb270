"""Guards of the project as a whole: migrations, checks, translations and settings."""

import io
import json
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

BASE_DIR = Path(settings.BASE_DIR)
LANGUAGES = ["bg", "en"]
# "django" for the Python code and templates, "djangojs" for the admin's scripts.
DOMAINS = ["django", "djangojs"]
CATALOGUES = [(language, domain) for language in LANGUAGES for domain in DOMAINS]
PROJECT_PARTS = ["international", "stara_zagora", "templates", "locale", "manage.py"]


def catalogue(language, domain="django"):
    return polib.pofile(BASE_DIR / "locale" / language / "LC_MESSAGES" / f"{domain}.po")


def messages_of(po):
    """Return the (context, message) pairs a catalogue holds, leaving out obsolete ones."""
    return {(entry.msgctxt, entry.msgid) for entry in po if not entry.obsolete}


def clean_environment(**variables):
    """Return an environment with none of the project's settings but *variables*."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if name in ("PATH", "HOME", "LANG", "LC_ALL", "SYSTEMROOT", "TMPDIR")
    }
    environment["DJANGO_SETTINGS_MODULE"] = "stara_zagora.settings"
    environment.update(variables)
    return environment


# Database and checks -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_models_have_no_changes_missing_from_the_migrations():
    # Exits with status 1 if a migration is missing.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_the_django_system_checks_pass(capsys):
    call_command("check", fail_level="WARNING")

    assert "no issues" in capsys.readouterr().out


# Translations ------------------------------------------------------------------------------------


@pytest.mark.engine_independent
@pytest.mark.parametrize(("language", "domain"), CATALOGUES)
def test_every_message_is_translated_and_none_is_fuzzy(language, domain):
    po = catalogue(language, domain)

    assert len(po) > 20
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


@pytest.mark.engine_independent
@pytest.mark.parametrize(("language", "domain"), CATALOGUES)
def test_the_compiled_catalogue_matches_the_translations(language, domain):
    po = catalogue(language, domain)
    mo = polib.mofile(BASE_DIR / "locale" / language / "LC_MESSAGES" / f"{domain}.mo")

    def translations(entries):
        return {
            (entry.msgctxt, entry.msgid): entry.msgstr_plural or entry.msgstr
            for entry in entries
            if entry.msgid
        }

    assert translations(mo) == translations(po.translated_entries())


@pytest.mark.engine_independent
@pytest.mark.parametrize("domain", DOMAINS)
def test_both_languages_hold_the_same_messages(domain):
    assert messages_of(catalogue("bg", domain)) == messages_of(catalogue("en", domain))


@pytest.mark.engine_independent
def test_the_url_segments_are_translated_into_bulgarian():
    po = catalogue("bg")

    segments = {entry.msgid: entry.msgstr for entry in po if entry.msgctxt == "URL"}

    assert segments["international-activity"] == "mezhdunarodna-deynost"
    assert segments["organisations"] == "organizatsii"


@pytest.mark.engine_independent
@pytest.mark.skipif(
    shutil.which("xgettext") is None and not os.environ.get("CI"),
    reason="xgettext (gettext) not installed; in CI (CI=true) this fails instead",
)
@pytest.mark.parametrize("domain", DOMAINS)
def test_every_string_in_the_code_is_in_the_catalogues(domain, tmp_path):
    for part in PROJECT_PARTS:
        source = BASE_DIR / part
        if source.is_dir():
            shutil.copytree(
                source, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
            )
        else:
            shutil.copy2(source, tmp_path / part)

    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-d", domain, "-l", "bg",
         "--no-location", "--ignore=tests"],
        cwd=tmp_path,
        env=clean_environment(DEBUG="true"),
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    regenerated = messages_of(polib.pofile(tmp_path / f"locale/bg/LC_MESSAGES/{domain}.po"))
    repository = messages_of(catalogue("bg", domain))
    assert sorted(regenerated - repository, key=str) == [], "strings missing from locale/"
    assert sorted(repository - regenerated, key=str) == [], "strings no longer in the code"


# Settings from the environment -------------------------------------------------------------------

# Reading a setting imports the settings module, where the environment is checked.
READ_SETTINGS = "import django; from django.conf import settings; print(settings.DEBUG)"
START = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
# What gunicorn does: load the WSGI application, which refuses to serve when misconfigured.
SERVE = "from stara_zagora.wsgi import application"


def start_django(code=READ_SETTINGS, **variables):
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=clean_environment(**variables),
        capture_output=True,
        text=True,
        timeout=60,
    )


# Starting a Python process per case is most of what a settings test costs. The runner
# imports Django's machinery (no settings) once, then forks a process per case: each
# case still runs in a process of its own, with only its own environment, as
# `python -c CODE` or `python manage.py ...` started there would.
CASE_RUNNER = r"""
import json, os, runpy, sys, tempfile, traceback

import django.conf
import django.core.management
import django.core.wsgi

assert not django.conf.settings.configured, "the runner must not read the settings"
results = {}
for name, case in json.load(sys.stdin).items():
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        pid = os.fork()
        if pid == 0:
            os.dup2(out.fileno(), 1)
            os.dup2(err.fileno(), 2)
            os.environ.clear()
            os.environ.update(case["env"])
            status = 0
            try:
                if "code" in case:
                    sys.argv = ["-c"]
                    exec(compile(case["code"], "<string>", "exec"), {"__name__": "__main__"})
                else:
                    sys.argv = case["argv"]
                    runpy.run_path(case["argv"][0], run_name="__main__")
            except SystemExit as exit:
                if isinstance(exit.code, int) or exit.code is None:
                    status = exit.code or 0
                else:
                    print(exit.code, file=sys.stderr)
                    status = 1
            except BaseException:
                traceback.print_exc()
                status = 1
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
        _, wait_status = os.waitpid(pid, 0)
        out.seek(0)
        err.seek(0)
        results[name] = {
            "returncode": os.waitstatus_to_exitcode(wait_status),
            "stdout": out.read().decode(),
            "stderr": err.read().decode(),
        }
print(json.dumps(results))
"""


def run_cases(cases):
    """Run every case of {name: {"env": ..., "code": ... or "argv": [...]}} in a process of
    its own; return {name: CompletedProcess}."""
    runner = subprocess.run(
        [sys.executable, "-c", CASE_RUNNER],
        cwd=BASE_DIR,
        env=clean_environment(),
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        timeout=60 + 30 * len(cases),
    )
    assert runner.returncode == 0, runner.stderr
    return {
        name: subprocess.CompletedProcess(cases[name].get("argv", ["-c"]), **result)
        for name, result in json.loads(runner.stdout).items()
    }


def code_case(code=READ_SETTINGS, **variables):
    return {"code": code, "env": clean_environment(**variables)}


REFUSALS = {
    "no-secret-key": ({"DEBUG": "false", "ALLOWED_HOSTS": "starazagora.bg"}, "SECRET_KEY"),
    "empty-secret-key": (
        {"DEBUG": "false", "SECRET_KEY": "", "ALLOWED_HOSTS": "starazagora.bg"},
        "SECRET_KEY",
    ),
    "unclear-debug": ({"DEBUG": "maybe", "SECRET_KEY": "x" * 50}, "DEBUG"),
    "database-url": ({"DEBUG": "true", "DATABASE_URL": "not a url"}, "DATABASE_URL"),
    "database-port": (
        {"DEBUG": "true", "DATABASE_URL": "postgres://user:pass@db:port/name"},
        "DATABASE_URL",
    ),
    "no-hosts": ({"DEBUG": "false", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
    "redis": ({"DEBUG": "true", "REDIS_URL": "localhost:6379"}, "REDIS_URL"),
    "no-site-url": (
        {"DEBUG": "false", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "starazagora.bg"},
        "SITE_URL",
    ),
    "site-url": ({"DEBUG": "true", "SITE_URL": "starazagora.bg"}, "SITE_URL"),
    "site-url-with-a-password": (
        {"DEBUG": "true", "SITE_URL": "https://:secret@starazagora.bg"},
        "SITE_URL",
    ),
    "site-url-with-a-bad-port": (
        {"DEBUG": "true", "SITE_URL": "https://starazagora.bg:abc"},
        "SITE_URL",
    ),
    "site-url-with-a-path": (
        {"DEBUG": "true", "SITE_URL": "https://starazagora.bg/bg/"},
        "SITE_URL",
    ),
    "site-url-not-https": (
        {
            "DEBUG": "false",
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "starazagora.bg",
            "SITE_URL": "http://starazagora.bg",
            "HTTPS": "true",
        },
        "SITE_URL",
    ),
    "s3-endpoint": (
        {"DEBUG": "true", "S3_BUCKET": "media", "S3_ENDPOINT_URL": "s3.example.org"},
        "S3_ENDPOINT_URL",
    ),
    "s3-domain": (
        {"DEBUG": "true", "S3_BUCKET": "media", "S3_CUSTOM_DOMAIN": "https://cdn.example/"},
        "S3_CUSTOM_DOMAIN",
    ),
}
PRODUCTION = {"DEBUG": "false", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "starazagora.bg"}
# Settings that would start a site that makes no sense: each refusal names the variable
# (the test above) and the values it accepts (these, in the refusal's last line).
NONSENSE = {
    "feedback-limit-zero": ({"FEEDBACK_RATE_LIMIT": "0"}, "FEEDBACK_RATE_LIMIT", "at least 1"),
    "feedback-limit-negative": (
        {"FEEDBACK_RATE_LIMIT": "-3"},
        "FEEDBACK_RATE_LIMIT",
        "at least 1",
    ),
    "feedback-limit-not-a-number": (
        {"FEEDBACK_RATE_LIMIT": "five"},
        "FEEDBACK_RATE_LIMIT",
        "at least 1",
    ),
    "feedback-window-zero": ({"FEEDBACK_RATE_WINDOW": "0"}, "FEEDBACK_RATE_WINDOW", "at least 1"),
    "axes-limit-negative": ({"AXES_FAILURE_LIMIT": "-1"}, "AXES_FAILURE_LIMIT", "at least 1"),
    "axes-limit-zero": ({"AXES_FAILURE_LIMIT": "0"}, "AXES_FAILURE_LIMIT", "at least 1"),
    "axes-cooloff-zero": ({"AXES_COOLOFF_HOURS": "0"}, "AXES_COOLOFF_HOURS", "at least 1"),
    "axes-proxy-count-negative": ({"AXES_PROXY_COUNT": "-1"}, "AXES_PROXY_COUNT", "at least 0"),
    "conn-max-age-negative": ({"CONN_MAX_AGE": "-1"}, "CONN_MAX_AGE", "at least 0"),
    "hsts-negative": ({"SECURE_HSTS_SECONDS": "-1"}, "SECURE_HSTS_SECONDS", "at least 0"),
    "public-cache-negative": ({"PUBLIC_CACHE_SECONDS": "-5"}, "PUBLIC_CACHE_SECONDS", "at least 0"),
    "email-port-zero": ({"EMAIL_PORT": "0"}, "EMAIL_PORT", "from 1 to 65535"),
    "email-port-too-high": ({"EMAIL_PORT": "70000"}, "EMAIL_PORT", "from 1 to 65535"),
    "email-timeout-zero": ({"EMAIL_TIMEOUT": "0"}, "EMAIL_TIMEOUT", "at least 1"),
    "email-tls-and-ssl": (
        {"EMAIL_USE_TLS": "true", "EMAIL_USE_SSL": "true"},
        "EMAIL_USE_SSL",
        "EMAIL_USE_TLS=true for STARTTLS",
    ),
    "unclear-boolean": ({"EMAIL_USE_TLS": "sometimes"}, "EMAIL_USE_TLS", "true or false"),
    "any-host-in-production": ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS", "host names"),
    "any-host-among-others": (
        {"ALLOWED_HOSTS": "starazagora.bg,*"},
        "ALLOWED_HOSTS",
        "host names",
    ),
    "mysql": (
        {"DATABASE_URL": "mysql://user:do-not-print@db:3306/name"},
        "DATABASE_URL",
        "sqlite://, postgres:// or postgresql://",
    ),
}
for _case, (_variables, _named, _accepted) in NONSENSE.items():
    REFUSALS[_case] = ({**PRODUCTION, "SITE_URL": "https://starazagora.bg", **_variables}, _named)

BARE_CHECKOUT_COMMANDS = {
    "check": ["check"],
    "makemigrations": ["makemigrations", "--check", "--dry-run"],
    "showmigrations": ["showmigrations"],
}


@pytest.fixture(scope="module")
def started(tmp_path_factory):
    """Every settings case of this module, each started in a fresh process, in one run."""
    cases = {
        "production": code_case(
            START, DEBUG="false", SECRET_KEY="x" * 50, ALLOWED_HOSTS="starazagora.bg"
        ),
        "default": code_case(SECRET_KEY="x" * 50, ALLOWED_HOSTS="starazagora.bg"),
        "secret-not-printed": code_case(DEBUG="maybe", SECRET_KEY="do-not-print-this-secret-value"),
    }
    for name, (variables, _) in REFUSALS.items():
        cases[f"refusal:{name}"] = code_case(SERVE, **variables)
    cases["debug-any-host"] = code_case(SERVE, DEBUG="true", ALLOWED_HOSTS="*")
    cases["deploy-any-host"] = {
        "argv": ["manage.py", "check", "--deploy"],
        "env": clean_environment(
            **{**PRODUCTION, "ALLOWED_HOSTS": "*", "SITE_URL": "https://starazagora.bg"},
            SQLITE_PATH=str(tmp_path_factory.mktemp("deploy") / "db.sqlite3"),
        ),
    }
    for name, command in BARE_CHECKOUT_COMMANDS.items():
        # No SECRET_KEY, no ALLOWED_HOSTS, DEBUG off by default: what a fresh clone has.
        database = tmp_path_factory.mktemp(name) / "db.sqlite3"
        cases[f"bare:{name}"] = {
            "argv": ["manage.py", *command],
            "env": clean_environment(SQLITE_PATH=str(database)),
        }
    return run_cases(cases)


@pytest.mark.engine_independent
def test_the_settings_start_in_production_mode_with_what_production_needs(started):
    result = started["production"]

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


@pytest.mark.engine_independent
def test_the_settings_default_to_production_mode(started):
    result = started["default"]

    assert result.stdout.strip() == "False"


@pytest.mark.engine_independent
@pytest.mark.parametrize(
    ("case", "named"), [(case, named) for case, (_, named) in REFUSALS.items()]
)
def test_the_settings_refuse_to_start_naming_the_variable_that_is_wrong(started, case, named):
    result = started[f"refusal:{case}"]

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert named in result.stderr.strip().splitlines()[-1]


@pytest.mark.engine_independent
@pytest.mark.parametrize(
    ("case", "accepted"), [(case, accepted) for case, (_, _, accepted) in NONSENSE.items()]
)
def test_a_setting_that_makes_no_sense_is_refused_naming_what_is_accepted(started, case, accepted):
    result = started[f"refusal:{case}"]

    assert accepted in result.stderr.strip().splitlines()[-1]
    assert "do-not-print" not in result.stderr  # A database password stays out of the log.


@pytest.mark.engine_independent
def test_debug_may_answer_any_host(started):
    result = started["debug-any-host"]

    assert result.returncode == 0, result.stderr


@pytest.mark.engine_independent
def test_check_deploy_reports_any_host_in_production(started):
    result = started["deploy-any-host"]

    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


@pytest.mark.engine_independent
@pytest.mark.parametrize("command", BARE_CHECKOUT_COMMANDS)
def test_commands_that_serve_nothing_run_on_a_bare_checkout(started, command):
    result = started[f"bare:{command}"]

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.engine_independent
def test_a_refused_secret_key_is_never_printed(started):
    result = started["secret-not-printed"]

    assert result.returncode != 0
    assert "do-not-print-this-secret-value" not in result.stderr


# The local superuser of `make run` -----------------------------------------------------------


@pytest.mark.django_db
def test_the_first_run_creates_the_admin_and_prints_its_password_once():
    from django.contrib.auth import get_user_model

    first, second = io.StringIO(), io.StringIO()
    call_command("ensure_admin", stdout=first)
    call_command("ensure_admin", stdout=second)

    password = re.search(r"the password: (\S+)", first.getvalue())[1]
    assert len(password) >= 16
    assert password not in second.getvalue()
    assert "changepassword admin" in second.getvalue()
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    assert admin.check_password(password)


# The code's own rules ------------------------------------------------------------------------


@pytest.mark.engine_independent
@pytest.mark.parametrize("command", [["check", "."], ["format", "--check", "."]])
def test_the_code_passes_ruff(command):
    ruff = Path(sys.executable).with_name("ruff")

    result = subprocess.run(
        [str(ruff), *command], cwd=BASE_DIR, capture_output=True, text=True, timeout=120
    )

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.engine_independent
@pytest.mark.parametrize(
    ("raw", "written"),
    [
        ("https://StaraZagora.bg/", "https://starazagora.bg"),
        ("http://starazagora.bg:80", "http://starazagora.bg"),
        ("https://starazagora.bg:443", "https://starazagora.bg"),
        ("https://starazagora.bg:8443", "https://starazagora.bg:8443"),
    ],
)
def test_the_site_address_is_written_one_way_whatever_its_spelling(monkeypatch, raw, written):
    from stara_zagora.settings import env_site_url

    monkeypatch.setenv("SITE_ADDRESS_UNDER_TEST", raw)

    assert env_site_url("SITE_ADDRESS_UNDER_TEST", "") == written


def test_gunicorn_loads_the_configuration_that_buffers_the_log_and_replaces_grown_workers():
    # A worker keeps the memory a large upload made it grow to; `make run` (and the
    # deployment guide) load this configuration so that such a worker is replaced.
    assert "--config python:stara_zagora.gunicorn" in (BASE_DIR / "Makefile").read_text()
    printed = subprocess.run(
        [
            Path(sys.executable).with_name("gunicorn"),
            "stara_zagora.wsgi",
            "--config",
            "python:stara_zagora.gunicorn",
            "--print-config",
        ],
        cwd=BASE_DIR,
        env=clean_environment(),
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    settings_shown = dict(re.findall(r"^(max_requests|logger_class) += (\S+)$", printed, re.M))
    # Not after a number of requests: every worker would start again every second or two.
    assert settings_shown == {
        "max_requests": "0",
        "logger_class": "stara_zagora.access_log.BufferedAccessLogger",
    }


@pytest.mark.parametrize("raw", ["lots", "50", "-1", ""])
def test_a_bad_worker_memory_limit_stops_with_the_reason(raw):
    from stara_zagora import gunicorn

    with pytest.raises(SystemExit, match="WORKER_MEMORY_LIMIT_MIB must be a whole number"):
        gunicorn.memory_limit_mib(raw)
    assert gunicorn.memory_limit_mib("300") == 300


def test_a_worker_is_replaced_after_its_memory_went_over_the_limit(monkeypatch):
    from stara_zagora import gunicorn

    class Worker:
        alive = True
        log = logging.getLogger("test")

    worker = Worker()
    # Under its limit (this test process may have grown past the default 200 MiB).
    monkeypatch.setattr(gunicorn, "WORKER_MEMORY_LIMIT_MIB", gunicorn.resident_memory_mib() + 100)
    gunicorn.post_request(worker, None, {}, None)
    assert worker.alive  # A worker under its limit serves on.
    monkeypatch.setattr(gunicorn, "WORKER_MEMORY_LIMIT_MIB", gunicorn.resident_memory_mib() / 2)
    gunicorn.post_request(worker, None, {}, None)
    assert not worker.alive


@pytest.mark.engine_independent
def test_a_worker_whose_memory_peaked_and_came_back_down_is_not_replaced(monkeypatch):
    # As after a big cold export: the memory it needed for a moment is given back.
    from stara_zagora import gunicorn

    class Worker:
        alive = True
        log = logging.getLogger("test")

    before = gunicorn.resident_memory_mib()
    peak = bytearray(b"x") * (120 * 2**20)  # Every page written: resident.
    during = gunicorn.resident_memory_mib()
    del peak  # So large a block goes back to the system at once (glibc's mmap).
    after = gunicorn.resident_memory_mib()
    assert during > before + 100 and after < during - 100
    monkeypatch.setattr(gunicorn, "WORKER_MEMORY_LIMIT_MIB", (after + during) / 2)
    worker = Worker()
    gunicorn.post_request(worker, None, {}, None)
    assert worker.alive
