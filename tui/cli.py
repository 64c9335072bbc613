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
from typing import Sequence

from tui.commands import MODULES
from tui.commands.common import global_options, settle_global_options

DESCRIPTION = (
    "台賬 taizhang — 村黨總支的一卡二表三簿十冊、會議與目標。\n"
    "The registers, meetings and targets of a village party general branch."
)


def build_parser() -> argparse.ArgumentParser:
    # --home and --lang mean the same before the command and after it (as git -C does);
    # each place has its own parent so that main() sees both when both are given.
    parser = argparse.ArgumentParser(
        prog="taizhang", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[global_options("before")],
    )
    parser.add_argument("--version", action="store_true", help="print the version")
    parent = global_options("command")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in MODULES:
        importlib.import_module(name).add_parsers(subparsers, parent)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
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


def run(command, args) -> int:  # type: ignore[no-untyped-def]
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
