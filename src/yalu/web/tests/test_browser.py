"""A person's path through Yalu in headless Chromium: log in, search, open a record, switch language."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from yalu.conftest import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("live_db"),
]

# Playwright's sync API runs an event loop in this thread; the ORM calls around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail("chromium is not installed: `make test` installs it (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


LABELS = {
    "zh-hans": {"search": "检索", "people": "人员", "record": "档案"},
    "ko": {"search": "검색", "people": "인원", "record": "기록"},
    "en": {"search": "Search", "people": "People", "record": "Record"},
}


@pytest.mark.parametrize("language", ["zh-hans", "ko", "en"])
def test_log_in_search_open_and_switch_language(browser, live_server, personas, language, tmp_path) -> None:
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/accounts/login/")
        page.locator(f"button[data-lang='{language}']").click()
        page.fill("#id_username", "clerk.longjing")
        page.fill("#id_password", PASSWORD)
        page.locator("form button[type=submit].primary").click()
        page.wait_for_url(f"{live_server.url}/")
        labels = LABELS[language]
        assert page.locator("html").get_attribute("lang") == language
        page.get_by_role("link", name=labels["people"], exact=True).first.click()
        page.fill("input[name=q]", "Pak Song Chol")
        page.locator("form[role=search] button[type=submit]").click()
        page.wait_for_load_state()
        page.locator("a.person-link").first.click()
        page.wait_for_url(f"{live_server.url}/people/{personas.longjing_person.pk}/")
        assert page.get_by_role("heading", name=labels["record"], exact=True).count() == 1
        assert "朴成哲" in page.locator("h1.person-name").inner_text()
        page.screenshot(path=str(tmp_path / f"record-{language}.png"))
        # switch to another language on the record page and stay there
        other = "ko" if language != "ko" else "en"
        page.locator(f"button[data-lang='{other}']").click()
        page.wait_for_url(f"{live_server.url}/people/{personas.longjing_person.pk}/")
        assert page.locator("html").get_attribute("lang") == other
        assert page.get_by_role("heading", name=LABELS[other]["record"], exact=True).count() == 1
    finally:
        context.close()
