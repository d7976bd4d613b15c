from __future__ import annotations

from models.common.masking import mask_id, mask_name, mask_phone


def test_names() -> None:
    assert mask_name("张三明") == "张*明"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧**娜"
    assert mask_name(" 李 ") == "李"


def test_ids_and_phones() -> None:
    assert mask_id("330102199001011234") == "330102********1234"
    assert mask_id("33010219900101123X") == "330102********123X"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("0571-88123456") == "0571-****3456"


def test_short_phones_keep_at_least_three_digits_hidden() -> None:
    """A thousand completions at least: the old rule showed a 7-digit local number whole and
    hid one digit of an 8-digit one."""
    assert mask_phone("8812345") == "***2345"
    assert mask_phone("88123456") == "8***3456"
    assert mask_phone("0571-8812345") == "0571-***2345"
    assert mask_phone("1234") == "***4"
    assert mask_phone("138-1234-5678") == "138-****-5678"


def test_what_a_masked_output_leaves_out() -> None:
    from models.common.masking import (
        AGE,
        AGE_BAND,
        BIRTH_DATE,
        BIRTH_YEAR,
        FREE_TEXT,
        ID_NUMBER,
        NAME,
        OTHER,
        PHONE,
        ROOM,
        mask_value,
        shown_columns,
        withheld,
    )

    # Beside a 6+4 ID: no birth date, year, age or age band.
    assert withheld([NAME, ID_NUMBER, BIRTH_DATE, AGE, AGE_BAND, BIRTH_YEAR]) == {
        BIRTH_DATE, AGE, AGE_BAND, BIRTH_YEAR}
    # Without an ID the age stays and the birth date shows its year only.
    assert withheld([NAME, AGE, BIRTH_DATE, PHONE]) == set()
    assert mask_value(BIRTH_DATE, "1949-10-01") == "1949"
    assert withheld([NAME, ROOM, FREE_TEXT, OTHER]) == {ROOM, FREE_TEXT}
    assert shown_columns([NAME, OTHER, BIRTH_DATE, ID_NUMBER, PHONE, ROOM]) == [0, 1, 3, 4]


def test_health_tags_stay_off_masked_outputs() -> None:
    from models.common.masking import TAGS, mask_value

    assert mask_value(TAGS, "党员、孕妇、低保户、残疾人") == "党员、低保户"
    assert mask_value(TAGS, "残疾人") == ""
