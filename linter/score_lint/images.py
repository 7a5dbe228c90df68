"""Which container images are the Score server and which the Score client: one judgement for compose
services and Kubernetes containers alike."""

from __future__ import annotations

from collections.abc import Sequence

# The last part of a repository name: overture/score-server, ghcr.io/overture-stack/score-server...
SERVER_IMAGES = ("score-server",)
# overture/score is the Score client (score-client), not the server.
CLIENT_IMAGES = ("score", "score-client")


def repository_and_tag(image: str) -> tuple[str, str]:
    """``("ghcr.io/overture-stack/score-server", "5.11.0")`` of ``…/score-server:5.11.0@sha256:…``."""
    image = image.split("@", 1)[0]
    head, _, last = image.rpartition("/")
    name, _, tag = last.partition(":")
    return (head + "/" if head else "") + name, tag


def image_role(image: str, extra: Sequence[str] = ()) -> tuple[str, str] | None:
    """``("server" | "client", why)`` when the image decides what runs, else None.

    ``extra`` holds the texts of ``--image``: an image that contains one is taken as a server.
    """
    repository, _ = repository_and_tag(image)
    for wanted in extra:
        if wanted and wanted in image:
            return "server", f"image {repository} (--image {wanted})"
    last = repository.rsplit("/", 1)[-1].lower()
    if any(last == n or last.startswith(n + "-") for n in SERVER_IMAGES):
        return "server", f"image {repository}"
    if last in CLIENT_IMAGES:
        return "client", f"Score client image {repository}"
    return None
