"""Spring Boot's relaxed binding of environment variables, and what a name means to one Score line.

Two halves: ``env_spellings`` derives from a Spring property the environment names that bind to it
(used to cross-check the docs' "Also binds" column), and ``Model`` answers, from the settings
catalogue, what a given environment name does on one Score line with one storage provider.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from enum import Enum
from functools import cache

from score_lint.catalogue import (
    Catalogue,
    CatalogueNotFound,
    Override,
    Profile,
    Reader,
    Setting,
    Unbound,
    name_pattern,
)
from score_lint.catalogue import load as load_catalogue
from score_lint.lines import PROVIDERS
from score_lint.patterns import lazy
from score_lint.records import record


def env_spellings(prop: str) -> tuple[str, ...]:
    """The environment names that bind to ``prop`` as Score declares it.

    A camelCase ``@Value`` placeholder is not a valid configuration property name, so only the raw
    system-environment lookup applies: the exact name upper-cased with ``.`` and ``-`` as ``_``. A
    kebab-case name has a canonical form (dashes removed) and a legacy one (dashes as ``_``).
    """
    if any(ch.isupper() for ch in prop):
        return (prop.replace(".", "_").replace("-", "_").upper(),)
    elements = prop.split(".")
    canonical = "_".join(e.replace("-", "") for e in elements).upper()
    legacy = "_".join(e.replace("-", "_") for e in elements).upper()
    return (canonical,) if canonical == legacy else (canonical, legacy)


class Kind(Enum):
    CANONICAL = "canonical"  # the documented spelling
    ALIAS = "alias"  # another spelling that binds fully
    PARTIAL = "partial"  # binds for some readers of the property only
    PATTERN = "pattern"  # a member of an open family such as LOGGING_LEVEL_<LOGGER>
    OTHER_LINE = "other-line"  # read by another Score line, not this one
    OTHER_PROVIDER = "other-provider"  # read with the other storage provider only
    UNBOUND = "unbound"  # documented as binding nothing (with what to use instead)
    FOREIGN = "foreign"  # read by something other than Spring (the JVM)
    SPRING = "spring"  # looks like a Spring Boot setting score-lint does not document
    UNKNOWN = "unknown"  # binds nothing Score reads

    # Enum's own hash is a Python function of the name, and the engine looks rules up by kind for every
    # entry; members are equal only to themselves, so the identity hash is the same relation, in C.
    __hash__ = object.__hash__


# The kinds of a name that binds, and of one that is no setting, alias or family member here. Made once:
# an enum member costs more to fetch from its class (a tenth of a microsecond on Python 3.11) than the
# test that uses it, and some tests run for every entry.
BINDING_KINDS = frozenset({Kind.CANONICAL, Kind.ALIAS, Kind.PARTIAL, Kind.PATTERN})
UNLISTED_KINDS = frozenset({Kind.UNKNOWN, Kind.SPRING})


_SPRING_PREFIXES = ("SPRING_", "SERVER_", "MANAGEMENT_", "LOGGING_")
# How many names a model remembers the answers for; past it, new names are worked out each time they are asked.
MEMO_LIMIT = 1 << 14
# How many names that bind nothing a model remembers as such (see Model.binding): fewer than the memo
# holds, as each is a string a big file of new names would otherwise free after its pass.
NOTHING_LIMIT = 1 << 12
_MISSING = object()
# Just under rapidfuzz's 85: a similarity of exactly 85 % that floating point rounds down must still pass.
_PREFILTER_CUTOFF = 85 - 1e-6
# Float slack between rapidfuzz's percentage and difflib's ratio of the same two strings.
_SLACK = 1e-9


def close_match(word: str, possibilities: Sequence[str]) -> str | None:
    """What ``difflib.get_close_matches(word, possibilities, n=1, cutoff=0.85)`` answers, at a fraction of its cost.

    difflib scores a candidate ``x`` by ``SequenceMatcher(None, x, word).ratio() = 2 * M / T``, with
    ``T = len(word) + len(x)`` and ``M`` the total size of the matching blocks its heuristic finds, keeps the
    ``(ratio, x)`` pairs of the candidates whose ratio reaches 0.85 (its ``real_quick_ratio`` and
    ``quick_ratio`` tests are upper bounds of the ratio, so they only save time) and returns the ``x`` of
    the largest pair: the best ratio, a tie going to the larger string. The answer depends on each
    candidate's own ratio only, not on the order of the list.

    The bound: whatever its autojunk heuristic skips, the blocks pair equal characters, come in the same
    order in both strings and do not overlap, so together they are a common subsequence and
    ``M <= LCS(word, x)``. rapidfuzz's ``fuzz.ratio`` (without a processor: the strings as they are) is the
    normalised Indel similarity ``100 * 2 * LCS / T``. So difflib's ratio never exceeds ``fuzz.ratio / 100``.

    Hence, first, a candidate below 85 with rapidfuzz is below 0.85 with difflib: the prefilter drops only
    candidates difflib rejects. Second, taking the survivors from the highest bound down and computing
    difflib's own ratio for each (``difflib_ratio``), once the best ratio found is above the next bound no
    later candidate can beat it or even tie with it, so the search stops there: usually after one ratio,
    where difflib computes one for every candidate that passes its quick tests.
    """
    extract, scorer = _prefilter()
    hits = extract(word, possibilities, scorer=scorer, processor=None, score_cutoff=_PREFILTER_CUTOFF, limit=None)
    if not hits:
        return None
    # extract returns the hits from the highest similarity down (its documented order), as the search wants.
    best: tuple[float, str] | None = None
    for candidate, bound, _ in hits:
        if best is not None and best[0] > bound / 100 + _SLACK:
            break
        ratio = difflib_ratio(candidate, word)
        if ratio >= 0.85 and (best is None or (ratio, candidate) > best):
            best = (ratio, candidate)
    return best[1] if best is not None else None


@cache
def _prefilter() -> tuple[Callable[..., list[tuple[str, float, int]]], Callable[..., float]]:
    # Imported here for start-up time: only a name that misses every dictionary needs rapidfuzz.
    from rapidfuzz import fuzz, process

    return process.extract, fuzz.ratio


# From this length of its second string on, SequenceMatcher's autojunk heuristic may leave characters out.
_AUTOJUNK_FROM = 200


def difflib_ratio(a: str, b: str) -> float:
    """``difflib.SequenceMatcher(None, a, b).ratio()``, the same number at half the cost for names.

    Without junk (``isjunk`` None, and autojunk idle while ``b`` has fewer than 200 characters)
    ``find_longest_match`` returns the longest block common to its two ranges, the one that starts
    earliest in ``a`` and then earliest in ``b``; ``get_matching_blocks`` takes it and goes on with the
    ranges on its left and on its right; the ratio is ``2 * M / T`` of the blocks' total size ``M``. The
    same blocks are found here with ``str.find`` (see ``_longest_block``). Tests hold it to
    ``SequenceMatcher`` on random and repetitive strings.
    """
    if len(b) >= _AUTOJUNK_FROM:
        # Imported here for start-up time: names are never this long.
        from difflib import SequenceMatcher

        return SequenceMatcher(None, a, b).ratio()
    matches = 0
    ranges = [(0, len(a), 0, len(b))]
    while ranges:
        alo, ahi, blo, bhi = ranges.pop()
        i, j, k = _longest_block(a, alo, ahi, b, blo, bhi)
        if k:
            matches += k
            if alo < i and blo < j:
                ranges.append((alo, i, blo, j))
            if i + k < ahi and j + k < bhi:
                ranges.append((i + k, ahi, j + k, bhi))
    length = len(a) + len(b)
    return 2.0 * matches / length if length else 1.0


def _longest_block(a: str, alo: int, ahi: int, b: str, blo: int, bhi: int) -> tuple[int, int, int]:
    """(i, j, k): ``a[i:i+k] == b[j:j+k]`` within the ranges, k as large as can be, then i, then j as small.

    One sweep over ``a``: a start ``i`` is only worth a look if a block longer than the best so far
    starts there, so each ``i`` asks ``find`` for one character more than the best, and a hit is grown
    one character at a time from where it was found. ``j`` stays the leftmost place of ``a[i:i+k]`` in
    ``b``'s range: every place of a longer block is a place of the shorter one, so when the next
    characters agree ``j`` is also the longer block's leftmost place (no search needed: the common
    case), and otherwise the longer block can only lie right of ``j``. A later ``i`` has to be strictly
    longer to win, so the first ``i`` of the longest length is kept, with the leftmost ``j`` of its
    block: difflib's tie-break.
    """
    within = b[blo:bhi]
    find, width = within.find, bhi - blo
    at_i, at_j, k = alo, blo, 0
    i = alo
    while ahi - i > k:
        j = find(a[i:i + k + 1])
        if j >= 0:
            k += 1
            while i + k < ahi:
                if j + k < width and a[i + k] == within[j + k]:
                    k += 1
                    continue
                longer = find(a[i:i + k + 1], j + 1)
                if longer < 0:
                    break
                j, k = longer, k + 1
            at_i, at_j = i, j + blo
        i += 1
    return at_i, at_j, k


@record(frozen=True, slots=True)
class Resolution:
    """What one environment name does on one Score line."""

    name: str
    kind: Kind
    canonical: str | None = None  # the setting it binds to (or the one to use instead)
    suggestions: tuple[str, ...] = ()
    reason: str = ""
    lines: tuple[str, ...] = ()  # for OTHER_LINE: the lines that read it
    providers: tuple[str, ...] = ()
    respelling: bool = False  # renaming to ``canonical`` keeps the meaning (safe to autofix)

    @property
    def binds(self) -> bool:
        return self.kind in BINDING_KINDS


class Model:
    """The binding knowledge of one Score line and storage provider, read from its catalogue."""

    def __init__(self, catalogue: Catalogue, provider: str) -> None:
        self.catalogue = catalogue
        self.line = catalogue.line
        self.provider = provider
        self.settings: dict[str, Setting] = {}
        # Family patterns compile on the first name that misses the dictionaries, which many files never have.
        self.patterns: list[tuple[re.Pattern[str], Setting]] = []
        for setting in catalogue.for_provider(provider):
            if setting.family:
                self.patterns.append((lazy(name_pattern(setting.name), re.IGNORECASE), setting))
            else:
                self.settings[setting.name.upper()] = setting
        self.aliases: dict[str, tuple[str, bool]] = {}
        for setting in self.settings.values():
            for alias in setting.aliases:
                if alias.name.upper() not in self.settings:
                    self.aliases.setdefault(alias.name.upper(), (setting.name, alias.partial))
        self.unbound: dict[str, Unbound] = {}
        self.unbound_patterns: list[tuple[re.Pattern[str], Unbound]] = []
        for item in catalogue.unbound:
            if item.family:
                self.unbound_patterns.append((lazy(name_pattern(item.name), re.IGNORECASE), item))
            else:
                self.unbound.setdefault(item.name.upper(), item)
        # A family member starts with its family's text before the first <PART>: an ASCII name that starts
        # with none of those is no member, and no pattern need be asked (their case-blind matching can only
        # be told by the patterns themselves for other names).
        self._family_starts = tuple(_family_start(s.name) for _, s in self.patterns)
        self._unbound_starts = tuple(_family_start(u.name) for _, u in self.unbound_patterns)
        self.foreign = {item.name.upper(): item for item in catalogue.foreign}
        self.elsewhere = {item.name.upper(): item for item in catalogue.elsewhere if item.name.upper() not in self.settings}
        self.profiles: tuple[Profile, ...] = catalogue.profiles
        self._storage_profiles = {p.name: p.provider for p in self.profiles if p.role == "storage" and p.provider}
        self._controller_profiles = tuple(p.name for p in self.profiles if p.role == "controllers")
        self._known_profiles = frozenset(p.name for p in self.profiles)
        self.overrides: tuple[Override, ...] = tuple(o for o in catalogue.overrides if provider in o.providers)
        # The settings a file must set (or a profile must default): every file is checked for each.
        self.required = tuple(s for s in self.settings.values() if s.required)
        self._squashed = {name.replace("_", ""): s.name for name, s in self.settings.items()}
        self._names = list(self.settings)
        self._memo: dict[str, Resolution] = {}
        # The names binding() found bind nothing (at most NOTHING_LIMIT): the passes over a file (the
        # effective entries, the duplicates, the items) each ask it of every name, and a name that binds
        # nothing is not in the memo until resolve() has worked out its suggestions.
        self._binds_nothing: set[str] = set()
        self._setting_memo: dict[str, Setting | None] = {}

    @classmethod
    def load(cls, line: str, provider: str) -> Model:
        """The model of the bundled catalogue of ``line`` for ``provider``."""
        if provider not in PROVIDERS:
            raise CatalogueNotFound(f"unknown storage provider {provider!r} (known: {', '.join(PROVIDERS)})")
        return cls(load_catalogue(line), provider)

    def setting(self, name: str) -> Setting | None:
        # Memoised like resolve(): value rules ask for the setting of the same entries again and again.
        found = self._setting_memo.get(name, _MISSING)
        if found is _MISSING:
            found = self._setting(name)
            if len(self._setting_memo) < MEMO_LIMIT:
                self._setting_memo[name] = found
        return found  # type: ignore[return-value]

    def _setting(self, name: str) -> Setting | None:
        upper = name.upper()
        found = self.settings.get(upper)
        if found is not None:
            return found
        if upper in self.aliases:
            return self.settings.get(self.aliases[upper][0].upper())
        if upper.isascii() and not upper.startswith(self._family_starts):
            return None
        for regex, setting in self.patterns:
            if regex.match(upper):
                return setting
        return None

    def suggest(self, name: str) -> tuple[str, ...]:
        """Settings this line reads that ``name`` was probably meant to be."""
        upper = name.upper()
        squashed = self._squashed.get(upper.replace("_", ""))
        if squashed:
            return (squashed,)
        close = close_match(upper, self._names)
        return (self.settings[close].name,) if close is not None else ()

    def resolve(self, name: str) -> Resolution:
        # Memoised per model: one run lints many files (and big files) with the same few dozen names. The
        # memo is bounded: a file with a new name on every line would otherwise keep every answer alive.
        found = self._memo.get(name)
        if found is None:
            found = self._resolve(name)
            if len(self._memo) < MEMO_LIMIT:
                self._memo[name] = found
                # The memo answers binding() now: the name need not be held twice (a file of 80,000 new
                # names made each string anew for each pass).
                self._binds_nothing.discard(name)
        return found

    def binding(self, name: str) -> Resolution | None:
        """``resolve(name)`` when the name binds here (a family member included), else None.

        The cheap half of ``resolve``: a name that binds nothing is not looked at further, and no
        suggestions are looked for (a file of tens of thousands of new names asks this for each).
        """
        found = self._memo.get(name)
        if found is not None:
            return found if found.binds else None
        if name in self._binds_nothing:
            return None
        found = self._binding(name, name.upper())
        if found is None:
            if len(self._binds_nothing) < NOTHING_LIMIT:
                self._binds_nothing.add(name)
            return None
        if len(self._memo) < MEMO_LIMIT:
            self._memo[name] = found  # what resolve() answers for a name the catalogue lists: remembered alike
        return found if found.binds else None

    def _binding(self, name: str, upper: str) -> Resolution | None:
        """The resolution of a name the catalogue lists as a setting, alias or family member, else None."""
        if upper in self.settings:
            return self._case_checked(name, self.settings[upper])
        if upper in self.aliases:
            canonical, partial = self.aliases[upper]
            return Resolution(name, Kind.PARTIAL if partial else Kind.ALIAS, canonical)
        if upper.isascii() and not upper.startswith(self._family_starts):
            return None
        for regex, setting in self.patterns:
            if regex.match(upper):
                return Resolution(name, Kind.PATTERN, setting.name)
        return None

    def _resolve(self, name: str) -> Resolution:
        upper = name.upper()
        listed = None if name in self._binds_nothing else self._binding(name, upper)
        if listed is not None:
            return listed
        if upper in self.unbound or (
            (not upper.isascii() or upper.startswith(self._unbound_starts))
            and any(r.match(upper) for r, _ in self.unbound_patterns)
        ):
            item = self.unbound.get(upper) or next(i for r, i in self.unbound_patterns if r.match(upper))
            use = item.use_instead
            single = use[0] if len(use) == 1 else None
            return Resolution(name, Kind.UNBOUND, single, use, item.why, respelling=item.respelling)
        if upper in self.elsewhere:
            other = self.elsewhere[upper]
            canonical, lines, providers = other.name, other.lines, other.providers
            if self.line not in lines:
                return Resolution(name, Kind.OTHER_LINE, canonical, self.suggest(name), lines=lines, providers=providers)
            return Resolution(name, Kind.OTHER_PROVIDER, canonical, lines=lines, providers=providers)
        if upper in self.foreign:
            return Resolution(name, Kind.FOREIGN, reason=self.foreign[upper].read_by)
        suggestions = self.suggest(name)
        if not suggestions and upper.startswith(_SPRING_PREFIXES):
            return Resolution(name, Kind.SPRING)
        # Only a name equal to the suggestion but for '_' is surely the same setting misspelt.
        same = bool(suggestions) and suggestions[0].replace("_", "") == upper.replace("_", "")
        return Resolution(name, Kind.UNKNOWN, suggestions=suggestions, respelling=same)

    def bound_setting(self, name: str) -> str | None:
        """The setting ``name`` binds to here (fully or partly; families left out), or None.

        ``binding`` without family members: what a caller that only asks "does it bind on the other
        line?" needs.
        """
        found = self.binding(name)
        return found.canonical if found is not None and found.kind is not Kind.PATTERN else None

    @staticmethod
    def _case_checked(name: str, setting: Setting) -> Resolution:
        """A spelling of ``setting`` that differs from it only in case reaches only the readers that
        ignore case: a camelCase ``@Value`` key is looked up by its exact or upper-cased name only."""
        if name == setting.name or name.isupper():
            return Resolution(name, Kind.CANONICAL, setting.name)
        exact = [p for p in setting.properties if Reader.of(p) is Reader.EXACT]
        missed = [p for p in exact if name not in _exact_names(p)]
        if not missed:
            return Resolution(name, Kind.CANONICAL, setting.name)
        if len(missed) < len(setting.properties):
            return Resolution(name, Kind.PARTIAL, setting.name, reason=_camel_reason(missed))
        return Resolution(
            name, Kind.UNBOUND, setting.name, (setting.name,), _camel_reason(missed), respelling=True
        )

    # --- profiles -----------------------------------------------------------------------------

    def profile_rows(self, name: str) -> list[Profile]:
        return [p for p in self.profiles if p.name == name]

    # Made once per model and handed out as they are (read-only): every file asks for them.

    def storage_profiles(self) -> Mapping[str, str]:
        """Storage profile name -> provider, for this line."""
        return self._storage_profiles

    def controller_profiles(self) -> tuple[str, ...]:
        return self._controller_profiles

    def known_profiles(self) -> frozenset[str]:
        return self._known_profiles


def _family_start(name: str) -> str:
    """``LOGGING_LEVEL_<LOGGER>`` -> ``LOGGING_LEVEL_``: what every (upper-cased ASCII) member starts with."""
    return name.split("<", 1)[0].upper()


def _exact_names(prop: str) -> frozenset[str]:
    """The names the raw environment lookup of a camelCase ``@Value`` key tries: the key with ``.`` and
    ``-`` as they are or as ``_``, and each of those upper-cased (never lower-cased)."""
    forms = {prop, prop.replace(".", "_"), prop.replace("-", "_"), prop.replace(".", "_").replace("-", "_")}
    return frozenset(forms | {f.upper() for f in forms})


def _camel_reason(props: list[str]) -> str:
    keys = " and ".join(f"@Value(\"${{{p}}}\")" for p in props)
    return (
        f"Score reads it through the camelCase key {keys}, which Spring matches by its exact or upper-cased "
        "name only, not ignoring case"
    )


def parse_profiles(value: str) -> tuple[str, ...]:
    """Spring splits the list on commas and trims each element; empty elements are dropped."""
    return tuple(part.strip() for part in value.split(",") if part.strip())


class _LineModels(Mapping[str, Model]):
    """The bundled models of one Score line, each read on first use: most files need one provider."""

    def __init__(self, line: str) -> None:
        self.line = line
        self._loaded: dict[str, Model] = {}

    def __getitem__(self, provider: str) -> Model:
        found = self._loaded.get(provider)
        if found is None:
            if provider not in PROVIDERS:
                raise KeyError(provider)
            found = self._loaded[provider] = Model.load(self.line, provider)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(PROVIDERS)

    def __len__(self) -> int:
        return len(PROVIDERS)


@cache
def line_models(line: str) -> Mapping[str, Model]:
    # Cached: one call lints many files against the same line.
    return _LineModels(line)
