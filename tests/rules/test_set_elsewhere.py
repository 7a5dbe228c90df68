import re
import textwrap

from score_lint import kubernetes
from score_lint.lint.context import Options
from score_lint.lint.rules import set_elsewhere

CODE = set_elsewhere.CODE


def _manifest(env: str, env_from: str = "") -> str:
    return textwrap.dedent("""\
        apiVersion: v1
        kind: Pod
        metadata:
          name: score
        spec:
          containers:
            - name: score
              image: ghcr.io/overture-stack/score-server:5.11.0
        """) + textwrap.indent(env_from + env, " " * 6)


def _result(text: str):
    inspection = kubernetes.inspect("pod.yaml", text)
    (judged,) = inspection.servers
    return kubernetes.lint_container(inspection, judged, Options())


def _findings(text: str) -> list[tuple[int | None, str, str]]:
    return [(f.line, f.code, f.severity.value) for f in _result(text).findings]


def test_the_docstring_example_fires_at_the_value_from_line() -> None:
    example = re.search(r"````yaml\n(.*?)````", set_elsewhere.__doc__ or "", re.DOTALL)
    assert example is not None
    found = _result(_manifest(example.group(1))).findings
    assert [(f.line, f.column, f.code, f.key) for f in found if f.code == CODE] == [(11, 11, CODE, "S3_SECRETKEY")]
    # The secret holds the key: S3_SECRETKEY is set, so only its missing partner is reported.
    assert [f.key for f in found if f.code == "SL210"] == ["S3_ACCESSKEY"]


def test_env_from_sources_are_reported_and_make_missing_settings_information() -> None:
    text = _manifest("env:\n  - name: S3_ENDPOINT\n    value: http://minio:9000\n",
                     "envFrom:\n  - secretRef:\n      name: score-credentials\n")
    found = _findings(text)
    assert (10, CODE, "info") in found
    assert {severity for line, code, severity in found if line == 7} == {"info"}
