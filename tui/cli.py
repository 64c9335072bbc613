"""The ``taizhang`` command line. With no command it opens the app.

Exit status: 0 on success, 1 on an error (with a message on stderr in the user's
language), 2 on bad usage. Every command takes ``--home DIR`` and ``--lang``, before or
after it (the same either way), and most take ``--json``.
Only the command that runs is imported, so ``taizhang find`` stays a fast look-up.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from storage.i18n import Text
from tui.commands import MODULES
from tui.commands.common import Commands, global_options, settle_global_options

DESCRIPTION = Text(
    "台賬 taizhang — 村黨總支的一卡二表三簿十冊、會議與目標。",
    "台账 taizhang — 村党总支的一卡二表三簿十册、会议与目标。",
    "taizhang — the registers, meetings and targets of a village party general branch.",
)
VERSION_HELP = Text("顯示版本", "显示版本", "print the version")


def build_parser(lang: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, its help and argparse's own words in ``lang`` (else the
    language accept_arguments found in argv, else settings and LANG)."""
    from tui.commands.common import COMMAND, Parser, localise_help, parse_language

    lang = parse_language(lang)
    # --home and --lang mean the same before the command and after it (as git -C does);
    # each place has its own parent so that main() sees both when both are given.
    parser = Parser(prog="taizhang", description=DESCRIPTION, parents=[global_options("before")])
    parser.add_argument("--version", action="store_true", help=VERSION_HELP)
    commands = Commands(parser.add_subparsers(dest="command", metavar=COMMAND), global_options("command"))
    for name in MODULES:
        importlib.import_module(name).add_parsers(commands)
    commands.done()
    localise_help(parser, lang)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from tui.commands.common import accept_arguments

    argv = sys.argv[1:] if argv is None else list(argv)
    if not accept_arguments(argv):  # bytes that are not UTF-8: refused before anything echoes them
        return 2
    parser = build_parser()
    args = parser.parse_args(argv)
    disagreement = settle_global_options(args)
    if disagreement:
        parser.error(disagreement)  # exit 2: bad usage
    if args.version:
        from importlib.metadata import version

        sys.stdout.write(f"taizhang {version('taizhang')}\n")
        return 0
    if args.command is None:
        from tui.commands.setup import open_app

        return run(open_app, args)
    return run(args.run, args)


def run(command: Callable[[argparse.Namespace], int | None], args: argparse.Namespace) -> int:
    from storage.i18n import os_reason
    from storage.messages import StoreError, ValidationFailed
    from tui.commands.common import lang_of, warn

    try:
        return int(command(args) or 0)
    except ValidationFailed as failure:
        for line in failure.messages(lang_of(args)):
            warn(line)
        return 1
    except StoreError as error:
        warn(error.message(lang_of(args)))
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `taizhang list members | head`
        return 0
    except OSError as error:  # the system refused a file: say which, and why
        warn(CANNOT_USE_FILE(lang_of(args), path=error.filename or "", reason=os_reason(error)(lang_of(args))))
        return 1
    except Exception as error:
        coded = _coded_refusal(error)
        if coded is None:
            raise
        warn(coded(lang_of(args)))
        return 1


def _coded_refusal(error: Exception) -> Callable[[str], str] | None:
    """A parser of storage.fields met outside a record (a command's --month, --on …)
    refuses with a coded error: its words, else None. pydantic_core is asked only if it
    is loaded, so `taizhang find` never loads it."""
    core = sys.modules.get("pydantic_core")
    if core is None or not isinstance(error, core.PydanticCustomError):
        return None
    from storage.messages import worded

    return lambda lang: worded(error.type, error.context or {}, lang)


CANNOT_USE_FILE = Text(
    "無法使用 {path}:{reason}。請檢查它的位置和權限。",
    "无法使用 {path}:{reason}。请检查它的位置和权限。",
    "Cannot use {path}: {reason}. Check where it is and who may read or write it.",
)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
