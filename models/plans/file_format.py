"""The plan file: one plan with every part and its outline, as offices pass plans around.

A UTF-8 JSON object {"format": "社区活动助手方案", "version": 1, "plan": {...}}; "plan" is the JSON
form of models.plans.json_form (dates as ISO strings, parts as lists of objects) without the id,
which belongs to a data file. A bare plan object (the JSON form as written before the file had a
version) is read too. A file of a newer version is refused rather than half read.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from models.plans.json_form import PlanFormatError, record_from_dict, record_to_dict
from models.plans.records import PlanRecord

FORMAT = "社区活动助手方案"
VERSION = 1
MAX_BYTES = 5 * 1024 * 1024  # a plan is some kilobytes; anything this big is not one


def plan_file_text(rec: PlanRecord) -> str:
    """The file's text for rec (ends with a newline)."""
    plan = record_to_dict(rec)
    plan.pop("id", None)
    data = {"format": FORMAT, "version": VERSION, "plan": plan}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def read_plan_file(path: Path | str) -> PlanRecord:
    """The plan in the file at path, unsaved (id None). PlanFormatError says what is wrong."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise PlanFormatError(f"文件“{path.name}”太大（{size // 1024} KB），不是方案文件。")
        raw = path.read_bytes()
    except OSError as exc:
        raise PlanFormatError(f"无法读取文件“{path.name}”：{exc.strerror or exc}。") from None
    try:
        data: Any = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise PlanFormatError(
            f"文件“{path.name}”不是方案文件（应为 UTF-8 编码的 JSON）。") from None
    return plan_from_data(data)


def plan_from_data(data: Any) -> PlanRecord:
    if not isinstance(data, dict):
        raise PlanFormatError("方案文件格式有误：应为一个对象。")
    if "format" in data:
        if data.get("format") != FORMAT:
            raise PlanFormatError("这不是社区活动助手的方案文件。")
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise PlanFormatError("方案文件格式有误：版本号无效。")
        if version > VERSION:
            raise PlanFormatError(
                f"方案文件由更新版本的本软件写入（文件版本 {version}，本程序支持到 {VERSION}），"
                "请升级本软件后再导入。")
        unknown = [k for k in data if k not in ("format", "version", "plan")]
        if unknown:
            raise PlanFormatError(f"方案文件中有无法识别的项：{'、'.join(map(str, unknown))}。")
        data = data.get("plan")
        if not isinstance(data, dict):
            raise PlanFormatError("方案文件格式有误：缺少方案内容（plan）。")
    rec = record_from_dict({k: v for k, v in data.items() if k != "id"})
    rec.id = None
    return rec
