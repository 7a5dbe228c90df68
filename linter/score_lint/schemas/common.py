"""What every editor schema shares: the draft, the published address, the providers' titles."""

from __future__ import annotations

SCHEMA_DRAFT = "http://json-schema.org/draft-07/schema#"
BASE_URL = "https://overture-stack.github.io/score-lint/schema"  # where the site publishes schema/


def provider_title_of(provider: str) -> str:
    return "S3-compatible storage (AWS, Ceph, MinIO)" if provider == "s3" else "Azure Blob Storage"
