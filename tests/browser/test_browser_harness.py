"""The browser tests' own watchdog: it really catches what they claim never happens."""

from django.core.management import call_command

from tests.browser.test_admin_editing import SECTION_BG


def test_the_watchdog_reports_a_csp_violation_and_a_javascript_error(page, problems):
    call_command("load_seed_content")
    response = page.goto(SECTION_BG)
    assert "script-src 'self'" in response.headers["content-security-policy"]

    # An inline script is what the public site's strict policy must refuse.
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.ranInline = true";
            document.head.append(script);
        }"""
    )
    page.evaluate("() => setTimeout(() => { throw new Error('boom from a test') })")
    page.wait_for_timeout(200)

    assert page.evaluate("() => window.ranInline") is None
    assert problems.csp_violations(), problems.messages
    assert any("boom from a test" in message for message in problems.messages)
    problems.messages.clear()
    problems.assert_none()
