"""Read the example blocks of a docs page with the meaning each format has.

A page shows Score's configuration in four forms, and each means something else:

``env``
    ``KEY=value`` lines, for ``docker run --env-file`` (the command the Score docs give): read the docker
    way, so quotes and `` # comments`` are part of the value (``example-not-docker-safe`` says so).
``yaml``
    An ``application.yml`` tree (a ``yaml``/``yml`` block): nested keys are joined into Spring property
    names (``s3:`` / ``endpoint:`` is ``s3.endpoint``), values are YAML's (its quotes are YAML quotes).
    The keys that only select a profile document (``spring.profiles``, ``spring.config.activate.on-profile``)
    set nothing and are left out.
``compose``
    A docker-compose file (a YAML block with ``services:``): the ``environment:`` of each Score server
    service (named ``score``/``score-server``/``storage-server`` or running a ``score-server`` image); the
    other services are skipped (and said so with ``--verbose``). A list item keeps its quotes, as compose
    passes it.
``key-value``
    ``key: "value"`` lines in a shell or plain block: read as YAML for their names. Whether the quotes reach
    Score depends on the file they end up in (YAML strips them, a ``.properties`` file keeps them), so
    their values are not judged.

Positions are relative to the block (line 1 is its first content line), as for env blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from score_lint import envfile, markdown
from score_lint.envfile import yamlnodes

ENV, YAML, COMPOSE, KEY_VALUE = "env", "yaml", "compose", "key-value"
_YAML_LANGUAGES = frozenset({"yaml", "yml"})
# Languages whose blocks may hold `key: value` lines meant for a Spring configuration file.
_PLAIN_LANGUAGES = frozenset({"", "none", "bash", "shell", "sh", "text", "txt", "plaintext", "properties", "ini"})
_KEY_VALUE_LINE = re.compile(r"[ \t]*[A-Za-z_][\w.\-]*[ \t]*:(?:[ \t]|$)")
_COMMENT = re.compile(r"[ \t]*#")
# Keys of an application.yml that choose the document's profile instead of setting anything.
_SELECTORS = frozenset({"spring.profiles", "spring.config.activate.on-profile"})
_SERVER_NAMES = frozenset({"score", "score-server", "storage-server", "score-api"})
_TYPOGRAPHIC_QUOTES = "\u201c\u201d\u2018\u2019"


@dataclass(frozen=True)
class Read:
    """What an example block sets, in the form it is written in."""

    format: str
    entries: tuple[envfile.Entry, ...]
    env: envfile.EnvFile | None = None  # the docker reading of an env block (its syntax problems)
    skipped: tuple[tuple[int, str], ...] = ()  # (block line, "compose service NAME|why") of other services

    @property
    def kept_quotes(self) -> bool:
        """Whether the quotes written around a value reach Score (docker env files, compose list items)."""
        return self.format == ENV


def read(block: markdown.CodeBlock, path: str) -> Read | None:
    """The example a block holds, or None when it holds no configuration score-lint can read."""
    if block.is_env:
        env = envfile.parse(block.text, "docker", path=path)
        return Read(ENV, tuple(env.entries), env)
    language = block.language
    if language in _YAML_LANGUAGES:
        return _yaml(block.text, YAML)
    if language in _PLAIN_LANGUAGES and _key_value_lines(block.text):
        return _yaml(block.text, KEY_VALUE)
    return None


def _key_value_lines(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip() and not _COMMENT.match(line)]
    return bool(lines) and all(_KEY_VALUE_LINE.match(line) for line in lines)


def _yaml(text: str, form: str) -> Read | None:
    try:
        roots = [node for node in yaml.compose_all(text, Loader=yamlnodes.Loader) if node is not None]
    except yaml.YAMLError:
        return None
    entries: list[envfile.Entry] = []
    skipped: list[tuple[int, str]] = []
    compose = False
    for root in roots:
        if not isinstance(root, yaml.MappingNode):
            continue
        top = {key.value: value for key, value in root.value if isinstance(key, yaml.ScalarNode)}
        if isinstance(top.get("services"), yaml.MappingNode):
            compose = True
            _services(top["services"], entries, skipped)
        else:
            _tree(root, "", entries)
    if not entries and not skipped:
        return None
    return Read(COMPOSE if compose else form, tuple(entries), None, tuple(skipped))


def _scalar(node: yaml.ScalarNode) -> str:
    return "" if node.tag == yamlnodes.NULL_TAG or (node.tag == yamlnodes.PLAIN_TAG and node.value in ("", "~", "null")) else node.value


def _entry(key: str, value: str, key_node: yaml.Node, value_node: yaml.Node) -> envfile.Entry:
    line, column = yamlnodes.mark(key_node)
    vline, vcolumn = yamlnodes.value_mark(value_node) if isinstance(value_node, yaml.ScalarNode) else yamlnodes.mark(value_node)
    return envfile.Entry(key=key, value=value, raw_value=value, line=line, column=column, value_line=vline,
                         value_column=vcolumn, end_line=value_node.end_mark.line + 1, bare=False, quoted=None,
                         inline_comment_column=None)


def _tree(node: yaml.MappingNode, prefix: str, out: list[envfile.Entry]) -> None:
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode) or not key.value:
            continue
        name = f"{prefix}.{key.value}" if prefix else key.value
        if isinstance(value, yaml.MappingNode):
            _tree(value, name, out)
        elif isinstance(value, yaml.ScalarNode) and "." in name and name not in _SELECTORS:
            out.append(_entry(name, _scalar(value), key, value))


def _services(node: yaml.MappingNode, out: list[envfile.Entry], skipped: list[tuple[int, str]]) -> None:
    for name_node, body in node.value:
        if not isinstance(name_node, yaml.ScalarNode) or not isinstance(body, yaml.MappingNode):
            continue
        fields = {k.value: v for k, v in body.value if isinstance(k, yaml.ScalarNode)}
        image = fields.get("image")
        image_text = image.value if isinstance(image, yaml.ScalarNode) else ""
        line = yamlnodes.mark(name_node)[0]
        last = image_text.split("@")[0].rsplit("/", 1)[-1].split(":")[0]
        if not (last.startswith("score-server") or (not image_text and name_node.value in _SERVER_NAMES)):
            shown = f"image {image_text}" if image_text else "built from source"
            skipped.append((line, f"compose service {name_node.value}|{shown}"))
            continue
        environment = fields.get("environment")
        if isinstance(environment, yaml.MappingNode):
            for key, value in environment.value:
                if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode):
                    out.append(_entry(key.value, _scalar(value), key, value))
        elif isinstance(environment, yaml.SequenceNode):
            for item in environment.value:
                if not isinstance(item, yaml.ScalarNode):
                    continue
                key, _, value = item.value.partition("=")
                entry = _entry(key, value, item, item)
                vline, vcolumn = yamlnodes.value_mark(item)
                # compose passes a list item's value as written: quotes and all.
                out.append(envfile.Entry(
                    key=key, value=value, raw_value=value, line=vline, column=vcolumn, value_line=vline,
                    value_column=vcolumn + len(key) + 1, end_line=entry.end_line, bare=False, quoted=None,
                    inline_comment_column=None, kept_by="docker compose (an environment: list item keeps its quotes)",
                ))


def typographic_quotes(value: str) -> bool:
    """Whether a value is wrapped in typographic quotes, which no format reads as quotes."""
    return len(value) >= 2 and value[0] in _TYPOGRAPHIC_QUOTES and value[-1] in _TYPOGRAPHIC_QUOTES


__all__ = ["COMPOSE", "ENV", "KEY_VALUE", "YAML", "Read", "read", "typographic_quotes"]
