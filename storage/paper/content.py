"""What each printed document holds, read from the store: a register's table, one record's
paper form, the year's binder, the month's 黨務公開 sheet. Drawing is the renderers' work
(storage.paper.pdf, storage.paper.docx); this module decides what goes on the page."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from storage import catalogue, clock
from storage.i18n import Text
from storage.paper import texts
from storage.paper.document import Cover, Document, Form, Heading, Line, Paragraph, Table
from storage.registers.base import GROUPS, Register

if TYPE_CHECKING:
    from storage.store import Store

Record = Mapping[str, Any]

#: The field that dates a record of a book or a roll of events: such a register prints the
#: year's records only (a meeting, a payment); the others (members, cadres) print whole.
DATE_FIELDS = ("held_on", "paid_on")
#: The longest a cell of a table grows (lines); the record's form shows the whole text.
CELL_LINES = 3


# -- where, and for when --------------------------------------------------------------------------------


def branch_id(store: Store, branch: str | None) -> str | None:
    return store.resolve_reference("branches", branch) if branch else None


def running_title(store: Store, branch: str | None, year: int | None, lang: str) -> str:
    """The organisation, the branch (or all of them) and the year, as a page's header says."""
    parts = [store.organisation, store.name_of("branches", branch) if branch else texts.ALL_BRANCHES(lang)]
    if year:
        parts.append(texts.YEAR(lang, year=year))
    return "  ".join(parts)


def date_field(reg: Register) -> str | None:
    return next((f for f in DATE_FIELDS if f in reg.fields), None)


def in_year(record: Record, name: str | None, year: int) -> bool:
    return name is None or str(record.get(name) or "")[:4] == str(year)


def records_of(store: Store, reg: Register, branch: str | None, year: int) -> list[dict[str, Any]]:
    """A register's records for the page: the year's where the register is dated, in date
    order; else all of them, by name (as a roll is read)."""
    when = date_field(reg)
    rows = [r for r in store.records(reg.slug, branch=branch) if in_year(r, when, year)]
    if when:
        return sorted(rows, key=lambda r: (str(r.get(when) or ""), str(r.get(reg.name_field) or "")))
    return sorted(rows, key=lambda r: str(r.get(reg.name_field) or ""))


def new_document(store: Store, title: str, branch: str | None, year: int | None, lang: str) -> Document:
    return Document(title=title, running=running_title(store, branch, year, lang), page_of=texts.PAGE_OF(lang), lang=lang)


# -- a register's table ---------------------------------------------------------------------------------


def table_of(store: Store, reg: Register, rows: list[dict[str, Any]], lang: str, *, title: str,
             reveal: bool = True) -> Table:
    """The register's columns, its name first (repeated on every part of a split table)."""
    from storage.tables.cells import Cells, cell_width, columns_of

    cells = Cells(store, reg, lang, typed=False, reveal=reveal)
    columns = columns_of(reg)
    first = [reg.name_field] if reg.name_field in columns else []
    when = date_field(reg)
    if when and when in columns and when not in first:
        first.append(when)  # a meeting is known by its date as much as by its topic
    columns = first + [c for c in columns if c not in first]
    headers = [reg.label(c, lang) for c in columns]
    body = [[_cell(cells.value(record, c)) for c in columns] for record in rows]
    widths = [float(cell_width(h)) for h in headers]
    for row in body[:2000]:  # enough to size the columns
        for i, value in enumerate(row):
            widths[i] = max(widths[i], float(min(cell_width(value), 40)))
    return Table(title=title, headers=headers, rows=body, widths=widths, keep=len(first),
                 note=texts.RECORDS(lang, n=len(body)))


def _cell(value: Any) -> str:
    from storage.text import visible

    if value is None:
        return ""
    return visible(str(value))


def register_document(store: Store, what: str, lang: str, *, branch: str | None, year: int,
                      reveal: bool = True) -> Document:
    reg = store.register(what)
    bid = branch_id(store, branch)
    doc = new_document(store, reg.title(lang), bid, year, lang)
    doc.blocks.append(table_of(store, reg, records_of(store, reg, bid, year), lang, title=reg.title(lang), reveal=reveal))
    return doc


# -- one record as its paper form -----------------------------------------------------------------------


class Values:
    """A record's fields as its form shows them (a branch by its name, 女 not female)."""

    def __init__(self, store: Store, reg: Register, record: Record, lang: str, reveal: bool) -> None:
        from storage.present import show_value

        self.store, self.reg, self.record, self.lang, self.reveal = store, reg, record, lang, reveal
        self._show = show_value
        self.used: set[str] = set()

    def label(self, name: str) -> str:
        return self.reg.label(name, self.lang)

    def value(self, name: str) -> str:
        self.used.add(name)
        if name not in self.reg.fields and not any(n == name for n, _ in self.reg.derived):
            return ""
        return _cell(self._show(self.store, self.reg, name, self.record, self.lang, reveal=self.reveal))

    def pair(self, name: str) -> tuple[str, str]:
        return (self.label(name), self.value(name))

    def line(self, *names: str, tall: int = 0) -> Line:
        return Line([self.pair(n) for n in names if n in self.reg.fields or n in dict(self.reg.derived)], tall=tall)

    def rest(self) -> list[Line]:
        """Every field the layout did not place, two to a line (a long text on its own), so
        a form never leaves out what the record holds."""
        lines: list[Line] = []
        short: list[str] = []
        for name, spec in self.reg.fields.items():
            if name in self.used or spec.many or not str(self.record.get(name) or "").strip():
                continue
            if spec.kind == "long_text":
                lines.append(self.line(name, tall=4))
            else:
                short.append(name)
        for i in range(0, len(short), 2):
            lines.append(self.line(*short[i:i + 2]))
        return lines


def _subtitle(store: Store, record: Record, lang: str) -> str:
    return "  ".join(p for p in (store.organisation, store.name_of("branches", record.get("branch"))
                                 if record.get("branch") else "") if p)


def member_form(store: Store, reg: Register, record: Record, lang: str, reveal: bool = True) -> Form:
    """黨員基本情況登記表: one page, a box for the photo beside the first lines."""
    v = Values(store, reg, record, lang, reveal)
    lines = [
        v.line("name", "gender"), v.line("ethnicity", "birth_date"), v.line("native_place", "education"),
        v.line("id_number"), v.line("joined_on", "confirmed_on"), v.line("status", "party_group"),
        v.line("workplace"), v.line("office", "post"), v.line("phone", "mobile"), v.line("address"),
        v.line("dues_class", "dues_base"), v.line("dues_paid_to", "branch"),
        v.line("transferred_in_on", "transferred_in_from"), v.line("transferred_out_on", "transferred_out_to"),
        v.line("left_how", "left_on"), v.line("note", tall=3),
    ]
    lines += v.rest()
    return Form(title=reg.places[0].title(lang) if reg.places else reg.title(lang), subtitle=_subtitle(store, record, lang),
                lines=lines, photo=True, footer=texts.SIGNED(lang))


def mobile_card(store: Store, reg: Register, record: Record, lang: str, reveal: bool = True) -> Form:
    """流動黨員管理卡: whose card (name, phone, branch, from the member's record), then the card."""
    v = Values(store, reg, record, lang, reveal)
    member_reg = catalogue.get("members")
    member: Record = {}
    if member_reg is not None and record.get("member"):
        member = store.table("members").get(str(record["member"]), {})
    lines = [v.line("member", "card_number")]
    if member and member_reg is not None:
        m = Values(store, member_reg, member, lang, reveal)
        lines.append(Line([m.pair("gender"), m.pair("phone")]))
        lines.append(Line([m.pair("id_number")]))
    lines += [v.line("reason", "destination"), v.line("left_on", "returned_on"), v.line("contact_away"),
              v.line("host_organisation"), v.line("host_contact"), v.line("dues_paid_to", "reported_on"),
              v.line("branch"), v.line("note", tall=3)]
    lines += v.rest()
    return Form(title=reg.title(lang), subtitle=_subtitle(store, record, lang), lines=lines, footer=texts.SIGNED(lang))


def minutes(store: Store, reg: Register, record: Record, lang: str, reveal: bool = True) -> Form:
    """A meeting's page as the 三會一課記錄本 lays it out: 時間、地點、主持人、記錄人、應到/實到、
    缺席人員及原因、議題、內容、決議."""
    v = Values(store, reg, record, lang, reveal)
    kind = v.value("kind")
    when = " ".join(p for p in (v.value("held_on"), v.value("start_time")) if p)
    absent = []
    for row in record.get("attendance") or []:
        if isinstance(row, Mapping) and row.get("status") not in (None, "present", "guest"):
            name = store.name_of("members", row.get("member"))
            reason = str(row.get("reason") or "").strip()
            absent.append(f"{name}({reason})" if reason else name)
    v.used.update({"attendance", "start_time", "votes_for", "votes_against", "votes_abstain"})
    content = "\n".join(p for p in (v.value("speaker") and f"{v.label('speaker')}:{v.value('speaker')}",
                                    v.value("speeches")) if p)
    votes = ""
    if any(record.get(n) is not None for n in ("votes_for", "votes_against", "votes_abstain")):
        votes = texts.VOTES(lang, yes=record.get("votes_for") or 0, no=record.get("votes_against") or 0,
                            abstain=record.get("votes_abstain") or 0)
    decisions = "\n".join(p for p in (v.value("decisions"), votes) if p)
    lines = [
        Line([(reg.label("held_on", lang), when), v.pair("place")]),
        Line([v.pair("host"), v.pair("recorder")]),
        Line([(texts.EXPECTED(lang), v.value("expected")), (texts.PRESENT(lang), v.value("present"))]),
        Line([(texts.ABSENT(lang), "、".join(absent) or texts.NOBODY_ABSENT(lang))]),
        v.line("guests"),
        v.line("topic"),
        Line([(texts.CONTENT(lang), content)], tall=14),
        Line([(reg.label("decisions", lang), decisions)], tall=6),
    ]
    v.used.update({"speaker", "speeches", "branch", "kind"})
    lines += v.rest()
    return Form(title=texts.MINUTES(lang, kind=kind), subtitle=_subtitle(store, record, lang), lines=lines)


#: An applicant's steps, in the order the 2014 rules take them.
STEPS = ("applied_on", "talked_on", "activist_on", "candidate_on", "vetted_on", "trained_on", "notice_on",
         "admitted_on", "approved_on", "oath_on", "confirmed_on")


def development_record(store: Store, reg: Register, record: Record, lang: str, reveal: bool = True) -> Form:
    """An applicant's way in: who, then each step and its date, then contacts and introducers."""
    v = Values(store, reg, record, lang, reveal)
    lines = [v.line("name", "gender"), v.line("birth_date", "ethnicity"), v.line("id_number"),
             v.line("education", "phone"), v.line("stage", "branch"), v.line("contacts", "introducers")]
    lines.append(Line([(texts.STEP(lang), texts.STEP_DATE(lang)), (texts.STEP(lang), texts.STEP_DATE(lang))]))
    steps = [n for n in STEPS if n in reg.fields]
    for i in range(0, len(steps), 2):
        lines.append(v.line(*steps[i:i + 2]))
    lines.append(v.line("note", tall=3))
    lines += v.rest()
    return Form(title=texts.DEVELOPMENT(lang), subtitle=_subtitle(store, record, lang), lines=lines,
                footer=texts.SIGNED(lang))


def record_form(store: Store, reg: Register, record: Record, lang: str, reveal: bool = True) -> Form:
    """Any record as a form: its own layout where the plan has one, else its fields in order."""
    layout = {"members": member_form, "mobile_members": mobile_card, "meetings": minutes,
              "applicants": development_record}.get(reg.slug)
    if layout is not None:
        return layout(store, reg, record, lang, reveal)
    v = Values(store, reg, record, lang, reveal)
    return Form(title=reg.title(lang), subtitle=_subtitle(store, record, lang), lines=v.rest())


def record_document(store: Store, record_id: str, lang: str, *, what: str | None = None,
                    reveal: bool = True) -> Document:
    from storage.messages import StoreError

    reg, record = store.get(record_id)
    if what:
        asked = store.register(what)
        if asked.slug != reg.slug:
            raise StoreError(texts.RECORD_ELSEWHERE, record=record_id, found=reg.title(lang), asked=asked.title(lang))
    form = record_form(store, reg, record, lang, reveal)
    doc = Document(title=form.title, running=_subtitle(store, record, lang), page_of=texts.PAGE_OF(lang), lang=lang)
    doc.blocks.append(form)
    return doc


# -- the binder ---------------------------------------------------------------------------------------

#: Registers printed as a form per record in the binder (the card, the forms, the minutes);
#: the others as their table.
AS_FORMS = ("card", "forms")
FORM_BOOKS = ("meetings",)


def binder(store: Store, lang: str, *, year: int, branch: str | None = None, reveal: bool = True) -> Document:
    """The whole 台賬 for the year: a cover, the contents, a section per 一卡二表三簿十冊 in
    the plan's order, then the targets and the 五好 checklist with each item's evidence."""
    bid = branch_id(store, branch)
    doc = new_document(store, texts.COVER_TITLE(lang), bid, year, lang)
    cover_lines = [texts.COVER_SITE(lang, org=store.organisation)]
    if bid:
        cover_lines.append(store.name_of("branches", bid))
    cover_lines += [texts.COVER_YEAR(lang, year=year), texts.PRINTED_ON(lang, date=clock.today().isoformat())]
    doc.blocks.append(Cover(texts.COVER_TITLE(lang), cover_lines))
    doc.contents_title = texts.CONTENTS(lang)
    for place, reg in catalogue.plan_book():
        title = f"{GROUPS[place.group](lang)}  {place.title(lang)}"
        doc.blocks.append(Heading(title))
        rows = records_of(store, reg, bid, year)
        if not rows:
            doc.blocks.append(Paragraph(texts.NONE_YET(lang)))
        elif place.group in AS_FORMS or reg.slug in FORM_BOOKS:
            doc.blocks += [record_form(store, reg, r, lang, reveal) for r in rows]
        else:
            doc.blocks.append(table_of(store, reg, rows, lang, title=place.title(lang), reveal=reveal))
    doc.blocks += plan_tables(store, lang, year)
    return doc


def plan_tables(store: Store, lang: str, year: int) -> list[Heading | Table]:
    from storage.plan.checklist import CHECK_STATUS, checklist
    from storage.plan.items import SECTIONS
    from storage.plan.targets import targets
    from storage.tables.exporting import target_rows

    report = targets(store, year)
    headers, rows = target_rows(report, lang)
    goals = Table(title=texts.TARGETS(lang), headers=headers, rows=[[_cell(c) for c in r] for r in rows],
                  widths=[18, 10, 8, 8, 8, 40, 8])
    found = checklist(store, report.year, report)
    check_rows = []
    for item in found.items:
        proof = [evidence_named(store, e, lang) for e in item.evidence if e.ids]
        if item.tick and item.tick.get("evidence"):
            proof.append(texts.TICKED(lang, text=_cell(item.tick.get("evidence"))))
        check_rows.append([item.code, SECTIONS[item.section](lang), item.title(lang), CHECK_STATUS[item.status](lang),
                           "; ".join(proof) or texts.NO_EVIDENCE(lang)])
    headers = [Text("編號", "编号", "Item")(lang), Text("類別", "类别", "Section")(lang),
               Text("項目", "项目", "Title")(lang), Text("狀態", "状态", "Status")(lang), texts.EVIDENCE(lang)]
    check = Table(title=texts.CHECKLIST(lang), headers=headers, rows=check_rows, widths=[5, 8, 36, 8, 50], keep=1)
    return [Heading(texts.TARGETS(lang)), goals, Heading(texts.CHECKLIST(lang)), check]


def evidence_named(store: Store, found: Any, lang: str, most: int = 5) -> str:
    """Evidence as an inspector reads it: the register, how many, and the first records' names."""
    reg = catalogue.get(found.register)
    title = reg.title(lang) if reg else found.register
    names = []
    for rid in found.ids[:most]:
        record = store.table(found.register).get(rid) if reg else None
        names.append(_cell(record.get(reg.name_field)) if record and reg else rid[:8])
    shown = "、".join(n for n in names if n) + (texts.EVIDENCE_MORE(lang) if len(found.ids) > most else "")
    return texts.EVIDENCE_OF(lang, register=title, n=len(found.ids), names=shown)


# -- the 黨務公開 sheet ---------------------------------------------------------------------------------


def notice(store: Store, lang: str, *, year: int, month: int, branch: str | None = None) -> Document:
    """This month's dues per branch, activists and new members, meetings and their topics:
    one A4 page in large type for the board on the wall."""
    bid = branch_id(store, branch)
    prefix = f"{year:04d}-{month:02d}"
    doc = new_document(store, texts.NOTICE(lang), bid, None, lang)
    doc.large = True
    doc.blocks.append(Cover(texts.NOTICE(lang), [texts.NOTICE_MONTH(lang, org=store.organisation, year=year, month=month)]))

    doc.blocks.append(Paragraph(texts.NOTICE_DUES(lang), bold=True))
    per_branch: dict[str, tuple[int, Decimal]] = {}
    for entry in store.records("dues", branch=bid):
        if str(entry.get("paid_on") or "").startswith(prefix):
            name = store.name_of("branches", entry.get("branch")) if entry.get("branch") else store.organisation
            count, total = per_branch.get(name, (0, Decimal(0)))
            per_branch[name] = (count + (0 if entry.get("reverses") else 1), total + _money(entry.get("amount")))
    for name, (count, total) in sorted(per_branch.items()):
        doc.blocks.append(Paragraph(texts.NOTICE_DUES_LINE(lang, branch=name, people=count, amount=f"{total:.2f}")))
    if per_branch:
        doc.blocks.append(Paragraph(texts.NOTICE_DUES_TOTAL(lang, amount=f"{sum(t for _, t in per_branch.values()):.2f}")))
    else:
        doc.blocks.append(Paragraph(texts.NOTICE_NOTHING(lang)))

    doc.blocks.append(Paragraph(texts.NOTICE_PEOPLE(lang), bold=True))
    applicants = store.records("applicants", branch=bid)
    said = False
    for field, text in (("activist_on", texts.NOTICE_ACTIVIST), ("candidate_on", texts.NOTICE_CANDIDATE),
                        ("admitted_on", texts.NOTICE_ADMITTED), ("confirmed_on", texts.NOTICE_CONFIRMED)):
        names = sorted(_cell(a.get("name")) for a in applicants if str(a.get(field) or "").startswith(prefix))
        if names:
            doc.blocks.append(Paragraph(text(lang, names="、".join(names))))
            said = True
    if not said:
        doc.blocks.append(Paragraph(texts.NOTICE_NOTHING(lang)))

    doc.blocks.append(Paragraph(texts.NOTICE_MEETINGS(lang), bold=True))
    reg = store.register("meetings")
    from storage.present import show_value

    held = sorted((m for m in store.records("meetings", branch=bid) if str(m.get("held_on") or "").startswith(prefix)),
                  key=lambda m: str(m.get("held_on")))
    for m in held:
        doc.blocks.append(Paragraph(texts.NOTICE_MEETING(
            lang, date=str(m.get("held_on"))[5:], branch=store.name_of("branches", m.get("branch")) if m.get("branch") else "",
            kind=_cell(show_value(store, reg, "kind", m, lang)), topic=_cell(m.get("topic") or ""))))
    if not held:
        doc.blocks.append(Paragraph(texts.NOTICE_NOTHING(lang)))
    doc.blocks.append(Paragraph(texts.NOTICE_FOOTER(lang, org=store.organisation, date=clock.today().isoformat()), size=12))
    return doc


def _money(value: Any) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return Decimal(0)
