from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablewatch.lib import creditcode

# Published real-world examples of the format (with their check characters).
KNOWN_VALID = ["91350100M000100Y43", "91110000600037341L", "91440300708461136T"]

first17 = st.builds(
    lambda a, k, d, o: f"{a}{k}{d}{o}",
    st.sampled_from("159Y"),
    st.sampled_from("123"),
    st.from_regex(r"\A[1-6][0-9]{5}\Z"),
    st.text(alphabet=creditcode.ALPHABET, min_size=9, max_size=9),
)


@pytest.mark.parametrize("code", KNOWN_VALID)
def test_it_accepts_published_codes(code: str) -> None:
    assert creditcode.validate(code) == code


def test_it_normalises_lower_case_spaces_and_full_width() -> None:
    assert creditcode.validate(" 91350100m000100y43 ") == "91350100M000100Y43"
    assert creditcode.validate("９１３５０１００Ｍ０００１００Ｙ４３") == "91350100M000100Y43"


def test_it_rejects_a_wrong_check_character_and_names_the_right_one() -> None:
    with pytest.raises(creditcode.CreditCodeError) as exc:
        creditcode.validate("91350100M000100Y44")
    assert exc.value.code == "check_digit"
    assert exc.value.message.endswith("3")


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("9135010", "length"),
        ("91350100M000100Y4I", "character"),
        ("9135O100M000100Y43", "character"),
        ("91ABCDEFM000100Y43", "division"),
    ],
)
def test_it_rejects_malformed_codes_with_the_reason(code: str, reason: str) -> None:
    with pytest.raises(creditcode.CreditCodeError) as exc:
        creditcode.validate(code)
    assert exc.value.code == reason


@given(first17)
def test_a_made_code_always_validates(prefix: str) -> None:
    assert creditcode.is_valid(prefix + creditcode.check_character(prefix))


@given(first17, st.integers(min_value=0, max_value=16), st.sampled_from(creditcode.ALPHABET))
def test_changing_any_one_character_is_detected(prefix: str, pos: int, ch: str) -> None:
    code = prefix + creditcode.check_character(prefix)
    if code[pos] == ch:
        return
    altered = code[:pos] + ch + code[pos + 1 :]
    # 31 is prime and every weight is non-zero modulo 31, so any single change shows.
    assert not creditcode.is_valid(altered)


def test_the_messages_name_what_is_wrong_exactly() -> None:
    """Known answers for every refusal: the reasons are shown beside the field."""
    cases = {
        "91610000": ("length", "must be 18 characters, got 8"),
        "9161O000MA6TG1234X": (
            "character",
            "character 5 (O) is not allowed (I, O, S, V and Z are never used)",
        ),
        "91A10000MA6TG12340": ("division", "characters 3-8 must be the six-digit division code"),
        "91610A00MA6TG12340": ("division", "characters 3-8 must be the six-digit division code"),
    }
    for raw, (code, message) in cases.items():
        with pytest.raises(creditcode.CreditCodeError) as caught:
            creditcode.validate(raw)
        assert (caught.value.code, caught.value.message, str(caught.value)) == (
            code,
            message,
            message,
        )


def test_full_width_at_both_ends_of_the_range_and_inner_spaces() -> None:
    good = creditcode.make("9", "1", "610000", "MA6TG1234")
    # U+FF01 (！) and U+FF5E (～) are the first and last full-width forms converted.
    assert creditcode.normalise("！～") == "!~"
    assert creditcode.normalise(f" {good[:9]} {good[9:]} ") == good
    full = "".join(chr(ord(c) + 0xFEE0) for c in good)
    assert creditcode.validate(full) == good


def test_check_character_known_answers() -> None:
    assert creditcode.check_character("91350100M000100Y4") == "3"
    with pytest.raises(ValueError):
        creditcode.check_character("9135010")  # fewer than 17: zip(strict=True) refuses


def test_make_builds_the_published_code_from_its_parts() -> None:
    assert creditcode.make("9", "1", "350100", "M000100Y4") == "91350100M000100Y43"
    with pytest.raises(creditcode.CreditCodeError) as short:
        creditcode.make("9", "1", "3501", "M000100Y4")
    assert (short.value.code, short.value.message) == (
        "length",
        "parts must add up to 17 characters",
    )
    with pytest.raises(creditcode.CreditCodeError) as bad:
        creditcode.make("9", "1", "350100", "M0001O0Y4")
    assert (bad.value.code, bad.value.message) == ("character", "character O is not allowed")
