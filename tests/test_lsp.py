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

from score_lint import cli

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
