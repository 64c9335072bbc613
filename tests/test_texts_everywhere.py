"""Every text a user reads is a ``storage.i18n.Text``, and its simplified Chinese reads as the
mainland writes it.

The modules of storage/, sync/ and tui/ are read as source (ast), not imported, so a text
inside a function or a branch no test reaches is checked too. Two checks:

- a string literal holding Chinese characters is either part of a text in three languages
  (an argument of ``Text(...)``, of a subclass such as ``Label``, of a function that hands its
  parameters to ``Text``, or a ``(traditional, simplified, English)`` triple a declaration
  turns into one) or sits where ``ALLOWED`` says, with the reason it is not shown as a text
  (data such as surnames and synonyms, what people type, patterns);
- the simplified text of every such triple uses mainland wording (文件 not 档案/檔案 for a
  file, 数据 not 资料 for data, 网络 not 网路 …) and has no traditional character left in it:
  OpenCC's t2s conversion leaves it as it is.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytest
from opencc import OpenCC
from support import ROOT

PACKAGES = ("storage", "sync", "tui")

#: Han characters (the unified blocks, their extensions and the compatibility ideographs).
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")

#: Where Chinese may be written outside a Text, and why it is not a text a user reads in a
#: chosen language. A key is the qualified name of the definition holding the literal (a
#: module-level name, a function, Class.method; what is nested in it is covered too),
#: prefixed by part of its file's path ("demo:build") where the name alone says too little:
#: a part, not the whole path, so that a module split into a package keeps its entries.
#: Entries that no longer match anything fail the test, so the list holds only what is there.
#: Declarations whose words are what people write, matched and never shown: a field's
#: aliases (the headers rosters give it) sit on the field's declaration.
DATA_CALLS = {"Aliases"}

ALLOWED: dict[str, str] = {
    # -- data: what people's names, places and records are made of ---------------------------
    "SURNAMES": "data: the surnames whose reading differs, and the demo's surnames",
    "COMPOUND_SURNAMES": "data: compound surnames and their readings",
    "OTHER_READINGS": "data: characters' other pinyin readings, for search",
    "_SELF_FIRST_FOLDS": "data: OpenCC character pairs for search folding",
    "_NEWER_FOLDS": "data: OpenCC character pairs for search folding",
    "GIVEN_MALE": "demo data: given names",
    "GIVEN_FEMALE": "demo data: given names",
    "MINORITY": "demo data: names",
    "ETHNICITIES": "demo data: ethnic groups, as a roster writes them",
    "BRANCH_NAMES": "demo data: branch names",
    "POSTS": "demo data: posts members hold",
    "OFFICES": "demo data: offices",
    "PLACES": "demo data: place names",
    "RICH": "demo data: people who got rich",
    "REGULATIONS": "demo data: the village's rules, by title",
    "ACTIVITIES": "demo data: activities",
    "DEEDS": "demo data: exemplary deeds",
    "POOR": "demo data: poverty causes as written in the files",
    "FARMERS": "demo data: surnames",
    "kinds:BoolKind": "import: what a cell says for yes or no",
    "demo_people:meeting": "demo data: a meeting's place and content",
    "demo_people:fill_other_registers": "demo data: the demo store's records",
    "demo:build": "demo data: the demo store's records",
    # -- what people type, read back as the same thing in every language ----------------------
    "_ALIASES": "what people type for a language (繁體, 简体, 英文)",
    "LANGUAGE_NAMES": "each language's name in its own script, the same whichever is chosen",
    "STAGE": "aliases: the words rolls use for a stage, read on import",
    "MEMBER_STATUS": "aliases: the words rosters use for a status, read on import",
    "MEETING_TYPE": "aliases: the words minutes use for a meeting, read on import",
    "LINK_KIND": "aliases: the words files use for a link, read on import",
    "CHECK_STATUS": "aliases: the words files use for a check's state, read on import",
    "RECTIFICATION_STATUS": "aliases: the words files use for a rectification's state, read on import",
    "SURVEY_SUBJECT": "aliases: the words files use for a survey's subject, read on import",
    "DEED_CATEGORY": "aliases: the words files use for a deed's category, read on import",
    "POVERTY_CAUSE": "aliases: the poverty files' 因病致貧 …, read on import",
    "_FREQUENCY_WORDS": "what people type for a frequency (每月, 季度 …)",
    "IGNORED_HEADERS": "import: headers of columns that are not fields (序號 …)",
    "FOOTERS": "import: the first cell of a footer row (合計 …)",
    "BLANKS": "import: what a cell says for nothing (無 …)",
    "tables:export": "what people type for every register (全部)",
    "checklist:RULES": "the words that find each rule on the roll of rules",
    "_DATE_FORMS": "a pattern for dates as people type them (2026年11月26日)",
    "_MONTH_FORMS": "a pattern for months as people type them",
    "_MONTH_ONLY": "a pattern for months as cells hold them",
    "fields:parse_money": "units people type after an amount (元)",
    "fields:parse_count": "units people type after a count (人, 戶)",
    "fields:parse_year": "units people type after a year (年, 年度)",
    "_WIDE": "a pattern of the wide (two-column) characters",
    # -- the plan's own words, quoted as the plan writes them ---------------------------------
    "plan:ITEMS": "the plan's own wording of each item, quoted as written (traditional), beside its Text",
    "plan:PHASES": "the plan's own wording of each phase, quoted as written (traditional), beside its Text",
    # -- the program's name ---------------------------------------------------------------
    "tui/app:TaizhangApp": "the program's name, 台賬, as its title",
}

#: A command's help is a Text (tui.commands.common.localise_help says it in the user's
#: language); a plain str, Chinese and English side by side, is still accepted while a new
#: command module is written. Literals given as these keywords of these calls are help.
HELP_CALLS = {"add_parser", "add_argument", "add_argument_group", "add_subparsers", "ArgumentParser", "Parser"}
HELP_KEYWORDS = {"help", "description", "epilog", "title"}

#: Taiwan (or Hong Kong) wording that has a different mainland word, as it appears in a
#: simplified text, with the mainland word to use. Checked in simplified texts only.
TAIWAN_WORDING: dict[str, str] = {
    "档案": "文件",
    "檔案": "文件",
    "资料夹": "文件夹",
    "登记档": "登记文件",  # 檔 alone for a file, as Taiwan writes 設定檔
    "密钥档": "密钥文件",
    "设定档": "设置文件",
    "资料": "数据",
    "網路": "网络",
    "网路": "网络",
    "讯息": "信息 or 消息",
    "程式": "程序",
    "预设": "默认",
    "列印": "打印",
    "印表机": "打印机",
    "登入": "登录",
    "登出": "退出",
    "伺服器": "服务器",
    "萤幕": "屏幕",
    "荧幕": "屏幕",
    "滑鼠": "鼠标",
    "软体": "软件",
    "硬碟": "硬盘",
    "随身碟": "U盘",
    "视窗": "窗口",
    "选单": "菜单",
    "游标": "光标",
    "字元": "字符",
    "位元": "位",
    "记忆体": "内存",
    "物件": "对象",
    "连结": "链接",
    "网址列": "地址栏",
    "支援": "支持",
    "储存": "保存",
    "数位": "数字",
    "帐号": "账号",
    "使用者": "用户",
    "用户端": "客户端",
    "介面": "界面",
    "汇入": "导入",
    "汇出": "导出",
    "重新整理": "刷新",
}


# -- reading the source ------------------------------------------------------------------


@dataclass(frozen=True)
class Literal:
    path: str  # relative to the repository, with /
    line: int
    where: str  # qualified name of the definition holding it
    value: str


@dataclass(frozen=True)
class Triple:
    """A text in three languages as written in the source."""

    path: str
    line: int
    hant: str
    hans: str
    en: str


def modules() -> list[Path]:
    return sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*.py"))


def _text_classes(trees: dict[str, ast.Module]) -> set[str]:
    """``Text`` and the classes of the project that subclass it (``Label`` …)."""
    names = {"Text"}
    grew = True
    while grew:
        grew = False
        for tree in trees.values():
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef) and node.name not in names and any(
                    isinstance(base, ast.Name) and base.id in names for base in node.bases
                ):
                    names.add(node.name)
                    grew = True
    return names


def _project_module(name: str | None) -> bool:
    return bool(name) and name.split(".")[0] in PACKAGES  # type: ignore[union-attr]


def _makers_in(tree: ast.Module, classes: set[str]) -> dict[str, tuple[int | str, int | str, int | str]]:
    """The names that make a Text in this module, each with where its traditional,
    simplified and English texts are among its arguments (a position, or a keyword)."""
    makers: dict[str, tuple[int | str, int | str, int | str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (_project_module(node.module) or node.level):
            for alias in node.names:
                if alias.name in classes:
                    makers[alias.asname or alias.name] = (0, 1, 2)
        elif isinstance(node, ast.ClassDef) and node.name in classes:
            makers[node.name] = (0, 1, 2)
    for node in tree.body:  # T = Text
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name) and node.value.id in makers:
            for target in node.targets:
                if isinstance(target, ast.Name):
                    makers[target.id] = makers[node.value.id]
    # A function that hands its parameters to Text: def _with_tail(hant, hans, en): return T(hant + …, …)
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        params = [a.arg for a in node.args.args]
        for call in ast.walk(node):
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in makers):
                continue
            roles = makers[call.func.id]
            found: list[int | str] = []
            for role in roles:
                arg = call.args[role] if isinstance(role, int) and role < len(call.args) else None
                names = {n.id for n in ast.walk(arg) if isinstance(n, ast.Name)} if arg is not None else set()
                hits = [params.index(n) for n in names if n in params]
                if len(hits) == 1:
                    found.append(hits[0])
            if len(found) == 3:
                makers[node.name] = (found[0], found[1], found[2])
    return makers


def _string(node: ast.AST | None) -> str | None:
    """A literal's text; an f-string's with its fields as {…}; else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{…}" for v in node.values)
    return None


def _is_triple(node: ast.AST) -> bool:
    """("入黨申請人", "入党申请人", "applicant"): the shape a declaration turns into a Text."""
    if not isinstance(node, (ast.Tuple, ast.List)) or len(node.elts) != 3:
        return False
    texts = [_string(e) for e in node.elts]
    if not all(isinstance(t, str) for t in texts):
        return False
    hant, _, en = texts
    return bool(HAN.search(hant)) and not HAN.search(en)  # type: ignore[arg-type]


def _docstrings(tree: ast.Module) -> set[ast.AST]:
    found: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(first.value)
    return found


def _call_name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def read(source: str, path: str, classes: set[str], tree: ast.Module | None = None) -> tuple[list[Literal], list[Triple]]:
    """The Chinese literals of one module that are not part of a text in three languages, and
    every text in three languages written in it."""
    tree = tree or ast.parse(source)
    makers = _makers_in(tree, classes)
    parents: dict[ast.AST, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    covered: set[ast.AST] = set(_docstrings(tree))
    triples: list[Triple] = []

    def cover(node: ast.AST) -> None:
        covered.update(ast.walk(node))

    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _call_name(node.func) in makers and isinstance(node.func, ast.Name):
            roles = makers[node.func.id]
            args: list[ast.AST | None] = []
            for role in roles:
                if isinstance(role, int):
                    args.append(node.args[role] if role < len(node.args) and not isinstance(node.args[role], ast.Starred) else None)
            keywords = {k.arg: k.value for k in node.keywords if k.arg}
            for i, name in enumerate(("hant", "hans", "en")):
                if i < len(args) and args[i] is None and name in keywords:
                    args[i] = keywords[name]
                elif i >= len(args):
                    args.append(keywords.get(name))
            for arg in args:
                if arg is not None:
                    cover(arg)
            texts = [_string(a) for a in args]
            if all(t is not None for t in texts):
                triples.append(Triple(path, node.lineno, *texts))  # type: ignore[arg-type]
        elif _is_triple(node):
            cover(node)
            triples.append(Triple(path, node.lineno, *[_string(e) for e in node.elts]))  # type: ignore[arg-type, misc]
        elif isinstance(node, ast.Call) and _call_name(node.func) in DATA_CALLS:
            cover(node)  # words people write (a roster's headers), matched, never shown
        elif isinstance(node, ast.Call) and _call_name(node.func) == "command" and len(node.args) > 1:
            cover(node.args[1])  # Commands.command(name, help, …): argparse help, as help= is
        elif isinstance(node, ast.Call) and _call_name(node.func) in HELP_CALLS:
            for keyword in node.keywords:
                if keyword.arg in HELP_KEYWORDS:
                    cover(keyword.value)

    literals = []
    for node in ast.walk(tree):
        text = _string(node)
        if text is None or node in covered or not HAN.search(text):
            continue
        if isinstance(node, ast.Constant) and isinstance(parents.get(node), ast.JoinedStr):
            continue  # the f-string is looked at whole
        literals.append(Literal(path, node.lineno, _where(node, parents, tree), text))
    return literals, triples


def _where(node: ast.AST, parents: dict[ast.AST, ast.AST], tree: ast.Module) -> str:
    names: list[str] = []
    while node in parents:
        node = parents[node]
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)) and parents.get(node) is tree:
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            names.append(ast.unparse(target))
    return ".".join(reversed(names))


@lru_cache(maxsize=1)
def everything() -> tuple[list[Literal], list[Triple]]:
    trees = {str(p.relative_to(ROOT).as_posix()): ast.parse(p.read_text(encoding="utf-8")) for p in modules()}
    classes = _text_classes(trees)
    literals: list[Literal] = []
    triples: list[Triple] = []
    for path, tree in trees.items():
        found, made = read("", path, classes, tree)
        literals += found
        triples += made
    return literals, triples


def allowed_by(literal: Literal) -> str | None:
    """The ALLOWED entry that covers a literal, if any: its definition or one it is nested in."""
    parts = literal.where.split(".")
    names = {".".join(parts[:n]) for n in range(1, len(parts) + 1)}
    for key in ALLOWED:
        place, _, name = key.rpartition(":")
        if name in names and place in literal.path:
            return key
    return None


# -- the checks --------------------------------------------------------------------------


def test_every_module_is_read_and_texts_are_found() -> None:
    literals, triples = everything()
    assert len(modules()) > 60
    assert len(triples) > 1000  # the registers' labels and choices, every message …
    assert {t.path.split("/")[0] for t in triples} == set(PACKAGES)


def test_chinese_outside_a_text_is_only_where_allowed_and_why() -> None:
    literals, _ = everything()
    outside = [f"{x.path}:{x.line} ({x.where or 'module'}): {x.value[:50]!r}" for x in literals if allowed_by(x) is None]
    assert not outside, (
        "Chinese written outside storage.i18n.Text (make it a Text, or add the definition to "
        "ALLOWED with the reason it is not a text a user reads):\n" + "\n".join(outside)
    )


def test_every_allowance_still_covers_something_and_says_why() -> None:
    literals, _ = everything()
    used = {allowed_by(x) for x in literals}
    stale = [key for key in ALLOWED if key not in used]
    assert not stale, f"ALLOWED entries that no longer match any literal (remove them): {stale}"
    assert all(len(reason) > 10 for reason in ALLOWED.values())


def test_simplified_texts_use_mainland_wording() -> None:
    _, triples = everything()
    wrong = [
        f"{t.path}:{t.line}: {t.hans!r} has {word} (mainland: {mainland})"
        for t in triples for word, mainland in TAIWAN_WORDING.items() if word in t.hans
    ]
    assert not wrong, "\n".join(wrong)


def test_simplified_texts_have_no_traditional_character_left() -> None:
    _, triples = everything()
    t2s = OpenCC("t2s").convert
    wrong = [f"{t.path}:{t.line}: {t.hans!r}, OpenCC t2s: {t2s(t.hans)!r}" for t in triples
             if HAN.search(t.hans) and t2s(t.hans) != t.hans]
    assert not wrong, "\n".join(wrong)


# -- the walk itself finds what it is meant to find -------------------------------------


CAUGHT = '''
from storage.i18n import Text as T
from rich.text import Text as RichText

OK = T("登記冊", "登记册", "registers")
CHOICES = {"a": ("甲", "甲", "A")}
LOOSE = "未翻譯的話"

def shown(lang):
    warn(f"找不到 {lang}")
    RichText("富文本")
    return T("請打開檔案", "请打开档案", "Open the file"), T(hant="資料", hans="資料", en="data")

def _with_tail(hant, hans, en):
    return T(hant + "。", hans + "。", en + ".")

TAILED = _with_tail("網路斷了", "网路断了", "The network is down")
'''


def test_the_walk_catches_loose_text_and_taiwan_wording() -> None:
    literals, triples = read(CAUGHT, "tui/example.py", {"Text"})
    assert sorted((x.where, x.value) for x in literals) == [
        ("LOOSE", "未翻譯的話"), ("shown", "富文本"), ("shown", "找不到 {…}"),
    ]
    hans = {t.hans for t in triples}
    assert {"登记册", "甲", "请打开档案", "資料", "网路断了"} <= hans
    assert any(word in "请打开档案" for word in TAIWAN_WORDING)
    assert any(word in "网路断了" for word in TAIWAN_WORDING)
    assert OpenCC("t2s").convert("資料") != "資料"


@pytest.mark.parametrize("word", ["档案", "资料", "网路", "讯息", "程式", "预设", "列印", "登入", "伺服器", "萤幕", "滑鼠"])
def test_the_brief_taiwan_words_are_listed(word: str) -> None:
    assert word in TAIWAN_WORDING


def test_copying_is_fine_either_way() -> None:
    assert not any(word in text for text in ("复制", "拷贝", "文件", "数据") for word in TAIWAN_WORDING)


def test_an_allowance_covers_its_own_place_and_what_is_nested_in_it_only() -> None:
    assert allowed_by(Literal("storage/tables.py", 1, "export", "全部")) == "tables:export"
    assert allowed_by(Literal("sync/outgoing.py", 1, "export", "全部")) is None
    assert allowed_by(Literal("storage/demo/records.py", 1, "build.one_member", "張")) == "demo:build"
    assert allowed_by(Literal("storage/demo.py", 1, "builder", "張")) is None
    assert allowed_by(Literal("tui/screens/new.py", 1, "SURNAMES", "張")) == "SURNAMES"
