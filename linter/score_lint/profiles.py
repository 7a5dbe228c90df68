"""What a list of Spring profiles starts on one Score line: the judgement the lint and drift wings share.

The lint rules (``storage-profile``, ``controller-profile``) judge the profiles of an env file, the drift
rule ``example-profiles`` those of a docs example; both ask ``judge`` so the two never disagree. The
knowledge itself (which profile is a storage profile on which line) is the profile matrix of the
bundled schemas, read through ``binding.Model``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from score_lint.binding import Model

# How the messages name the storage a provider's profile starts.
STORAGE_KINDS = {"s3": "S3-compatible storage", "azure": "Azure"}
# Named in old guides as if they chose the storage; they start none on any line score-lint knows.
_LOOK_LIKE_STORAGE = ("aws", "amazon")
# Names that choose the storage on some line or in some guide: on a line where they start nothing, an
# operator still means them as the storage profile.
_STORAGE_NAMES = ("aws", "amazon", "collaboratory", "s3")


@dataclass(frozen=True)
class Judgement:
    """The verdict on one profile list for one Score line."""

    line: str
    profiles: tuple[str, ...]
    storage: tuple[str, ...]  # the active storage profiles, in list order
    inert: tuple[str, ...]  # listed profiles that start nothing useful (aws, amazon, jwt on 5.11...)
    storage_profiles: tuple[tuple[str, str], ...]  # (name, provider) of the line's storage profiles
    controllers: tuple[str, ...]  # profiles that start the upload/download endpoints; empty when none is needed

    @property
    def storage_like(self) -> tuple[str, ...]:
        """The inert profiles that were meant to choose the storage (aws, amazon, collaboratory on develop)."""
        return tuple(p for p in self.inert if p.lower() in _STORAGE_NAMES)

    @property
    def starts_storage(self) -> bool:
        return bool(self.storage)

    @property
    def starts_endpoints(self) -> bool:
        return not self.controllers or any(p in self.controllers for p in self.profiles)

    @property
    def wanted(self) -> str:
        """The storage profiles of the line as the messages name them: S3 first."""
        ordered = sorted(self.storage_profiles, key=lambda item: item[1] != "s3")
        return " or ".join(f"{name} ({STORAGE_KINDS.get(provider, provider)})" for name, provider in ordered)

    @property
    def s3_name(self) -> str:
        """The name of the line's S3 storage profile (collaboratory up to 5.11, s3 on develop)."""
        return next((name for name, provider in self.storage_profiles if provider == "s3"), "s3")

    def provider_of(self, profile: str) -> str:
        return dict(self.storage_profiles)[profile]


def judge(model: Model, profiles: Sequence[str]) -> Judgement:
    """Judge ``profiles`` (already split and trimmed, as Spring does) against the line of ``model``."""
    storage = model.storage_profiles()
    inert = tuple(
        p
        for p in profiles
        if p not in storage
        and (any(row.role == "none" for row in model.profile_rows(p)) or p.lower() in _LOOK_LIKE_STORAGE)
    )
    return Judgement(
        line=model.line,
        profiles=tuple(profiles),
        storage=tuple(p for p in profiles if p in storage),
        inert=inert,
        storage_profiles=tuple(storage.items()),
        controllers=model.controller_profiles(),
    )


__all__ = ["STORAGE_KINDS", "Judgement", "judge"]
