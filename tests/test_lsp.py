"""`score-lint lsp` end to end: a scripted client talks JSON-RPC to the server over stdio."""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from score_lint import cli
from tests.helpers import fuzz

pytest.importorskip("pygls")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "linter" / "score_lint" / "examples" / "seed-s3.env.score"
SCHEMA = json.loads((ROOT / "schema" / "5.11" / "score-s3.schema.json").read_text(encoding="utf-8"))
TIMEOUT = 30


class Client:
    """The smallest LSP client: Content-Length framing, requests by id, notifications in a queue."""

    def __init__(self, *args: str) -> None:
        code = "from score_lint.cli import main; main()"
        self.proc = subprocess.Popen(
            [sys.executable, "-c", code, "lsp", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.next_id = 0
        self.responses: dict[int, queue.Queue[dict[str, Any]]] = {}
        self.notifications: queue.Queue[dict[str, Any]] = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        stream = self.proc.stdout
        while True:
            length = None
            while True:
                header = stream.readline()
                if not header:
                    return
                if header in (b"\r\n", b"\n"):
                    break
                name, _, value = header.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value.strip())
            assert length is not None
            message = json.loads(stream.read(length))
            if "id" in message and "method" not in message:
                self.responses.setdefault(message["id"], queue.Queue()).put(message)
            elif "id" in message:  # a request from the server (e.g. workspace/configuration): answer empty
                self._send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            else:
                self.notifications.put(message)

    def _send(self, message: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        body = json.dumps(message).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        box = self.responses.setdefault(self.next_id, queue.Queue())
        self._send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        answer = box.get(timeout=TIMEOUT)
        assert "error" not in answer, answer
        return answer["result"]

    def notify(self, method: str, params: Any) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def diagnostics(self, uri: str) -> list[dict[str, Any]]:
        """The next diagnostics published for ``uri``."""
        while True:
            message = self.notifications.get(timeout=TIMEOUT)
            if message["method"] == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                result: list[dict[str, Any]] = message["params"]["diagnostics"]
                return result

    def close(self) -> int:
        self.request("shutdown", None)
        self.notify("exit", None)
        return self.proc.wait(timeout=TIMEOUT)


@pytest.fixture
def client(tmp_path: Path) -> Iterator[Client]:
    c = Client()
    c.request("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}})
    c.notify("initialized", {})
    yield c
    if c.proc.poll() is None:
        c.proc.kill()
        c.proc.wait()


def open_doc(client: Client, path: Path, version: int = 1) -> str:
    uri = path.as_uri()
    text = path.read_text(encoding="utf-8")
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "dotenv", "version": version, "text": text}},
    )
    return uri


def test_seed_example_gets_the_same_findings_as_the_cli(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "seed-s3.env.score"
    shutil.copyfile(SEED, path)
    uri = open_doc(client, path)
    got = client.diagnostics(uri)
    run = CliRunner().invoke(cli.main, ["--format", "json", str(path)])
    expected = json.loads(run.output)["files"][0]["findings"]
    assert expected, "the seed example has findings"
    assert [
        (d["code"], d["range"]["start"]["line"] + 1, d["range"]["start"]["character"] + 1, d["message"], d["severity"])
        for d in got
    ] == [
        (f["code"], f["line"] or 1, f["column"] or 1, f["message"], {"error": 1, "warning": 2, "info": 3}[f["severity"]])
        for f in expected
    ]
    assert all(d["source"] == "score-lint" for d in got)
    # Every link names a page of the generated reference (they once pointed at reference/rules/SL101/).
    for d in got:
        href = d["codeDescription"]["href"]
        page = href.split("/reference/", 1)[1].rstrip("/")
        assert page.startswith(f"rules/{d['code']}-"), href
        assert (ROOT / "docs" / "reference" / f"{page}.md").is_file(), href
    assert client.close() == 0


def test_hover_completion_and_quick_fix(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "s3.env.score"
    path.write_text("SPRING_PROFILES_ACTIVE=collaboratory,prod\nS3_ACCESSKEY=x\nS3_SIGV4_ENABLED=true\nS3_SECURED=\n")
    uri = open_doc(client, path)
    first = client.diagnostics(uri)
    assert ("SL101", 2) in {(d["code"], d["range"]["start"]["line"]) for d in first}

    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 1, "character": 4}})
    assert hover["contents"]["kind"] == "markdown"
    assert SCHEMA["properties"]["S3_ACCESSKEY"]["markdownDescription"] in hover["contents"]["value"]
    on_value = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 1, "character": 13}})
    assert on_value is None

    values = client.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": 3, "character": 11}})
    assert [i["label"] for i in values["items"]] == ["true", "false"]
    names = client.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": 3, "character": 2}})
    by_label = {i["label"]: i for i in names["items"]}
    assert "S3_ACCESS_KEY" not in by_label, "non-canonical spellings are not suggested"
    assert SCHEMA["properties"]["S3_ENDPOINT"]["markdownDescription"] in by_label["S3_ENDPOINT"]["documentation"]["value"]
    profiles = client.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 41}})
    assert {"collaboratory", "prod", "azure"} <= {i["label"] for i in profiles["items"]}

    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 0}},
            "context": {"diagnostics": []},
        },
    )
    rename = [a for a in actions if a["title"] == "rename S3_SIGV4_ENABLED to S3_SIGV4ENABLED"]
    assert len(rename) == 1 and rename[0]["kind"] == "quickfix"
    (edit,) = rename[0]["edit"]["changes"][uri]
    assert edit == {
        "range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 16}},
        "newText": "S3_SIGV4ENABLED",
    }
    assert rename[0]["diagnostics"][0]["code"] == "SL101"

    lines = path.read_text().split("\n")
    lines[2] = edit["newText"] + lines[2][16:]
    client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "\n".join(lines)}]},
    )
    after = client.diagnostics(uri)
    assert "SL101" not in {d["code"] for d in after}
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri) == after
    assert client.close() == 0


def test_options_from_the_command_line_and_the_client(tmp_path: Path) -> None:
    path = tmp_path / "develop.env.score"
    path.write_text("SPRING_PROFILES_ACTIVE=s3\nCOLLABORATORY_DATA_DIRECTORY=data\n")
    c = Client("--score-version", "develop")
    try:
        c.request("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}, "initializationOptions": {"scoreVersion": "5.10"}})
        c.notify("initialized", {})
        uri = open_doc(c, path)
        got = {d["code"] for d in c.diagnostics(uri)}
        run = CliRunner().invoke(cli.main, ["--format", "json", "--score-version", "develop", str(path)])
        assert got == {f["code"] for f in json.loads(run.output)["files"][0]["findings"]}
        assert c.close() == 0
    finally:
        if c.proc.poll() is None:
            c.proc.kill()
            c.proc.wait()


# --------------------------------------------------------------------------------------------------
# the wire: every message is answered or refused, whatever its headers say, and size is bounded


def _send_raw(c: Client, data: bytes) -> None:
    assert c.proc.stdin is not None
    c.proc.stdin.write(data)
    c.proc.stdin.flush()


def _body(message_id: int, method: str = "shutdown") -> bytes:
    return json.dumps({"jsonrpc": "2.0", "id": message_id, "method": method, "params": None}).encode()


def _alive(c: Client, uri: str) -> None:
    """The server is still in step: a request sent the proper way gets its answer."""
    c.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}})


def test_a_document_never_opened_is_not_read_from_disk(client: Client, tmp_path: Path) -> None:
    """pygls reads an unknown URI from disk: a hover on /dev/zero or a named pipe never came back."""
    import os

    fifo = tmp_path / "pipe.env.score"
    os.mkfifo(fifo)
    for uri in (fifo.as_uri(), "file:///dev/zero"):
        assert client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                     "position": {"line": 0, "character": 0}}) is None
        assert client.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0},
                                                    "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": []}}) == []
    assert client.close() == 0


def _answer(c: Client, message_id: int) -> dict[str, Any]:
    box = c.responses.setdefault(message_id, queue.Queue())
    return box.get(timeout=TIMEOUT)


@pytest.mark.parametrize("header", [
    b"Content-Length: -5\r\n\r\n",
    b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n",  # no length at all
    b"Content-Length: 3\r\n\r\n",  # too short
    b"Content-Length: 5000\r\n\r\n",  # too long: the next message must not be swallowed
    b"Content-Length: 99999999999\r\n\r\n",  # used to make the server allocate that much and die
    b"",  # no headers
], ids=["negative", "missing", "short", "long", "huge", "no-headers"])
def test_a_wrong_content_length_is_answered_and_the_server_stays_in_step(client: Client, header: bytes) -> None:
    body = json.dumps({"jsonrpc": "2.0", "id": 900, "method": "textDocument/hover",
                       "params": {"textDocument": {"uri": "untitled:x"}, "position": {"line": 0, "character": 0}}})
    _send_raw(client, header + body.encode())
    answer = _answer(client, 900)
    assert answer.get("result", "missing") is None  # the hover's answer: nothing there, but answered
    _alive(client, "untitled:x")
    assert client.close() == 0


def test_garbage_gets_a_parse_error_and_the_server_stays_in_step(client: Client) -> None:
    _send_raw(client, b"Content-Length: 10\r\n\r\nnot json at all\r\n")
    _alive(client, "untitled:x")
    _send_raw(client, b"Content-Length: 20\r\n\r\n{\"jsonrpc\": \"2.0\", \"id\": 901, \"method\": broken}")
    answer = _answer(client, 901)
    assert answer["error"]["code"] in (-32700, -32600)
    _alive(client, "untitled:x")
    assert client.close() == 0


def test_a_request_with_params_pygls_cannot_read_gets_an_error(client: Client) -> None:
    _send_raw(client, b"Content-Length: 0\r\n\r\n" + json.dumps(
        {"jsonrpc": "2.0", "id": 902, "method": "textDocument/hover", "params": {"textDocument": 7}}).encode())
    assert "error" in _answer(client, 902)
    _alive(client, "untitled:x")
    assert client.close() == 0


def _peak_rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads peak memory from /proc")
def test_a_forty_mebibyte_document_is_refused_with_a_diagnostic(client: Client, tmp_path: Path) -> None:
    """It took 61 s and 2.3 GB; now the message is skipped unread and the document gets one diagnostic."""
    uri = (tmp_path / "huge.env.score").as_uri()
    text = "S3_ENDPOINT=http://minio:9000\n" * (40 * 2**20 // 30)
    client.notify("textDocument/didOpen",
                  {"textDocument": {"uri": uri, "languageId": "dotenv", "version": 1, "text": text}})
    (diagnostic,) = client.diagnostics(uri)
    assert "too large" in diagnostic["message"] and "16 MiB" in diagnostic["message"]
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 1}})
    assert hover is None
    peak = _peak_rss_mib(client.proc.pid)
    assert peak < 300, f"peak RSS {peak:.0f} MiB"
    # Back to a normal size, the document is linted again.
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"text": "S3_SIGV4_ENABLED=true\n"}]})
    assert "SL101" in {d["code"] for d in client.diagnostics(uri)}
    assert client.close() == 0


def test_a_document_just_over_the_limit_is_refused(client: Client, tmp_path: Path) -> None:
    uri = (tmp_path / "big.env.score").as_uri()
    text = "S3_ENDPOINT=http://minio:9000\n" * (17 * 2**20 // 30)  # 17 MiB: read, but not linted
    client.notify("textDocument/didOpen",
                  {"textDocument": {"uri": uri, "languageId": "dotenv", "version": 1, "text": text}})
    (diagnostic,) = client.diagnostics(uri)
    assert "too large (17.0 MiB)" in diagnostic["message"]
    assert client.close() == 0


def test_a_storm_of_changes_is_linted_once_at_its_last_version(client: Client, tmp_path: Path) -> None:
    uri = (tmp_path / "storm.env.score").as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "dotenv", "version": 1,
                                                            "text": "S3_ENDPOINT=http://minio:9000\n" * 200}})
    client.diagnostics(uri)
    for version in range(2, 1202):
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                 "contentChanges": [{"text": f"S3_SIGV4_ENABLED=v{version}\n" * 200}]})
    _alive(client, uri)  # answered while the storm is still being read
    published = []
    while True:
        message = client.notifications.get(timeout=TIMEOUT)
        if message["method"] == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
            published.append(message["params"])
            if message["params"]["version"] == 1201:
                break
    assert len(published) < 1200  # coalesced: not one lint per change
    assert {d["code"] for d in published[-1]["diagnostics"]} >= {"SL101"}
    assert client.close() == 0


def test_an_integer_of_five_thousand_digits_is_a_diagnostic(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "big-number.env.score"
    path.write_text("SPRING_PROFILES_ACTIVE=prod,collaboratory\nUPLOAD_PARTSIZE=" + "9" * 5000 + "\n")
    uri = open_doc(client, path)
    assert ("SL201", 1) in {(d["code"], d["range"]["start"]["line"]) for d in client.diagnostics(uri)}
    assert client.close() == 0


def test_a_broken_configuration_is_one_diagnostic_naming_it(client: Client, tmp_path: Path) -> None:
    import os

    folder = tmp_path / "proj"
    folder.mkdir()
    (folder / ".score-lint.toml").write_bytes(b'select = ["SL1"]\n# caf\xe9\n')
    path = folder / "a.env.score"
    path.write_text("S3_ENDPOINT=http://minio:9000\n")
    uri = open_doc(client, path)
    (diagnostic,) = client.diagnostics(uri)
    assert ".score-lint.toml" in diagnostic["message"] and "not valid UTF-8" in diagnostic["message"]
    other = tmp_path / "piped"
    other.mkdir()
    os.mkfifo(other / ".score-lint.toml")  # passed over, as on the command line: never opened
    second = other / "b.env.score"
    second.write_text("S3_SIGV4_ENABLED=true\n")
    assert "SL101" in {d["code"] for d in client.diagnostics(open_doc(client, second))}
    assert client.close() == 0


# --------------------------------------------------------------------------------------------------
# the framer alone, over random streams


HEADERS = [lambda n: b"Content-Length: %d\r\n\r\n" % n, lambda n: b"Content-Length: -1\r\n\r\n",
           lambda n: b"Content-Type: application/vscode-jsonrpc\r\n\r\n", lambda n: b"Content-Length: %d\r\n\r\n" % (n // 2),
           lambda n: b"Content-Length: %d\r\n\r\n" % (n * 3), lambda n: b"Content-Length: 99999999999\r\n\r\n",
           lambda n: b"content-length:%d\n\n" % n]
TEXTS = st.text(alphabet=st.sampled_from('ab{}[]"\\:,\n\u00e9\u2028 Content-Length: 5\r\n\r\n'), max_size=30)


@fuzz(300)
@given(st.lists(st.tuples(st.sampled_from(range(len(HEADERS))), TEXTS, st.booleans()), max_size=8),
       st.lists(st.integers(1, 64), min_size=1, max_size=20))
def test_the_framer_recovers_every_message_whatever_the_headers_and_the_chunks(
    messages: list[tuple[int, str, bool]], chunks: list[int]
) -> None:
    from score_lint.lsp import Framer  # imported here: the module is skipped without pygls

    stream = b""
    sent = []
    for index, (header, text, garbage) in enumerate(messages):
        if garbage:
            stream += b"garbage that is not JSON\r\n\r\n"
        body = json.dumps({"jsonrpc": "2.0", "id": index, "method": "x", "params": {"text": text}}).encode()
        stream += HEADERS[header](len(body)) + body
        sent.append(body)
    framer = Framer(limit=4096)
    got = []
    position, turn = 0, 0
    while position < len(stream):
        size = chunks[turn % len(chunks)]
        got.extend(frame.body for frame in framer.feed(stream[position:position + size]) if frame.body is not None)
        position += size
        turn += 1
    assert got == sent


def test_the_framer_skips_a_message_past_its_limit_without_keeping_it() -> None:
    from score_lint.lsp import Framer

    framer = Framer(limit=1000)
    big = json.dumps({"jsonrpc": "2.0", "id": 7, "method": "textDocument/didOpen",
                      "params": {"textDocument": {"uri": "file:///a", "text": "x" * 100_000}}}).encode()
    frames = []
    for start in range(0, len(big), 4096):
        frames += framer.feed((b"Content-Length: %d\r\n\r\n" % len(big) if start == 0 else b"") + big[start:start + 4096])
        assert len(framer.buffer) < 70_000  # never the whole message
    (frame,) = frames
    assert frame.body is None and frame.id == 7 and frame.uri == "file:///a" and "too large" in (frame.refused or "")
    assert framer.feed(b'Content-Length: 2\r\n\r\n{"jsonrpc": "2.0", "id": 8, "method": "x"}')[0].body is not None


def test_a_document_with_many_findings_gets_a_bounded_list(client: Client, tmp_path: Path) -> None:
    from score_lint import lsp as server

    path = tmp_path / "many.env.score"
    path.write_text("S3_SIGV4_ENABLED=true\n" * 3000)
    got = client.diagnostics(open_doc(client, path))
    assert len(got) == server.MAX_DIAGNOSTICS
    assert got[-1]["message"].startswith("score-lint found 6,0") and "the first 999 are shown" in got[-1]["message"]
    assert client.close() == 0
