"""Rubrics (评查标准) from resources/rubrics/*.yaml: sections with caps, items, veto items, grade table.

Item shapes (key ``deduct``; omitted = the item's whole points):
``{each: 1}`` 每处扣1分 (× Finding.count, up to the item's points) · ``{range: [0.5, 2], default: 1}``
reviewer picks within the range (automatic value: ``default``, else the low end) · ``{fixed: 2}``.
Veto items (``vetoes:``) carry no points: one triggered makes the file 不合格.
Each item and veto may carry ``basis`` (the article it rests on). The grade table (``grades``) is part
of every rubric file: ``[[名称, 最低分], …]`` from the highest; two rows plus ``fail_grade`` make the
three-grade table (优秀/合格/不合格) several provinces use, three rows the four-grade one.
``status`` says what the standard is (示范 = a model standard, not an official one) and ``sources``
where its items come from.
A rubric's ``version`` is the short sha256 of its file bytes.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scoring.grades import DEFAULT_TABLE, FAIL
from scoring.resources import resource
from scoring.rules import known_rule


class RubricError(ValueError):
    """A rubric file is malformed or unknown; the message names the file, line and problem (Chinese)."""


@dataclass(frozen=True, slots=True)
class RubricItem:
    id: str
    title: str
    points: float
    rules: tuple[str, ...] = ()
    per_occurrence: float | None = None
    range: tuple[float, float] | None = None
    default: float | None = None
    fixed: float | None = None
    veto: bool = False
    section: str = ""
    basis: str = ""  # the article the item rests on

    def auto_deduction(self, occurrences: int) -> float:
        """Points deducted automatically when a rule of this item fails `occurrences` times."""
        if self.veto:
            return 0.0
        if self.per_occurrence is not None:
            return min(self.points, self.per_occurrence * max(1, occurrences))
        if self.range is not None:
            return self.default if self.default is not None else self.range[0]
        if self.fixed is not None:
            return self.fixed
        return self.points


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    cap: float | None = None


@dataclass(frozen=True, slots=True)
class Rubric:
    id: str
    title: str
    version: str
    case_kinds: tuple[str, ...]
    items: tuple[RubricItem, ...]
    sections: tuple[Section, ...] = ()
    grades: tuple[tuple[str, float], ...] = DEFAULT_TABLE
    fail_grade: str = FAIL
    max: float = 100.0
    floor: float = 0.0
    veto_zero: bool = True  # a veto sets the total to 0 (else only the grade becomes 不合格)
    status: str = ""  # 示范 (a model standard) or the name of the official standard it reproduces
    sources: tuple[str, ...] = ()
    basis: str = ""  # what the standard itself rests on (e.g. 行政执法监督条例 第十八条)
    path: str = field(default="", compare=False)

    def item(self, item_id: str) -> RubricItem | None:
        return next((i for i in self.items if i.id == item_id), None)


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that records each mapping's 1-based line under the key ``__line__``."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        mapping["__lines__"] = {
            k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)
        }
        return mapping


class _Reader:
    """Typed access to one YAML mapping, raising RubricError with file and line."""

    def __init__(self, path: str, data: Any, line: int) -> None:
        self.path = path
        if not isinstance(data, dict):
            raise self.error("此处应为映射（键: 值）", line)
        self.data = data
        self.line = int(data.get("__line__", line))

    def error(self, problem: str, line: int | None = None) -> RubricError:
        return RubricError(f"评查标准文件 {self.path} 第 {line or self.line} 行：{problem}")

    def line_of(self, key: str) -> int:
        lines = self.data.get("__lines__", {})
        return int(lines.get(key, self.line))

    def get(self, key: str, kind: type | tuple[type, ...], *, default: Any = ...) -> Any:
        if key not in self.data:
            if default is ...:
                raise self.error(f"缺少必填项 “{key}”")
            return default
        value = self.data[key]
        wrong_bool = isinstance(value, bool) and kind is not bool
        if wrong_bool or not isinstance(value, kind):
            raise self.error(f"“{key}” 的值 {value!r} 类型不对", self.line_of(key))
        return value

    def number(self, key: str, *, default: Any = ...) -> Any:
        value = self.get(key, (int, float), default=default)
        return float(value) if isinstance(value, int | float) else value

    def child(self, value: Any) -> _Reader:
        return _Reader(self.path, value, self.line)


def _rules(r: _Reader) -> tuple[str, ...]:
    rules = r.get("rules", list, default=[])
    for rule_id in rules:
        if not isinstance(rule_id, str) or not known_rule(rule_id):
            raise r.error(f"未知的检查规则 “{rule_id}”", r.line_of("rules"))
    return tuple(rules)


def _item(r: _Reader, section: str) -> RubricItem:
    item_id = str(r.get("id", str))
    points = r.number("points")
    if points <= 0:
        raise r.error(f"评查项 {item_id} 的分值须大于 0", r.line_of("points"))
    deduct = r.get("deduct", dict, default=None)
    kw: dict[str, Any] = {}
    if deduct is not None:
        d = r.child(deduct)
        if "each" in deduct:
            kw["per_occurrence"] = d.number("each")
            if not 0 < kw["per_occurrence"] <= points:
                raise d.error(f"评查项 {item_id} 的每处扣分须在 0 与分值 {points:g} 之间")
        elif "range" in deduct:
            low_high = d.get("range", list)
            if len(low_high) != 2 or not all(isinstance(v, int | float) for v in low_high):
                raise d.error(f"评查项 {item_id} 的 range 须为 [最低, 最高] 两个数")
            low, high = float(low_high[0]), float(low_high[1])
            if not 0 <= low <= high <= points:
                raise d.error(f"评查项 {item_id} 的扣分幅度 {low:g}–{high:g} 须在 0 与分值 {points:g} 之间")
            kw["range"] = (low, high)
            default = d.number("default", default=None)
            if default is not None and not low <= default <= high:
                raise d.error(f"评查项 {item_id} 的默认扣分 {default:g} 不在幅度 {low:g}–{high:g} 内")
            kw["default"] = default
        elif "fixed" in deduct:
            kw["fixed"] = d.number("fixed")
            if not 0 < kw["fixed"] <= points:
                raise d.error(f"评查项 {item_id} 的扣分须在 0 与分值 {points:g} 之间")
        else:
            raise d.error(f"评查项 {item_id} 的 deduct 须为 each、range 或 fixed 之一")
    basis = str(r.get("basis", str, default=""))
    return RubricItem(item_id, str(r.get("title", str)), points, _rules(r), section=section, basis=basis, **kw)


def _veto(r: _Reader) -> RubricItem:
    return RubricItem(str(r.get("id", str)), str(r.get("title", str)), 0.0, _rules(r), veto=True, section="veto",
                      basis=str(r.get("basis", str, default="")))


def _grades(r: _Reader) -> tuple[tuple[str, float], ...]:
    raw = r.get("grades", list)
    if not raw:
        raise r.error("等次表 grades 不能为空（至少一个及格等次，如 [[合格, 60]]）", r.line_of("grades"))
    out: list[tuple[str, float]] = []
    for entry in raw:
        if not (isinstance(entry, list) and len(entry) == 2 and isinstance(entry[1], int | float)):
            raise r.error(f"等次表每项须为 [名称, 最低分]，而不是 {entry!r}")
        out.append((str(entry[0]), float(entry[1])))
    if [g[1] for g in out] != sorted((g[1] for g in out), reverse=True):
        raise r.error("等次表须按最低分从高到低排列")
    return tuple(out)


def parse_rubric(text: bytes, *, path: str) -> Rubric:
    """Parse and validate one rubric file's bytes; RubricError names the file and line."""
    try:
        data = yaml.load(text.decode("utf-8"), Loader=_LineLoader)  # a SafeLoader subclass
    except UnicodeDecodeError as exc:
        raise RubricError(f"评查标准文件 {path}：不是 UTF-8 编码的文本") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"第 {mark.line + 1} 行：" if mark is not None else ""
        raise RubricError(f"评查标准文件 {path} {line}YAML 格式错误（{getattr(exc, 'problem', exc)}）") from exc
    top = _Reader(path, data, 1)
    sections: list[Section] = []
    items: list[RubricItem] = []
    for raw in top.get("sections", list):
        s = top.child(raw)
        sid = str(s.get("id", str))
        section_items = [_item(s.child(i), sid) for i in s.get("items", list)]
        points = sum(i.points for i in section_items)
        cap = s.number("cap", default=points)
        if cap > points:
            raise s.error(f"分部 {sid} 的上限 {cap:g} 大于其各项分值之和 {points:g}")
        sections.append(Section(sid, str(s.get("title", str)), cap))
        items += section_items
    items += [_veto(top.child(v)) for v in top.get("vetoes", list, default=[])]
    _check_unique(top, items)
    maximum = top.number("max", default=100.0)
    total = sum(s.cap or 0.0 for s in sections)
    if abs(total - maximum) > 1e-6:
        raise top.error(f"各分部分值合计 {total:g} 与总分 {maximum:g} 不符")
    version = hashlib.sha256(text).hexdigest()[:12]
    return Rubric(
        id=str(top.get("id", str)), title=str(top.get("title", str)), version=version,
        case_kinds=tuple(str(k) for k in top.get("case_kinds", list)), items=tuple(items),
        sections=tuple(sections), grades=_grades(top), fail_grade=str(top.get("fail_grade", str, default=FAIL)),
        max=maximum, floor=top.number("floor", default=0.0), veto_zero=bool(top.get("veto_zero", bool, default=True)),
        status=str(top.get("status", str, default="")),
        sources=tuple(str(x) for x in top.get("sources", list, default=[])),
        basis=str(top.get("basis", str, default="")), path=path,
    )


def _check_unique(top: _Reader, items: list[RubricItem]) -> None:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise top.error(f"评查项编号 {item.id} 重复")
        seen.add(item.id)


def load_rubric(id_or_path: str | Path) -> Rubric:
    """A shipped rubric by id (e.g. "penalty") or any rubric file by path."""
    path = Path(id_or_path)
    if path.suffix in (".yaml", ".yml") or path.exists():
        try:
            return parse_rubric(path.read_bytes(), path=str(path))
        except OSError as exc:
            raise RubricError(f"评查标准文件 {path} 无法读取：{exc.strerror or exc}") from exc
    shipped = {r.id: r for r in list_rubrics()}
    if str(id_or_path) not in shipped:
        raise RubricError(f"未找到评查标准 “{id_or_path}”；可用：{'、'.join(sorted(shipped))}")
    return shipped[str(id_or_path)]


@functools.cache
def _shipped() -> tuple[Rubric, ...]:
    folder = resource("rubrics")
    out = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            out.append(parse_rubric(entry.read_bytes(), path=f"resources/rubrics/{entry.name}"))
    return tuple(out)


def list_rubrics() -> list[Rubric]:
    return list(_shipped())


def rubric_for_kind(case_kind: str) -> Rubric:
    """The shipped rubric for a case kind; the 行政处罚 rubric for "other" or an unknown kind."""
    rubrics = list_rubrics()
    for r in rubrics:
        if case_kind in r.case_kinds:
            return r
    return load_rubric("penalty")
