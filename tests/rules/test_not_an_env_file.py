from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from score_lint import envfile
from score_lint.cli import main
from score_lint.findings import Severity
from tests.helpers import assert_findings, fuzz
from tests.rules._fixes import rule_findings

CODE = "SL314"
KEY_BODY = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW"
PRIVATE_KEY = f"-----BEGIN OPENSSH PRIVATE KEY-----\n{KEY_BODY}\nQyNTUxOQAAACB4bW9ja2tleQ\n-----END OPENSSH PRIVATE KEY-----\n"
SHADOW = "root:$6$Zq4vT8rW$Hh3kP9sLw2QxV7cBJm5n:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\nana:!:19000:0:99999:7:::\n"


@pytest.mark.parametrize("args", ["", "--dialect compose"])
@pytest.mark.parametrize("text", [PRIVATE_KEY, SHADOW], ids=["private-key", "shadow"])
def test_one_finding_for_the_whole_file(text: str, args: str) -> None:
    (found,) = rule_findings(text, CODE, args)
    assert (found.line, found.column, found.key, found.severity) == (1, 1, None, Severity.ERROR)
    assert_findings(text, [(1, CODE)], args)  # and nothing else: no line is read as a name
    assert "root" not in found.message and KEY_BODY[:8] not in found.message


@pytest.mark.parametrize("args", ["", "--dialect compose"])
def test_env_files_are_env_files(args: str) -> None:
    assert_findings("METADATA_URL=http://song:8080\nS3_ENDPOINT=http://minio:9000\n# a:b:c:d\n", [], args, code=CODE)
    assert_findings("S3_ENDPOINT:http://minio:9000\nMETADATA_URL:http://song:8080\n", [], args, code=CODE)
    assert_findings("UPLOAD_CLEAN_CRON=0:0:0:0:0:0\nX=a:b:c:d:e:f\n", [], args, code=CODE)
    assert_findings("AUTH_JWT_PUBLICKEY=-----BEGIN PUBLIC KEY----- MIIB\n", [], args, code=CODE)


def test_a_compose_env_file_naming_a_key_or_shadow(tmp_path: Path) -> None:
    (tmp_path / "id_ed25519").write_text(PRIVATE_KEY)
    (tmp_path / "shadow").write_text(SHADOW)
    compose_file = tmp_path / "docker-compose.yml"
    compose_file.write_text("services:\n  score:\n    image: overture/score-server\n    env_file:\n      - id_ed25519\n"
                            "      - shadow\n    environment:\n      SPRING_PROFILES_ACTIVE: prod,collaboratory\n")
    result = CliRunner().invoke(main, ["compose", "--format", "json", str(compose_file)])
    import json

    files = {Path(f["path"]).name: f["findings"] for f in json.loads(result.output)["files"]}
    assert [(f["code"], f["line"]) for f in files["id_ed25519"]] == [(CODE, 1)]
    assert [(f["code"], f["line"]) for f in files["shadow"]] == [(CODE, 1)]
    for word in ("daemon", "ana:", "99999", KEY_BODY[:12], "Zq4vT8rW"):
        assert word not in result.output


def test_not_fixed(tmp_path: Path) -> None:
    path = tmp_path / "shadow"
    path.write_text(SHADOW)
    result = CliRunner().invoke(main, ["--fix", str(path)])
    assert result.exit_code == 2 and "not an env file" in result.output
    assert path.read_text() == SHADOW


def _records_the_long_way(text: str) -> bool:
    # not_an_env_file's records test without its shortcuts: every content line asked of the pattern.
    content = [line.strip() for line in envfile.split_lines(text) if line.strip() and not line.lstrip().startswith("#")]
    records = sum(1 for line in content if envfile._RECORD.match(line))
    return len(content) >= 2 and records * 10 >= len(content) * 8


# Lines of ':'-separated fields, around the five a record needs.
_FIELD = st.sampled_from(["a", "", "x/y", "=", "#a", " ", "//", "\u00a0b"])
_LINE = st.tuples(st.sampled_from(["a", "x/y", "#a", "=a", " a", ""]), st.lists(_FIELD, min_size=3, max_size=7))


@given(st.lists(_LINE.map(lambda line: ":".join([line[0], *line[1]])), max_size=5))
@fuzz(300)
def test_the_records_shortcuts_change_no_answer(lines: list[str]) -> None:
    text = "\n".join(lines)
    env = envfile.parse(text, "docker", path="t")
    found = envfile.not_an_env_file(env)
    assert (found is not None and "records" in found) == _records_the_long_way(text)
