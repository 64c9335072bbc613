"""Starting the app from the shell (``taizhang`` with no command, ``taizhang demo``): the
terminal is checked first, so one that is not UTF-8 gets a sentence saying how to fix it
instead of garbage; an app that ends on an error is followed by one that says why."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from storage.i18n import EN, HANS, HANT
from storage.settings_file import language_at, named, ui_setting
from tui.crash import Failure
from tui.screens import texts

#: What the C (POSIX) locale promises a program: plain ASCII, nothing else.
C_LOCALE = "ANSI_X3.4-1968"

#: Said to a terminal in the C locale. Not a Text in three languages on purpose: the C
#: locale promises ASCII and nothing else, so Chinese sent to it may show as garbage or
#: underscores (tmux, screen) — English and the line to paste are what it can show.
NOT_UTF8_C = (
    "The locale is C (LANG=C, LC_ALL=C, or none set): plain ASCII, so taizhang's Chinese "
    "screens would be garbled. Set a UTF-8 locale first, for example:\n"
    "  export LANG={suggested}\n({others}) and set the terminal (PuTTY: Window > Translation) to UTF-8."
)

#: The locale to suggest for each language of the app, and what to say of the others.
SUGGESTED_LOCALE = {HANT: "zh_TW.UTF-8", HANS: "zh_CN.UTF-8", EN: "en_US.UTF-8"}
OTHER_LOCALES = {HANT: "or zh_CN.UTF-8 for simplified characters",
                 HANS: "or zh_TW.UTF-8 for traditional characters",
                 EN: "or zh_CN.UTF-8, zh_TW.UTF-8 for Chinese"}


def encoding_problem(environ: dict[str, str] | os._Environ[str] = os.environ, stream: Any = None) -> str | None:
    """The terminal's encoding if it is not UTF-8, else None.

    The locale (LC_ALL, LC_CTYPE, LANG: the first one set) says what the terminal
    expects. The C and POSIX locales, set or left unset, promise ASCII (``C_LOCALE``):
    a terminal in them, or a tmux or screen started in them, shows Chinese as garbage or
    underscores. Python puts ``LC_CTYPE=C.UTF-8`` into the environment of a program started
    in the C locale (PEP 538) and turns on its UTF-8 mode (PEP 540); that value is Python's,
    not the user's, and is passed over.
    """
    stream = sys.stdout if stream is None else stream
    coerced = bool(sys.flags.utf8_mode) and "PYTHONUTF8" not in environ and environ is os.environ
    for var in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = environ.get(var, "")
        if var == "LC_CTYPE" and coerced and value == "C.UTF-8":
            continue
        if value:
            head, _, charset = value.partition(".")
            charset = charset.split("@")[0]
            if head in ("C", "POSIX") and not charset:
                return C_LOCALE
            if charset and charset.lower().replace("-", "") not in ("utf8",):
                return charset
            if not charset:
                return _default_charset(head)
            break
    else:
        return C_LOCALE  # nothing set: the C locale
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "").replace("_", "")
    if encoding not in ("utf8", "utf8mb4"):
        return getattr(stream, "encoding", "") or "?"
    return None


def _default_charset(locale_name: str) -> str | None:
    """What a locale without a charset means in glibc (zh_CN is GB2312, zh_TW BIG5)."""
    known = {"zh_CN": "GB2312", "zh_TW": "BIG5", "zh_HK": "BIG5-HKSCS", "zh_SG": "GB2312"}
    return known.get(locale_name.split("@")[0], "ISO-8859-1")


def explain_encoding(charset: str, lang: str) -> None:
    """Say how to fix the terminal, in words that terminal can show: in the C locale in
    English alone (it promises nothing but ASCII); in another charset (GBK, Big5) in the
    user's Chinese encoded in that charset, then in English."""
    import codecs

    from storage.text import visible

    out = getattr(sys.stderr, "buffer", None)
    if charset == C_LOCALE:
        chosen = lang if lang in SUGGESTED_LOCALE else HANS
        english = NOT_UTF8_C.format(suggested=SUGGESTED_LOCALE[chosen], others=OTHER_LOCALES[chosen]) + "\n"
        if out is None:
            sys.stderr.write(english)
        else:
            out.write(english.encode("ascii", "replace"))
            out.flush()
        return
    charset = visible(charset, lines=False)  # from LANG, as typed: echoed, never obeyed
    message = texts.NOT_UTF8(lang, encoding=charset) + "\n"
    english = texts.NOT_UTF8(EN, encoding=charset) + "\n"
    try:
        codec = codecs.lookup(charset).name
        data = message.encode(codec) if lang != EN else b""
    except (LookupError, UnicodeEncodeError):
        data = b""
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
        # In the C locale the language comes from the settings or --lang, else mainland
        # Chinese is suggested (the C locale says nothing of the user's language).
        explain_encoding(charset, chosen if charset != C_LOCALE or (named(lang) or named(ui_setting(home, "language", None))) else HANS)
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
