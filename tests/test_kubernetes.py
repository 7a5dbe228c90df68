"""`score-lint k8s`: Score server containers of Kubernetes manifests, read as the kubelet builds their env."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from score_lint import kubernetes
from score_lint.cli import main
from score_lint.envfile import kubernetes as manifest
from score_lint.envfile import yamlnodes
from score_lint.lint.context import Options

from tests.conftest import ROOT
from tests.helpers import assert_linear

HELM = ROOT / "tests" / "fixtures" / "k8s" / "score-helm-template.yaml"


def _pod(env: str, image: str = "ghcr.io/overture-stack/score-server:5.11.0", extra: str = "") -> str:
    return textwrap.dedent(f"""\
        apiVersion: v1
        kind: Pod
        metadata:
          name: score
        spec:
          containers:
            - name: score
              image: {image}
        """) + textwrap.indent(extra + "env:\n" + textwrap.dedent(env), " " * 6)


def _lint(text: str, line: str | None = None) -> list[tuple[int | None, int | None, str, str | None]]:
    inspection = kubernetes.inspect("m.yaml", text, given=line)
    return [
        (f.line, f.column, f.code, f.key)
        for judged in inspection.servers
        for f in kubernetes.lint_container(inspection, judged, Options()).findings
    ]


# --------------------------------------------------------------------------- the Helm chart's defaults


HELM_FINDINGS = [
    # amazon beside collaboratory starts Score (addendum, correction 3), so the list is not reported.
    (78, 20, "SL213", "BUCKET_NAME_STATE"),  # the chart's defaults use one bucket for objects and state
    (92, 19, "SL210", "S3_ACCESSKEY"),  # the chart leaves the access key empty beside a secret key
    (94, 13, "SL313", "S3_SECRETKEY"),  # valueFrom: secretKeyRef, never fetched
    (107, 13, "SL313", "AUTH_SERVER_CLIENTSECRET"),
    (124, 19, "SL101", "AUTH_SERVER_DOWNLOADSCOPE"),  # chart 0.1's names, passed through extraEnv
    (126, 19, "SL101", "AUTH_SERVER_UPLOADSCOPE"),
    (128, 19, "SL101", "OBJECT_STORAGE_URL"),
]


def test_helm_rendered_chart_defaults() -> None:
    assert _lint(HELM.read_text()) == HELM_FINDINGS


def test_helm_findings_point_at_the_manifest_lines() -> None:
    lines = HELM.read_text().splitlines()
    for line, column, code, key in HELM_FINDINGS:
        text = lines[line - 1]
        if code == "SL313":
            assert text.strip() == "valueFrom:"
        elif code in ("SL213", "SL210"):  # at the value
            assert text.strip().startswith("value:") and lines[line - 2].strip() == f"- name: {key}"
        else:  # a name that binds nothing: at its name
            assert text.strip() == f"- name: {key}" and text[column - 1 :] == key


def test_the_image_tag_picks_the_line_and_an_old_tag_is_a_warning() -> None:
    result = CliRunner().invoke(main, ["k8s", "--format", "json", str(HELM)])
    assert result.exit_code == 1
    (file,) = json.loads(result.stdout)["files"]
    assert {k: file[k] for k in ("score_version", "dialect", "workload", "container", "image", "recognised_by")} == {
        "score_version": "5.10", "dialect": "kubernetes", "workload": "Deployment/score", "container": "score-server",
        "image": "ghcr.io/overture-stack/score-server:3.0.1", "recognised_by": "image ghcr.io/overture-stack/score-server",
    }
    assert file["score_version_from"].startswith("image tag 3.0.1 is older than any Score line score-lint knows")
    assert result.stderr.startswith(f"score-lint: warning: {HELM}:67: Deployment/score container score-server: judged as Score 5.10 (")
    # The Song deployment of the same manifest is not Score's: nothing of it is reported.
    assert all(f["line"] < 132 for f in file["findings"])


def test_score_version_overrides_the_tag() -> None:
    found = _lint(HELM.read_text(), line="develop")
    assert (72, 20, "SL501", "SPRING_PROFILES_ACTIVE") in found  # develop: amazon, collaboratory start nothing
    assert (81, 19, "SL102", "COLLABORATORY_DATA_DIRECTORY") in found
    result = CliRunner().invoke(main, ["k8s", "--score-version", "develop", str(HELM)])
    assert "judged as Score develop (--score-version)" in result.stderr and "warning" not in result.stderr


def test_standard_input(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["k8s", "-"], input=HELM.read_text())
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith("<stdin>:78:20: warning SL213")


@pytest.mark.parametrize(("tag", "line", "how"), [
    ("5.10.1", "5.10", "image tag 5.10.1"),
    ("5.11.0", "5.11", "image tag 5.11.0"),
    ("5.12.0-SNAPSHOT", "develop", "image tag 5.12.0-SNAPSHOT is newer than 5.11"),
    ("latest", "5.11", "image tag latest names no release; 5.11 is the configured line"),
    ("47f006ce", "5.11", "image tag 47f006ce names no release; 5.11 is the configured line"),
])
def test_score_line_of_a_tag(tag: str, line: str, how: str) -> None:
    assert kubernetes.score_line(f"overture/score-server:{tag}", None, "5.11") == (line, how, False)


# --------------------------------------------------------------------------- what the container receives


def test_values_are_verbatim_and_the_last_duplicate_wins() -> None:
    text = _pod("""\
        - name: S3_SIGV4ENABLED
          value: '"true"'
        - name: UPLOAD_PARTSIZE
          value: "1"
        - name: UPLOAD_PARTSIZE
          value: "104857600"
        """)
    inspection = kubernetes.inspect("m.yaml", text)
    result = kubernetes.lint_container(inspection, inspection.servers[0], Options())
    quoted = next(f for f in result.findings if f.code == "SL202")
    assert (quoted.line, quoted.column) == (11, 17)
    assert "Kubernetes passes the quotes to Score: Score fails to start" in quoted.message
    duplicate = next(f for f in result.findings if f.code == "SL105")
    assert duplicate.line == 12 and "Kubernetes keeps the last, so the value on line 14" in duplicate.message
    assert not [f for f in result.findings if f.code == "SL208"]  # 104857600 reaches Score, not 1


def test_variable_references_are_expanded_from_earlier_entries() -> None:
    text = _pod("""\
        - name: HOST
          value: minio
        - name: S3_ENDPOINT
          value: http://$(HOST):9000/$(LATER)
        - name: BUCKET_NAME_OBJECT
          value: $$(HOST)
        - name: LATER
          value: x
        """)
    (container,) = manifest.containers(text)
    values = {v.variable.key: v.variable.value for v in container.env}
    assert values["S3_ENDPOINT"] == "http://minio:9000/$(LATER)"  # a later or unknown name stays as written
    assert values["BUCKET_NAME_OBJECT"] == "$(HOST)"  # $$ escapes


@pytest.mark.parametrize(("text", "expanded"), [
    ("$(A)", "1"), ("$$(A)", "$(A)"), ("$$$(A)", "$1"), ("$(B)", "$(B)"), ("$(A", "$(A"), ("a$", "a$"),
    ("$x$(A)", "$x1"), ("$(A)$(A)", "11"), ("$()", "$()"),
])
def test_expand_follows_kubernetes(text: str, expanded: str) -> None:
    assert manifest.expand(text, {"A": "1"}) == (expanded, ())


def test_a_reference_to_a_secret_makes_the_value_unknown() -> None:
    text = _pod("""\
        - name: PASSWORD
          valueFrom:
            secretKeyRef: {name: minio, key: password}
        - name: S3_SECRETKEY
          value: $(PASSWORD)
        """)
    found = _lint(text)
    assert [(line, code, key) for line, _, code, key in found if code == "SL313"] == [
        (11, "SL313", "PASSWORD"), (14, "SL313", "S3_SECRETKEY"),
    ]
    (container,) = manifest.containers(text)
    assert container.env[1].elsewhere == "$(PASSWORD) in its value (PASSWORD is set from secret minio, key password)"


def test_config_map_values_are_not_judged() -> None:
    # A profile list held in a config map is unknown: no profile rule may judge its stand-in.
    text = _pod("""\
        - name: SPRING_PROFILES_ACTIVE
          valueFrom:
            configMapKeyRef: {name: score, key: profiles}
        """)
    found = _lint(text)
    assert not [f for f in found if f[2].startswith("SL5")]
    assert (11, 9, "SL313", "SPRING_PROFILES_ACTIVE") in found


def test_no_value_is_an_empty_value() -> None:
    (container,) = manifest.containers(_pod("- name: S3_ACCESSKEY\n- name: S3_SECRETKEY\n  value:\n"))
    assert [(v.variable.key, v.variable.value) for v in container.env] == [("S3_ACCESSKEY", ""), ("S3_SECRETKEY", "")]


# --------------------------------------------------------------------------- workloads


def test_every_workload_kind_and_init_containers() -> None:
    text = textwrap.dedent("""\
        apiVersion: v1
        kind: List
        items:
          - apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly}
            spec:
              jobTemplate:
                spec:
                  template:
                    spec:
                      containers:
                        - {name: job, image: overture/score-server:5.11.0}
          - apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: score}
            spec:
              template:
                spec:
                  initContainers:
                    - {name: wait, image: busybox}
                  containers:
                    - {name: score, image: overture/score-server:5.10.1}
                    - {name: client, image: overture/score:5.10.1}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: x}
        data: {A: b}
        """)
    found = [(c.where, c.name, c.init) for c in manifest.containers(text)]
    assert found == [("CronJob/nightly", "job", False), ("StatefulSet/score", "wait", True),
                     ("StatefulSet/score", "score", False), ("StatefulSet/score", "client", False)]
    inspection = kubernetes.inspect("m.yaml", text)
    assert [(j.container.name, j.line) for j in inspection.servers] == [("job", "5.11"), ("score", "5.10")]
    assert [reason for c, role, reason in inspection.seen if c.name == "client"] == ["Score client image overture/score"]


def test_no_score_container_exits_2_naming_the_containers(tmp_path: Path) -> None:
    path = tmp_path / "song.yaml"
    path.write_text("kind: Pod\nmetadata: {name: song}\nspec:\n  containers:\n    - {name: song, image: overture/song-server:5.2.0}\n")
    result = CliRunner().invoke(main, ["k8s", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (f"score-lint: no Score server container in {path} (containers: Pod/song: song (image "
                             "overture/song-server)); use --container NAME\n")
    # Named explicitly, it is linted; its tag is Song's version, so the configured line judges it.
    named = CliRunner().invoke(main, ["k8s", "--container", "song", "--select", "SL101", str(path)])
    assert named.exit_code == 0
    assert named.stderr.endswith("judged as Score 5.11 (--container song: its tag names no Score release; 5.11 is the configured line)\n")


# --------------------------------------------------------------------------- manifests Kubernetes refuses


@pytest.mark.parametrize(("env", "message"), [
    ("- name: SERVER_PORT\n  value: 8080\n", ":11:16: env SERVER_PORT: value 8080 is a number in YAML"),
    ("- name: S3_SIGV4ENABLED\n  value: yes\n", ":11:16: env S3_SIGV4ENABLED: value yes is a boolean"),
    ("- value: x\n", ":10:9: an env item has no name"),
    ("- name: A\n  value: x\n  valueFrom: {fieldRef: {fieldPath: metadata.name}}\n", "env A has both value and valueFrom"),
    ("- name: A\n  name: B\n", "key 'name' is already defined"),
])
def test_manifests_the_api_server_refuses_are_input_errors(tmp_path: Path, env: str, message: str) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(_pod(env))
    result = CliRunner().invoke(main, ["k8s", str(path)])
    assert result.exit_code == 2
    assert f"{path}{message}" in result.stderr if message.startswith(":") else message in result.stderr
    assert "Traceback" not in result.output


def test_broken_and_missing_files(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("kind: Pod\nspec: [\n")
    result = CliRunner().invoke(main, ["k8s", str(broken)])
    assert result.exit_code == 2 and "not valid YAML" in result.stderr and str(broken) in result.stderr
    missing = CliRunner().invoke(main, ["k8s", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 2 and "no such file" in missing.stderr


def test_input_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlnodes, "MAX_FILE_BYTES", 64)
    path = tmp_path / "big.yaml"
    path.write_text(_pod("- name: A\n  value: x\n"))
    result = CliRunner().invoke(main, ["k8s", str(path)])
    assert result.exit_code == 2 and "file is too large" in result.stderr


def test_secrets_never_reach_the_output(tmp_path: Path) -> None:
    secret = "t016kqXfI648ORoIP5gepqCzqtsRjlcc"
    path = tmp_path / "m.yaml"
    path.write_text(_pod(f"- name: AUTH_SERVER_CLIENT_SECRET\n  value: {secret}\n- name: S3_SIGV4ENABLED\n  value: '\"{secret}\"'\n"))
    for fmt in ("text", "json", "sarif", "github"):
        result = CliRunner().invoke(main, ["k8s", "--format", fmt, str(path)])
        assert result.exit_code == 1 and secret not in result.output


# --------------------------------------------------------------------------- many containers


def _deployments(n: int) -> str:
    """``n`` Deployments of the Score server, each with a suppression comment and a few entries."""
    return "---\n".join(textwrap.dedent(f"""\
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: score{i}
        spec:
          template:
            spec:
              containers:
                - name: score
                  image: overture/score-server:5.11.0
                  env:
                    # score-lint: disable=SL101
                    - name: BAR
                      value: x
                    - name: SPRING_PROFILES_ACTIVE
                      value: prod,collaboratory
                    - name: FOO_TYPO
                      value: "1"
        """) for i in range(n))


def test_a_thousand_containers_are_linear() -> None:
    """Each container's environment split and encoded the whole manifest again, and its suppression scan
    read the whole text again (2,000 Deployments: 6 s of linting).

    The manifest is parsed once per file before the clock starts: PyYAML's parse is linear but costs so
    much per line that it would hide the per-container cost below a few thousand containers.
    """
    inspections = {n: kubernetes.inspect("many.yaml", _deployments(n)) for n in (250, 1000)}

    def run(n: int) -> None:
        inspection = inspections[n]
        results = [kubernetes.lint_container(inspection, judged, Options()) for judged in inspection.servers]
        assert len(results) == n
        # BAR is silenced in every container, FOO_TYPO in none.
        assert [f.key for r in results for f in r.findings if f.code == "SL101"] == ["FOO_TYPO"] * n

    assert_linear(run, 250)


def test_a_manifest_is_split_and_scanned_for_comments_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """However many containers it holds, a manifest's lines are split, encoded and scanned for suppression
    comments once, by the API and by the command; each container still has its own entries."""
    text = _deployments(3)
    splits: list[int] = []
    scans: list[int] = []
    split, scan = manifest._split_lines, kubernetes.comment_lines

    def counting_split(whole: str) -> tuple[str, ...]:
        splits.append(len(whole))
        return split(whole)

    def counting_scan(lines: tuple[str, ...]) -> dict[int, tuple[str, ...]]:
        scans.append(len(lines))
        return scan(lines)

    monkeypatch.setattr(manifest, "_split_lines", counting_split)
    monkeypatch.setattr(kubernetes, "comment_lines", counting_scan)
    inspection = kubernetes.inspect("m.yaml", text)
    results = [kubernetes.lint_container(inspection, judged, Options()) for judged in inspection.servers]
    assert (len(results), splits, scans) == (3, [len(text)], [len(text.splitlines())])
    assert [[f.line for f in r.findings if f.code == "SL101"] for r in results] == [[17], [36], [55]]
    envs = [manifest.env_file(judged.container, inspection.source) for judged in inspection.servers]
    assert all(env.lines is envs[0].lines and env.data is envs[0].data for env in envs)
    assert [[e.key for e in env.entries] for env in envs] == [["BAR", "SPRING_PROFILES_ACTIVE", "FOO_TYPO"]] * 3
    splits.clear()
    scans.clear()
    path = tmp_path / "m.yaml"
    path.write_text(text)
    result = CliRunner().invoke(main, ["k8s", "--isolated", str(path)])
    assert result.exit_code == 1, result.output
    assert (len(splits), len(scans)) == (1, 1)
