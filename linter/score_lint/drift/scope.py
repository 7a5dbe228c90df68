"""Which parts of a docs page configure the Score server: only those are judged by the drift rules.

Overture's pages mix services: a Song installation page sets Song's own settings (``SCORE_URL`` is
*Song's* setting for reaching Score), a deployment guide has blocks for Song, Kafka, Ego and the Score
client beside Score's. Judging those as Score settings is wrong in both directions: the findings are
false, and their suggestions would break the other service. Each page, section, fenced block and table
is decided as follows, the first rule that decides wins:

1. An HTML comment ``<!-- score-lint drift: service=song -->`` (or ``service=score``) on the line before a
   fenced block or table decides it; before a heading, that section and its subsections; anywhere
   before the first heading (not attached to a block or table), the whole page.
2. The page's path: the first product name among its folders (a folder named exactly ``song``) or the
   words of its file name (``…-documentation-song-installation-….md``) decides the page, unless it is
   only the page's own name (``song.md`` in Score's docs is Score's Song settings).
3. A heading that names a service Score never talks to (``## Kafka``, ``### Score client``, Maestro,
   Arranger, Elasticsearch…) decides its section. A heading naming Song, Ego, Keycloak or a storage
   (``## AWS, Ceph, or Minio``) does not: on a Score page such a section holds Score's settings for it.
4. The names a block or table sets: when most of the names that say anything are another service's
   (Song's ``SPRING_DATASOURCE_*``, ``SCORE_URL``, ``SCORE_CLIENTCREDENTIALS_*``, ``ID_*``,
   ``SCHEMAS_*``; ``KAFKA_*``; the score-client's ``ACCESSTOKEN``, ``TRANSPORT_*`` or the
   ``METADATA_URL`` + ``STORAGE_URL`` pair), the block is that service's. Names several services share
   (``SERVER_PORT``, ``SPRING_PROFILES_ACTIVE``, ``AUTH_SERVER_*``, ``LOGGING_*``) say nothing.
5. Otherwise the part configures Score and is judged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

SCORE = "score"
# Services an Overture page may configure, by the words that name them.
SERVICES = {
    "song": "Song", "score": "Score", "ego": "Ego", "kafka": "Kafka", "maestro": "Maestro",
    "arranger": "Arranger", "keycloak": "Keycloak", "lectern": "Lectern", "lyric": "Lyric", "stage": "Stage",
    "elasticsearch": "Elasticsearch", "zookeeper": "ZooKeeper", "postgres": "PostgreSQL", "minio": "MinIO",
    "score-client": "the Score client", "song-client": "the Song client",
}
DIRECTIVE = re.compile(r"<!--\s*score-lint drift:\s*service\s*=\s*([A-Za-z][\w-]*)\s*-->", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")
_INTEGRATION = re.compile(r"\b(integration|integrating|connect\w*|connection|with)\b", re.IGNORECASE)
# Services Score never talks to: a heading naming one is about that service's own configuration.
_HEADING_SERVICES = frozenset({"kafka", "zookeeper", "maestro", "arranger", "lectern", "lyric", "stage", "elasticsearch"})
_CLIENT_HEADING = re.compile(r"\bscore[\s-]+client\b", re.IGNORECASE)

# Name families of other services, by prefix or exact name (upper-case environment names).
_FAMILIES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("song", ("SPRING_DATASOURCE_", "SPRING_FLYWAY_", "SCORE_CLIENTCREDENTIALS_", "ID_", "SCHEMAS_",
              "SPRING_KAFKA_", "SONG_", "SCORE_ACCESSTOKEN", "SCORE_ACCESS_TOKEN"),
     ("SCORE_URL", "AUTH_SERVER_SCOPE_STUDY_PREFIX", "AUTH_SERVER_SCOPE_STUDY_SUFFIX", "AUTH_SERVER_SCOPE_SYSTEM",
      "AUTH_SERVER_INTROSPECTIONURI")),
    ("kafka", ("KAFKA_", "ZOOKEEPER_"), ()),
    ("score-client", ("TRANSPORT_", "CLIENT_"), ("ACCESSTOKEN", "STORAGE_URL")),
    ("maestro", ("MAESTRO_",), ()),
    ("keycloak", ("KC_", "KEYCLOAK_"), ()),
    ("minio", ("MINIO_",), ()),
    ("postgres", ("POSTGRES_", "PG"), ()),
    ("elasticsearch", ("ES_", "ELASTIC"), ()),
)
# Names that several services set: they tell nothing about which one a block is for.
_SHARED_PREFIXES = ("SERVER_", "AUTH_SERVER_", "AUTH_JWT_", "LOGGING_", "MANAGEMENT_", "SPRING_SECURITY_", "JAVA_")
_SHARED_NAMES = ("SPRING_PROFILES_ACTIVE", "SPRING_PROFILES_INCLUDE")
# The same families written as Spring properties (application.yml examples).
_PROPERTY_FAMILIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("song", ("spring.datasource.", "spring.flyway.", "score.", "id.", "schemas.", "spring.kafka.", "song.")),
    ("kafka", ("kafka.",)),
    ("score-client", ("transport.", "client.", "accesstoken", "storage.url")),
    ("maestro", ("maestro.",)),
)


@dataclass(frozen=True)
class Decision:
    """Which service a part of a page configures, and why score-lint thinks so."""

    service: str
    reason: str

    @property
    def judged(self) -> bool:
        return self.service == SCORE

    def describe(self) -> str:
        return SERVICES.get(self.service, self.service)


def directive(text: str) -> str | None:
    """The service an HTML comment on this line names, if it is a drift service comment."""
    found = DIRECTIVE.search(text)
    return found.group(1).lower() if found else None


def by_path(path: str) -> Decision | None:
    """The page's service from its path (rule 2), or None when the path does not say."""
    parts = [p for p in re.split(r"[\\/]", path) if p]
    if not parts:
        return None
    stem = parts[-1].rsplit(".", 1)[0]
    # A folder counts only when it is named after the product (not /tmp/test_song_x/).
    words = [part.lower() for part in parts[:-1] if part.lower() in SERVICES]
    stem_words = _WORD.findall(stem.lower())
    candidates = words + stem_words
    for index, word in enumerate(candidates):
        if word in SERVICES and word != "score-client":
            if index == len(candidates) - 1 and index >= len(words):
                return None  # only the page's own name: song.md in Score's docs is about Score's Song settings
            if word == "score" and index + 1 < len(candidates) and candidates[index + 1] == "client":
                return Decision("score-client", "its path names the Score client")
            return Decision(word, f"its path names {SERVICES[word]}")
    return None


def by_heading(title: str) -> Decision | None:
    """The section's service from its heading (rule 3): another service named as the thing configured."""
    if _INTEGRATION.search(title):
        return None
    if _CLIENT_HEADING.search(title):
        return Decision("score-client", f"its heading names the Score client ({title!r})")
    words = _WORD.findall(title.lower())
    named = [w for w in words if w in _HEADING_SERVICES]
    if named and SCORE not in words:
        return Decision(named[0], f"its heading names {SERVICES[named[0]]} ({title!r})")
    return None


def family_of(name: str) -> str | None:
    """The other service a name belongs to, ``score`` for one only Score reads, None when it says nothing."""
    if "." in name or name != name.upper():
        lower = name.lower()
        for service, starts in _PROPERTY_FAMILIES:
            if any(lower == p.rstrip(".") or lower.startswith(p) for p in starts):
                return service
        return None
    upper = name.upper()
    if upper in _SHARED_NAMES or upper.startswith(_SHARED_PREFIXES):
        return None
    for service, prefixes, exact in _FAMILIES:
        if upper in exact or upper.startswith(prefixes):
            return service
    return None


def by_names(names: Sequence[str], score_reads: Callable[[str], bool]) -> Decision | None:
    """The service a block or table is for, from the names it sets (rule 4); None when Score's or unclear.

    ``score_reads(name)`` says whether a name is one of Score's own (it binds, or score-lint's reference
    knows it as a Score name).
    """
    counts: dict[str, list[str]] = {}
    unique = list(dict.fromkeys(names))
    upper = {n.upper() for n in unique}
    for name in unique:
        family = family_of(name)
        if family is None and name.upper() == "METADATA_URL" and "STORAGE_URL" in upper:
            family = "score-client"  # the client's pair: where Song and Score are
        if family is None and score_reads(name) and name.upper() not in _SHARED_NAMES and not name.upper().startswith(_SHARED_PREFIXES):
            family = SCORE
        if family is not None:
            counts.setdefault(family, []).append(name)
    others = {s: ns for s, ns in counts.items() if s != SCORE}
    if not others:
        return None
    service, found = max(others.items(), key=lambda item: len(item[1]))
    if sum(len(ns) for ns in others.values()) <= len(counts.get(SCORE, ())):
        return None
    return Decision(service, f"its names are {SERVICES.get(service, service)}'s ({', '.join(found[:3])}"
                             f"{', …' if len(found) > 3 else ''})")


def explicit(service: str) -> Decision:
    return Decision(service, f"the page says service={service}")


def first_decision(*decisions: Decision | None) -> Decision | None:
    return next((d for d in decisions if d is not None), None)


__all__ = ["DIRECTIVE", "SCORE", "SERVICES", "Decision", "by_heading", "by_names", "by_path", "directive",
           "explicit", "family_of", "first_decision"]
