from __future__ import annotations

import pytest

from tests.helpers import assert_findings
from tests.rules._fixes import rule_findings

CODE = "SL205"


@pytest.mark.parametrize(
    "line",
    [
        "S3_ENDPOINT={{endpoint}}",
        'S3_ACCESSKEY="{{access_key}}"',
        "BUCKET_NAME_OBJECT=<your-bucket>",
        "BUCKET_NAME_OBJECT='<your-bucket>'",
        'BUCKET_NAME_STATE="{{state_bucket}}" # the state bucket',
    ],
)
def test_fires(line: str) -> None:
    assert_findings(line + "\n", [(1, CODE)], code=CODE)
    assert_findings(line + "\n", [(1, CODE)], "--dialect compose", code=CODE)


@pytest.mark.parametrize(
    "line",
    ["S3_ENDPOINT=http://minio:9000", "OBJECT_SENTINEL=<>", "OBJECT_SENTINEL=a{{b", "UNKNOWN_NAME={{x}}"],
)
def test_clean(line: str) -> None:
    assert_findings(line + "\n", [], code=CODE)


def test_azure_seed_placeholders() -> None:
    text = 'SPRING_PROFILES_ACTIVE=prod,azure\nAZURE_ACCOUNT_NAME="{{storage_account_name}}"\nAZURE_ACCOUNT_KEY="{{key}}"\n'
    assert_findings(text, [(2, CODE), (3, CODE)], code=CODE)
    found = rule_findings(text, CODE)
    assert "credential" in found[1].message and "{{" not in found[1].message


def test_no_double_report_with_value_rules() -> None:
    text = "S3_SIGV4ENABLED={{sigv4}}\nBUCKET_NAME_OBJECT={{Bucket_Name}}\nUPLOAD_CLEAN_CRON=<cron>\n"
    codes = {f.code for f in rule_findings(text, "SL201") + rule_findings(text, "SL207") + rule_findings(text, "SL211")}
    assert codes == set()


DMS = "overture-stack__dms__main__src-main-resources-templates-servicespec-score-api.yaml.vm.score-api.env"


def test_velocity_references_left_in_a_dms_template() -> None:
    # DMS, lines 4, 9 and 16: Velocity references that docker run passes on as text.
    text = (
        "BUCKET_NAME_STATE=$dmsConfig.score.api.stateBucket\n"
        "METADATA_URL=http://${composeServiceResources.SONG_API.toString()}:8080\n"
        "S3_ACCESSKEY=$dmsConfig.score.s3.accessKey\n"
    )
    found = rule_findings(text, CODE)
    assert [f.line for f in found] == [1, 2, 3]
    assert "docker run passes the text $dmsConfig.score.api.stateBucket unexpanded" in found[0].message
    assert "Score receives it literally" in found[1].message
    assert "$dmsConfig" not in found[2].message  # a credential's value is never shown
    # The bad bucket name and URL follow from the template: not reported on top (was SL207 and SL201).
    from tests.helpers import lint

    assert not [f for f in lint(text).findings if f.code in ("SL201", "SL207")]


def test_shell_variables_under_docker_but_not_under_compose() -> None:
    text = "S3_ENDPOINT=${S3_ENDPOINT}\nMETADATA_URL=http://$SONG_HOST:8080\n"
    found = rule_findings(text, CODE)
    assert [f.line for f in found] == [1, 2]
    assert found[0].message == (
        "S3_ENDPOINT: docker run passes the text ${S3_ENDPOINT} unexpanded, so Score receives it literally as the "
        "value. Fill in the value, or use compose, which expands ${VAR}."
    )
    assert_findings(text, [], "--dialect compose", code=CODE)


@pytest.mark.parametrize(
    "text",
    [
        "SONG=http://song:8080\nMETADATA_URL=${SONG}\n",  # Spring resolves ${SONG} from the container's variables
        "BUCKET_NAME_OBJECT=${OBJECT_BUCKET:score-object}\n",  # a Spring default
        "S3_SECRETKEY=pa$word\n",  # a secret may hold a $
    ],
)
def test_references_spring_resolves_are_not_templates(text: str) -> None:
    from tests.helpers import lint

    found = [f for f in lint(text).findings if f.code in (CODE, "SL101", "SL201", "SL207")]
    assert found == []
