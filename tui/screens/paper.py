"""p on a register, a record or the home (n for the notice): print to a PDF or a DOCX the
user names (a sensible one is offered), as ``taizhang print`` does (storage.paper).

The file is written in a thread: the binder of a large village takes seconds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from storage import clock
from storage.i18n import Text

T = Text

PRINT_TO = T("打印到哪個文件?(.pdf 或 .docx)", "打印到哪个文件?(.pdf 或 .docx)", "Print to which file? (.pdf or .docx)")
PRINTING = T("正在打印到 {path}……", "正在打印到 {path}……", "Printing to {path}…")
PRINTED = T("已打印到 {path}{pages}。", "已打印到 {path}{pages}。", "Printed to {path}{pages}.")
PAGES = T(",{pages} 頁", ",{pages} 页", ", {pages} pages")
BINDER_NAME = T("台賬", "台账", "binder")
NOTICE_NAME = T("黨務公開", "党务公开", "notice")


def suggested(name: str) -> str:
    safe = "".join(c for c in name if c not in '/\\:*?"<>|') or "taizhang"
    return str(Path.home() / f"{safe}-{clock.today().isoformat()}.pdf")


def ask_and_print(screen: Any, name: str, what: str | None, **options: Any) -> None:
    """Ask where to save, then print there; what went wrong is said, as the command line says it."""
    from tui.screens.ask import AskScreen

    lang = screen.lang

    def answered(path: str | None) -> None:
        if path and path.strip():
            target = Path(path.strip()).expanduser()
            screen.notify(PRINTING(lang, path=str(target)), timeout=4)
            screen.run_worker(lambda: _write(screen, target, what, options), thread=True, exclusive=False)

    screen.app.push_screen(AskScreen(PRINT_TO(lang), suggested(name)), answered)


def _write(screen: Any, target: Path, what: str | None, options: dict[str, Any]) -> None:
    from storage.messages import StoreError, ValidationFailed
    from storage.paper import print_to

    lang = screen.lang
    say = screen.app.call_from_thread
    try:
        done = print_to(screen.store, what, target, lang, **options,
                        warn=lambda note: say(screen.notify, note, severity="warning", timeout=10))
    except StoreError as error:
        say(screen.notify, error.message(lang), severity="error", timeout=8)
        return
    except ValidationFailed as failure:  # a branch no longer there
        say(screen.notify, " ".join(failure.messages(lang)), severity="error", timeout=8)
        return
    except OSError as error:
        say(screen.notify, f"{target}: {error.strerror or error}", severity="error", timeout=8)
        return
    pages = PAGES(lang, pages=done.pages) if done.pages else ""
    say(screen.notify, PRINTED(lang, path=str(done.path), pages=pages), timeout=6)


def print_register(screen: Any) -> None:
    """What the register shows (its branch) as its table for this year."""
    ask_and_print(screen, screen.place_title(screen.lang), screen.reg.slug, branch=screen.branch)


def print_record(screen: Any) -> None:
    """This record as its paper form."""
    name = f"{screen.reg.title(screen.lang)}-{screen.store.name_of(screen.reg.slug, screen.record)}"
    ask_and_print(screen, name, None, record=screen.rid)


def print_binder(screen: Any) -> None:
    """The year's 台賬."""
    if screen.store is not None:
        ask_and_print(screen, f"{BINDER_NAME(screen.lang)}-{clock.today().year}", "binder")


def print_notice(screen: Any) -> None:
    """This month's 黨務公開 sheet."""
    if screen.store is not None:
        month = clock.today().strftime("%Y-%m")
        ask_and_print(screen, f"{NOTICE_NAME(screen.lang)}-{month}", "notice", month=month)
