"""Benchmark score-lint against its peers on the same inputs, in the same run.

    python bench/run.py [--runs 5] [--timeout 60] [--cache-dir .bench] [--skip-install]

Creates a venv under the cache dir, installs the peers from PyPI (wemake's ``dotenv-linter`` and
``python-dotenv``) together with this checkout of score-lint, generates the inputs, runs every tool as
a whole process (median of ``--runs``), and prints times and the target ratios. Not part of the test
suite: timings depend on the machine, only the ratios are meant to travel.
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
import time
import tomllib
import venv
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "linter" / "score_lint" / "examples" / "seed-s3.env.score"
PEERS = ("dotenv-linter", "python-dotenv")

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


def generate_inputs(folder: Path) -> dict[str, list[Path]]:
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
    out = {"seed": [seed], "many": files}
    for n in (20_000, 80_000):
        path = folder / f"lines-{n}.env.score"
        path.write_text(big_file(rng, n), encoding="utf-8")
        out[f"{n}"] = [path]
    return out


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
        dependencies = tomllib.load(fh)["project"]["dependencies"]
    _pip(python, log, *dependencies)
    _pip(python, log, "--no-build-isolation", "--force-reinstall", "--no-deps", str(src))
    return env_dir


# --------------------------------------------------------------------------------------------------
# measuring


@dataclass
class Run:
    seconds: float
    max_rss_kib: int
    timed_out: bool
    returncode: int


# Each run goes through a small interpreter that starts the tool, times it and reads its peak RSS:
# a child forked straight from this (bigger) process would count this process's memory as its own.
# (A blocking wait with a timer for the timeout: Popen.wait(timeout) polls, which rounds the times.)
_RUNNER = """
import json, os, resource, signal, subprocess, sys, threading, time
timeout, argv = float(sys.argv[1]), sys.argv[2:]
killed = threading.Event()
start = time.perf_counter()
proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)

def kill():
    killed.set()
    os.killpg(proc.pid, signal.SIGKILL)

timer = threading.Timer(timeout, kill)
timer.start()
code = proc.wait()
seconds = time.perf_counter() - start
timer.cancel()
timed_out = killed.is_set()
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "rss": rss, "code": code, "timed_out": timed_out}))
"""


def run_once(argv: list[str], timeout: float) -> Run:
    """Run a whole process: wall time, its peak RSS (KiB), killed after ``timeout`` seconds."""
    done = subprocess.run([sys.executable, "-c", _RUNNER, str(timeout), *argv], capture_output=True, text=True,
                          check=True)
    out = json.loads(done.stdout)
    return Run(out["seconds"], int(out["rss"]), out["timed_out"], out["code"])


@dataclass
class Measure:
    tool: str
    seconds: float | None  # median; None when a run timed out
    max_rss_kib: int
    timeout: float
    returncodes: tuple[int, ...]

    def show(self) -> str:
        return f"> {self.timeout:.0f} s" if self.seconds is None else f"{self.seconds:.3f} s"


def measure(argvs: dict[str, list[str]], runs: dict[str, int], timeout: float) -> dict[str, Measure]:
    """Median of each tool's runs; the tools take turns, so a busy moment of the machine hits them alike."""
    times: dict[str, list[float]] = {tool: [] for tool in argvs}
    rss = dict.fromkeys(argvs, 0)
    codes: dict[str, list[int]] = {tool: [] for tool in argvs}
    timed_out: set[str] = set()
    for round_ in range(max(runs.values())):
        for tool, argv in argvs.items():
            if tool in timed_out or round_ >= runs[tool]:
                continue
            run = run_once(argv, timeout)
            if run.timed_out:
                timed_out.add(tool)
                continue
            times[tool].append(run.seconds)
            rss[tool] = max(rss[tool], run.max_rss_kib)
            codes[tool].append(run.returncode)
    return {
        tool: Measure(tool, None if tool in timed_out else statistics.median(times[tool]), rss[tool], timeout,
                      tuple(codes[tool]))
        for tool in argvs
    }


def commands(env_dir: Path, files: list[Path]) -> dict[str, list[str]]:
    paths = [str(p) for p in files]
    python = str(venv_bin(env_dir, "python"))
    return {
        "score-lint": [str(venv_bin(env_dir, "score-lint")), *paths],
        "dotenv-linter": [str(venv_bin(env_dir, "dotenv-linter")), *paths],
        "python-dotenv": [python, "-c",
                          "import sys\nfrom dotenv import dotenv_values\nfor p in sys.argv[1:]: dotenv_values(p)",
                          *paths],
    }


def ratio(a: Measure, b: Measure) -> tuple[float | None, str]:
    """a / b and how to show it; when b timed out, the ratio is at most a / timeout."""
    if a.seconds is None:
        return None, "n/a (score-lint timed out)"
    if b.seconds is None:
        bound = a.seconds / b.timeout
        return bound, f"< {bound:.3f} ({b.tool} > {b.timeout:.0f} s)"
    return a.seconds / b.seconds, f"{a.seconds / b.seconds:.3f}"


def verdict(value: float | None, target: float, below: bool = False) -> str:
    if value is None:
        return "?"
    ok = value < target if below else value <= target
    return "met" if ok else "MISSED"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="runs per tool and input; the median is reported")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a run is killed")
    parser.add_argument("--cache-dir", type=Path, default=ROOT / ".bench")
    parser.add_argument("--skip-install", action="store_true", help="reuse the venv and installed score-lint")
    args = parser.parse_args()

    env_dir = prepare_venv(args.cache_dir, args.skip_install)
    inputs = generate_inputs(args.cache_dir / "inputs")
    python = str(venv_bin(env_dir, "python"))
    versions = subprocess.run(
        [python, "-c", "from importlib.metadata import version as v; "
                       "print(', '.join(f'{n} {v(n)}' for n in ('score-lint', 'dotenv-linter', 'python-dotenv', 'click')))"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    print(f"date {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; machine {platform.machine()}, "
          f"{os.cpu_count()} CPUs, Python {platform.python_version()}; {versions}")
    print(f"median of {args.runs} runs, peers killed after {args.timeout:.0f} s\n")

    results: dict[str, dict[str, Measure]] = {}
    labels = {"seed": "seed S3 example", "many": "1,000 files, one call", "20000": "20,000-line file",
              "80000": "80,000-line file"}
    print(f"{'input':<24}{'score-lint':>14}{'dotenv-linter':>16}{'python-dotenv':>16}{'peak MiB (score-lint)':>24}")
    for name, files in inputs.items():
        # Peers are slow on the biggest file: one run each there.
        runs = {tool: args.runs if tool == "score-lint" or name != "80000" else 1 for tool in ("score-lint", *PEERS)}
        row = measure(commands(env_dir, files), runs, args.timeout)
        results[name] = row
        print(f"{labels[name]:<24}{row['score-lint'].show():>14}{row['dotenv-linter'].show():>16}"
              f"{row['python-dotenv'].show():>16}{row['score-lint'].max_rss_kib / 1024:>24.1f}", flush=True)

    startup = measure({"score-lint": [str(venv_bin(env_dir, "score-lint")), "--version"],
                       "click": [python, "-c", "import click"]},
                      dict.fromkeys(("score-lint", "click"), max(args.runs, 11)), args.timeout)
    version, click = startup["score-lint"], startup["click"]
    print(f"\n{'score-lint --version':<24}{version.show():>14}")
    print(f"{'python -c import click':<24}{click.show():>14}\n")

    sl = {name: row["score-lint"] for name, row in results.items()}
    dl = {name: row["dotenv-linter"] for name, row in results.items()}

    seed_v, seed_t = ratio(sl["seed"], dl["seed"])
    many_v, many_t = ratio(sl["many"], dl["many"])
    big_v, big_t = ratio(sl["20000"], dl["20000"])
    linear = None if sl["80000"].seconds is None or sl["20000"].seconds is None else sl["80000"].seconds / sl["20000"].seconds
    peak = sl["80000"].max_rss_kib / 1024
    start = None if version.seconds is None or click.seconds is None else version.seconds / click.seconds
    rows = [
        ("seed example: score-lint / dotenv-linter", seed_t, "<= 0.5", verdict(seed_v, 0.5)),
        ("1,000 files: score-lint / dotenv-linter", many_t, "<= 0.25", verdict(many_v, 0.25)),
        ("20,000 lines: score-lint / dotenv-linter", big_t, "<= 0.1", verdict(big_v, 0.1)),
        ("80,000 / 20,000 lines (score-lint)", "n/a" if linear is None else f"{linear:.2f}", "<= 5", verdict(linear, 5)),
        ("peak memory, 80,000 lines (MiB)", f"{peak:.1f}", "< 60", verdict(peak, 60, below=True)),
        ("--version / import click", "n/a" if start is None else f"{start:.2f}", "<= 1.5", verdict(start, 1.5)),
    ]
    print(f"{'ratio':<44}{'value':>30}{'target':>10}{'':>8}")
    for label, value, target, ok in rows:
        print(f"{label:<44}{value:>30}{target:>10}{ok:>8}")
    return 0 if all(ok == "met" for *_, ok in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
