"""The built site in a real browser: headless Chromium, driven over the DevTools protocol.

The site is built with ``mkdocs build --strict`` into a temporary folder and served on 127.0.0.1. Chromium
is driven through ``--remote-debugging-pipe`` (JSON messages on file descriptors 3 and 4), so the test
needs no driver package: only Debian's ``chromium``, which ``.ci/run`` installs when it is missing.
"""

from __future__ import annotations

import base64
import fcntl
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from score_lint import docsgen

from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # a browser: see [tool.pytest.ini_options] markers

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--remote-debugging-pipe",
)


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


_LAUNCHER = (
    "import os, sys; r, w = int(sys.argv[1]), int(sys.argv[2]); os.dup2(r, 3); os.dup2(w, 4); "
    "os.close(r); os.close(w); os.execv(sys.argv[3], sys.argv[3:])"
)


class Browser:
    """Just enough of the DevTools protocol: one page, navigate, evaluate, screenshot."""

    def __init__(self, executable: str, profile: Path) -> None:
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        # Chromium reads commands on fd 3 and answers on fd 4. A small launcher moves the pipe ends there
        # (first lifted above 9, so neither dup2 can clobber the other) and execs Chromium.
        read_end = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
        write_end = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
        for fd in (to_child_r, from_child_w):
            os.close(fd)
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _LAUNCHER, str(read_end), str(write_end), executable, *CHROMIUM_FLAGS,
             f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(read_end, write_end),
        )
        os.close(read_end)
        os.close(write_end)
        self._out = to_child_w
        self._in = from_child_r
        self._next_id = 0
        self._messages: dict[int, dict[str, Any]] = {}
        self._cond = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable", session=True)
        self.viewport(1400, 1000)

    def _read(self) -> None:
        buffer = b""
        while True:
            try:
                chunk = os.read(self._in, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                with self._cond:
                    self._messages[-1] = {"error": {"message": "browser closed the pipe"}}
                    self._cond.notify_all()
                return
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                message = json.loads(raw)
                if "id" in message:
                    with self._cond:
                        self._messages[message["id"]] = message
                        self._cond.notify_all()

    def call(self, method: str, params: dict[str, Any] | None = None, session: bool = False, timeout: float = 30) -> Any:
        self._next_id += 1
        ident = self._next_id
        message: dict[str, Any] = {"id": ident, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        with self._cond:
            while ident not in self._messages and -1 not in self._messages:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no answer to {method} within {timeout} s")
                self._cond.wait(left)
            reply = self._messages.pop(ident, None) or self._messages[-1]
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=True)
        return result.get("result", {}).get("value")

    def wait_for(self, expression: str, timeout: float = 20) -> Any:
        """Poll ``expression`` until it returns something truthy."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"still falsy after {timeout} s: {expression}")
            time.sleep(0.2)

    def open(self, url: str) -> None:
        self.call("Page.navigate", {"url": url}, session=True)
        self.wait_for("document.readyState === 'complete' && location.href !== 'about:blank'")

    def viewport(self, width: int, height: int) -> None:
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            session=True,
        )

    def screenshot(self, path: Path) -> Path:
        data = self.call("Page.captureScreenshot", {"format": "png"}, session=True)["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=5)
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._out)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    executable = _chromium()
    if executable is None:
        pytest.skip("no chromium on this machine (apt-get install chromium; .ci/run installs it)")
    chrome = Browser(executable, tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield chrome
    finally:
        chrome.close()


TABLE_TEXT = """
(() => {
  const table = document.querySelector('article table');
  if (!table) return null;
  return {
    header: Array.from(table.querySelectorAll('thead th')).map(c => c.innerText.trim()),
    rows: Array.from(table.querySelectorAll('tbody tr')).map(r => Array.from(r.cells).map(c => c.innerText.trim())),
  };
})()
"""

SEARCH_RESULTS = """
(() => Array.from(document.querySelectorAll('.md-search-result__item a')).map(a => ({
  href: a.getAttribute('href'), text: a.innerText,
})))()
"""

MATCHING_DOCUMENTS = "parseInt(document.querySelector('.md-search-result__meta').innerText) || 0"
RENDERED_DOCUMENTS = "document.querySelectorAll('.md-search-result__list > li').length"


def test_s3_reference_page_renders_every_setting(site_url: str, browser: Browser, tmp_path: Path) -> None:
    cat = docsgen.load_catalogues()["5.11"]
    browser.open(f"{site_url}/reference/5.11-s3/")
    table = browser.wait_for(TABLE_TEXT)
    assert table["header"][:3] == ["Setting", "Also binds", "Spring property"]
    first_column = {row[0] for row in table["rows"]}
    rendered = "\n".join(" ".join(row) for row in table["rows"])
    names = [s.name for s in cat.for_provider("s3")]
    assert set(names) <= first_column
    assert len(table["rows"]) == len(names)
    missing = [name for name in docsgen.setting_names(cat, "s3") if name not in rendered]
    assert not missing, f"settings missing from the rendered table: {missing}"
    shot = browser.screenshot(tmp_path / "reference-5.11-s3.png")
    assert shot.stat().st_size > 10_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_search_finds_s3_accesskey(site_url: str, browser: Browser, tmp_path: Path) -> None:
    browser.open(f"{site_url}/")
    browser.wait_for("document.querySelector('.md-search__input') !== null")
    browser.evaluate("document.querySelector('.md-search__input').focus()")
    browser.call("Input.insertText", {"text": "S3_ACCESSKEY"}, session=True)
    browser.wait_for(SEARCH_RESULTS, timeout=30)
    # Material renders results in pages as the list scrolls: scroll until every matching page is shown.
    wanted = browser.wait_for(MATCHING_DOCUMENTS)
    for _ in range(20):
        if browser.evaluate(RENDERED_DOCUMENTS) >= wanted:
            break
        browser.evaluate("document.querySelector('.md-search__scrollwrap').scrollTop = 1e6")
        time.sleep(0.3)
    results = browser.evaluate(SEARCH_RESULTS)
    hrefs = [r["href"] for r in results]
    assert any("reference/5.11-s3" in h for h in hrefs), hrefs
    assert any("S3_ACCESSKEY" in r["text"].upper() for r in results)
    browser.screenshot(tmp_path / "search-S3_ACCESSKEY.png")


def test_site_publishes_the_schemas_at_their_ids(site_url: str) -> None:
    schema = json.loads((ROOT / "schema" / "5.11" / "score-s3.schema.json").read_text(encoding="utf-8"))
    path = schema["$id"].split("/score-lint/", 1)[1]
    with urllib.request.urlopen(f"{site_url}/{path}", timeout=10) as response:
        assert json.loads(response.read()) == schema


# Where the Setting column and the header are, inside the box the table scrolls in.
SETTING_COLUMN = """
(() => {
  const box = document.querySelector('.settings-table .md-typeset__scrollwrap');
  const table = box.querySelector('table');
  const view = box.getBoundingClientRect();
  const inside = (r) => r.left >= view.left - 1 && r.right <= view.left + box.clientWidth + 1;
  const header = table.querySelector('thead th');
  const headerBox = header.getBoundingClientRect();
  const cells = Array.from(table.querySelectorAll('tbody td:first-child'));
  const shown = cells.filter((td) => {
    const r = td.getBoundingClientRect();
    return r.top >= headerBox.bottom && r.bottom <= view.top + box.clientHeight;
  });
  const onTop = (el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + Math.min(20, r.width / 2), r.top + Math.min(12, r.height / 2));
    return el.contains(hit);
  };
  const second = table.querySelector('tbody td:nth-child(2)').getBoundingClientRect();
  return {
    viewport: [innerWidth, innerHeight],
    box: {right: view.right, bottom: view.bottom, scrollLeft: box.scrollLeft, overflow: box.scrollWidth - box.clientWidth},
    header: {text: header.innerText.trim(), inside: inside(headerBox), onTop: onTop(header)},
    shown: shown.map((td) => ({name: td.innerText.trim(), inside: inside(td.getBoundingClientRect()), onTop: onTop(td)})),
    clipped: cells.filter((td) => td.scrollWidth > td.clientWidth + 1).map((td) => td.innerText.trim()),
    secondColumnInView: second.left >= view.left + cells[0].getBoundingClientRect().width - 1,
  };
})()
"""


def test_reference_table_keeps_the_setting_column_in_view_at_1280px(site_url: str, browser: Browser, tmp_path: Path) -> None:
    """At 1280 x 900 the nine columns do not fit: the table scrolls in its box, the Setting column stays."""
    browser.viewport(1280, 900)
    try:
        browser.open(f"{site_url}/reference/5.11-s3/")
        browser.wait_for("document.querySelector('.settings-table .md-typeset__scrollwrap table') !== null")
        browser.evaluate(
            "(() => { const box = document.querySelector('.settings-table .md-typeset__scrollwrap');"
            " window.scrollTo(0, box.getBoundingClientRect().top + scrollY - 60); })()"
        )
        before = browser.evaluate(SETTING_COLUMN)
        assert before["box"]["right"] <= before["viewport"][0], before["box"]
        assert before["box"]["bottom"] <= before["viewport"][1], "the horizontal scroll bar is below the window"
        assert before["secondColumnInView"]
        browser.evaluate("document.querySelector('.settings-table .md-typeset__scrollwrap').scrollLeft = 1e6")
        time.sleep(0.2)
        after = browser.evaluate(SETTING_COLUMN)
        shot = browser.screenshot(tmp_path / "reference-5.11-s3-1280-scrolled.png")
        assert shot.stat().st_size > 10_000
        if before["box"]["overflow"] > 0:  # it does today; were it to fit, nothing could scroll away
            assert after["box"]["scrollLeft"] > 0 and not after["secondColumnInView"]
        assert after["header"] == {"text": "Setting", "inside": True, "onTop": True}
        assert len(after["shown"]) >= 5, after["shown"]
        for cell in after["shown"]:
            assert cell["inside"] and cell["onTop"], cell
        assert after["clipped"] == [], "setting names cut off"
    finally:
        browser.viewport(1400, 1000)
