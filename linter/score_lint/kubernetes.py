"""Lint the Score server containers of Kubernetes manifests (``score-lint k8s``).

A container is a Score server when its image is the Score server's (``overture/score-server``,
``ghcr.io/overture-stack/score-server``; ``--image`` adds texts) or when ``--container`` names it; the
Score client image (``overture/score``) never is. Its environment, read by ``envfile.kubernetes`` as the
kubelet builds it, is linted with the rules of env files, against the Score line its image tag names:
``5.10.x`` → 5.10, ``5.11.x`` → 5.11, a newer version → develop, an older one → 5.10 with a warning (no
line score-lint knows reads it the same way), a tag that names no release (``latest``, a commit) → the
configured line (5.11 unless told otherwise). ``--score-version`` overrides the tag.

Findings point at the manifest: a name at its ``name:`` line, a value at its ``value:`` line, a missing
setting at the container's ``name:``. Values from ``valueFrom:`` or ``envFrom:`` are never fetched: each
is reported as set elsewhere (info), findings about their stand-in values are dropped, and with an
``envFrom`` source a "not set" finding becomes information (the source may set it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from score_lint.binding import Model
from score_lint.envfile import EnvFile
from score_lint.envfile import kubernetes as manifest
from score_lint.findings import Finding, Result, Severity
from score_lint.images import image_role, repository_and_tag
from score_lint.lines import line_of_release
from score_lint.lint.context import Options
from score_lint.lint.engine import lint_env
from score_lint.lint.rules import set_elsewhere
from score_lint.lint.suppressions import Comments, comment_lines
from score_lint.records import replace

STDIN_NAME = "<stdin>"


@dataclass(frozen=True)
class Judged:
    """A Score server container and the Score line it is judged by."""

    container: manifest.Container
    recognised_by: str
    line: str
    line_from: str  # why that line: "image tag 5.11.0", "--score-version", ...
    warning: bool = False  # the line is a guess the reader must know about


@dataclass(frozen=True)
class Inspection:
    path: str
    text: str
    seen: tuple[tuple[manifest.Container, str, str], ...]  # (container, role, reason)
    servers: tuple[Judged, ...]

    @cached_property
    def source(self) -> manifest.Manifest:
        """The text as all its containers share it: split into lines once, not once per container."""
        return manifest.Manifest(self.path, self.text)

    @cached_property
    def comments(self) -> Comments:
        """Its suppression comments, found once for all its containers (its lines are all of theirs)."""
        return Comments([(1, comment_lines(self.source.lines))])

    def containers_text(self) -> str:
        if not self.seen:
            return "none"
        return ", ".join(
            f"{c.where}: {c.name} ({reason})" for c, role, reason in self.seen
        )


def recognise(container: manifest.Container, images: Sequence[str] = (), chosen: Sequence[str] = ()) -> tuple[str, str]:
    """(role, reason) of one container: ``server``, ``client`` or ``other``."""
    repository, _ = repository_and_tag(container.image)
    if chosen:
        if container.name in chosen:
            return "server", f"--container {container.name}"
        return "other", "not named by --container"
    decided = image_role(container.image, images)
    if decided is not None:
        return decided
    return "other", f"image {repository}" if repository else "no image"


def score_line(image: str, given: str | None, configured: str) -> tuple[str, str, bool]:
    """(line, why, warning) for a Score server image: the tag's line unless ``given``."""
    _, tag = repository_and_tag(image)
    if given is not None:
        return given, "--score-version", False
    line, how = line_of_release(tag) if tag else (None, "no release")
    if line is None:
        shown = f"tag {tag}" if tag else "no tag"
        return configured, f"image {shown} names no release; {configured} is the configured line", False
    if how == "older":
        return line, (
            f"image tag {tag} is older than any Score line score-lint knows (5.10, 5.11, develop); {line} is "
            "the nearest, and some findings may not apply to that image"
        ), True
    if how == "newer":
        return line, f"image tag {tag} is newer than 5.11", False
    return line, f"image tag {tag}", False


def inspect(
    path: str, text: str, images: Sequence[str] = (), chosen: Sequence[str] = (), given: str | None = None,
    configured: str = "5.11",
) -> Inspection:
    """Every container of a manifest and the Score servers among them, each with its Score line."""
    seen = []
    servers = []
    for container in manifest.containers(text, path):
        role, reason = recognise(container, images, chosen)
        seen.append((container, role, reason))
        if role == "server":
            if reason.startswith("image ") and "(--image" not in reason or given is not None:
                line, why, warning = score_line(container.image, given, configured)
            else:
                # Not Score's own image: its tag is some other project's version.
                line, why, warning = configured, f"{reason}: its tag names no Score release; {configured} is the configured line", False
            servers.append(Judged(container, reason, line, why, warning))
    return Inspection(path, text, tuple(seen), tuple(servers))


def _placed(findings: Sequence[Finding], container: manifest.Container, env: EnvFile) -> list[Finding]:
    """Findings of a container's environment as the manifest reader must see them (see the module doc)."""
    stand_ins = {
        position
        for e in env.entries
        if e.elsewhere is not None
        for position in ((e.line, e.column), (e.value_line, e.value_column))
    }
    sources = ", ".join(s.describe() for s in container.env_from)
    out = []
    for f in findings:
        if (f.line, f.column) in stand_ins and not f.code.startswith("SL1") and f.code != set_elsewhere.CODE:
            continue  # about the stand-in of a value score-lint cannot see
        f = replace(f, fix=None)  # fixes edit env-file text; these lines are YAML
        if f.line is None:
            f = replace(f, line=container.line, column=container.column)
            if sources:
                f = replace(f, severity=Severity.INFO, message=f"{f.message.rstrip('.')} (unless envFrom {sources} sets it).")
        out.append(f)
    for source in container.env_from:
        out.append(Finding(set_elsewhere.CODE, set_elsewhere.NAME, Severity.INFO, source.line, source.column, None,
                           set_elsewhere.source_message(source.describe())))
    out.sort(key=lambda f: (f.line or 0, f.column or 0, f.code))
    return out


def lint_container(
    inspection: Inspection, judged: Judged, options: Options, models: Mapping[str, Mapping[str, Model]] | None = None
) -> Result:
    """The result of one Score server container, located in its manifest."""
    container = judged.container
    env = manifest.env_file(container, inspection.source)
    result = lint_env(env, replace(options, line=judged.line, dialect="kubernetes"), models, inspection.comments)
    source = (
        ("workload", container.where), ("container", container.name), ("image", container.image),
        ("recognised_by", judged.recognised_by), ("score_version_from", judged.line_from),
    )
    verdict = replace(result.verdict, subject=f"container {container.name}") if result.verdict else None
    return Result(inspection.path, judged.line, "kubernetes", result.provider,
                  tuple(_placed(result.findings, container, env)), verdict=verdict, source=source)


__all__ = ["STDIN_NAME", "Inspection", "Judged", "inspect", "lint_container", "recognise", "score_line"]
