"""An active profile's document switches on server-side encryption with a key that is not yours.

## What it does
Reads the effective value of `S3_MASTERENCRYPTIONKEYID`: when no env line sets it and the value Score
uses comes from a profile document of its `application.yml`, it names that profile and the Score
line's rule that chose it.

## Why is this bad?
Score 5.10 (Spring Boot 2.1) takes, for a property several active profiles set, the value of the
profile listed **last** in `SPRING_PROFILES_ACTIVE`. Score's `amazon` profile sets a hard-coded KMS key
id, so `collaboratory,amazon,prod` turns on SSE-KMS headers and SigV4 for every multipart upload:
uploads fail on MinIO and Ceph, and on every AWS account that does not hold that key. Score starts,
and nothing says why the first upload fails. (5.11 and develop take the document that comes last in
the file, `collaboratory`, so the same list is harmless there.)

## Example
Options: --score-version 5.10
```env
SPRING_PROFILES_ACTIVE=collaboratory,amazon,prod
```

## Use instead
Options: --score-version 5.10
```env
SPRING_PROFILES_ACTIVE=collaboratory,prod
```

## Fix
None: drop the profile, reorder the list, or set `S3_MASTERENCRYPTIONKEYID=` (empty) to switch
encryption off; which one is yours to choose.
"""

from __future__ import annotations

from collections.abc import Iterator

from score_lint.findings import Finding, Severity, finding
from score_lint.lint.context import Context

CODE = "SL506"
NAME = "profile-encryption-key"
SEVERITY = Severity.ERROR
FIX = "none"
STOPS_STARTUP = False

_KEY = "S3_MASTERENCRYPTIONKEYID"


def check(ctx: Context) -> Iterator[Finding]:
    value = ctx.effective.value(_KEY)
    if value is None or value.source != "profile" or not value.value:
        return
    entry = ctx.entry_for_setting("SPRING_PROFILES_ACTIVE") or ctx.entry_for_setting("SPRING_PROFILES_INCLUDE")
    if ctx.model.catalogue.precedence == "last-listed":
        why = f"on Score {ctx.line} the profile listed last wins, and {value.profile} comes after the others that set it"
    else:
        why = f"on Score {ctx.line} the document last in application.yml wins, and that is {value.profile}'s"
    message = (
        f"the {value.profile} profile sets {_KEY} to its own KMS key ({why}): every multipart upload then "
        "carries SSE-KMS headers, which fail on MinIO and Ceph and on AWS accounts without that key. Drop "
        f"{value.profile} from the profiles, list it first, or set {_KEY}= (empty) to switch encryption off."
    )
    yield finding(__name__, message, entry=entry, at_value=entry is not None, key=_KEY)
