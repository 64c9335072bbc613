"""``taizhang check``: every file parses, every record validates, ids are unique,
references resolve, and the journal, the register files and the index agree."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storage import catalogue
from storage.i18n import HANT, LANGUAGES, Text
from storage.messages import Notice, StoreError, ValidationFailed

T = Text


@dataclass
class Finding:
    text: Text
    params: dict[str, Any]

    def message(self, lang: str = HANT) -> str:
        """The finding in ``lang`` (a reason inside it in ``lang`` too), what a record holds
        shown on one line with its control characters escaped (\\x1b)."""
        from storage.text import visible

        params = {k: visible(v, lines=False) if isinstance(v, str) else v for k, v in self.params.items()}
        return Notice(self.text, **params).message(lang)


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
NO_BRANCH = T(
    "{title}:{name}({id})不屬於任何支部:沒有哪個支部的名單和目標會算上他。請在「所屬支部」填上。",
    "{title}:{name}({id})不属于任何支部:没有哪个支部的名单和目标会算上他。请在“所属支部”填上。",
    "{title}: {name} ({id}) belongs to no branch, so no branch's list or targets count them. Fill "
    "in the branch.",
)
DANGLING = T(
    "{title}「{name}」({id})的「{label}」指向不存在或已刪除的記錄 {target}。",
    "{title}「{name}」({id})的「{label}」指向不存在或已删除的记录 {target}。",
    "{title} '{name}' ({id}): '{label}' points to {target}, which is missing or deleted.",
)
JOURNAL_TEXT = T(
    "變更日誌第 {seq} 行({title} {id} 的「{label}」)含有控制字符 {char};它已不在任何記錄中,只留在修改歷史裡。",
    "变更日志第 {seq} 行({title} {id} 的「{label}」)含有控制字符 {char};它已不在任何记录中,只留在修改历史里。",
    "Line {seq} of the change log ('{label}' of {title} {id}) holds the control character {char}; "
    "no record holds it any more, only the history does.",
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


JOURNAL_DAMAGED_MORE = T(
    "變更日誌還有 {count} 行也已損壞(未逐一列出)。",
    "变更日志还有 {count} 行也已损坏(未逐一列出)。",
    "{count} more lines of the change log are damaged too (not listed).",
)
TORN_TAIL = T(
    "變更日誌 {path} 的最後一行(第 {line} 行,{bytes} 字節)沒有寫完:是一次中斷、從未報告為已保存的寫入,"
    "讀取時不計,下次保存時去掉。",
    "变更日志 {path} 的最后一行(第 {line} 行,{bytes} 字节)没有写完:是一次中断、从未报告为已保存的写入,"
    "读取时不计,下次保存时去掉。",
    "The last line of the change log {path} (line {line}, {bytes} bytes) was never finished: a "
    "write interrupted, never reported saved. It is not read, and is dropped at the next save.",
)
PENDING_KEPT = T(
    "變更日誌第 {line} 行起有一筆多行寫入({bytes} 字節),寫入的程序沒有確認就停了;它完整無缺,下次保存時確認保留。",
    "变更日志第 {line} 行起有一笔多行写入({bytes} 字节),写入的程序没有确认就停了;它完整无缺,下次保存时确认保留。",
    "From line {line}, the change log holds a many-line write ({bytes} bytes) whose program stopped "
    "before confirming it; it is whole, and is kept at the next save.",
)
PENDING_DROPPED = T(
    "變更日誌第 {line} 行起有一筆沒有寫完的多行寫入({bytes} 字節):從未報告為已保存,讀取時不計,下次保存時去掉。",
    "变更日志第 {line} 行起有一笔没有写完的多行写入({bytes} 字节):从未报告为已保存,读取时不计,下次保存时去掉。",
    "From line {line}, the change log holds a many-line write that never finished ({bytes} bytes): "
    "never reported saved, it is not read, and is dropped at the next save.",
)
NOTE_BAD = T(
    "提交記錄 {note} 與變更日誌對不上({reason}):不予理會,下次保存時移到一旁,不會去掉任何記錄。",
    "提交记录 {note} 与变更日志对不上({reason}):不予理会,下次保存时移到一旁,不会去掉任何记录。",
    "The commit note {note} does not describe the change log ({reason}): it is ignored, and set "
    "aside at the next save; no line is cut.",
)
NOTE_SET_ASIDE = T(
    "{name}:一份對不上的提交記錄,已移到一旁、沒有用過;看過後可以刪去。",
    "{name}:一份对不上的提交记录,已移到一旁、没有用过;看过后可以删去。",
    "{name}: a commit note that did not describe the change log, set aside unused; delete it once seen.",
)
LISTED = 10  # damaged lines named one by one


def check_home(home: Path) -> Report:
    from storage import index
    from storage.fields import mask_id_number
    from storage.journal import TORN_MIDDLE, Journal
    from storage.records import fields_of, validate
    from storage.register_files import read_table
    from storage.settings import SETTINGS_FILE
    from storage.state import read_state
    from storage.store import JOURNAL_FILE, REGISTERS_DIR, Store
    from storage.store_references import reference_paths, values_at

    report = Report()
    journal = Journal(home / JOURNAL_FILE)
    survey = None
    if (home / SETTINGS_FILE).exists():
        state = read_state(home)
        try:
            saved, saved_seq = int(state.get("journal_offset", 0)), int(state.get("seq", 0))
        except (TypeError, ValueError):
            saved, saved_seq = 0, 0
        if saved > journal.size():
            saved, saved_seq = 0, 0
        survey = journal.survey(saved=saved, saved_seq=max(saved_seq, index.last_seq(home)), until=saved)
        for line, offset, _ in survey.damaged[:LISTED]:
            report.add(TORN_MIDDLE, path=str(journal.path), line=line, offset=offset)
        if len(survey.damaged) > LISTED:
            report.add(JOURNAL_DAMAGED_MORE, count=len(survey.damaged) - LISTED)
        if survey.torn_tail:
            report.notes.append(Finding(TORN_TAIL, {"path": str(journal.path), "line": survey.torn_tail[0],
                                                    "bytes": survey.torn_tail[1]}))
        if survey.pending:
            line, size, whole = survey.pending
            report.notes.append(Finding(PENDING_KEPT if whole else PENDING_DROPPED, {"line": line, "bytes": size}))
        if survey.bad_note:
            report.notes.append(Finding(NOTE_BAD, {"note": journal.note_path.name, "reason": survey.bad_note}))
        for name in survey.set_aside:
            report.notes.append(Finding(NOTE_SET_ASIDE, {"name": name}))
    try:
        store = Store.open(home, readonly=True)
    except StoreError as error:  # its own message, in the reader's language
        if not (survey and survey.damaged and error.text is TORN_MIDDLE):  # not said twice
            report.problems.append(Finding(error.text, error.params))
        return report
    report.files += 1 + journal.path.exists()  # settings.toml, the journal
    if survey is not None:
        store.expect_files(survey.registers_before)  # checkpointed, so their files must be there

    # The register files, read raw: a TinyDB table may hold the same id twice.
    seen: dict[str, list[str]] = {}
    for reg in catalogue.registers():
        path = home / REGISTERS_DIR / f"{reg.slug}.json"
        if not path.exists():
            continue
        report.files += 1
        try:
            rows = read_table(path, reg.slug)
        except StoreError:
            continue  # said below, when the register is read (rebuilt, or not)
        for row in rows:
            if not isinstance(row, dict) or "id" not in row:
                report.add(FILE_BAD, path=str(path), detail=json.dumps(row, ensure_ascii=False)[:80])
                continue
            seen.setdefault(row["id"], []).append(reg.slug)

    for rid, where in seen.items():
        if len(where) > 1:
            report.add(DUPLICATE_ID, id=rid, count=len(where), where=list(where))

    # Every register read as the store reads it: a file gone, short or unreadable is
    # rebuilt from the journal (a note) or cannot be (a problem, naming it).
    unavailable: set[str] = set()
    for reg in catalogue.registers():
        try:
            store.table(reg.slug)
        except StoreError as error:
            report.problems.append(Finding(error.text, error.params))
            unavailable.add(reg.slug)
    report.notes += [Finding(n.text, n.params) for n in store.notices]

    has_branches = "branches" not in unavailable and any(not b.get("_d") for b in store.table("branches").values())
    for reg in catalogue.registers():
        if reg.slug in unavailable:
            continue
        table = store.table(reg.slug)
        paths = [(path, target) for path, target in reference_paths(reg.model) if target not in unavailable]
        for rid, record in table.items():
            if record.get("_d"):
                continue
            report.records += 1
            name = store.name_of(reg.slug, record) if not set(reg.references.values()) & unavailable else rid[:8]
            if reg.slug == "members" and not record.get("branch") and has_branches:
                report.notes.append(Finding(NO_BRANCH, {"title": reg.title, "name": name, "id": rid[:8]}))
            try:
                validate(reg, fields_of(record))
            except ValidationFailed as failure:
                worded = [failure.messages(lang) for lang in LANGUAGES]
                for texts in zip(*worded):
                    report.add(RECORD_BAD, title=reg.title, name=name, id=rid[:8], detail=Text(*texts))
            for field_path, target in paths:
                live = store.table(target)
                for value in values_at(record, field_path):
                    if value not in live or live[value].get("_d"):
                        report.add(DANGLING, title=reg.title, name=name, id=rid[:8],
                                   label=reg.fields[field_path[0]].label if field_path[0] in reg.fields else field_path[0],
                                   target=value[:8])
        # Unique within a copy, but two copies may each enter the same person: a merge keeps
        # both (refusing would block an honest bundle for good) and this names them.
        for unique in reg.unique:
            holders: dict[Any, str] = {}
            for rid, record in table.items():
                held = record.get(unique)
                if record.get("_d") or not isinstance(held, str):  # a wrong type is reported as such above
                    continue
                if held in holders:
                    other = table[holders[held]]
                    shown = mask_id_number(held) if reg.fields[unique].kind == "id_number" else str(held)
                    report.add(SAME_VALUE, title=reg.title, name=store.name_of(reg.slug, record), id=rid[:8],
                               other=store.name_of(reg.slug, other), other_id=holders[held][:8],
                               label=reg.fields[unique].label, value=shown)
                else:
                    holders[held] = rid
    try:
        changes, _ = journal.read(0)
    except StoreError:
        changes = []  # a damaged journal is said above
    _check_history(store, changes, report)
    if index.last_seq(home) < store.seq:
        report.notes.append(Finding(INDEX_BEHIND, {}))
    return report


def _check_history(store: Any, changes: list[dict[str, Any]], report: Report) -> None:
    """Control characters the journal holds that no record holds any more (an older
    version's, a hand edit's): what ``history`` would show. Those still in a record are
    reported with the record."""
    from storage.present import as_text
    from storage.text import UNSAFE, escaped

    for change in changes:
        fields = change.get("fields")
        reg = catalogue.get(str(change.get("reg", "")))
        if not isinstance(fields, dict) or reg is None:
            continue
        record = store.table(reg.slug).get(change.get("rec")) if isinstance(change.get("rec"), str) else None
        held = record if record is not None and not record.get("_d") else {}
        for name, pair in fields.items():
            for value in pair if isinstance(pair, list) else [pair]:
                text = as_text(value)
                found = UNSAFE.search(text.replace("\n", "").replace("\t", ""))
                if found is None or text in as_text(held.get(name)):
                    continue
                report.add(JOURNAL_TEXT, seq=change.get("seq", "?"), title=reg.title,
                           id=str(change.get("rec", ""))[:8], label=reg.fields[name].label if name in reg.fields
                           else str(name), char=escaped(found.group()))
                break
