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
