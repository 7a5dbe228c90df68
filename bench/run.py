"""Benchmark score-lint against its peers on the same inputs, in the same run.

    python bench/run.py [--runs 5] [--timeout 120] [--cache-dir .bench] [--inputs-dir DIR] [--skip-install]
                        [--only ROW ...]

Creates a venv under the cache dir, installs the peers from PyPI (wemake's ``dotenv-linter`` and
``python-dotenv``) together with this checkout of score-lint (a wheel, with its ``lsp`` extra), generates
the inputs, runs every tool as a whole process, taking turns with score-lint, and prints for each the
median CPU time (user + system of the process, as ``wait4`` reports it), the median wall time and the
peak RSS, then the target ratios, which are taken on CPU time: on a shared machine the wall clock
also counts the time others use. Not part of the test suite: timings depend on the machine, only the
ratios are meant to travel.

Inputs, all generated from a fixed seed (``--runs`` and the machine change nothing in them), in a folder
outside any project (``--inputs-dir``, by default in the system's temporary folder), as an operator's
deploy folder is: a file inside this checkout would also have its configuration search read this
project's ``pyproject.toml``, which names score-lint, with tomllib. The seed row shows that case too
(``score-lint, in checkout``: the shipped example linted where it is), outside the ratios.


* the seed page's S3 example as shipped (``linter/score_lint/examples/seed-s3.env.score``);
* 1,000 realistic ``.env.score`` files linted in one call, beside a floor: a program that only reads
  them, cuts their lines and writes score-lint's report on them, ready-made; after the ratios, what
  the target leaves a file and what score-lint's parts (read, parse, lint, report) take of it;
* three shapes of big file at 20,000 and 80,000 lines: realistic files one after the other (a few dozen
  names repeated), a new unknown name on every line (typos of real settings one to three edits away and
  made-up names: every line misses the memo and the dictionaries), and real settings in a new
  non-canonical spelling on every line (case and underscores changed);
* the 20,000-line file of unknown names (20,000 findings) in ``--format`` text, json and sarif;
* a Markdown page of about 5 MB, made of the project's configuration pages and the corpus's Score and
  Overture pages repeated with numbered headings, for ``score-lint drift``, beside markdown-it-py
  parsing the same page (as ``score_lint.markdown`` builds its parser);
* a language-server session: initialize, open the seed example, shut down.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
import venv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "linter" / "score_lint" / "examples" / "seed-s3.env.score"
CATALOGUE = ROOT / "schema" / "5.11" / "catalogue.json"
CORPUS_DOCS = ROOT.parent / "shared" / "corpus" / "docs"
PEERS = ("dotenv-linter", "python-dotenv")
PAGE_BYTES = 5_000_000

# --------------------------------------------------------------------------------------------------
# inputs

_SECRETS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

# (key, value makers) in the order operators write them; values are plausible, secrets are random.
_COMMON = [
    ("SERVER_PORT", ["8087", "8080", '"8087"']),
    ("METADATA_URL", ["http://song:8080", "https://song.example.org", '"http://song:8080"']),
    ("SERVER_SSL_ENABLED", ["false", "true", '"false"']),
    ("OBJECT_SENTINEL", ["heliograph"]),
    ("BUCKET_NAME_OBJECT", ["object", "test_object_bucket", '"oicr.icgc.object"']),
    ("UPLOAD_PARTSIZE", ["1073741824", "1048576", '"1048576"']),
    ("UPLOAD_CLEAN_ENABLED", ["true", "false", '"true"']),
    ("UPLOAD_CLEAN_CRON", ['"0 0 0 * * ?"', "0 0 0 * * ?"]),
]
_S3 = [
    ("S3_ENDPOINT", ["http://minio:9000", '"http://localhost:9000"', "https://s3.amazonaws.com"]),
    ("S3_ACCESSKEY", ["@secret"]),
    ("S3_SECRETKEY", ["@secret"]),
    ("S3_SIGV4ENABLED", ["true", '"true"']),
    ("S3_SECURED", ["false", "true"]),
    ("BUCKET_NAME_STATE", ["state", "test_state_bucket"]),
    ("BUCKET_SIZE_POOL", ["0"]),
    ("BUCKET_SIZE_KEY", ["2"]),
    ("UPLOAD_RETRY_LIMIT", ["10", "5"]),
    ("UPLOAD_CONNECTION_TIMEOUT", ["60000", "1200000"]),
]
_AZURE = [
    ("AZURE_ENDPOINTPROTOCOL", ["https"]),
    ("AZURE_ACCOUNTNAME", ["overturestorage", "scoredata"]),
    ("AZURE_ACCOUNTKEY", ["@secret"]),
    ("AZURE_CONTAINERNAME", ["score", "objects"]),
    ("BUCKET_POLICY_UPLOAD", ["writable"]),
    ("BUCKET_POLICY_DOWNLOAD", ["readable"]),
]
_AUTH = [
    ("AUTH_SERVER_PROVIDER", ["keycloak", "ego"]),
    ("AUTH_SERVER_URL", ["http://keycloak:8080/realms/myrealm/apikey/check_api_key/"]),
    ("AUTH_SERVER_CLIENTID", ["dms", "score"]),
    ("AUTH_SERVER_CLIENTSECRET", ["@secret"]),
    ("AUTH_SERVER_TOKENNAME", ["apiKey"]),
    ("AUTH_SERVER_KEYCLOAK_HOST", ["http://keycloak:8080"]),
    ("AUTH_SERVER_KEYCLOAK_REALM", ["myrealm"]),
    ("AUTH_SERVER_SCOPE_DOWNLOAD_SYSTEM", ["score.READ"]),
    ("AUTH_SERVER_SCOPE_UPLOAD_SYSTEM", ["score.WRITE"]),
    ("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWKSETURI",
     ["http://keycloak:8080/realms/myrealm/protocol/openid-connect/certs"]),
]
_EXTRA = [
    ("LOGGING_LEVEL_ROOT", ["INFO", "DEBUG"]),
    ("LOGGING_LEVEL_BIO_OVERTURE", ["DEBUG"]),
    ("JAVA_TOOL_OPTIONS", ['"-Xmx2g"', "-Xmx1g"]),
    ("TZ", ["UTC", "Europe/London"]),
    ("SERVER_SSL_KEYSTOREPASSWORD", ["@secret"]),
    ("SERVER_COMPRESSION_ENABLED", ["true"]),
]
# Spellings operators really use: aliases, names from other lines or pages, typos.
_MISSPELLED = {
    "S3_ACCESSKEY": ["S3_ACCESS_KEY"], "S3_SECRETKEY": ["S3_SECRET_KEY"],
    "S3_SIGV4ENABLED": ["S3_SIGV4_ENABLED", "S3_SIG_V4_ENABLED"], "S3_SECURED": ["S3_ISSECURED"],
    "UPLOAD_CONNECTION_TIMEOUT": ["UPLOAD_CONNECTIONTIMEOUT"], "UPLOAD_PARTSIZE": ["UPLOAD_PART_SIZE"],
    "AUTH_SERVER_CLIENTID": ["AUTH_SERVER_CLIENT_ID"], "AZURE_ACCOUNTKEY": ["AZURE_ACCOUNT_KEY"],
    "AZURE_ACCOUNTNAME": ["AZURE_ACCOUNT_NAME"], "METADATA_URL": ["METADATA_URI"],
    "S3_ENDPOINT": ["S3_ENDPIONT"], "BUCKET_NAME_OBJECT": ["BUCKET_NAME_OBJECTS"],
}
_PROFILES = {
    "s3": ["prod,aws", "default,collaboratory,prod,secure,jwt", "collaboratory,prod", "prod, collaboratory, secure",
           "noSecurityDev, s3"],
    "azure": ["azure,prod,secure", "prod,azure", "azure, default"],
}


def _value(rng: random.Random, choices: list[str]) -> str:
    choice = rng.choice(choices)
    if choice == "@secret":
        body = "".join(rng.choice(_SECRETS) for _ in range(rng.randint(12, 40)))
        return rng.choice([body, body, f'"{body}"'])
    return choice


def realistic_file(rng: random.Random) -> str:
    """One plausible ``.env.score``: sections, comments, quotes, a few wrong spellings."""
    provider = "azure" if rng.random() < 0.3 else "s3"
    out = [f"# Score server ({provider}) generated for the benchmark", "# Spring Variables",
           f"SPRING_PROFILES_ACTIVE={rng.choice(_PROFILES[provider])}"]
    groups = [("# Score Variables", _COMMON), ("# Object Storage Variables", _S3 if provider == "s3" else _AZURE)]
    if rng.random() < 0.6:
        groups.append(("# Keycloak Variables", _AUTH))
    if rng.random() < 0.5:
        groups.append(("# Extras", _EXTRA))
    for title, settings in groups:
        if rng.random() < 0.7:
            out.append("")
        out.append(title)
        for key, values in settings:
            if rng.random() < 0.15:
                continue
            if key in _MISSPELLED and rng.random() < 0.15:
                key = rng.choice(_MISSPELLED[key])
            line = f"{key}={_value(rng, values)}"
            if rng.random() < 0.05:
                line += "  # set by ops"
            out.append(("# " + line) if rng.random() < 0.05 else line)
    return "\n".join(out) + "\n"


def big_file(rng: random.Random, lines: int) -> str:
    """Realistic files concatenated (as a generated env of many services would be) to ``lines`` lines."""
    out: list[str] = []
    while len(out) < lines:
        out.extend(realistic_file(rng).splitlines())
    return "\n".join(out[:lines]) + "\n"



# Characters of env names, for typos.
_NAME_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"
_WORDS = ("APP", "CACHE", "DB", "FEATURE", "HTTP", "JOB", "KAFKA", "LOG", "MAIL", "QUEUE", "REDIS", "SONG",
          "TOKEN", "WORKER", "PROXY", "CLIENT", "STORE", "INDEX", "EVENT", "TRACE")


def _settings() -> list[str]:
    """The env names Score 5.11 reads (families left out), from the committed catalogue."""
    data = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    return sorted({s["name"] for s in data["settings"] if "<" not in s["name"]})


def _typo(rng: random.Random, name: str) -> str:
    """``name`` one random edit away: a character deleted, replaced, inserted, or two swapped."""
    i = rng.randrange(len(name))
    edit = rng.randrange(4)
    if edit == 0 and len(name) > 3:
        return name[:i] + name[i + 1:]
    if edit == 1:
        return name[:i] + rng.choice(_NAME_CHARS) + name[i + 1:]
    if edit == 2:
        return name[:i] + rng.choice(_NAME_CHARS) + name[i:]
    j = min(i + 1, len(name) - 1)
    return name[:i] + name[j] + name[i] + name[j + 1:] if j > i else name


def unknown_file(rng: random.Random, lines: int, settings: list[str]) -> str:
    """A realistic header, then a name that is new to the run on every line: typos of real settings (one
    to three edits away, some close enough for a suggestion) and made-up names."""
    out = realistic_file(rng).splitlines()
    known = set(settings)
    seen: set[str] = set()
    while len(out) < lines:
        roll = rng.random()
        if roll < 0.75:
            name = rng.choice(settings)
            for _ in range(1 if roll < 0.45 else rng.randint(2, 3)):
                name = _typo(rng, name)
        else:
            name = f"{rng.choice(_WORDS)}_{rng.choice(_WORDS)}_{rng.randrange(10**6)}"
        if not name or name[0].isdigit() or name in known or name in seen:
            continue
        seen.add(name)
        out.append(f"{name}={rng.choice(('true', '8087', 'http://song:8080', 'x', 'object'))}")
    return "\n".join(out[:lines]) + "\n"


def _respelt(rng: random.Random, name: str) -> str:
    """``name`` with its case and underscores changed (``s3_AccessKey``, ``S3ACCESS_KEY``)."""
    chars = [c.lower() if c.isalpha() and rng.random() < 0.5 else c for c in name]
    out = []
    for c in chars:
        if c == "_" and rng.random() < 0.3:
            continue
        out.append(c)
        if c.isalpha() and rng.random() < 0.04:
            out.append("_")
    return "".join(out).strip("_") or name


def spelling_file(rng: random.Random, lines: int, settings: list[str]) -> str:
    """A realistic header, then real settings in a spelling new to the run on every line."""
    out = realistic_file(rng).splitlines()
    seen = set(settings)
    while len(out) < lines:
        name = _respelt(rng, rng.choice(settings))
        if name in seen or name[0].isdigit():
            continue
        seen.add(name)
        out.append(f"{name}={rng.choice(('true', '8087', 'http://song:8080', 'object'))}")
    return "\n".join(out[:lines]) + "\n"


def markdown_page(target: int) -> str:
    """About ``target`` characters of real docs: the project's configuration pages and the corpus's
    pages, repeated under numbered top-level headings so that every copy is a section of its own."""
    sources = sorted((ROOT / "docs" / "configuration").glob("*.md"))
    if CORPUS_DOCS.is_dir():
        sources += sorted(CORPUS_DOCS.glob("*.md"))
    texts = []
    for path in sources:
        text = path.read_text(encoding="utf-8", errors="replace")
        if text.startswith("---"):  # front matter belongs to the start of a page only
            end = text.find("\n---", 3)
            text = text[end + 4:] if end > 0 else text
        texts.append(text.strip("\n"))
    out: list[str] = ["# Score configuration, many times over", ""]
    size, copy = 0, 0
    while size < target:
        copy += 1
        for i, text in enumerate(texts):
            chunk = f"# Copy {copy}, page {i + 1}\n\n{text}\n\n"
            out.append(chunk)
            size += len(chunk)
            if size >= target:
                break
    return "".join(out)


def lsp_session(seed: Path) -> bytes:
    """initialize, initialized, open the seed example, shutdown, exit: as an editor would start up."""
    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"processId": None, "rootUri": seed.parent.as_uri(), "capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen",
         "params": {"textDocument": {"uri": seed.as_uri(), "languageId": "dotenv", "version": 1,
                                     "text": seed.read_text(encoding="utf-8")}}},
        {"jsonrpc": "2.0", "id": 2, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    out = b""
    for message in messages:
        body = json.dumps(message).encode()
        out += f"Content-Length: {len(body)}\r\n\r\n".encode() + body
    return out


@dataclass(frozen=True)
class Inputs:
    seed: Path
    many: list[Path]
    big: dict[str, Path]  # "lines-20000", "unknown-80000", ...
    page: Path
    session: Path


def generate_inputs(folder: Path) -> Inputs:
    rng = random.Random(20261126)
    folder.mkdir(parents=True, exist_ok=True)
    seed = folder / "seed-s3.env.score"
    shutil.copyfile(SEED, seed)
    many = folder / "many"
    if many.exists():
        shutil.rmtree(many)
    many.mkdir()
    files = []
    for i in range(1000):
        path = many / f"{i:04d}.env.score"
        path.write_text(realistic_file(rng), encoding="utf-8")
        files.append(path)
    settings = _settings()
    makers: dict[str, Callable[[random.Random, int], str]] = {
        "lines": big_file,
        "unknown": lambda r, n: unknown_file(r, n, settings),
        "spelling": lambda r, n: spelling_file(r, n, settings),
    }
    big = {}
    for shape, make in makers.items():
        for n in (20_000, 80_000):
            path = folder / f"{shape}-{n}.env.score"
            path.write_text(make(rng, n), encoding="utf-8")
            big[f"{shape}-{n}"] = path
    page = folder / "page.md"
    page.write_text(markdown_page(PAGE_BYTES), encoding="utf-8")
    session = folder / "lsp-session.bin"
    session.write_bytes(lsp_session(seed))
    return Inputs(seed, files, big, page, session)


# --------------------------------------------------------------------------------------------------
# environment


def venv_bin(env_dir: Path, name: str) -> Path:
    return env_dir / ("Scripts" if os.name == "nt" else "bin") / name


def _pip(python: Path, log: Path, *args: str) -> None:
    with log.open("a") as out:
        done = subprocess.run([str(python), "-m", "pip", "install", "--disable-pip-version-check", *args],
                              stdout=out, stderr=subprocess.STDOUT)
    if done.returncode:
        sys.exit(f"pip install {' '.join(args)} failed; see {log}")


def prepare_venv(cache: Path, skip_install: bool) -> Path:
    env_dir = cache / "venv"
    python = venv_bin(env_dir, "python")
    if skip_install and python.exists():
        return env_dir
    log = cache / "pip.log"
    if not python.exists():
        print(f"creating {env_dir} and installing the peers from PyPI ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
        _pip(python, log, "--upgrade", "pip", "setuptools", "wheel")
        _pip(python, log, "dotenv-linter", "python-dotenv")
    # This checkout as users get it (a wheel, not editable), built from a copy so the tree stays clean.
    src = cache / "src"
    if src.exists():
        shutil.rmtree(src)
    src.mkdir(parents=True)
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, src / name)
    for name in ("linter", "schema"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    print(f"installing score-lint from this checkout into {env_dir} (log: {log}) ...", flush=True)
    with (ROOT / "pyproject.toml").open("rb") as fh:
        project = tomllib.load(fh)["project"]
    _pip(python, log, *project["dependencies"], *project["optional-dependencies"]["lsp"])
    _pip(python, log, "--no-build-isolation", "--force-reinstall", "--no-deps", str(src))
    return env_dir


# --------------------------------------------------------------------------------------------------
# measuring


@dataclass
class Run:
    cpu: float
    wall: float
    max_rss_kib: int
    timed_out: bool
    returncode: int


# Each run goes through a small interpreter that spawns the tool (posix_spawn: the child does not start
# as a copy of a Python process, so its peak RSS is its own) and reads the tool's own CPU time and peak
# RSS from wait4, killing it after the timeout.
_RUNNER = """
import json, os, signal, sys, threading, time
timeout, stdin, argv = float(sys.argv[1]), sys.argv[2], sys.argv[3:]
actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull if stdin == "-" else stdin, os.O_RDONLY, 0),
           (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
           (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)]
killed = threading.Event()
start = time.perf_counter()
pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions, setsid=True)

def kill():
    killed.set()
    os.killpg(pid, signal.SIGKILL)

timer = threading.Timer(timeout, kill)
timer.start()
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
timer.cancel()
print(json.dumps({"cpu": usage.ru_utime + usage.ru_stime, "wall": wall, "rss": usage.ru_maxrss,
                  "code": os.waitstatus_to_exitcode(status), "timed_out": killed.is_set()}))
"""


def run_once(argv: list[str], timeout: float, stdin: Path | None = None) -> Run:
    """Run a whole process: its CPU and wall time, its peak RSS (KiB), killed after ``timeout`` seconds."""
    done = subprocess.run([sys.executable, "-c", _RUNNER, str(timeout), str(stdin) if stdin else "-", *argv],
                          capture_output=True, text=True, check=True)
    out = json.loads(done.stdout)
    return Run(out["cpu"], out["wall"], int(out["rss"]), out["timed_out"], out["code"])


@dataclass(frozen=True)
class Command:
    argv: list[str]
    stdin: Path | None = None
    runs: int | None = None  # fewer runs than the others (a slow peer on a big input)


@dataclass
class Measure:
    tool: str
    cpu: float | None  # median; None when a run timed out
    wall: float | None
    max_rss_kib: int
    timeout: float
    returncodes: tuple[int, ...]

    def show(self) -> str:
        return f"> {self.timeout:.0f} s" if self.cpu is None else f"{self.cpu:.3f} s"

    def show_wall(self) -> str:
        return f"> {self.timeout:.0f} s" if self.wall is None else f"{self.wall:.3f} s"

    @property
    def mib(self) -> float:
        return self.max_rss_kib / 1024


def measure(commands: dict[str, Command], runs: int, timeout: float) -> dict[str, Measure]:
    """Median of each tool's runs; the tools take turns, so a busy moment of the machine hits them alike."""
    cpu: dict[str, list[float]] = {tool: [] for tool in commands}
    wall: dict[str, list[float]] = {tool: [] for tool in commands}
    rss = dict.fromkeys(commands, 0)
    codes: dict[str, list[int]] = {tool: [] for tool in commands}
    timed_out: set[str] = set()
    for round_ in range(runs):
        for tool, command in commands.items():
            if tool in timed_out or round_ >= (command.runs or runs):
                continue
            run = run_once(command.argv, timeout, command.stdin)
            if run.timed_out:
                timed_out.add(tool)
                continue
            cpu[tool].append(run.cpu)
            wall[tool].append(run.wall)
            rss[tool] = max(rss[tool], run.max_rss_kib)
            codes[tool].append(run.returncode)
    return {
        tool: Measure(
            tool,
            None if tool in timed_out else statistics.median(cpu[tool]),
            None if tool in timed_out else statistics.median(wall[tool]),
            rss[tool], timeout, tuple(codes[tool]),
        )
        for tool in commands
    }


_MARKDOWN_IT = (
    "import sys\nfrom markdown_it import MarkdownIt\n"
    "MarkdownIt('commonmark').enable('table').parse(open(sys.argv[1], encoding='utf-8').read())"
)
_VERSIONS = """
from importlib.metadata import PackageNotFoundError, version
def shown(name):
    try:
        return f"{name} {version(name)}"
    except PackageNotFoundError:
        return f"{name} (not installed)"
print(", ".join(shown(n) for n in ("score-lint", "dotenv-linter", "python-dotenv", "click", "markdown-it-py",
                                   "rapidfuzz", "pygls")))
"""
_DOTENV = "import sys\nfrom dotenv import dotenv_values\nfor p in sys.argv[1:]: dotenv_values(p)"

# The floor of the 1,000-file row: what any linter that prints score-lint's report must do at the least.
# It reads and decodes each file, cuts each line into name and value, looks the name up among the
# catalogue's settings, and writes the report score-lint printed for the same files, ready-made (no rule
# run, no message built). It shows how much of score-lint's time is the work itself.
_FLOOR = """
import json, sys
report, catalogue, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(catalogue, encoding="utf-8") as f:
    names = {s["name"] for s in json.load(f)["settings"]}
found = 0
for path in paths:
    with open(path, "rb") as f:
        text = f.read().decode("utf-8")
    for line in text.split("\\n"):
        line = line.strip()
        if line and line[0] != "#":
            found += line.partition("=")[0] in names
with open(report, encoding="utf-8") as f:
    sys.stdout.write(f.read())
"""


# Where a file's CPU time goes in score-lint, in one process over the 1,000 files (the best of 5 passes
# of each part): read and checked, parsed, linted with no rule and with every rule, and the whole run as
# the plain ``score-lint FILE...`` makes it (text report included). Internal calls of score-lint, as the
# run makes them; a part that disappears from the package fails this program, not the benchmark.
_PARTS = """
import gc, io, json, sys, time
from score_lint import envfile, plan, reporters
from score_lint.inputs import Input
from score_lint.lint import engine
from score_lint.lint.context import Options
files = sys.argv[1:]
gc.freeze()
planner = plan.Planner(plan.Request())
def best(work):
    times = []
    for _ in range(5):
        start = time.process_time(); work(); times.append(time.process_time() - start)
    return min(times) / len(files) * 1e6
def ready():
    return [plan.ready_input(planner, Input(p, p)) for p in files]
made = ready()
def parse():
    return [envfile.parse(r.data, r.plan.options.dialect, path=r.item.path) for r in made]
envs = parse()
def lint(options):
    def run():
        for r, env in zip(made, envs):
            for _ in engine.lint_stream(env, options or r.plan.options, r.plan.models).findings:
                pass
    return run
def whole():
    out = io.StringIO()
    for chunk in reporters.STREAMS["text"](plan.Streaming(ready()).results(), False, quiet=False, show_fixes=False):
        out.write(chunk)
parts = {"read and check": best(ready), "parse": best(parse), "lint, no rule selected": best(lint(Options(select=("SL0",)))),
         "lint, every rule": best(lint(None)), "whole run, report included": best(whole)}
print(json.dumps(parts))
"""


def many_parts(python: str, inputs: Inputs) -> dict[str, float]:
    """Part -> microseconds a file of score-lint on the 1,000 files, from ``_PARTS``; {} when it fails."""
    run = subprocess.run([python, "-c", _PARTS, *map(str, inputs.many)], capture_output=True, text=True, check=False)
    if run.returncode != 0:
        print(f"the per-file breakdown failed: {run.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return {}
    parts: dict[str, float] = json.loads(run.stdout)
    return parts


def many_report(score_lint: str, inputs: Inputs) -> Path:
    """score-lint's report on the 1,000 files, written beside them for the floor to print."""
    report = inputs.many[0].parent.parent / "many-report.txt"
    with report.open("w", encoding="utf-8") as out:
        subprocess.run([score_lint, *map(str, inputs.many)], stdout=out, check=False)
    return report


def env_commands(env_dir: Path, files: list[Path], peer_runs: int | None = None) -> dict[str, Command]:
    paths = [str(p) for p in files]
    python = str(venv_bin(env_dir, "python"))
    return {
        "score-lint": Command([str(venv_bin(env_dir, "score-lint")), *paths]),
        "dotenv-linter": Command([str(venv_bin(env_dir, "dotenv-linter")), *paths], runs=peer_runs),
        "python-dotenv": Command([python, "-c", _DOTENV, *paths], runs=peer_runs),
    }


def ratio(a: Measure | None, b: Measure | None) -> tuple[float | None, str]:
    """a / b of the CPU times and how to show it; when b timed out, the ratio is at most a / timeout."""
    if a is None or b is None:
        return None, "n/a"
    if a.cpu is None:
        return None, f"n/a ({a.tool} timed out)"
    if b.cpu is None:
        bound = a.cpu / b.timeout
        return bound, f"< {bound:.3f} ({b.tool} > {b.timeout:.0f} s)"
    return a.cpu / b.cpu, f"{a.cpu / b.cpu:.3f}"


def verdict(value: float | None, target: float, below: bool = False) -> str:
    if value is None:
        return "?"
    ok = value < target if below else value <= target
    return "met" if ok else "MISSED"


_LABELS = {
    "seed": "seed S3 example", "many": "1,000 files, one call",
    "lines-20000": "20,000 lines, realistic", "lines-80000": "80,000 lines, realistic",
    "unknown-20000": "20,000 lines, new unknown names", "unknown-80000": "80,000 lines, new unknown names",
    "spelling-20000": "20,000 lines, new spellings", "spelling-80000": "80,000 lines, new spellings",
    "formats": "20,000 findings by --format", "drift": "drift, 5 MB page", "lsp": "language server session",
    "startup": "start-up",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="runs per tool and input; the median is reported")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a run is killed")
    parser.add_argument("--cache-dir", type=Path, default=ROOT / ".bench")
    parser.add_argument("--inputs-dir", type=Path, default=Path(tempfile.gettempdir()) / "score-lint-bench-inputs",
                        help="where the inputs are generated: outside any project, as a deploy folder is")
    parser.add_argument("--skip-install", action="store_true", help="reuse the venv and installed score-lint")
    parser.add_argument("--only", nargs="*", choices=sorted(_LABELS), help="measure only these rows")
    args = parser.parse_args()

    env_dir = prepare_venv(args.cache_dir, args.skip_install)
    inputs = generate_inputs(args.inputs_dir)
    python = str(venv_bin(env_dir, "python"))
    score_lint = str(venv_bin(env_dir, "score-lint"))
    versions = subprocess.run(
        [python, "-c", _VERSIONS],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    print(f"date {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; machine {platform.machine()}, "
          f"{os.cpu_count()} CPUs, Python {platform.python_version()}; {versions}")
    print(f"median of {args.runs} runs (peers: 1 run on 80,000 lines), killed after {args.timeout:.0f} s; "
          "ratios are of CPU time\n")

    rows: dict[str, dict[str, Command]] = {
        "seed": {**env_commands(env_dir, [inputs.seed]),
                 "score-lint, in checkout": Command([score_lint, str(SEED)]),
                 "python -c 'import click'": Command([python, "-c", "import click"]),
                 "python -c pass": Command([python, "-c", "pass"])},
        "many": env_commands(env_dir, inputs.many),
    }
    for name, path in inputs.big.items():
        rows[name] = env_commands(env_dir, [path], peer_runs=1 if name.endswith("80000") else None)
    unknown = str(inputs.big["unknown-20000"])
    rows["formats"] = {f"--format {fmt}": Command([score_lint, "--format", fmt, unknown]) for fmt in ("text", "json", "sarif")}
    rows["drift"] = {"score-lint drift": Command([score_lint, "drift", str(inputs.page)]),
                     "markdown-it-py parse": Command([python, "-c", _MARKDOWN_IT, str(inputs.page)])}
    rows["lsp"] = {"score-lint lsp": Command([score_lint, "lsp"], stdin=inputs.session)}
    rows["startup"] = {"score-lint --version": Command([score_lint, "--version"]),
                       "python -c 'import click'": Command([python, "-c", "import click"])}
    if args.only:
        rows = {name: row for name, row in rows.items() if name in args.only}
    if "many" in rows:  # the floor prints the report score-lint gives now, made once here
        report = str(many_report(score_lint, inputs))
        rows["many"]["floor: read + report"] = Command([python, "-c", _FLOOR, report, str(CATALOGUE),
                                                        *map(str, inputs.many)])

    results: dict[str, dict[str, Measure]] = {}
    print(f"| {'Input':<32} | {'Tool':<26} | {'CPU':>9} | {'Wall':>9} | {'Peak MiB':>8} | exit |")
    print(f"|{'-' * 34}|{'-' * 28}|{'-' * 10}:|{'-' * 10}:|{'-' * 9}:|------|")
    for name, commands in rows.items():
        runs = max(args.runs, 11) if name in ("seed", "startup", "lsp") else args.runs
        results[name] = row = measure(commands, runs, args.timeout)
        for i, (tool, m) in enumerate(row.items()):
            label = _LABELS[name] if i == 0 else ""
            code = ",".join(sorted({str(c) for c in m.returncodes})) or "-"
            print(f"| {label:<32} | {tool:<26} | {m.show():>9} | {m.show_wall():>9} | {m.mib:>8.1f} | {code:>4} |",
                  flush=True)

    def get(row: str, tool: str) -> Measure | None:
        return results.get(row, {}).get(tool)

    targets: list[tuple[str, str, str, str]] = []

    def add(label: str, value: tuple[float | None, str], target: float, below: bool = False) -> None:
        sign = "<" if below else "<="
        targets.append((label, value[1], f"{sign} {target:g}", verdict(value[0], target, below)))

    def shown(label: str, value: tuple[float | None, str]) -> None:
        """A ratio shown beside the targets, to read them by; it is no target of its own."""
        targets.append((label, value[1], "-", ""))

    if "seed" in results:
        add("seed: score-lint / dotenv-linter", ratio(get("seed", "score-lint"), get("seed", "dotenv-linter")), 0.25)
        add("seed: score-lint / python -c 'import click'",
            ratio(get("seed", "score-lint"), get("seed", "python -c 'import click'")), 1.0)
    if "many" in results:
        add("1,000 files: score-lint / dotenv-linter", ratio(get("many", "score-lint"), get("many", "dotenv-linter")), 0.08)
        floor = get("many", "floor: read + report")
        shown("1,000 files: floor / dotenv-linter", ratio(floor, get("many", "dotenv-linter")))
        shown("1,000 files: score-lint / floor", ratio(get("many", "score-lint"), floor))
    if "unknown-20000" in results:
        add("20,000 unknown names: score-lint / dotenv-linter",
            ratio(get("unknown-20000", "score-lint"), get("unknown-20000", "dotenv-linter")), 0.12)
    for shape in ("lines", "unknown", "spelling"):
        big, small = get(f"{shape}-80000", "score-lint"), get(f"{shape}-20000", "score-lint")
        if big is not None and small is not None:
            add(f"{shape}: 80,000 / 20,000 lines", ratio(big, small), 4.4)
        if big is not None:
            add(f"{shape}: peak MiB at 80,000 lines", (big.mib, f"{big.mib:.1f}"), 40, below=True)
    if "formats" in results:
        text = get("formats", "--format text")
        for fmt in ("json", "sarif"):
            m = get("formats", f"--format {fmt}")
            add(f"--format {fmt} / text, 20,000 findings", ratio(m, text), 1.3)
            if m is not None:
                add(f"--format {fmt}: peak MiB", (m.mib, f"{m.mib:.1f}"), 60, below=True)
    if "drift" in results:
        add("drift 5 MB page / markdown-it-py parse",
            ratio(get("drift", "score-lint drift"), get("drift", "markdown-it-py parse")), 4.0)
    if "startup" in results:
        add("--version / python -c 'import click'",
            ratio(get("startup", "score-lint --version"), get("startup", "python -c 'import click'")), 1.5)

    print(f"\n| {'Ratio (CPU time)':<48} | {'Value':>28} | {'Target':>7} |        |")
    print(f"|{'-' * 50}|{'-' * 29}:|{'-' * 9}|--------|")
    for label, value, target, ok in targets:
        print(f"| {label:<48} | {value:>28} | {target:>7} | {ok:<6} |")
    peer, ours = get("many", "dotenv-linter"), get("many", "score-lint")
    if peer is not None and ours is not None and peer.cpu is not None and ours.cpu is not None:
        # What the 1,000-file target leaves a file, beside what each part of score-lint takes of it.
        files = len(inputs.many)
        print(f"\n1,000 files, CPU microseconds a file: the target (0.08 x dotenv-linter, start-up included) "
              f"leaves {0.08 * peer.cpu / files * 1e6:.0f}; score-lint takes {ours.cpu / files * 1e6:.0f}")
        parts = many_parts(python, inputs)
        if parts:
            print("of which, in one process: " + "; ".join(f"{name} {value:.0f}" for name, value in parts.items()))
    return 0 if all(ok in ("met", "") for *_, ok in targets) else 1


if __name__ == "__main__":
    sys.exit(main())
