"""The entries of a ``docker run`` env file held as numbers into its text, each made when it is asked for.

An ``Entry`` with its name string and line number took about 250 bytes, and the whole-file rules keep a
file's entries for the whole lint: 20 MiB for a generated file of 80,000 lines. ``EntryStore`` keeps six
32-bit numbers an entry instead (where its name starts in the text and how long it and its value are,
its line and column, its quote or comment) and cuts the strings out of the text again when an entry is
made. An entry made twice is two equal objects, not one: code that asks whether two entries are the same
compares them, or their places in the file.

The passes that look at every entry but keep few of them ask for the fields they need
(``keys_values``) and make only the entries they keep.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from itertools import count

from score_lint.envfile.syntax import Entry, _entry

TYPE_CHECKING = False  # typing's own flag: the lint path does not import typing
if TYPE_CHECKING:
    from typing import overload
else:
    def overload(function):  # typing.overload's run-time effect: none, the last definition is the method
        return function

_QUOTE_OF = {-1: '"', -2: "'"}
QUOTED = {'"': -1, "'": -2}
STRIDE = 7  # the numbers of one entry in EntryStore.fields
_RECENT = 256
_RECENT_MASK = _RECENT - 1


class EntryStore(Sequence[Entry]):
    """A ``docker run`` file's entries, a tuple of ``Entry`` to every reader (equal to the tuple of the same
    entries, indexed, sliced, iterated), held as numbers into ``text``. ``docker.parse_docker`` fills it."""

    __slots__ = ("_text", "fields", "names", "bare", "open_quotes", "_recent_at", "_recent")

    def __init__(self, text: str) -> None:
        self._text = text
        # STRIDE 32-bit numbers an entry: its line, the column of its name, where the name starts and ends
        # in the text, where the value (after the '=' at the name's end) ends (-1: a bare name, no '='),
        # how the value is quoted (QUOTED) or the column of its inline comment (> 0), 0 for neither, and
        # the name's place in ``names`` (-1: not there).
        self.fields: array[int] = array("i")
        # One string for each name the file repeats, up to syntax._MAX_SHARED of them, as the parse kept
        # them: a pass that looks names up (the binding memo, the duplicates) then hashes each string once.
        self.names: list[str] = []
        # A bare name's value, from the environment it is read with (none: None), by the entry's place.
        self.bare: dict[int, str] = {}
        # The places of the entries whose value opens a quote that it does not close (docker reads the
        # lines up to the closing quote as lines of their own): few, and the only ones that need a look.
        self.open_quotes: list[int] = []
        # The entries made last, by place modulo _RECENT: the engine's pass and duplicate-setting's second
        # one walk the file side by side, and each asks for the entry the other has just made.
        self._recent_at = [-1] * _RECENT
        self._recent: list[Entry | None] = [None] * _RECENT

    def __len__(self) -> int:
        return len(self.fields) // STRIDE

    @overload
    def __getitem__(self, index: int) -> Entry: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Entry, ...]: ...
    def __getitem__(self, index: int | slice) -> Entry | tuple[Entry, ...]:
        if isinstance(index, slice):
            return tuple(self)[index]
        if index < 0:
            index += len(self.fields) // STRIDE
        at = index * STRIDE
        if index < 0 or at >= len(self.fields):
            raise IndexError("entry index out of range")
        slot = index & _RECENT_MASK
        if self._recent_at[slot] == index:
            return self._recent[slot]  # type: ignore[return-value]
        line, column, start, end, value_end, extra, name = self.fields[at:at + STRIDE]
        key = self.names[name] if name >= 0 else self._text[start:end]
        if value_end < 0:
            entry = _entry(key, self.bare.get(index), "", line, column, line, column + end - start, line, True, None,
                           None)
        else:
            raw = self._text[end + 1:value_end]
            entry = _entry(key, raw, raw, line, column, line, column + end - start + 1, line, False,
                           _QUOTE_OF.get(extra), extra if extra > 0 else None)
        self._recent_at[slot] = index
        self._recent[slot] = entry
        return entry

    def __iter__(self) -> Iterator[Entry]:
        text, names, bare, make = self._text, self.names, self.bare, _entry
        quote_of = _QUOTE_OF.get
        recent_at, recent, mask = self._recent_at, self._recent, _RECENT_MASK
        fields = iter(self.fields)
        index = -1
        for line, column, start, end, value_end, extra, name in zip(
            fields, fields, fields, fields, fields, fields, fields
        ):
            index += 1
            slot = index & mask
            if recent_at[slot] == index:
                yield recent[slot]  # type: ignore[misc]
                continue
            key = names[name] if name >= 0 else text[start:end]
            if value_end < 0:
                entry = make(key, bare.get(index), "", line, column, line, column + end - start, line, True, None,
                             None)
            else:
                raw = text[end + 1:value_end]
                entry = make(key, raw, raw, line, column, line, column + end - start + 1, line, False,
                             quote_of(extra), extra if extra > 0 else None)
            recent_at[slot] = index
            recent[slot] = entry
            yield entry

    def keys(self) -> Iterator[str]:
        """``entry.key`` of each entry, without making the entries (nor running a line of Python each when
        every name is one of ``names``)."""
        fields = self.fields
        places = fields[6::STRIDE]
        if -1 not in places:
            return map(self.names.__getitem__, places)
        # Some names are not kept (a file of more than _MAX_SHARED different names): all are cut, which
        # costs less than choosing between the two for each.
        return map(self._text.__getitem__, map(slice, fields[2::STRIDE], fields[3::STRIDE]))

    def valued_keys(self) -> Iterator[tuple[int, str]]:
        """``(place, entry.key)`` of each entry that has a value (``entry.value is not None``)."""
        value_ends = self.fields[4::STRIDE]
        if len(self.bare) == value_ends.count(-1):
            return enumerate(self.keys())  # every entry has one
        return ((index, key) for index, key, value_end in zip(count(), self.keys(), value_ends)
                if value_end >= 0 or index in self.bare)

    def keys_values(self) -> Iterator[tuple[str, str | None, str | None]]:
        """``(entry.key, entry.value, entry.elsewhere)`` of each entry, without making the entries."""
        text, bare = self._text, self.bare
        fields = self.fields
        for index, key, end, value_end in zip(count(), self.keys(), fields[3::STRIDE], fields[4::STRIDE]):
            if value_end < 0:
                yield key, bare.get(index), None
            else:
                yield key, text[end + 1:value_end], None

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (EntryStore, tuple)):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


def keys_values(entries: Sequence[Entry]) -> Iterator[tuple[str, str | None, str | None]]:
    """``(entry.key, entry.value, entry.elsewhere)`` of each of ``entries`` in order: for a pass over a
    file's entries that keeps few of them (it makes those with ``entries[index]``)."""
    if isinstance(entries, EntryStore):
        return entries.keys_values()
    return ((entry.key, entry.value, entry.elsewhere) for entry in entries)


def keys(entries: Sequence[Entry]) -> Iterator[str]:
    """``entry.key`` of each of ``entries`` in order (``keys_values``, the names only)."""
    if isinstance(entries, EntryStore):
        return entries.keys()
    return (entry.key for entry in entries)


def valued_keys(entries: Sequence[Entry], here: bool = False) -> Iterator[tuple[int, str]]:
    """``(place, entry.key)`` of each of ``entries`` that has a value, in order; ``here``: and whose value the
    file holds (``entry.elsewhere is None``: not a Kubernetes secret's, say). A store's are all here."""
    if isinstance(entries, EntryStore):
        return entries.valued_keys()
    return ((index, entry.key) for index, entry in enumerate(entries)
            if entry.value is not None and (not here or entry.elsewhere is None))


def values_with(entries: Sequence[Entry], part: str) -> Iterator[str]:
    """The values of ``entries`` that hold ``part``, in order. A store's values are cut out of its text (or
    are a bare name's, from the environment), so a text without ``part`` answers without a pass."""
    if isinstance(entries, EntryStore) and part not in entries._text and not any(
        part in value for value in entries.bare.values()
    ):
        return iter(())
    return (value for _, value, _ in keys_values(entries) if value is not None and part in value)


def in_line_order(entries: Sequence[Entry]) -> bool:
    """Whether each entry starts on a line after the last line of the one before, as the loaders read a
    file. A store's entries are (docker reads one line an entry, in order)."""
    if isinstance(entries, EntryStore):
        return True
    end = 0
    for entry in entries:
        if entry.line <= end:
            return False
        end = entry.end_line
    return True


def opening_quotes(entries: Sequence[Entry]) -> Sequence[Entry]:
    """The entries whose raw value starts with a quote (a store makes only those whose quote stays open,
    the only ones ``docker.quoted_continuations`` can report)."""
    if isinstance(entries, EntryStore):
        return [entries[index] for index in entries.open_quotes]
    return [entry for entry in entries if entry.raw_value[:1] in ("'", '"')]
