"""In a real browser: `docstore serve` on the seeds, search «полиция», click through to the article, see the
quote highlighted. Headless chromium through selenium (tests/browser.py); a screenshot of each page is
saved in the test's temporary folder."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import browser
from tests.conftest import ON_CI

pytestmark = pytest.mark.sqlite_only  # Datasette reads SQLite files
pytest.importorskip("datasette", reason="the web extra is not installed: pip install -e '.[test]'")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(seeded_db: str, tmp_path: Path) -> Iterator[str]:
    """`docstore serve` on the seeded database, as a user starts it; its address."""
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "docstore", "--db", seeded_db, "serve", "--port", str(port)],
                              stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    assert response.status == 200
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"docstore serve did not answer: {(tmp_path / 'serve.log').read_text()}")
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    assert (tmp_path / "serve.log").read_text().startswith(f"Serving {seeded_db} read-only at {url}")


@pytest.fixture
def chromium() -> Iterator:
    try:
        with browser.session(install_missing=ON_CI) as driven:
            yield driven
    except browser.BrowserUnavailable as exc:
        if ON_CI:
            pytest.fail(f"CI must run the browser test, but no browser could be started: {exc}", pytrace=False)
        pytest.skip(str(exc))


def test_search_click_through_to_the_article_with_its_quote_highlighted(served: str, chromium, cli,
                                                                         tmp_path: Path) -> None:
    import json

    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(chromium, 30)
    chromium.get(served)
    box = wait.until(ready.presence_of_element_located((By.NAME, "q")))
    box.send_keys("полиция")
    box.submit()
    wait.until(ready.presence_of_element_located((By.ID, "quotes")))
    chromium.save_screenshot(str(tmp_path / "search.png"))
    marked = [m.text for m in chromium.find_elements(By.CSS_SELECTOR, "mark.hit")]
    assert "полиции" in marked  # «полиция» found in another form

    first = chromium.find_element(By.CSS_SELECTOR, "#quotes ~ ol.hits li a")
    quote_id = int(first.get_attribute("href").rsplit("#q", 1)[1])
    first.click()
    highlighted = wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "mark.quote:target")))
    chromium.save_screenshot(str(tmp_path / "article.png"))

    doc_id = int(chromium.current_url.split("/-/article/", 1)[1].split("#", 1)[0])
    view = json.loads(cli("show", str(doc_id), "--format", "json").stdout)
    said = next(q for q in view["quotes"] if q["id"] == quote_id)
    assert highlighted.get_attribute("id") == f"q{quote_id}"
    assert highlighted.text.split() == view["text"][said["start"]:said["end"]].split()  # as the browser lays it out
    assert highlighted.value_of_css_property("background-color") not in ("rgba(0, 0, 0, 0)", "transparent")
    assert highlighted.is_displayed()
    for shot in ("search.png", "article.png"):
        assert (tmp_path / shot).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
