"""Create what Score needs and a failed check found missing: buckets, the sentinel, the Azure container
and access policies. Nothing else in preflight ever writes (the write probes delete what they write).

``plan`` only reads; ``apply`` carries out one action. The caller shows each action and asks first.
"""

from __future__ import annotations

from dataclasses import dataclass

from score_lint.preflight.checks import Report, Status
from score_lint.preflight.context import Context


@dataclass(frozen=True)
class Action:
    kind: str  # create-bucket, put-sentinel, create-container, add-policy, upload-sentinel
    target: str
    description: str
    permission: str = ""


@dataclass(frozen=True)
class Applied:
    action: Action
    ok: bool
    message: str


def _failed(report: Report, *ids: str) -> bool:
    return any((c := report.get(i)) is not None and c.status in (Status.FAIL, Status.SKIP) for i in ids)


def plan(ctx: Context, report: Report) -> tuple[Action, ...]:
    """What to create so that the failed checks pass; empty when the credentials themselves fail."""
    if report.provider == "azure":
        return _plan_azure(ctx, report)
    return _plan_s3(ctx, report)


def _plan_s3(ctx: Context, report: Report) -> tuple[Action, ...]:
    from score_lint.preflight import s3  # only now: it imports the storage SDK

    credentials = report.get("credentials")
    if credentials is None or credentials.status is not Status.PASS:
        return ()
    s = ctx.settings
    actions = [
        Action("create-bucket", bucket, f"create the bucket {bucket} at {s.endpoint_url}")
        for bucket in s3.missing_buckets(ctx)
    ]
    object_missing = any(a.target == s.object_bucket for a in actions)
    if s.sentinel and (object_missing or (_failed(report, "sentinel") and s3.sentinel_missing(ctx))):
        actions.append(Action("put-sentinel", s.sentinel_key,
                              f"put the empty sentinel object {s.sentinel_key} into {s.object_bucket}"))
    return tuple(actions)


def _plan_azure(ctx: Context, report: Report) -> tuple[Action, ...]:
    from score_lint.preflight import azure  # only now: it imports the storage SDK

    key = report.get("account-key")
    if key is None or key.status is not Status.PASS:
        return ()
    s = ctx.settings
    actions: list[Action] = []
    container_missing = azure.container_missing(ctx)
    if container_missing:
        actions.append(Action("create-container", s.container, f"create the container {s.container} in {s.account_name}"))
        wanted = list(dict.fromkeys([(s.policy_upload, "w"), (s.policy_download, "r")]))
    else:
        wanted = azure.missing_policies(ctx)
    for name, letter in wanted:
        actions.append(Action("add-policy", name, f"add the stored access policy {name} (permission {letter}, no "
                                                  f"start or expiry) to {s.container}", letter))
    if s.sentinel and (container_missing or azure.sentinel_missing(ctx)):
        actions.append(Action("upload-sentinel", s.sentinel, f"upload the empty sentinel blob {s.sentinel} to {s.container}"))
    return tuple(actions)


def apply(ctx: Context, action: Action) -> Applied:
    """Carry out one action; the message is masked."""
    message = _apply(ctx, action)
    ok = message == "done"
    return Applied(action, ok, ctx.masker.mask(message if ok else f"failed: {message}"))


def _apply(ctx: Context, action: Action) -> str:
    if action.kind in ("create-bucket", "put-sentinel"):
        from score_lint.preflight import s3  # only now: it imports the storage SDK

        answer = s3.create_bucket(ctx, action.target) if action.kind == "create-bucket" else s3.put_sentinel(ctx)
        return s3.describe_answer(answer)
    from score_lint.preflight import azure  # only now: it imports the storage SDK

    try:
        if action.kind == "create-container":
            azure.create_container(ctx)
        elif action.kind == "add-policy":
            azure.add_policy(ctx, action.target, action.permission)
        elif action.kind == "upload-sentinel":
            azure.upload_sentinel(ctx)
        else:
            return f"unknown action {action.kind}"
    except azure.AzureCallFailed as exc:
        return exc.failure.words()
    return "done"
