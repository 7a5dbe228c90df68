"""Local servers for the preflight tests, all on 127.0.0.1 and stopped afterwards.

- moto's ``ThreadedMotoServer`` in this process: S3 without authentication (buckets, multipart,
  presigned URLs), for everything but the credential cases;
- moto in a subprocess with IAM authentication on (``INITIAL_NO_AUTH_ACTION_COUNT`` is read when moto
  is imported, so it needs a process of its own): it rejects a wrong secret and an unknown key;
- Azurite (npm, pinned in ``tests/servers``) for Azure Blob storage;
- a stub of Song and the auth server, and a server that accepts connections and never answers.
"""

from __future__ import annotations

import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SERVERS = ROOT / "tests" / "servers"
AZURITE = SERVERS / "node_modules" / "azurite" / "dist" / "src" / "blob" / "main.js"
LOOPBACK = "127.0.0.1"
# Azurite's well-known development account (public, documented by Microsoft).
AZURITE_ACCOUNT = "devstoreaccount1"
AZURITE_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
PUBLIC_KEY_PEM = (
    "-----BEGIN PUBLIC KEY-----\n"
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n"
    "-----END PUBLIC KEY-----\n"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, seconds: float, process: subprocess.Popen[Any] | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before listening on {port}")
        try:
            socket.create_connection((LOOPBACK, port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {LOOPBACK}:{port} after {seconds} s")


def stop(process: subprocess.Popen[Any], graceful: bool = True) -> None:
    if process.poll() is None and not graceful:
        process.kill()
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def botocore_client(url: str, access_key: str = "setup", secret_key: str = "setup", service: str = "s3") -> Any:
    import botocore.session  # type: ignore[import-untyped]
    from botocore.config import Config  # type: ignore[import-untyped]

    return botocore.session.Session().create_client(
        service, region_name="us-east-1", endpoint_url=url, aws_access_key_id=access_key,
        aws_secret_access_key=secret_key,
        config=Config(s3={"addressing_style": "path"}, retries={"total_max_attempts": 1}, connect_timeout=5, read_timeout=5),
    )


@dataclass
class S3Server:
    url: str
    port: int

    def client(self, access_key: str = "setup", secret_key: str = "setup") -> Any:
        return botocore_client(self.url, access_key, secret_key)

    def make_buckets(self, *names: str, sentinel: str | None = "data/heliograph") -> None:
        client = self.client()
        for name in names:
            client.create_bucket(Bucket=name)
        if sentinel and names:
            client.put_object(Bucket=names[0], Key=sentinel, Body=b"")


@pytest.fixture(scope="session")
def moto_s3() -> Iterator[S3Server]:
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address=LOOPBACK, port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    assert host == LOOPBACK
    try:
        yield S3Server(f"http://{LOOPBACK}:{port}", port)
    finally:
        server.stop()


_AUTH_SERVER = """
import sys
from moto.server import ThreadedMotoServer
server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
print(server.get_host_and_port()[1], flush=True)
sys.stdin.read()  # until the test session closes our stdin
server.stop()
"""
# The IAM calls the fixture makes before authentication starts: two users, a key each, one policy.
_SETUP_ACTIONS = 5


@dataclass
class AuthS3Server(S3Server):
    access_key: str
    secret_key: str
    denied_key: str
    denied_secret: str


@pytest.fixture(scope="session")
def moto_s3_auth() -> Iterator[AuthS3Server]:
    env = {**os.environ, "INITIAL_NO_AUTH_ACTION_COUNT": str(_SETUP_ACTIONS)}
    process = subprocess.Popen([sys.executable, "-c", _AUTH_SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, env=env, text=True)
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline())
        url = f"http://{LOOPBACK}:{port}"
        iam = botocore_client(url, service="iam")
        iam.create_user(UserName="score")
        key = iam.create_access_key(UserName="score")["AccessKey"]
        iam.put_user_policy(UserName="score", PolicyName="score", PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}))
        iam.create_user(UserName="nobody")
        denied = iam.create_access_key(UserName="nobody")["AccessKey"]
        # From here on every request is authenticated.
        server = AuthS3Server(url, port, key["AccessKeyId"], key["SecretAccessKey"], denied["AccessKeyId"],
                              denied["SecretAccessKey"])
        client = server.client(server.access_key, server.secret_key)
        client.create_bucket(Bucket="auth-object")
        client.create_bucket(Bucket="auth-state")
        yield server
    finally:
        if process.stdin:
            process.stdin.close()
        stop(process)


@dataclass
class Azurite:
    port: int

    @property
    def endpoint(self) -> str:
        return f"http://{LOOPBACK}:{self.port}/{AZURITE_ACCOUNT}"

    def account_key(self, key: str = AZURITE_KEY) -> str:
        """AZURE_ACCOUNTKEY as an operator points Score at an emulator: the key, then the blob endpoint."""
        return f"{key};BlobEndpoint={self.endpoint}"

    def service(self) -> Any:
        from azure.storage.blob import BlobServiceClient

        return BlobServiceClient.from_connection_string(
            f"DefaultEndpointsProtocol=http;AccountName={AZURITE_ACCOUNT};AccountKey={AZURITE_KEY};"
            f"BlobEndpoint={self.endpoint}", retry_total=0)


def _azurite_installed() -> bool:
    if AZURITE.is_file():
        return True
    if shutil.which("npm") is None:
        return False
    # Like tests/editors: install the pinned package once (CI does it in .ci/run before the tests).
    done = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=SERVERS,
                          capture_output=True, text=True, timeout=600)
    return done.returncode == 0 and AZURITE.is_file()


@pytest.fixture(scope="session")
def azurite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Azurite]:
    node = shutil.which("node")
    required = bool(os.environ.get("CI"))
    if node is None or not _azurite_installed():
        reason = ("Node.js is not installed" if node is None else
                  "Azurite is not installed (npm ci in tests/servers failed)")
        if required:
            pytest.fail(f"{reason}: the Azure preflight tests must run in CI")
        pytest.skip(f"{reason}: the Azure preflight tests need it")
    port = free_port()
    # In memory: nothing is written, and the debug log stays off (--silent).
    process = subprocess.Popen(
        [node, str(AZURITE), "--blobHost", LOOPBACK, "--blobPort", str(port), "--skipApiVersionCheck",
         "--inMemoryPersistence", "--silent"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp_path_factory.mktemp("azurite"),
    )
    try:
        wait_for_port(port, 60, process)
        yield Azurite(port)
    finally:
        # Killed, not terminated: it keeps nothing on disk, and on SIGTERM it waits for the SDK's
        # keep-alive connections to close.
        stop(process, graceful=False)


class _Stub(http.server.BaseHTTPRequestHandler):
    """Song's /isAlive, an auth server's check_token, a PEM public key, a JWK set, and /redirect/*."""

    routes = {
        "/isAlive": (200, "true", "text/plain"),
        "/oauth/check_token": (400, '{"error":"missing token"}', "application/json"),
        "/oauth/token/public_key": (200, PUBLIC_KEY_PEM, "text/plain"),
        "/jwks": (200, '{"keys": []}', "application/json"),
    }

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        redirect = self.path.startswith("/redirect")
        status, body, kind = (302, "", "text/plain") if redirect else self.routes.get(self.path, (404, "not found", "text/plain"))
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        if status == 302:
            self.send_header("Location", "http://127.0.0.1:1/elsewhere")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        return


@pytest.fixture(scope="session")
def services_stub() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer((LOOPBACK, 0), _Stub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOOPBACK}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def hanging_server() -> Iterator[int]:
    """A port that accepts connections and never says a word."""
    sock = socket.socket()
    sock.bind((LOOPBACK, 0))
    sock.listen(16)
    held: list[socket.socket] = []
    stopping = threading.Event()

    def accept() -> None:
        sock.settimeout(0.2)
        while not stopping.is_set():
            try:
                conn, _ = sock.accept()
                held.append(conn)
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield int(sock.getsockname()[1])
    finally:
        stopping.set()
        thread.join(2)
        for conn in held:
            conn.close()
        sock.close()


_LOOPBACK_NAMES = frozenset({LOOPBACK, "localhost", "::1"})


@pytest.fixture
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any connection or name lookup this process makes to anything but loopback."""
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def connect(self: socket.socket, address: Any) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in _LOOPBACK_NAMES:
            raise AssertionError(f"a test tried to connect to {address!r}")
        real_connect(self, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in _LOOPBACK_NAMES:
            raise AssertionError(f"a test tried to look up {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture
def dead_port() -> int:
    """A port on loopback where nothing listens."""
    return free_port()
