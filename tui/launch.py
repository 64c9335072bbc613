"""Starting the app from the shell (``taizhang`` with no command, ``taizhang demo``): the
terminal is checked first, so one that is not UTF-8 gets a sentence saying how to fix it
instead of garbage; an app that ends on an error is followed by one that says why."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from storage.i18n import EN, HANS, HANT
from storage.settings_file import language_at, ui_setting
from tui.crash import Failure
from tui.screens import texts


def encoding_problem(environ: dict[str, str] | os._Environ[str] = os.environ, stream: Any = None) -> str | None:
    """The terminal's encoding if it is not UTF-8, else None.

    The locale (LC_ALL, LC_CTYPE, LANG) says what the terminal expects. C and POSIX are
    left alone: they usually mean nobody set a locale (over SSH), and Python writes
    UTF-8 then, which nearly every terminal shows.
    """
    stream = sys.stdout if stream is None else stream
    for var in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = environ.get(var, "")
        if value:
            head, _, charset = value.partition(".")
            charset = charset.split("@")[0]
            if head in ("C", "POSIX") and not charset:
                break
            if charset and charset.lower().replace("-", "") not in ("utf8",):
                return charset
            if not charset and head not in ("C", "POSIX"):
                return _default_charset(head)
            break
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "").replace("_", "")
    if encoding not in ("utf8", "utf8mb4"):
        return getattr(stream, "encoding", "") or "?"
    return None


def _default_charset(locale_name: str) -> str | None:
    """What a locale without a charset means in glibc (zh_CN is GB2312, zh_TW BIG5)."""
    known = {"zh_CN": "GB2312", "zh_TW": "BIG5", "zh_HK": "BIG5-HKSCS", "zh_SG": "GB2312"}
    return known.get(locale_name.split("@")[0], "ISO-8859-1")


def explain_encoding(charset: str, lang: str) -> None:
    """Say how to fix the terminal, in words that terminal can show."""
    import codecs

    from storage.text import visible

    charset = visible(charset, lines=False)  # from LANG, as typed: echoed, never obeyed
    message = texts.NOT_UTF8(lang, encoding=charset) + "\n"
    english = texts.NOT_UTF8(EN, encoding=charset) + "\n"
    try:
        codec = codecs.lookup(charset).name
        data = message.encode(codec) if lang != EN else b""
    except (LookupError, UnicodeEncodeError):
        data = b""
    out = getattr(sys.stderr, "buffer", None)
    if out is None:
        sys.stderr.write(english)
        return
    out.write(data + english.encode("ascii", "replace"))
    out.flush()


def terminal_attached() -> bool:
    """Whether a person can see the app and answer it: input and output both a terminal.
    Started from a script, a cron job or with input from /dev/null, the app would draw to
    nobody and wait for keys that never come (and spin a core doing it)."""
    try:
        return sys.stdin is not None and sys.stdout is not None and sys.stdin.isatty() and sys.stdout.isatty()
    except (ValueError, OSError):  # a closed stream
        return False


def run_app(home: Path | str, lang: str | None = None) -> int:
    """Open the app on ``home``; returns the exit status."""
    home = Path(home)
    chosen = language_at(home, lang)
    charset = encoding_problem()
    if charset:
        explain_encoding(charset, chosen if chosen in (HANT, HANS) else HANT)
        return 1
    if not terminal_attached():  # a screen nobody can see or answer would wait for ever
        sys.stderr.write(texts.NO_TERMINAL(chosen) + "\n")
        return 1
    from tui.app import TaizhangApp

    app = TaizhangApp(home, lang)
    try:
        app.run(**launch_options(home))
    except Exception as error:  # outside Textual's own loop: the same report, never a traceback
        from tui.crash import failure_of

        app.failure = failure_of(error, app.lang)
    if app.failure is None:
        if app.unopened:  # said on the screen; the line stays on the terminal when it is gone
            from storage.text import visible

            sys.stderr.write(visible(app.unopened) + "\n")
        return app.return_code or 0
    tell_failure(home, app.failure, app.lang)
    return 1


def tell_failure(home: Path, failure: Failure, lang: str) -> None:
    """Say why the app ended: on a screen of a fresh app (the one that met the error can
    no longer be relied on), then in a line on the terminal, which stays when the screen
    is gone."""
    from tui.app import TaizhangApp

    try:
        TaizhangApp(home, lang, telling=failure).run(**launch_options(home))
    except Exception:  # the line below says it all the same
        pass
    sys.stderr.write(failure.note + "\n")


def launch_options(home: Path) -> dict[str, Any]:
    """How the terminal is driven: mouse tracking only when the settings ask for it."""
    return {"mouse": bool(ui_setting(home, "mouse", False))}
