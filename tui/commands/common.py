"""What every command shares: the home, the language, printing and JSON."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from contextvars import ContextVar
from pathlib import Path
from types import SimpleNamespace
from typing import Any, NoReturn

from storage.i18n import Text, normalise_language

#: Where --home and --lang may be written: before the command (``taizhang --home DIR
#: add …``), after it, and after an action (``taizhang dues pay 張桂英 --home DIR``).
#: Each place keeps what it was given apart, so that two different values are seen.
OPTION_PLACES = ("before", "command", "action")

OPTIONS_DISAGREE = Text(
    "{option} 給了兩個不同的值:{first} 和 {second}。請只寫一次。",
    "{option} 给了两个不同的值:{first} 和 {second}。请只写一次。",
    "{option} was given twice with different values, {first} and {second}: give it once.",
)


def global_options(place: str) -> Parser:
    """--home and --lang as a parent parser for one place on the command line."""
    options = Parser(add_help=False)
    options.add_argument("--home", dest=f"home@{place}", metavar="DIR", default=argparse.SUPPRESS, help=Text(
        "台賬所在的資料夾(預設:$TAIZHANG_HOME,否則為使用者資料夾)",
        "台账所在的文件夹(默认:$TAIZHANG_HOME,否则为用户数据文件夹)",
        "the store's folder (default: $TAIZHANG_HOME or the user data folder)"))
    options.add_argument("--lang", dest=f"lang@{place}", metavar="LANG", default=argparse.SUPPRESS, help=Text(
        "語言:zh-Hant(繁體)、zh-Hans(簡體)或 en(英文)",
        "语言:zh-Hant(繁体)、zh-Hans(简体)或 en(英文)",
        "the language: zh-Hant (traditional Chinese), zh-Hans (simplified Chinese) or en (English)"))
    return options


# -- argparse, in the user's language ----------------------------------------------------------
#
# argparse writes its own words in English (through gettext, which would need a catalogue
# installed for the whole process). Instead the language is settled before the parser is
# built (accept_arguments reads --lang and --home from argv, else settings and LANG), and:
# a help given as a Text is put into that language once every command is declared
# (localise_help); the parser's own words (usage:, options, -h) come from its subclass
# below; its refusals, which it words itself, are matched against argparse's message ids
# and said again in ours (argparse_message). A help given as a plain str is kept as it is.

#: A help, a description or a metavar: a Text (said in the user's language) or a str.
Help = Text | str

USAGE = Text("用法:", "用法:", "usage: ")
POSITIONALS = Text("參數", "参数", "arguments")
OPTIONALS = Text("選項", "选项", "options")
SHOW_HELP = Text("顯示這段說明並退出", "显示这段说明并退出", "show this help and exit")
COMMAND = Text("命令", "命令", "COMMAND")
ACTION = Text("操作", "操作", "ACTION")
JSON_HELP = Text("以 JSON 輸出(供其他程序讀取)", "以 JSON 输出(供其他程序读取)", "machine-readable output (JSON)")
USAGE_ERROR = Text(
    "{prog}:{message}\n(用 {prog} --help 查看用法)",
    "{prog}:{message}\n(用 {prog} --help 查看用法)",
    "{prog}: {message}\n(see {prog} --help)",
)

#: argparse's refusals (its message ids, Python 3.11–3.13), each with its words in ours.
#: The named groups are argparse's parameters; ``message`` is itself one of these.
_REFUSALS: tuple[tuple[str, Text], ...] = (
    (r"argument (?P<name>.+?): (?P<message>.*)", Text("參數 {name}:{message}", "参数 {name}:{message}",
                                                      "argument {name}: {message}")),
    (r"the following arguments are required: (?P<names>.*)", Text(
        "缺少必需的參數:{names}", "缺少必需的参数:{names}", "the following arguments are required: {names}")),
    (r"unrecognized arguments: (?P<args>.*)", Text(
        "無法識別的參數:{args}", "无法识别的参数:{args}", "unrecognized arguments: {args}")),
    (r"invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)", Text(
        "沒有 {value} 這一項,可選:{choices}", "没有 {value} 这一项,可选:{choices}",
        "invalid choice: {value} (choose from {choices})")),
    (r"expected one argument", Text("後面應跟一個值", "后面应跟一个值", "expected one value after it")),
    (r"expected at most one argument", Text("後面最多跟一個值", "后面最多跟一个值", "expected at most one value")),
    (r"expected at least one argument", Text("後面至少跟一個值", "后面至少跟一个值", "expected at least one value")),
    (r"expected (?P<n>\d+) arguments?", Text("後面應跟 {n} 個值", "后面应跟 {n} 个值", "expected {n} values")),
    (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)", Text(
        "選項 {option} 不明確,可能是:{matches}", "选项 {option} 不明确,可能是:{matches}",
        "ambiguous option: {option} could match {matches}")),
    (r"not allowed with argument (?P<other>.*)", Text(
        "不能與 {other} 同時使用", "不能与 {other} 同时使用", "not allowed with {other}")),
    (r"ignored explicit argument (?P<value>.*)", Text(
        "這個選項不帶值,卻給了 {value}", "这个选项不带值,却给了 {value}", "takes no value, but was given {value}")),
    (r"one of the arguments (?P<names>.*) is required", Text(
        "{names} 之中必須給一個", "{names} 之中必须给一个", "one of {names} is required")),
    (r"invalid (?P<type>\S+) value: (?P<value>.*)", Text(
        "{value} 不是有效的值", "{value} 不是有效的值", "{value} is not a valid value")),
    (r"unexpected option string: (?P<option>.*)", Text(
        "這裡不應有選項 {option}", "这里不应有选项 {option}", "unexpected option {option}")),
)


def argparse_message(message: str, lang: str) -> str:
    """One of argparse's refusals in ``lang``; a message of ours (already worded) as it is."""
    import re

    for pattern, text in _REFUSALS:
        found = re.fullmatch(pattern, message, flags=re.DOTALL)
        if found:
            params = found.groupdict()
            if "message" in params:
                params["message"] = argparse_message(params["message"], lang)
            return text(lang, **params)
    return message


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter, with "usage:" in the user's language (a description keeps its
    line breaks)."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, USAGE(parse_language()) if prefix is None else prefix)

    def _format_action(self, action: argparse.Action) -> str:
        """argparse's, with a help aligned after a name in Chinese (登记册), which argparse
        measures in characters where a terminal shows two columns for each."""
        from storage.text import width

        text = super()._format_action(action)
        header = self._format_action_invocation(action)
        extra = width(header) - len(header)
        start = self._current_indent + len(header)
        if extra > 0 and text[start:start + extra + 2] == " " * (extra + 2):
            text = text[:start] + text[start + extra:]
        return text


class Parser(argparse.ArgumentParser):
    """argparse in the user's language (see above), whose messages echo what was typed
    (``invalid choice: '…'``) with control characters shown escaped, never raw. Subcommands'
    parsers are of this class too (argparse makes them of its parser's class)."""

    def __init__(self, *, add_help: bool = True, parents: Sequence[argparse.ArgumentParser] = (), **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(add_help=False, **kwargs)
        lang = parse_language()
        self._positionals.title = POSITIONALS(lang)
        self._optionals.title = OPTIONALS(lang)
        if add_help:  # argparse's own -h, its help in our words
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=SHOW_HELP)
        for parent in parents:  # as argparse adds them, after the groups are named (so they merge)
            self._add_container_actions(parent)
            self._defaults.update(parent._defaults)

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        """argparse's, its help (and metavar) a Text or a str (localise_help says a Text)."""
        return super().add_argument(*args, **kwargs)

    def add_mutually_exclusive_group(self, **kwargs: Any) -> Any:  # whose add_argument takes a Text too
        return super().add_mutually_exclusive_group(**kwargs)

    def add_subparsers(self, **kwargs: Any) -> Any:  # whose metavar may be a Text
        return super().add_subparsers(**kwargs)

    def error(self, message: str) -> NoReturn:
        lang = parse_language()
        self.print_usage(sys.stderr)
        self.exit(2, USAGE_ERROR(lang, prog=self.prog, message=argparse_message(message, lang)) + "\n")

    def _print_message(self, message: str, file: Any = None) -> None:
        from storage.text import visible

        super()._print_message(visible(message) if message else message, file)


#: What a command's positional arguments are called in its usage and help (argparse would
#: show the name the code gives it: ``register``).
POSITIONAL_NAMES: dict[str, Text] = {
    "register": Text("登記冊", "登记册", "REGISTER"), "id": Text("編號", "编号", "ID"),
    "query": Text("查找內容", "查找内容", "QUERY"), "item": Text("項目", "项目", "ITEM"),
    "member": Text("黨員", "党员", "MEMBER"), "entry": Text("記錄", "记录", "ENTRY"),
    "who": Text("人員", "人员", "WHO"), "name": Text("名稱", "名称", "NAME"), "file": Text("文件", "文件", "FILE"),
    "files": Text("文件", "文件", "FILE"), "folder": Text("資料夾", "文件夹", "FOLDER"),
    "field": Text("欄目", "栏目", "FIELD"),
    "what": Text("打印什麼", "打印什么", "WHAT"),
}


def localise_help(parser: argparse.ArgumentParser, lang: str) -> None:
    """Every help, description and metavar given as a Text, in ``lang``: of this parser, its
    commands and their actions (a str is left as it is); positional arguments named."""

    def said(value: Any) -> Any:
        return value(lang).replace("%", "%%") if isinstance(value, Text) else value

    parser.description = said(parser.description)
    for action in parser._actions:
        action.help = said(action.help)
        if action.metavar is None and not action.option_strings and action.dest in POSITIONAL_NAMES:
            action.metavar = POSITIONAL_NAMES[action.dest](lang)
        metavar: Any = action.metavar
        if isinstance(metavar, Text):
            action.metavar = metavar(lang)
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                choice.help = said(choice.help)
            for sub in dict.fromkeys(action.choices.values()):
                localise_help(sub, lang)


class Commands:
    """How every module declares its commands, one way: ``commands.command(name, help,
    run=…)``, and ``commands.actions(parser, dest)`` for the actions under one (``dues pay``,
    ``branch add``). The options every command shares are added here and nowhere else:
    --home and --lang, wherever they are written (see :data:`OPTION_PLACES`), and --json
    for a command that prints data (``json=True``), added last so it ends its help."""

    def __init__(self, sub: Any, parent: argparse.ArgumentParser, printing: list[Any] | None = None) -> None:
        self.sub = sub
        self.parent = parent
        self.printing: list[Any] = [] if printing is None else printing

    def command(self, name: str, help: Help, run: Any = None, *, json: bool = False) -> Parser:
        parser = self.sub.add_parser(name, parents=[self.parent], help=help)
        if run is not None:
            parser.set_defaults(run=run)
        if json:
            self.printing.append(parser)
        return parser

    def actions(self, parser: Parser, dest: str) -> Commands:
        """The actions under ``parser``: --home and --lang may follow an action too."""
        return Commands(parser.add_subparsers(dest=dest, metavar=ACTION), global_options("action"), self.printing)

    def done(self) -> None:
        """--json on every command that prints data, once they are all declared."""
        for parser in self.printing:
            parser.add_argument("--json", action="store_true", help=JSON_HELP)


def settle_global_options(args: argparse.Namespace) -> str | None:
    """Set ``args.home`` and ``args.lang`` from wherever they were written; return what is
    wrong (in the user's language) if one was given twice with different values."""
    problem = None
    for name, same in (("lang", lambda v: normalise_language(v) or v),
                       ("home", lambda v: os.path.normpath(os.path.abspath(os.path.expanduser(v))))):
        given = [getattr(args, f"{name}@{place}") for place in OPTION_PLACES if hasattr(args, f"{name}@{place}")]
        setattr(args, name, given[0] if given else None)
        different = [v for v in given if same(v) != same(given[0])]
        if different and problem is None:
            problem = (name, given[0], different[0])
    if problem is None:
        return None
    name, first, second = problem
    from storage.settings_file import language

    lang = language(getattr(args, "lang", None))  # not the settings: which home is in question
    return OPTIONS_DISAGREE(lang, option="--" + name, first=first, second=second)


def home_of(args: Any) -> Path:
    from storage.home import resolve_home

    return resolve_home(getattr(args, "home", None))


def lang_of(args: Any) -> str:
    """The language: --lang, else the home's settings, else LANG (storage.settings_file's
    rule, read without pydantic so a look-up stays quick)."""
    from storage.messages import StoreError
    from storage.settings_file import language_at, named

    chosen = named(getattr(args, "lang", None))
    if chosen:
        return chosen
    try:
        home = home_of(args)
    except StoreError:  # no home to read settings from (--home a file …): LANG speaks
        home = None
    return language_at(home)


def say(text: str = "") -> None:
    """A line for the terminal. Whatever the store holds (an old version's, a hand edit's
    escape sequence), nothing raw reaches it: control characters are shown escaped."""
    from storage.text import visible

    sys.stdout.write(visible(text) + "\n")


def warn(text: str) -> None:
    from storage.text import visible

    sys.stderr.write(visible(text) + "\n")


def one_line(text: str) -> str:
    """A value shown within a line (a name in a heading, a cell): line breaks escaped too,
    so a value cannot start a line that reads as the program's own."""
    from storage.text import visible

    return visible(text, lines=False)


def open_store(args: Any, readonly: bool = False) -> Any:
    """The store of --home, its register files all there (or rebuilt). Opened to change,
    it first says on stderr if this laptop's date looks wrong (the dates it fills in would be)."""
    from storage.store import Store

    store = heard(Store.open(home_of(args), readonly=readonly), args)
    store.verify_files()  # a register file gone: rebuilt from the journal (and said), or refused
    say_privacy(store, lang_of(args))
    note = None if readonly else store.clock_warning(lang_of(args))
    if note:
        warn(note)
    return store


def heard(store: Any, args: Any) -> Any:
    """Say on stderr what the store has to tell (a damaged note set aside, a file rebuilt)."""
    lang = lang_of(args)
    store.on_notice(lambda notice: warn(notice.message(lang)))
    return store


def say_privacy(store: Any, lang: str) -> None:
    """The one-line note of a home made private as it was opened (or on a disk that keeps
    no modes), on stderr."""
    if store.privacy_note is not None:
        warn(store.privacy_note(lang))


def print_table(headers: Sequence[Text], rows: list[list[str]], lang: str, *, max_width: int = 24) -> None:
    """A table on stdout, its headers (each a Text) in the user's language."""
    from storage.text import table_text

    say(table_text([header(lang) for header in headers], rows, max_width=max_width))


def dump_json(value: Any) -> None:
    from storage.text import json_safe

    sys.stdout.write(json_safe(json.dumps(value, ensure_ascii=False, indent=2, default=str)) + "\n")


def parse_sets(pairs: list[str] | None) -> dict[str, str]:
    """--set FIELD=VALUE, as many as given; FIELD may be a name or a label."""
    from storage.messages import StoreError

    values: dict[str, str] = {}
    for pair in pairs or []:
        if "=" not in pair:
            raise StoreError(BAD_SET, pair=pair)
        key, value = pair.split("=", 1)
        values[key.strip()] = value
    return values


BAD_SET = Text(
    "「{pair}」應寫成 欄目=值,如 --set 姓名=張桂英。",
    "「{pair}」应写成 栏目=值,如 --set 姓名=张桂英。",
    "'{pair}' should be FIELD=VALUE, as in --set name=張桂英.",
)


# -- the arguments, before argparse reads them ------------------------------------------------

NOT_TEXT = Text(
    "第 {n} 個參數「{shown}」不是有效的文字(含有無法解碼的位元組,如 \\xff):"
    "請檢查終端的編碼(應為 UTF-8)或檔案名,再重新輸入。",
    "第 {n} 个参数「{shown}」不是有效的文字(含有无法解码的字节,如 \\xff):"
    "请检查终端的编码(应为 UTF-8)或文件名,再重新输入。",
    "Argument {n}, '{shown}', is not valid text (it holds bytes that cannot be decoded, "
    "such as \\xff): check that the terminal uses UTF-8, or the file's name, and type it again.",
)

#: The language argparse's type conversions refuse in: they run before there is a
#: Namespace to ask, so :func:`accept_arguments` reads --lang and --home from argv first.
_PARSE_LANGUAGE: ContextVar[str | None] = ContextVar("parse_language", default=None)


def accept_arguments(argv: Sequence[str]) -> bool:
    """Whether every argument is text that can be shown and written (a byte that is not
    UTF-8 arrives as a lone surrogate, '\\udcff', and would fail the first print of it;
    NUL cannot reach a process, but a caller of main() could pass it). Says why not on
    stderr. Also notes the language for argparse's own refusals."""
    given: dict[str, str] = {}
    for i, arg in enumerate(argv):
        for name in ("--lang", "--home"):
            if arg == name and i + 1 < len(argv):
                given.setdefault(name, argv[i + 1])
            elif arg.startswith(name + "="):
                given.setdefault(name, arg.split("=", 1)[1])
    usable = {name: value for name, value in given.items() if _is_text(value)}
    lang = lang_of(SimpleNamespace(lang=usable.get("--lang"), home=usable.get("--home")))
    _PARSE_LANGUAGE.set(lang)
    bad = next((n for n, arg in enumerate(argv, start=1) if not _is_text(arg)), None)
    if bad is None:
        return True
    warn(NOT_TEXT(lang, n=bad, shown=_shown(argv[bad - 1])))
    return False


def _is_text(arg: str) -> bool:
    try:
        arg.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in arg


def _shown(arg: str, limit: int = 60) -> str:
    """The argument with what cannot be shown written as escapes: \\xff for an undecodable
    byte, \\x1b for a control character; cut at ``limit`` characters."""
    return _escaped(arg[:limit]) + ("…" if len(arg) > limit else "")


def _escaped(text: str) -> str:
    out = []
    for ch in text:
        if "\udc80" <= ch <= "\udcff":
            out.append(f"\\x{ord(ch) - 0xDC00:02x}")
        elif not ch.isprintable():
            out.append(ch.encode("unicode_escape").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)


def parse_language(lang: str | None = None) -> str:
    """The language of the command line's help and refusals: ``lang`` if given, else what
    accept_arguments found (--lang, else the settings of --home, else LANG); the parser
    is built in it, and argparse's refusals are said in it."""
    from storage.settings_file import language

    if lang is not None:
        _PARSE_LANGUAGE.set(language(lang))
    return language(_PARSE_LANGUAGE.get())




def _refused(code: str, params: dict[str, Any]) -> argparse.ArgumentTypeError:
    """argparse's refusal of an option's value, in a register's words, in the language of
    the command line; what the value holds that a terminal would obey is escaped, since
    argparse writes it to stderr itself."""
    from storage.messages import worded

    return argparse.ArgumentTypeError(_escaped(worded(code, params, parse_language())))


def year_option(text: str) -> int:
    """argparse's type for --year: 1900 to 2100, refused in the words of a register's year."""
    from pydantic_core import PydanticCustomError

    from storage.fields import parse_year

    try:
        return parse_year(text if len(text) <= 40 else text[:40] + "…")  # a longer one is only echoed back
    except PydanticCustomError as error:
        raise _refused(error.type, error.context or {}) from None


def count_option(text: str) -> int:
    """argparse's type for a whole number (--months, --limit, --members, --seed), refused
    in the words of a register's count. Light: ``taizhang find -n 5`` loads no pydantic."""
    from storage.limits import COUNT_LIMIT

    digits = text.strip()
    try:
        number = int(digits) if len(digits) <= 20 else COUNT_LIMIT + 1  # int() of 5,000 digits refuses by itself
    except ValueError:
        number = -1
    shown = text if len(text) <= 40 else text[:40] + "…"
    if number < 0:
        raise _refused("count_format", {"value": shown})
    if number > COUNT_LIMIT:
        raise _refused("count_range", {"value": shown, "limit": f"{COUNT_LIMIT:,}"})
    return number
