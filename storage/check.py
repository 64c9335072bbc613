"""``taizhang check``: every file parses, every record validates, ids are unique,
references resolve, and the journal, the register files and the index agree."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storage import catalogue
from storage.i18n import HANT, Text
from storage.messages import StoreError, ValidationFailed

T = Text


@dataclass
class Finding:
    text: Text
    params: dict[str, Any]

    def message(self, lang: str = HANT) -> str:
        return self.text(lang, **{k: v(lang) if isinstance(v, Text) else v for k, v in self.params.items()})


@dataclass
class Report:
    files: int = 0
    records: int = 0
    problems: list[Finding] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)  # worth saying, not wrong

    def add(self, text: Text, **params: Any) -> None:
        self.problems.append(Finding(text, params))


FILE_BAD = T("{path}:{detail}", "{path}:{detail}", "{path}: {detail}")
RECORD_BAD = T(
    "{title}「{name}」({id}):{detail}",
    "{title}「{name}」({id}):{detail}",
    "{title} '{name}' ({id}): {detail}",
)
DUPLICATE_ID = T(
    "編號 {id} 出現了 {count} 次({where})。",
    "编号 {id} 出现了 {count} 次({where})。",
    "The id {id} occurs {count} times ({where}).",
)
DANGLING = T(
    "{title}「{name}」({id})的「{label}」指向不存在或已刪除的記錄 {target}。",
    "{title}「{name}」({id})的「{label}」指向不存在或已删除的记录 {target}。",
    "{title} '{name}' ({id}): '{label}' points to {target}, which is missing or deleted.",
)
SAME_VALUE = T(
    "{title}「{name}」({id})與「{other}」({other_id})的「{label}」相同({value}):同一人登記了兩次?"
    "多半是兩個副本各自登記了同一人。請核對後刪去一條,或改正號碼。",
    "{title}「{name}」({id})与「{other}」({other_id})的「{label}」相同({value}):同一人登记了两次?"
    "多半是两个副本各自登记了同一人。请核对后删去一条,或改正号码。",
    "{title} '{name}' ({id}) and '{other}' ({other_id}) have the same {label} ({value}): one person entered "
    "twice, most likely on two copies each. Check them, then delete one or correct the number.",
)
INDEX_BEHIND = T(
    "搜索索引落後於變更日誌;下次保存時會自動重建。",
    "搜索索引落后于变更日志;下次保存时会自动重建。",
    "The search index is behind the change log; it is rebuilt at the next save.",
)


def check_home(home: Path) -> Report:
    from storage.journal import Journal
    from storage.records import fields_of, validate
    from storage.register_files import read_table
    from storage.store import JOURNAL_FILE, REGISTERS_DIR, Store, _reference_paths, _values_at
    from storage import index
    from storage.fields import mask_id_number

    report = Report()
    try:
        store = Store.open(home, readonly=True)
    except StoreError as error:
        report.add(FILE_BAD, path=str(home), detail=error.message())
        return report
    report.files += 1  # settings.toml

    # The register files, read raw: a TinyDB table may hold the same id twice.
    seen: dict[str, list[str]] = {}
    for reg in catalogue.registers():
        path = home / REGISTERS_DIR / f"{reg.slug}.json"
        if not path.exists():
            continue
        report.files += 1
        try:
            rows = read_table(path, reg.slug)
        except StoreError as error:
            report.add(FILE_BAD, path=str(path), detail=error.message())
            continue
        for row in rows:
            if not isinstance(row, dict) or "id" not in row:
                report.add(FILE_BAD, path=str(path), detail=json.dumps(row, ensure_ascii=False)[:80])
                continue
            seen.setdefault(row["id"], []).append(reg.slug)
    try:
        Journal(home / JOURNAL_FILE).read(0)
        report.files += 1
    except StoreError as error:
        report.add(FILE_BAD, path=str(home / JOURNAL_FILE), detail=error.message())

    for rid, where in seen.items():
        if len(where) > 1:
            report.add(DUPLICATE_ID, id=rid, count=len(where), where="、".join(where))

    for reg in catalogue.registers():
        table = store.table(reg.slug)
        paths = _reference_paths(reg.model)
        for rid, record in table.items():
            if record.get("_d"):
                continue
            report.records += 1
            name = store.name_of(reg.slug, record)
            try:
                validate(reg, fields_of(record))
            except ValidationFailed as failure:
                for text in failure.messages():
                    report.add(RECORD_BAD, title=reg.title, name=name, id=rid[:8], detail=text)
            for path, target in paths:
                live = store.table(target)
                for value in _values_at(record, path):
                    if value not in live or live[value].get("_d"):
                        report.add(DANGLING, title=reg.title, name=name, id=rid[:8],
                                   label=reg.fields[path[0]].label if path[0] in reg.fields else path[0],
                                   target=value[:8])
        # Unique within a copy, but two copies may each enter the same person: a merge keeps
        # both (refusing would block an honest bundle for good) and this names them.
        for unique in reg.unique:
            holders: dict[Any, str] = {}
            for rid, record in table.items():
                value = record.get(unique)
                if record.get("_d") or value is None or not isinstance(value, (str, int)):
                    continue
                if value in holders:
                    other = table[holders[value]]
                    shown = mask_id_number(value) if reg.fields[unique].kind == "id_number" else str(value)
                    report.add(SAME_VALUE, title=reg.title, name=store.name_of(reg.slug, record), id=rid[:8],
                               other=store.name_of(reg.slug, other), other_id=holders[value][:8],
                               label=reg.fields[unique].label, value=shown)
                else:
                    holders[value] = rid
    if index.last_seq(home) < store._seq:
        report.notes.append(Finding(INDEX_BEHIND, {}))
    return report
