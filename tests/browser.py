"""A real browser for the tests: Debian's chromium, driven through its chromedriver by selenium.

Like tests/pgserver.py for PostgreSQL: on CI (``CI=true``) a machine without them gets
Debian's ``chromium`` and ``chromium-driver`` packages; elsewhere the browser test is skipped,
saying why. Chromium starts headless with nothing of its own going out: this machine's
network is closed, and without these switches Chromium keeps trying to reach Google's hosts.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tests import debian

PACKAGES = ("chromium", "chromium-driver")
SWITCHES = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1000")


class BrowserUnavailable(Exception):
    """No browser can be driven on this machine; the message says why."""


def find() -> tuple[str, str] | None:
    """The paths of chromium and chromedriver, if both are installed."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@contextmanager
def session(install_missing: bool = False) -> Iterator[Any]:
    """A selenium WebDriver on a headless chromium with a new empty profile, both gone at the end."""
    paths = debian.find_or_install(find, PACKAGES, install_missing, BrowserUnavailable)
    if paths is None:
        raise BrowserUnavailable("no chromium and chromedriver on PATH; install Debian's "
                                 + " and ".join(f"`{p}`" for p in PACKAGES))
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError as exc:
        raise BrowserUnavailable("selenium is not installed: pip install -e '.[test]'") from exc
    browser, driver = paths
    with tempfile.TemporaryDirectory(prefix="docstore-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = browser
        for switch in (*SWITCHES, f"--user-data-dir={profile}"):
            options.add_argument(switch)
        try:
            # The driver's path is given, so selenium's own manager (which would download one) never runs.
            driven = webdriver.Chrome(service=Service(executable_path=driver), options=options)
        except Exception as exc:  # noqa: BLE001 - selenium's and the driver's errors alike
            raise BrowserUnavailable(f"chromium did not start: {str(exc).strip().splitlines()[0]}") from exc
        try:
            yield driven
        finally:
            driven.quit()
