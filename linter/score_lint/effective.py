"""The effective configuration: the value Score will use for each property, and where it comes from.

Built from an env file's entries (as its loader hands them over), the binding model of one Score line
and provider, and that line's catalogue:

1. **Names the image's shell drops.** The official image starts Java through ``/bin/sh -c``, and the
   shell passes on only names that are shell identifiers; an entry such as ``s3.endpoint`` never reaches
   Spring.
2. **Profiles.** ``SPRING_PROFILES_INCLUDE`` and ``SPRING_PROFILES_ACTIVE`` together, in Spring's order
   (included first), split on commas and trimmed.
3. **Each setting.** An environment entry that binds (spelling and case as the setting's readers match
   them; under ``docker run`` the first of several, under compose the last) wins over everything in
   ``application.yml``. Otherwise the profile documents: on 5.10 (Spring Boot 2.1) the active profile
   listed *last* wins, on 5.11 and develop (Boot 2.6) the document that comes *last in the file* wins.
   Otherwise the common document, otherwise the code default, otherwise the setting is unset.
4. **Replacements.** A setting whose value Score then replaces with another (``UPLOAD_RETRY_LIMIT``
   under develop's ``s3`` profile, which sets ``s3.retryLimit`` itself) says so.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from functools import cached_property

from score_lint.binding import Kind, Model, parse_profiles
from score_lint.catalogue import Setting
from score_lint.envfile import Entry, EnvFile, keys_values, valued_keys
from score_lint.patterns import shell_name
from score_lint.records import record

PROFILES_ACTIVE = "SPRING_PROFILES_ACTIVE"
PROFILES_INCLUDE = "SPRING_PROFILES_INCLUDE"
SOURCES = ("env", "profile", "application", "default")


def shell_passes(name: str) -> bool:
    """Whether the image's shell hands an environment entry of this name on to Java: Score's image starts
    Java through /bin/sh (dash), which passes on only the variables whose names are POSIX shell names."""
    return shell_name(name)


@record(frozen=True, slots=True)
class Value:
    """What Score uses for one setting, and why."""

    setting: Setting
    value: str | None  # None: unset (Score has no value and no default)
    source: str  # env, profile, application or default; "default" also when unset
    profile: str | None = None  # the profile document that gave it
    entry: Entry | None = None  # the env line that gave it
    replaced_by: str | None = None  # another setting Score uses instead of this one, if any

    @property
    def env(self) -> str:
        return self.setting.name

    @property
    def spring_property(self) -> str:
        return self.setting.spring_property

    @property
    def secret(self) -> bool:
        return self.setting.secret


class Effective:
    """The effective configuration of one file for one Score line and provider."""

    def __init__(self, env: EnvFile, model: Model) -> None:
        self.env = env
        self.model = model
        self.line = model.line
        self.provider = model.provider
        self.dialect = env.dialect
        self._for: dict[str, Entry | None] = {}  # entry_for's answers

    # --- what reaches Spring ---------------------------------------------------------------------

    @cached_property
    def dropped(self) -> tuple[Entry, ...]:
        """Entries the image's shell drops before Java starts: their names are no shell identifiers."""
        entries = self.env.entries
        return tuple(entries[index] for index, (key, value, _) in enumerate(keys_values(entries))
                     if value is not None and not shell_passes(key))

    @cached_property
    def _places_by_setting(self) -> dict[str, int]:
        """Setting name -> the place among the file's entries of the entry whose value reaches it. Only the
        names and values are read: a docker file's entries are made when asked for, and few reach a setting."""
        found: dict[str, int] = {}
        last_wins = self.dialect != "docker"  # compose and Kubernetes keep the last
        binding = self.model.binding
        for index, key in valued_keys(self.env.entries):
            res = binding(key)
            if res is None or res.canonical is None or not shell_passes(key):
                continue
            if last_wins or res.canonical not in found:
                found[res.canonical] = index
        return found

    @cached_property
    def entries_by_setting(self) -> dict[str, Entry]:
        """Setting name -> the entry whose value reaches it (docker: the first, compose: the last)."""
        found: dict[str, Entry] = {}
        for name in self._places_by_setting:
            entry = self.entry_for(name)  # the same object entry_for hands the rules
            if entry is not None:  # always: the name has a place
                found[name] = entry
        return found

    @cached_property
    def ignored(self) -> tuple[tuple[Entry, str], ...]:
        """Entries Score never sees or never reads, each with the reason, in file order."""
        out = []
        taken = set(self._places_by_setting.values())  # places: an entry may be made more than once
        for entry_at, entry in enumerate(self.env.entries):
            if entry.value is None or entry_at in taken:
                continue
            if not shell_passes(entry.key):
                out.append((entry, "the image's shell drops names that are no shell identifiers"))
                continue
            res = self.model.binding(entry.key)
            if res is not None and res.kind is Kind.PATTERN:
                continue
            if res is not None:
                out.append((entry, "another line sets the same setting and wins"))
            else:
                out.append((entry, "binds nothing on this line"))
        return tuple(out)

    def entry_for(self, name: str) -> Entry | None:
        # Kept: rules ask thousands of times a file, for a few dozen names, and a docker file's entries
        # are made each time they are asked for (one object for each setting's entry).
        try:
            return self._for[name]
        except KeyError:
            index = self._places_by_setting.get(name)
            found = self._for[name] = None if index is None else self.env.entries[index]
            return found

    # --- profiles ----------------------------------------------------------------------------------

    @cached_property
    def profiles(self) -> tuple[str, ...]:
        """The active profiles in Spring's order: ``SPRING_PROFILES_INCLUDE`` first, then the active list."""
        out: list[str] = []
        for name in (PROFILES_INCLUDE, PROFILES_ACTIVE):
            entry = self.entry_for(name)
            if entry is not None and entry.value is not None:
                out.extend(p for p in parse_profiles(entry.value) if p not in out)
        return tuple(out)

    @cached_property
    def active(self) -> frozenset[str]:
        return frozenset(self.profiles)

    def _winning_profile(self, candidates: Sequence[str]) -> str | None:
        """Of the active profiles whose documents set a property, the one whose value Spring keeps."""
        if not candidates:
            return None
        if self.model.catalogue.precedence == "last-listed":
            return max(candidates, key=self.profiles.index)
        documents = self.model.catalogue.documents
        in_file = [p for p in candidates if p in documents]
        if not in_file:
            return candidates[-1]
        return max(in_file, key=documents.index)

    # --- values --------------------------------------------------------------------------------------

    def value(self, name: str) -> Value | None:
        """The value of setting ``name`` (its canonical env name), or None if this line does not read it."""
        setting = self.model.setting(name)
        if setting is None or setting.family:
            return None
        return self._value_of(setting)

    def _value_of(self, setting: Setting) -> Value:
        replaced_by = self._replacement(setting.name)
        entry = self.entry_for(setting.name)
        if entry is not None:
            return Value(setting, entry.value, "env", entry=entry, replaced_by=replaced_by)
        by_profile: dict[str, str] = {}
        for default in setting.default_values:
            if default.source == "profile":
                for profile in default.profiles:
                    if profile in self.active:
                        by_profile.setdefault(profile, default.value)
        winner = self._winning_profile([p for p in self.profiles if p in by_profile])
        if winner is not None:
            return Value(setting, by_profile[winner], "profile", profile=winner, replaced_by=replaced_by)
        for default in setting.default_values:
            if not default.profiles:
                source = "default" if default.source == "code" else "application"
                return Value(setting, default.value, source, replaced_by=replaced_by)
        return Value(setting, None, "default", replaced_by=replaced_by)

    def _replacement(self, name: str) -> str | None:
        for override in self.model.overrides:
            if override.setting.upper() != name.upper():
                continue
            if self.entry_for(override.by) is not None or self.active.intersection(override.profiles):
                return override.by
        return None

    def values(self) -> Iterator[Value]:
        """Every setting this line reads with this provider (families excluded), in catalogue order."""
        for setting in self.model.catalogue.for_provider(self.provider):
            if not setting.family:
                yield self._value_of(setting)

    def family_values(self) -> Iterator[tuple[Entry, Setting]]:
        """Members of open families set in the file (``LOGGING_LEVEL_ORG_SPRINGFRAMEWORK=DEBUG``)."""
        seen: dict[str, tuple[Entry, Setting]] = {}
        last_wins = self.dialect != "docker"  # compose and Kubernetes keep the last
        for entry in self.env.entries:
            if entry.value is None:
                continue
            res = self.model.binding(entry.key)
            if res is not None and res.kind is Kind.PATTERN:
                setting = self.model.setting(entry.key)
                if setting is not None and (last_wins or entry.key.upper() not in seen):
                    seen[entry.key.upper()] = (entry, setting)
        yield from seen.values()

    def changed(self) -> Iterator[Value]:
        """The settings the file sets or the active profiles change."""
        for value in self.values():
            if value.source in ("env", "profile"):
                yield value


def resolve(env: EnvFile, models: Mapping[str, Model], provider: str | None = None) -> Effective:
    """The effective configuration of ``env``; the provider, unless given, is the one its storage
    profile starts (S3 when none does), as the linter infers it."""
    if provider is not None:
        return Effective(env, models[provider])
    probe = Effective(env, models["s3"])
    storage = probe.model.storage_profiles()
    found = next((storage[p] for p in probe.profiles if p in storage), "s3")
    return probe if found == "s3" else Effective(env, models[found])
