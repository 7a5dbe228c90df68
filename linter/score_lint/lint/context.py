"""What a lint rule may look at: the parsed file, the binding model, the effective configuration."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import cached_property

from score_lint import envfile
from score_lint.binding import Model, Resolution, Setting
from score_lint.effective import Effective
from score_lint.lines import DEFAULT_LINE
from score_lint.records import field, record


@record(frozen=True)
class Options:
    line: str = DEFAULT_LINE
    dialect: envfile.Dialect = "docker"
    provider: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


@record(slots=True)
class Item:
    """One entry with what every entry rule asks about it, worked out once in the engine's single pass."""

    entry: envfile.Entry
    # What the name does on this line and provider, judged once per setting (``rules._common.resolve_here``).
    here: Resolution
    # The setting the name binds to with a value the file holds (None when it binds nothing, or when the
    # value comes from elsewhere, such as a Kubernetes secret).
    canonical: str | None
    setting: Setting | None
    # True when the value is handed over as written and holds no quote, blank, '#', '$', '{' or '<': the
    # rules about quoting, comments, blanks and templates (``SKIP_PLAIN``) cannot fire on it.
    plain: bool
    # True for the one entry of its setting whose value reaches Score (first for docker, last otherwise).
    effective: bool = False


@record
class Context:
    """What a rule may look at. Built once per file."""

    env: envfile.EnvFile
    options: Options
    models: Mapping[str, Model]
    provider: str
    provider_inferred: bool
    # Work shared between rules (computed once per file); it dies with the context, not after the run.
    cache: dict[str, object] = field(default_factory=dict)

    # Cached, as the options are frozen: the rules ask for these a hundred times a file.
    @cached_property
    def line(self) -> str:
        return self.options.line

    @cached_property
    def dialect(self) -> str:
        return self.options.dialect

    @cached_property
    def last_wins(self) -> bool:
        """Whether the last of several entries of a setting reaches Score (compose, Kubernetes) or the
        first (``docker run``: both reach the JVM, which keeps the first)."""
        return self.options.dialect != "docker"

    @cached_property
    def model(self) -> Model:
        # Cached: rules ask for it hundreds of times per file.
        return self.models[self.provider]

    @cached_property
    def environment(self) -> dict[str, str]:
        return self.env.environment()

    @cached_property
    def effective(self) -> Effective:
        """What Score will use for each setting, and from where (the model every rule reads)."""
        return Effective(self.env, self.model)

    @property
    def profiles(self) -> tuple[str, ...]:
        """The active profiles, ``SPRING_PROFILES_INCLUDE`` first, in Spring's order."""
        return self.effective.profiles

    @cached_property
    def active(self) -> frozenset[str]:
        return frozenset(self.profiles)

    @cached_property
    def resolve(self) -> Callable[[str], Resolution]:
        """``resolve(key)``: the model's own (memoised by the model, across files), handed out as it is,
        without a call of this context's in between: rules ask it for every entry."""
        return self.model.resolve

    def entries(self) -> Iterator[envfile.Entry]:
        return iter(self.env.entries)

    @cached_property
    def entry_for_setting(self) -> Callable[[str], envfile.Entry | None]:
        """``entry_for_setting(canonical)``: the entry whose value reaches ``canonical`` (first wins for
        docker, last for compose); the effective configuration's own, handed out as ``resolve`` is."""
        return self.effective.entry_for

    def is_set(self, canonical: str) -> bool:
        return self.entry_for_setting(canonical) is not None
