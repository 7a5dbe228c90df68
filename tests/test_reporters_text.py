"""The reports a person reads: text, full and statistics, against fixed strings; JSON's additions."""

from __future__ import annotations

import json

from score_lint import reporters
from score_lint.findings import Edit, Finding, Fix, Result, Severity, Verdict
from score_lint.records import replace

QUOTES = Fix("remove the quotes around the value of S3_SIGV4ENABLED", (Edit(2, 17, 23, "true"),))
RENAME = Fix("rename S3_ACCESS_KEY to S3_ACCESSKEY", (Edit(4, 1, 14, "S3_ACCESSKEY"),))
NEAR_MISS = Fix("rename S3_X to S3_SECRETKEY", (Edit(3, 1, 5, "S3_SECRETKEY"),), safe=False)


def _f(code: str, rule: str, severity: Severity, line: int | None, column: int | None, key: str, message: str,
       fix: Fix | None = None, stops: bool = False) -> Finding:
    return Finding(code, rule, severity, line, column, key, message, fix=fix, stops_startup=stops)


FINDINGS = (
    _f("SL106", "missing-required", Severity.ERROR, None, None, "METADATA_URL", "METADATA_URL is required.", stops=True),
    _f("SL202", "quoted-value", Severity.ERROR, 2, 17, "S3_SIGV4ENABLED", "S3_SIGV4ENABLED is quoted.", QUOTES, True),
    _f("SL101", "unknown-name", Severity.ERROR, 3, 1, "S3_X", "S3_X binds nothing.", NEAR_MISS),
    _f("SL104", "non-canonical-name", Severity.INFO, 4, 1, "S3_ACCESS_KEY", "S3_ACCESS_KEY binds.", RENAME),
)


def _result(findings: tuple[Finding, ...] = FINDINGS, path: str = ".env.score") -> Result:
    return Result(path, "5.11", "docker", "s3", findings, Verdict.of(findings))


def test_text_marks_fixable_findings_and_says_whether_score_starts() -> None:
    assert reporters.text([_result()]) == (
        ".env.score: error SL106 METADATA_URL is required. [missing-required]\n"
        ".env.score:2:17: error SL202 [*] S3_SIGV4ENABLED is quoted. [quoted-value]\n"
        ".env.score:3:1: error SL101 S3_X binds nothing. [unknown-name]\n"
        ".env.score:4:1: info SL104 [*] S3_ACCESS_KEY binds. [non-canonical-name]\n"
        ".env.score: Score 5.11 will not start: 2 errors stop it (SL106, SL202).\n"
        "1 file checked: 3 errors, 0 warnings, 1 info\n"
        "[*] 2 fixable with `--fix`.\n"
    )


def test_verdicts_in_their_three_shapes() -> None:
    one = (FINDINGS[1],)
    assert reporters.verdict_line(_result(one)) == "Score 5.11 will not start: 1 error stops it (SL202)."
    ignored = (FINDINGS[2], _f("SL105", "duplicate-setting", Severity.ERROR, 5, 1, "S3_X", "again."))
    assert reporters.verdict_line(_result(ignored)) == (
        "Score 5.11 will start; 1 setting does not take effect as written (SL101, SL105)."
    )
    assert reporters.verdict_line(_result(())) == "Score 5.11 will start."
    partial = Result(".env.score", "develop", "docker", "s3", (), Verdict.of((), all_rules=False))
    assert reporters.verdict_line(partial) == "Score develop will start as far as the selected rules tell."
    many = tuple(_f(f"SL30{i}", "r", Severity.ERROR, i, 1, f"K{i}", "m", stops=True) for i in range(1, 7))
    assert reporters.verdict_line(_result(many)) == (
        "Score 5.11 will not start: 6 errors stop it (SL301, SL302, SL303, SL304, ...)."
    )
    docs_page = Result("page.md", "5.11", "docker", "any", ())
    assert reporters.verdict_line(docs_page) is None
    assert "Score" not in reporters.text([docs_page])


def test_plurals_and_no_fixable_line_when_nothing_is_fixable() -> None:
    warn = (_f("SL206", "example-credential", Severity.WARNING, 1, 1, "S3_SECRETKEY", "known."),)
    out = reporters.text([_result(warn), _result((), "b.env.score")])
    assert out.endswith("2 files checked: 0 errors, 1 warning, 0 infos\n")
    assert "fixable" not in out


def test_quiet_keeps_only_the_findings() -> None:
    assert reporters.text([_result((FINDINGS[1],))], quiet=True) == (
        ".env.score:2:17: error SL202 [*] S3_SIGV4ENABLED is quoted. [quoted-value]\n"
    )


def test_show_fixes_lists_safe_then_unsafe_fixes_without_their_text() -> None:
    out = reporters.text([_result()], quiet=True, show_fixes=True)
    assert out.endswith(
        "Fixes `--fix` would apply:\n"
        "  .env.score:2:17: SL202 remove the quotes around the value of S3_SIGV4ENABLED\n"
        "  .env.score:4:1: SL104 rename S3_ACCESS_KEY to S3_ACCESSKEY\n"
        "Unsafe fixes (`--fix` leaves them; apply by hand if they are right):\n"
        "  .env.score:3:1: SL101 rename S3_X to S3_SECRETKEY\n"
    )
    assert "true" not in out.replace("S3_SIGV4ENABLED is quoted", "")  # the replacement text is never shown


def test_statistics_count_per_code_with_ruffs_fixable_marks() -> None:
    partly = (*FINDINGS, _f("SL104", "non-canonical-name", Severity.INFO, 6, 1, "S3_SECRET_KEY", "binds."))
    assert reporters.statistics_text([_result(partly)]) == (
        "2  SL104  [~] non-canonical-name\n"
        "1  SL101  [ ] unknown-name\n"
        "1  SL106  [ ] missing-required\n"
        "1  SL202  [*] quoted-value\n"
        "[*] 2 fixable with `--fix`.\n"
    )
    rows = json.loads(reporters.statistics_json([_result(partly)]))
    assert rows[0] == {"code": "SL104", "name": "non-canonical-name", "count": 2, "fixable_count": 1}


def test_json_carries_stops_startup_and_the_verdict() -> None:
    data = json.loads(reporters.json_report([_result(), Result("page.md", "5.11", "docker", "any", ())]))
    assert data["version"] == 1
    env, page = data["files"]
    assert env["verdict"] == {"starts": False, "stopped_by": ["SL106", "SL202"], "not_as_written": ["SL101"],
                              "all_rules": True}
    assert [f["stops_startup"] for f in env["findings"]] == [True, True, False, False]
    assert [f["fixable"] for f in env["findings"]] == [False, True, False, True]  # an unsafe fix is not --fix's
    assert "verdict" not in page  # a docs page starts no server


def test_full_shows_the_source_line_with_a_caret() -> None:
    sources = {".env.score": {2: 'S3_SIGV4ENABLED="true"', 3: "S3_X=***"}}
    out = reporters.full([_result(FINDINGS[:3])], sources=sources)
    assert out == (
        ".env.score: error SL106 METADATA_URL is required. [missing-required]\n"
        "\n"
        ".env.score:2:17: error SL202 [*] S3_SIGV4ENABLED is quoted. [quoted-value]\n"
        "  |\n"
        '2 | S3_SIGV4ENABLED="true"\n'
        "  |                 ^\n"
        "\n"
        ".env.score:3:1: error SL101 S3_X binds nothing. [unknown-name]\n"
        "  |\n"
        "3 | S3_X=***\n"
        "  | ^^^^\n"
        "\n"
        ".env.score: Score 5.11 will not start: 2 errors stop it (SL106, SL202).\n"
        "1 file checked: 3 errors, 0 warnings, 0 infos\n"
        "[*] 1 fixable with `--fix`.\n"
    )


def test_full_fits_a_hundred_columns() -> None:
    long_message = "S3_ENDPOINT is quoted and docker run passes the quotes to Score: " + "Score uses a value with quotes. " * 6
    column = 150
    finding = _f("SL202", "quoted-value", Severity.ERROR, 12, column, "S3_ENDPOINT", long_message.strip())
    source = "S3_ENDPOINT=" + "x" * (column - 13) + '"http://minio:9000"' + " " * 40 + "# trailing words"
    out = reporters.full([_result((finding,))], sources={".env.score": {12: source}})
    rows = out.splitlines()
    assert max(len(row) for row in rows) <= 100, out
    code_row = next(row for row in rows if row.startswith("12 | "))
    caret_row = rows[rows.index(code_row) + 1]
    # The caret still sits under the opening quote of the value, after the cut.
    assert code_row[caret_row.index("^")] == '"'


def test_full_points_at_the_mask_for_a_place_inside_a_masked_value() -> None:
    finding = _f("SL203", "inline-comment", Severity.ERROR, 1, 31, "S3_SECRETKEY", "comment kept.")
    out = reporters.full([_result((finding,))], sources={".env.score": {1: "S3_SECRETKEY=***"}})
    assert "1 | S3_SECRETKEY=***\n  |              ^\n" in out


def test_a_compose_service_verdict_names_the_service() -> None:
    verdict = Verdict.of(FINDINGS[1:2])
    result = Result("docker-compose.yml", "5.11", "compose", "s3", (), replace(verdict, subject="service score"))
    assert reporters.text([result], quiet=False).splitlines()[0] == (
        "docker-compose.yml (service score): Score 5.11 will not start: 1 error stops it (SL202)."
    )
    assert json.loads(reporters.json_report([result]))["files"][0]["verdict"]["subject"] == "service score"
