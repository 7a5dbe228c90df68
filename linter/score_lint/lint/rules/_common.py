"""Helpers shared by the lint rules: fixes, the entries that reach Score, value layers. Rules import from
here, never copy; ``findings.finding`` builds their findings."""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable, Iterator
from functools import lru_cache

from score_lint.binding import BINDING_KINDS, UNLISTED_KINDS, Kind, Model, Resolution, Setting, line_models
from score_lint.envfile import Entry, Problem, keys_values, valued_keys, values_with
from score_lint.findings import Edit, Finding, Fix, Severity, finding, shown_name
from score_lint.lines import LINES
from score_lint.lint.context import Context, Item
from score_lint.patterns import lazy, shell_name
from score_lint.records import record, replace
from score_lint.values import java_int, spring_boolean


def rename_fix(entry: Entry, new_key: str, safe: bool = True) -> Fix:
    return Fix(
        f"rename {entry.key} to {new_key}",
        (Edit(entry.line, entry.column, entry.column + len(entry.key), new_key),),
        safe=safe,
    )


def replace_value_fix(entry: Entry, new_raw: str, description: str) -> Fix | None:
    """Replace the whole raw value (single-line values only)."""
    if entry.end_line != entry.value_line:
        return None
    return Fix(
        description,
        (Edit(entry.value_line, entry.value_column, entry.value_column + len(entry.raw_value), new_raw),),
    )


_PATTERN = Kind.PATTERN  # looked up once, as binding.BINDING_KINDS: the tests made for every entry use it

# What makes a value other than plain text to the rules about quotes, comments, blanks and templates.
_UNPLAIN = re.compile(r"[\"'\s#${}<>]")


def items(ctx: Context) -> list[Item]:
    """Every entry with its resolution, setting and whether its value reaches Score (``each_item``, held)."""
    return list(each_item(ctx))


def each_item(ctx: Context) -> Iterator[Item]:
    """Every entry with its resolution, setting and whether its value reaches Score, made one at a time:
    the engine's one pass hands each to the entry rules and lets it go (an 80,000-line file has as many)."""
    effective = _chosen(ctx)[1]
    model = ctx.model
    # resolve_here's and Resolution.binds's tests written out: this runs for every entry, and each call
    # saved is a tenth of a microsecond.
    resolve, setting, unplain = ctx.resolve, model.setting, _UNPLAIN.search
    for index, entry in enumerate(ctx.env.entries):
        key = entry.key
        resolution = resolve(key)
        kind = resolution.kind
        here = resolution if kind not in UNLISTED_KINDS else resolve_here(ctx, key, resolution)
        canonical = None
        if entry.elsewhere is None and entry.value is not None and kind in BINDING_KINDS and resolution.canonical:
            canonical = resolution.canonical
        raw = entry.raw_value
        yield Item(entry, here, canonical, setting(key), entry.value == raw and not unplain(raw), index in effective)


def _chosen(ctx: Context) -> tuple[list[tuple[int, str]], frozenset[int]]:
    """(place, canonical setting) of each setting's entry whose value reaches Score, in line order, and
    those places as a set; found once per context. Whether a name binds is all it asks of
    the model (``Model.binding``: no suggestions looked for)."""
    cached = ctx.cache.get("chosen")
    if cached is not None:
        return cached  # type: ignore[return-value]
    chosen: dict[str, tuple[int, str]] = {}
    last_wins = ctx.last_wins
    binding = ctx.model.binding
    entries = ctx.env.entries
    # The names and values only: the entries of a docker file are made when asked for, and few are chosen.
    for index, key in valued_keys(entries, here=True):
        resolution = binding(key)
        if resolution is None or not resolution.canonical:
            continue
        # the setting slot (setting_slots) of a resolution that binds
        slot = resolution.canonical if resolution.kind is not _PATTERN else key.upper()
        if last_wins or slot not in chosen:
            chosen[slot] = (index, resolution.canonical)
    ordered = sorted(chosen.values(), key=lambda found: found[0])
    result = (ordered, frozenset(index for index, _ in ordered))
    ctx.cache["chosen"] = result
    return result


def resolve_here(ctx: Context, key: str, resolution: Resolution) -> Resolution:
    """What ``key`` (which resolves to ``resolution`` on this line and provider) does here, with one
    verdict per setting: a spelling that binds only with the other storage provider (``S3_SECRET_KEY`` on
    Azure) resolves like that setting's canonical name does, not as a name that binds nothing."""
    if resolution.kind not in UNLISTED_KINDS:
        return resolution
    others, listed = _other_models(ctx)
    if key.upper() not in listed:
        return resolution  # a setting or alias of none of them: binds on none (families aside)
    for model in others:
        # Only whether it binds there: a full resolution would look for suggestions on every model.
        bound = model.bound_setting(key)
        if bound is not None:
            canonical = ctx.resolve(bound)
            if canonical.kind in (Kind.OTHER_PROVIDER, Kind.OTHER_LINE):
                return replace(canonical, name=key)
    return resolution


@lru_cache(maxsize=16)
def _listed_in(models: tuple[Model, ...]) -> frozenset[str]:
    """The settings and aliases of ``models``, upper-cased: ``bound_setting`` answers None for any other
    name (only a family member binds otherwise, and it leaves families out). Cached: every file of a run
    asks it of the same models."""
    return frozenset(name for model in models for names in (model.settings, model.aliases) for name in names)


def _other_models(ctx: Context) -> tuple[tuple[Model, ...], frozenset[str]]:
    """The models of the other provider on this line and, for the bundled schemas, of the other lines;
    and their settings and aliases (``_listed_in``). Found once per context: a file of new names asks
    for every entry."""
    found = ctx.cache.get("other_models")
    if isinstance(found, tuple):
        return found
    models = [ctx.models[provider] for provider in ctx.models if provider != ctx.provider]
    if ctx.models is line_models(ctx.line):
        # The other lines are known only for the bundled schemas, not for a --docs tree.
        models += [line_models(line)[ctx.provider] for line in LINES if line != ctx.line]
    result = (tuple(models), _listed_in(tuple(models)))
    ctx.cache["other_models"] = result
    return result


def spring_reading(ctx: Context, key: str) -> str | None:
    """The setting Spring would bind a name with dots or dashes to if the shell let it through
    (``s3.endpoint`` -> ``S3_ENDPOINT``, ``S3_SIG-V4-ENABLED`` -> ``S3_SIGV4ENABLED``)."""
    dotted = key.replace(".", "_")
    for candidate in (dotted.replace("-", "_"), dotted.replace("-", "")):
        resolution = ctx.resolve(candidate)
        if resolution.binds and resolution.canonical and resolution.kind is not _PATTERN:
            return resolution.canonical
    return None


def setting_slots(ctx: Context, keys: Iterable[str]) -> Iterator[str]:
    """For each of ``keys``, in order, the name under which Score holds its value: its setting, or (for a
    member of a family such as ``LOGGING_LEVEL_<LOGGER>``, and for a name that binds nothing) the name
    itself, compared ignoring case as Spring compares it. Two keys with one slot set the same thing.
    Whether a name binds is all that counts (``Model.binding``: no suggestions looked for)."""
    binding, pattern = ctx.model.binding, _PATTERN
    for key in keys:
        resolution = binding(key)  # one that binds, or None
        if resolution is not None and resolution.canonical and resolution.kind is not pattern:
            yield resolution.canonical
        else:
            upper = key.upper()
            # The key itself when it is upper case already: the entry holds it, and a file of 80,000 new
            # names need not hold as many copies while its duplicates are looked for.
            yield key if upper == key else upper


def effective_entries(ctx: Context, only: Container[str] | None = None) -> list[tuple[Entry, str]]:
    """(entry, canonical setting) of the entry whose value reaches Score for each setting, in the
    order of the lines (the engine hands the same entries to the entry rules); ``only``: of those settings
    (the others' entries are not made)."""
    entries = ctx.env.entries
    return [(entries[index], canonical) for index, canonical in _chosen(ctx)[0] if only is None or canonical in only]


def is_placeholder(value: str) -> bool:
    text = value.strip().strip("\"'")
    return ("{{" in text and "}}" in text) or (text.startswith("<") and text.endswith(">") and len(text) > 2)


@record(frozen=True)
class Template:
    """A template variable left in a value: its text and whether it is a shell-style ``$VAR``/``${VAR}``."""

    text: str
    shell: bool


_CURLY = lazy(r"\{\{.*?\}\}")  # searched only in a value with "{{", matched only on one that starts with "{"
_SINGLE_BRACE = lazy(r"\{[A-Za-z_][A-Za-z0-9_.-]*\}\Z")
_BRACED = lazy(r"\$!?\{([^}]*)\}")
_BARE = lazy(r"\$!?([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*(?:\(\))?)*)")
_SHELL_OPERATOR = lazy(r"[A-Za-z_][A-Za-z0-9_]*:?[-?+=]")


def template_in(ctx: Context, entry: Entry) -> Template | None:
    """The template variable left in the value Score receives, or None.

    ``{{ .Values.x }}`` (Helm, Jinja) and a whole-value ``<bucket>`` under either dialect; under
    ``docker run`` also ``${VAR}``, ``$VAR`` and Velocity's ``$dmsConfig.x``, which compose would have
    expanded. Spring resolves ``${NAME}`` itself when NAME is a variable the file also sets, or when the
    reference carries a Spring default (``${NAME:value}``), so those are not templates. In a secret only
    a value that is nothing but a template counts: a password may hold a ``$``.
    """
    slot = f"template:{entry.line}:{entry.column}"
    if slot in ctx.cache:
        return ctx.cache[slot]  # type: ignore[return-value]
    found = _template_in(ctx, entry)
    ctx.cache[slot] = found
    return found


def _template_in(ctx: Context, entry: Entry) -> Template | None:
    value = intended_value(ctx, entry).strip()
    if not value:
        return None
    setting = ctx.model.setting(entry.key)
    secret = setting is not None and setting.secret
    curly = _CURLY.search(value) if "{{" in value else None
    if curly and (not secret or curly.group(0) == value):
        return Template(curly.group(0), shell=False)
    angled = value.startswith("<") and value.endswith(">") and len(value) > 2
    if angled or (value[:1] == "{" and _SINGLE_BRACE.match(value)):
        return Template(value, shell=False)
    if ctx.dialect != "docker" or "$" not in value:
        return None
    for match in _BRACED.finditer(value):
        inner = match.group(1)
        name, colon, _ = inner.partition(":")
        if shell_name(name) and name.upper() != entry.key.upper() and _set_in_file(ctx, name):
            continue
        if colon and shell_name(name) and not _SHELL_OPERATOR.match(inner):
            continue  # a Spring default: Spring resolves it
        if secret and match.group(0) != value:
            continue
        return Template(match.group(0), shell=shell_name(name) or bool(_SHELL_OPERATOR.match(inner)))
    for match in _BARE.finditer(value):
        if secret and match.group(0) != value:
            continue
        return Template(match.group(0), shell=shell_name(match.group(1)))
    return None


def value_unknown(ctx: Context, entry: Entry) -> bool:
    """True when the file does not hold the text Score will use: a template variable is left in it
    (SL205 reports that), or Spring resolves a ``${...}`` reference in it at start-up. Value checks
    skip such entries rather than judge the placeholder text."""
    if template_in(ctx, entry) is not None:
        return True
    return ctx.dialect == "docker" and "${" in intended_value(ctx, entry)


def referenced_names(ctx: Context) -> frozenset[str]:
    """Upper-cased names that a ``${NAME}`` in another value of a ``docker run`` file refers to: Spring
    resolves those references against the container's variables, so such a variable is read."""
    found = ctx.cache.get("referenced_names")
    if isinstance(found, frozenset):
        return found
    names: set[str] = set()
    if ctx.dialect == "docker":
        for value in values_with(ctx.env.entries, "${"):
            names.update(m.group(1).partition(":")[0].upper() for m in _BRACED.finditer(value))
    result = frozenset(names)
    ctx.cache["referenced_names"] = result
    return result


def _set_in_file(ctx: Context, name: str) -> bool:
    """Spring's system-environment lookup: the name as written, then upper-cased."""
    environment = ctx.environment
    return name in environment or name.upper() in environment


def unquoted(value: str) -> str:
    """The value without one matching pair of outer quotes (what compose would pass)."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def verbatim(ctx: Context, entry: Entry) -> bool:
    """Whether the value reaches Score exactly as written: quotes, trailing blanks and ` #` text included."""
    return ctx.dialect in ("docker", "kubernetes") or entry.kept_by is not None


def passer(ctx: Context, entry: Entry) -> str:
    """Who hands a verbatim value to Score, as the messages name it."""
    if entry.kept_by is not None:
        return entry.kept_by
    return "Kubernetes" if ctx.dialect == "kubernetes" else "docker run"


def comment_kept(ctx: Context, entry: Entry) -> bool:
    return verbatim(ctx, entry) and entry.inline_comment_column is not None and entry.quoted is None


def intended_value(ctx: Context, entry: Entry) -> str:
    """What the author meant: the value without verbatim-kept quotes, inline comment and trailing blanks."""
    value = entry.value or ""
    if verbatim(ctx, entry):
        if entry.inline_comment_column is not None and entry.quoted is None:
            value = entry.raw_value[: entry.inline_comment_column - entry.value_column]
        value = unquoted(value.rstrip(" \t"))
    return value


def setting_text(ctx: Context, canonical: str) -> str | None:
    """The text Score reads for ``canonical``: the file's value as meant, else what the effective
    configuration takes from the profile documents and defaults (each line's precedence), else None."""
    entry = ctx.entry_for_setting(canonical)
    if entry is not None:
        return intended_value(ctx, entry)
    value = ctx.effective.value(canonical)
    return value.value if value is not None else None


def setting_int(ctx: Context, canonical: str) -> int | None:
    """``setting_text`` as the whole number Spring would parse, or None."""
    text = setting_text(ctx, canonical)
    return java_int(text) if text is not None else None


def problem_findings(
    ctx: Context, rule_name: str, code: str, fix: Callable[[Context, Problem], Fix | None] | None = None
) -> Iterator[Finding]:
    """One finding per env-file problem of ``code``: the rule's severity when the loader refuses the
    file (the container does not start), a warning when it reads the file but not as written."""
    for problem in ctx.env.problems:
        if problem.code != code:
            continue
        yield finding(
            rule_name,
            problem.message.rstrip(".") + ".",
            line=problem.line,
            column=problem.column,
            severity=None if problem.fatal else Severity.WARNING,
            fix=fix(ctx, problem) if fix else None,
            stops_startup=problem.fatal,
        )


def docker_layers(ctx: Context, entry: Entry) -> tuple[str, str, str]:
    """(core, blanks, comment): what docker keeps, split into the value as meant (quotes still on),
    the blanks after it and an inline comment from its '#'. Under compose: (value, "", "")."""
    if not verbatim(ctx, entry):
        return entry.value or "", "", ""
    body, comment = entry.raw_value, ""
    if comment_kept(ctx, entry) and entry.inline_comment_column is not None:
        cut = entry.inline_comment_column - entry.value_column
        body, comment = body[:cut], body[cut:]
    core = body.rstrip(" \t")
    return core, body[len(core):], comment


def quote_of(text: str) -> str | None:
    """The quote character of a matching outer pair around ``text``."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[0]
    return None


# Spring converts these while Score starts: text it cannot read as the type stops startup.
CONVERTED_AT_STARTUP = frozenset({"boolean", "int", "long", "double", "log-level"})


def clean_job_off(ctx: Context) -> bool:
    """Score creates the clean-up job (and parses its cron) unless the flag is exactly false."""
    value = ctx.effective.value("UPLOAD_CLEAN_ENABLED")
    return value is not None and value.value is not None and value.value.lower() == "false"


def read_at_startup(ctx: Context, setting: Setting | None) -> bool:
    """True when Score converts the setting's text while it starts, so text it cannot read stops it."""
    if setting is None:
        return False
    if setting.profiles and not ctx.active.intersection(setting.profiles):
        return False  # read only under profiles that are not active
    if setting.type == "cron":
        return not clean_job_off(ctx)  # the schedule is parsed only when the clean-up job is created
    return setting.type in CONVERTED_AT_STARTUP


def checked_container(ctx: Context, entry: Entry) -> bool:
    """True when ``entry`` names the Azure container that Score checks for while it starts (it refuses
    to start when the container does not exist): AZURE_CONTAINERNAME when set, else BUCKET_NAME_OBJECT."""
    if ctx.provider != "azure":
        return False
    chosen = ctx.entry_for_setting("AZURE_CONTAINERNAME") or ctx.entry_for_setting("BUCKET_NAME_OBJECT")
    # Equal, not the same object: a docker file's entries are made each time they are asked for, and two
    # entries of one file are never equal (each has a place of its own).
    return chosen == entry


def kept_consequence(ctx: Context, setting: Setting | None, entry: Entry, kept: str) -> tuple[str, bool]:
    """What Score does when docker passes ``kept`` ("the quote characters"...) along with the value,
    and whether that stops Score from starting."""
    kind = setting.type if setting else "string"
    if setting is not None and setting.secret:
        return f"the credential includes {kept}, so authentication fails", False
    if read_at_startup(ctx, setting):
        return "Score fails to start", True
    if checked_container(ctx, entry):
        return f"no Azure container has a name with {kept}, and Score refuses to start without its container", True
    if kind == "cron":
        return "Score does not read the schedule while the clean-up job is off, and fails to start once it is on", False
    if kind in CONVERTED_AT_STARTUP and setting is not None:
        profiles = " or ".join(setting.profiles)
        return f"Score cannot read it, and fails to start once the {profiles} profile is active", False
    if kind == "on-unless-false":
        return "any value but false leaves the clean-up job on", False
    if kind == "profiles":
        return f"Spring keeps {kept} in the profile names, so those profiles do not match", False
    return f"Score uses a value with {kept}", False


def clean_job_left_on(ctx: Context, entry: Entry, setting: Setting | None) -> bool:
    """True when an on-unless-false setting reads as "off" to a person but Score sees no exact ``false``."""
    if setting is None or setting.type != "on-unless-false" or entry.value is None:
        return False
    return entry.value.lower() != "false" and spring_boolean(intended_value(ctx, entry)) is False


def unread_schedule(ctx: Context, setting: Setting | None) -> bool:
    """True for the clean-up cron while the clean-up job is off: Score never parses it then."""
    return setting is not None and setting.type == "cron" and clean_job_off(ctx)


UNREAD_SCHEDULE = (
    "harmless while UPLOAD_CLEAN_ENABLED is false, because Score then never reads the schedule; "
    "once the clean-up job is on, Score fails to start"
)


def line_ending(ctx: Context, line: int) -> str:
    text = ctx.env.lines[line - 1] if line <= len(ctx.env.lines) else ""
    return "\r\n" if text.endswith("\r\n") else "\n"


def line_named(ctx: Context, line: int, seen_from: int) -> str:
    """Line ``line`` of the environment as a finding on line ``seen_from`` names it: ``line N`` in the same
    file, ``line N of FILE`` in another. A compose service's environment numbers its env files' lines
    and then its compose file's as one file; the numbers a message quotes are each file's own.
    """
    path, number = ctx.env.origin(line)
    return f"line {number}" if ctx.env.origin(seen_from)[0] == path else f"line {number} of {path}"


def move_comment_fix(ctx: Context, entry: Entry, new_raw: str, description: str) -> Fix | None:
    """Put a docker-kept inline comment on its own line above and give the key ``new_raw``."""
    if not comment_kept(ctx, entry) or entry.end_line != entry.value_line:
        return None
    _, _, comment = docker_layers(ctx, entry)
    end = entry.value_column + len(entry.raw_value)
    text = f"{comment}{line_ending(ctx, entry.line)}{entry.key}={new_raw}"
    return Fix(description, (Edit(entry.line, entry.column, end, text),))


# What people put between a name and its value instead of '=': YAML's ':' and blanks.
_SEPARATORS = {":": "':'", " ": "a blank", "\t": "a tab"}


def separator_slip(key: str) -> tuple[str, str] | None:
    """(name, what follows it) when ``key`` is a name followed by ':' or a blank and more text: a line
    such as ``S3_SECRETKEY:value`` or ``AZURE_ACCOUNTKEY <key>`` that the loader reads as one name."""
    name = shown_name(key)
    if not name or name == key:
        return None
    separator = _SEPARATORS.get(key[len(name)])
    return (name, separator) if separator is not None else None


def names_setting(ctx: Context, name: str) -> bool:
    """Whether ``name`` is something Score reads (on this line or another, with either provider)."""
    return ctx.resolve(name).kind not in UNLISTED_KINDS
