"""When the app meets an error nobody foresaw: a crash report for whoever mends the
program, holding where it happened and none of the data it was working on.

A traceback as Textual prints it shows every local variable of every frame: a record's
身份證號, a damaged file's bytes, on the screen and in any SSH session's log. The report
keeps the stack (file, line, function and the line of code, which is the program's own
text) and the exception's type, and leaves out the values:

- no local variables, ever;
- the exception's message only scrubbed, since messages quote what they met: every quoted
  part ('…', "…", 「…」, “…”) is replaced by …, every run of digits by # (ids, phones,
  dates, amounts), every run of characters beyond ASCII by … (names, addresses), control
  characters dropped, and the rest cut at 300 characters. What is left is the words the
  code wrote ("unhashable type: '…'", "Expecting value: line # column #").

The report goes to the user's log folder (platformdirs: ~/.local/state/taizhang/log on
Linux), not into the home, which backups copy and a shared folder may carry; else to the
system's temporary folder. Either way the file is 0600 and the folder it makes 0700.
"""

from __future__ import annotations

import os
import platform
import re
import sys
import tempfile
import traceback
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from storage.i18n import Text

_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|「[^」]*」|“[^”]*”|‘[^’]*’|'[^']*$|\"[^\"]*$")
_DIGITS = re.compile(r"\d+")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
MESSAGE_LIMIT = 300


def scrubbed(message: str) -> str:
    """An exception's message with the values it quotes taken out (see the module's note)."""
    text = _QUOTED.sub("'…'", message)
    text = _DIGITS.sub("#", text)
    text = _NOT_ASCII.sub("…", text)
    text = _CONTROL.sub("", text)
    return text[:MESSAGE_LIMIT] + ("…" if len(text) > MESSAGE_LIMIT else "")


def _chain(error: BaseException) -> list[BaseException]:
    """The error and those it arose from, oldest first, as Python prints them."""
    found: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and all(current is not e for e in found):
        found.append(current)
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    return found[::-1]


def _message(error: BaseException) -> str:
    try:
        return str(error)
    except Exception:  # a __str__ that fails: the type says enough
        return ""


def describe(error: BaseException) -> str:
    """The stack of ``error`` (and what it arose from) without locals; messages scrubbed."""
    parts = []
    for n, link in enumerate(_chain(error)):
        if n:
            parts.append("\nDuring the handling of the above, or caused by it:\n\n")
        parts.append("Traceback (most recent call last):\n")
        parts.extend(traceback.format_list(traceback.extract_tb(link.__traceback__)))
        kind = type(link)
        name = kind.__qualname__ if kind.__module__ in ("builtins", "__main__") else f"{kind.__module__}.{kind.__qualname__}"
        message = scrubbed(_message(link))
        parts.append(f"{name}: {message}\n" if message else f"{name}\n")
    return "".join(parts)


def report_folder() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir("taizhang", appauthor=False))


def write_report(error: BaseException) -> Path | None:
    """Write the report of ``error``; its path, or None if no folder would take it."""
    body = _heading() + describe(error)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for folder in (report_folder(), Path(tempfile.gettempdir()) / f"taizhang-{_user()}"):
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            path = folder / f"crash-{stamp}-{os.getpid()}.txt"
            n = 1
            while path.exists():
                n += 1
                path = folder / f"crash-{stamp}-{os.getpid()}-{n}.txt"
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
            try:
                os.fchmod(fd, 0o600)  # whatever the umask
                os.write(fd, body.encode("utf-8", "replace"))
            finally:
                os.close(fd)
            return path
        except OSError:
            continue
    return None


def _heading() -> str:
    try:
        from importlib.metadata import version

        taizhang, textual = version("taizhang"), version("textual")
    except Exception:  # not installed: running from a checkout
        taizhang = textual = "?"
    return (
        "taizhang crash report\n"
        f"when:     {datetime.now().isoformat(timespec='seconds')}\n"
        f"version:  taizhang {taizhang}, textual {textual}, Python {platform.python_version()}, {sys.platform}\n"
        "Local variables and record contents are left out; in messages, quoted parts, digits\n"
        "and characters beyond ASCII are masked.\n\n"
    )


def _user() -> str:
    try:
        return str(os.getuid())
    except AttributeError:  # pragma: no cover - Windows
        return "user"


# -- what the person is told -------------------------------------------------------------------


@dataclass(frozen=True)
class Failure:
    """Why the app ended early, as the person is told it."""

    heading: Text
    message: str  # in the user's language, on the screen
    note: str  # one line on the terminal, after the screen is gone
    crashed: bool  # an error nobody foresaw (False: a refusal of the store, said in words)


def failure_of(error: BaseException, lang: str) -> Failure:
    """What to tell of ``error``: a refusal of the store (a damaged register file) in its
    own words, as the command line says it; anything else as a crash, with its report."""
    from storage.messages import StoreError
    from tui.screens import texts

    if isinstance(error, StoreError):
        message = error.message(lang)
        return Failure(texts.CANNOT_OPEN, message, message, crashed=False)
    try:
        path = write_report(error)
    except Exception:  # the report is a courtesy: never a second error on the way out
        path = None
    if path is None:
        message = texts.CRASH_NO_REPORT(lang)
        return Failure(texts.CRASHED, message, message, crashed=True)
    return Failure(texts.CRASHED, texts.CRASH_REPORT(lang, path=str(path)), texts.CRASH_NOTE(lang, path=str(path)),
                   crashed=True)
