"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright.

Playwright's sync API runs an event loop in the test thread; Django's ORM refuses
to run while one is active unless told that this use is safe (it is: the loop
only drives the browser).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CABLEWATCH_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright starts Chromium with a fresh temporary profile of its own.
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    """A fresh context per test; closing it closes its keep-alive connections
    before the live server stops, so no request thread outlives the test."""
    context = browser.new_context(base_url=live_server.url, accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.base_url = live_server.url
    yield tab
    context.close()


def sign_in(page: Any, username: str, password: str) -> None:
    page.goto(page.base_url + "/staff/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit].primary")
    page.wait_for_url("**/staff/")
