"""Name suggestions answer exactly as ``difflib.get_close_matches`` over every setting, at a fraction of
the cost; the binding model's memos stay bounded and change no answer."""

from __future__ import annotations

import difflib
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from score_lint import binding
from score_lint.binding import Model, close_match, difflib_ratio
from score_lint.lines import LINES, PROVIDERS

MODELS = [Model.load(line, provider) for line in LINES for provider in PROVIDERS]
SETTINGS = sorted({name for model in MODELS for name in model.settings})
_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"


def difflib_answer(word: str, possibilities: list[str]) -> str | None:
    close = difflib.get_close_matches(word, possibilities, n=1, cutoff=0.85)
    return close[0] if close else None


def old_suggest(model: Model, name: str) -> tuple[str, ...]:
    """``Model.suggest`` as it was: the squashed dictionary, else difflib over every setting."""
    upper = name.upper()
    squashed = model._squashed.get(upper.replace("_", ""))
    if squashed:
        return (squashed,)
    return tuple(model.settings[c].name for c in difflib.get_close_matches(upper, list(model.settings), n=1, cutoff=0.85))


def one_edit(rng: random.Random, name: str) -> str:
    i = rng.randrange(len(name))
    edit = rng.randrange(4)
    if edit == 0:
        return name[:i] + name[i + 1:]
    if edit == 1:
        return name[:i] + rng.choice(_CHARS) + name[i + 1:]
    if edit == 2:
        return name[:i] + rng.choice(_CHARS) + name[i:]
    return name[:i] + name[i + 1:i + 2] + name[i] + name[i + 2:]


def test_every_setting_is_its_own_match() -> None:
    for model in MODELS:
        names = list(model.settings)
        for name in names:
            assert close_match(name, names) == difflib_answer(name, names) == name


def test_every_deletion_and_swap_of_every_setting() -> None:
    names = SETTINGS
    for name in names:
        for i in range(len(name)):
            for typo in (name[:i] + name[i + 1:], name[:i] + name[i + 1:i + 2] + name[i] + name[i + 2:]):
                assert close_match(typo, names) == difflib_answer(typo, names), typo


def test_random_typos_one_to_three_edits_away() -> None:
    rng = random.Random(14)
    names = SETTINGS
    for _ in range(3000):
        typo = rng.choice(names)
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            typo = one_edit(rng, typo) or "X"
        assert close_match(typo, names) == difflib_answer(typo, names), typo


def test_suggestions_of_every_model_are_the_old_ones() -> None:
    rng = random.Random(2026)
    for model in MODELS:
        for _ in range(300):
            typo = one_edit(rng, rng.choice(list(model.settings)))
            typo = typo.lower() if rng.random() < 0.3 else typo
            assert model.suggest(typo) == old_suggest(model, typo), typo


def test_a_tie_goes_to_the_larger_string_in_any_order() -> None:
    # Both candidates are one substitution away: difflib scores them alike and returns the larger one.
    names = ["UPLOAD_CLEAN_CRONA", "UPLOAD_CLEAN_CRONB", "S3_ENDPOINT"]
    for possibilities in (names, names[::-1]):
        assert close_match("UPLOAD_CLEAN_CRONX", possibilities) == difflib_answer("UPLOAD_CLEAN_CRONX", possibilities)
        assert close_match("UPLOAD_CLEAN_CRONX", possibilities) == "UPLOAD_CLEAN_CRONB"


def test_a_ratio_of_exactly_the_cutoff_passes() -> None:
    # 2 * 17 / 40 = 0.85 exactly: difflib accepts it, so the prefilter must keep it.
    word, candidate = "A" * 17 + "BBB", "A" * 17 + "CCC"
    assert difflib.SequenceMatcher(None, candidate, word).ratio() == 0.85
    assert close_match(word, [candidate]) == difflib_answer(word, [candidate]) == candidate


def test_the_highest_bound_is_not_always_difflibs_choice() -> None:
    # The first candidate shares more characters in order (Indel 92.3), but difflib's heuristic matches
    # less of it (0.872) than of the second (Indel and difflib 0.919): the search must not stop at the first.
    word, first, second = "B_BCAAA_D_A_BCBACA_", "B_BCAAA_D_A_BCCACBA_", "B_BCAAA_D_ABCBACAB"
    assert fuzz.ratio(word, first) > fuzz.ratio(word, second)
    for possibilities in ([first, second], [second, first]):
        assert close_match(word, possibilities) == difflib_answer(word, possibilities) == second


# A small alphabet makes repeats, where difflib's heuristic finds fewer matches than the LCS.
_NAME_TEXT = st.one_of(
    st.text(alphabet=st.sampled_from(_CHARS + "abcz.-é\udcff"), max_size=30),
    st.text(alphabet=st.sampled_from("AB_C"), min_size=6, max_size=24),
)


@settings(max_examples=400, deadline=None)
@given(word=_NAME_TEXT, others=st.lists(_NAME_TEXT, max_size=6), pick=st.sampled_from(SETTINGS))
def test_same_answer_as_difflib_on_any_names(word: str, others: list[str], pick: str) -> None:
    possibilities = [pick, *others, *(word[:-1] + c for c in "AB_"), *SETTINGS[:20]]
    assert close_match(word, possibilities) == difflib_answer(word, possibilities)


@settings(max_examples=400, deadline=None)
@given(a=_NAME_TEXT, b=_NAME_TEXT)
def test_difflib_ratio_never_exceeds_the_indel_similarity(a: str, b: str) -> None:
    # The bound the prefilter rests on (see close_match): SequenceMatcher.ratio <= fuzz.ratio / 100.
    assert difflib.SequenceMatcher(None, a, b).ratio() <= fuzz.ratio(a, b, processor=None) / 100 + 1e-12


def test_the_memos_are_bounded_and_change_no_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(binding, "MEMO_LIMIT", 8)
    monkeypatch.setattr(binding, "NOTHING_LIMIT", 8)
    model = Model.load("5.11", "s3")
    fresh = Model.load("5.11", "s3")
    names = [f"UNKNOWN_NAME_{i}" for i in range(40)] + ["S3_ACCESS_KEY", "s3_endpoint", "LOGGING_LEVEL_ROOT"]
    for _ in range(2):
        for name in names:
            expected = fresh._resolve(name)
            assert model.binding(name) == (expected if expected.binds else None)
            assert model.resolve(name) == expected
            assert model.setting(name) is fresh._setting(name)
    assert len(model._memo) <= 8 and len(model._setting_memo) <= 8 and len(model._binds_nothing) <= 8


def test_difflib_ratio_is_sequence_matchers_on_random_and_repetitive_strings() -> None:
    rng = random.Random(200)
    for _ in range(20000):
        alphabet = rng.choice(["AB", "AB_C", _CHARS, "ab\udcffé_"])
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        b = a
        for _ in range(rng.randint(0, 3)):
            b = one_edit(rng, b) if b else rng.choice(alphabet)
        if rng.random() < 0.3:
            b = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert difflib_ratio(a, b) == difflib.SequenceMatcher(None, a, b).ratio(), (a, b)


def test_longest_block_is_find_longest_match_on_any_ranges() -> None:
    # The block itself, not only the ratio it adds up to: the same (i, j, k) as difflib on sub-ranges.
    rng = random.Random(201)
    for _ in range(20000):
        alphabet = rng.choice(["AB", "AB_C", _CHARS])
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        b = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24))) if rng.random() < 0.5 else one_edit(rng, a or "A")
        alo, blo = rng.randint(0, len(a)), rng.randint(0, len(b))
        ahi, bhi = rng.randint(alo, len(a)), rng.randint(blo, len(b))
        expected = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(alo, ahi, blo, bhi)
        i, j, k = binding._longest_block(a, alo, ahi, b, blo, bhi)
        assert k == expected.size and (not k or (i, j) == (expected.a, expected.b)), (a, b, alo, ahi, blo, bhi)


@settings(max_examples=400, deadline=None)
@given(a=_NAME_TEXT, b=_NAME_TEXT)
def test_difflib_ratio_on_any_names(a: str, b: str) -> None:
    assert difflib_ratio(a, b) == difflib.SequenceMatcher(None, a, b).ratio()


def test_difflib_ratio_leaves_long_strings_to_difflib() -> None:
    # From 200 characters on, autojunk treats frequent characters as junk: difflib's own answer.
    a, b = "A_" * 120, "A_" * 110 + "B_" * 10
    assert difflib_ratio(a, b) == difflib.SequenceMatcher(None, a, b).ratio()


@pytest.mark.parametrize("name", ["S3_ENDPOINT", "s3_endpoint", "S3_Endpoint", "S3_ACCESS_KEY", "LOGGING_LEVEL_BIO_OVERTURE",
                                  "S3_SIGV4_ENABLED", "NOT_A_SETTING", "s3.endpoint"])
@pytest.mark.parametrize("line", ["5.10", "5.11", "develop"])
def test_binding_remembers_what_resolve_answers(name: str, line: str) -> None:
    # Model.binding keeps the resolution of a name the catalogue lists in the memo resolve() reads: the
    # answers must be those of a model that never asked binding first.
    asked_first = Model.load(line, "s3")
    fresh = Model.load(line, "s3")
    bound = asked_first.binding(name)
    assert asked_first.resolve(name) == fresh.resolve(name)
    assert bound == (fresh.resolve(name) if fresh.resolve(name).binds else None)
    assert asked_first.binding(name.lower()) == (fresh.resolve(name.lower()) if fresh.resolve(name.lower()).binds else None)


def _patterns_only(model: Model) -> Model:
    """``model`` with the family-start shortcut switched off: every name goes to the patterns."""
    plain = Model(model.catalogue, model.provider)
    plain._family_starts = ("",) * len(plain.patterns)
    plain._unbound_starts = ("",) * len(plain.unbound_patterns)
    return plain


_FAMILY_TEXT = st.sampled_from(["LOGGING_LEVEL_", "logging_level_", "LOGGİNG_LEVEL_", "loggıng_level_", "ENDPOINTS_",
                                "endpoınts_", "_ENABLED", "_enabled", "BIO_OVERTURE", "ROOT", "ſ", "K", "ß", "_", "x"])


@settings(max_examples=300, deadline=None)
@given(name=st.lists(_FAMILY_TEXT, min_size=1, max_size=4).map("".join), line=st.sampled_from(LINES))
def test_the_family_start_shortcut_changes_no_answer(name: str, line: str) -> None:
    # A name that misses the dictionaries goes to the family patterns only when it starts as a family
    # does; the patterns match case-blind, so a name with non-ASCII letters always goes to them.
    for provider in PROVIDERS:
        model, plain = Model.load(line, provider), _patterns_only(Model.load(line, provider))
        assert model.binding(name) == plain.binding(name)
        assert model.setting(name) == plain.setting(name)
        assert model.resolve(name) == plain.resolve(name)


_REAL_NAMES = sorted({name for model in MODELS for names in (model.settings, model.aliases, model.unbound) for name in names})


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(_REAL_NAMES).flatmap(lambda n: st.sampled_from([n, n.lower(), n.title(), n + "_X",
                                                                             "LOGGING_LEVEL_" + n, n.replace("_", "")]))
       | st.lists(_FAMILY_TEXT, min_size=1, max_size=3).map("".join))
def test_only_a_setting_or_alias_has_a_bound_setting(name: str) -> None:
    # resolve_here (lint/rules/_common.py) asks the other models only for such names: the others have none.
    for model in MODELS:
        if model.bound_setting(name) is not None:
            assert name.upper() in model.settings or name.upper() in model.aliases
