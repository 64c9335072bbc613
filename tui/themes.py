"""The app's colour themes: the terminal's own sixteen colours by default, or 24-bit
colours for those who set ``[ui] theme`` in settings.toml."""

from __future__ import annotations

import os

from textual.theme import Theme

_ANSI_VARIABLES = {
    "ansi-background": "ansi_black",
    "ansi-foreground": "ansi_white",
    "border": "ansi_white",
    "border-blurred": "ansi_bright_black",
    "block-cursor-foreground": "ansi_default",
    "block-cursor-background": "ansi_default",
    "block-cursor-text-style": "reverse",
    "block-cursor-blurred-foreground": "ansi_default",
    "block-cursor-blurred-background": "ansi_default",
    "block-cursor-blurred-text-style": "underline",
    "input-cursor-background": "ansi_white",
    "input-cursor-foreground": "ansi_black",
    "input-cursor-text-style": "none",
    "input-selection-background": "ansi_blue",
    "footer-key-foreground": "ansi_yellow",
    "footer-description-foreground": "ansi_default",
    "footer-background": "ansi_default",
    "scrollbar": "ansi_bright_black",
    "scrollbar-background": "ansi_default",
}

THEMES = {
    # The default: the terminal's own sixteen colours and its own background. Readable on
    # the Linux console (TERM=linux), an old PuTTY, a light or a dark terminal, and the
    # lightest on an SSH line (a colour costs a few bytes, not a 24-bit triple).
    "taizhang": Theme(
        name="taizhang",
        ansi=True,
        primary="ansi_red",
        secondary="ansi_blue",
        accent="ansi_yellow",
        warning="ansi_yellow",
        error="ansi_bright_red",
        success="ansi_green",
        foreground="ansi_default",
        background="ansi_default",
        surface="ansi_default",
        panel="ansi_default",
        boost="ansi_default",
        dark=True,
        variables=_ANSI_VARIABLES,
    ),
    # For those who prefer their own colours to the terminal's (settings: ui.theme).
    "taizhang-truecolor": Theme(
        name="taizhang-truecolor",
        primary="#c0392b",
        secondary="#2e6f9e",
        accent="#d4a017",
        warning="#d68910",
        error="#e74c3c",
        success="#27ae60",
        foreground="#e8e6e3",
        background="#1c1c1c",
        surface="#262626",
        panel="#333333",
        dark=True,
    ),
}


def few_colours(environ: dict[str, str] | os._Environ[str] = os.environ) -> bool:
    """Whether the terminal shows only the sixteen ANSI colours."""
    term = environ.get("TERM", "")
    if environ.get("COLORTERM", "").lower() in ("truecolor", "24bit"):
        return False
    return term in ("linux", "vt100", "vt220", "ansi", "cons25") or term.endswith("-16color")


# -- glyphs: what a terminal can draw ------------------------------------------------------

#: Terminals whose font has no emoji and few block glyphs: the Linux console (its 512
#: glyphs hold the line-drawing box, not ▔▁ nor 🔎), and the old hardware ones.
ASCII_TERMS = ("linux", "vt100", "vt102", "vt220", "ansi", "cons25", "dumb")

#: The key names the footer and F1 draw, as an ASCII terminal shows them. Only the glyphs:
#: the app's CSS class ``-ascii`` (tui/app.tcss) turns the borders to ASCII, the screens'
#: own marks have their pairs beside them (targets.TARGET_MARKS, checklist.CHECK_MARKS).
#: Of those, the ones the console has no glyph for at all, wherever a text uses them.
CONSOLE_LACKS = {"⏎": "Enter", "␣": "Space"}
ASCII_KEYS = {**CONSOLE_LACKS, "←": "<-", "→": "->", "↑": "Up", "↓": "Down"}


def ascii_glyphs(setting: object = "auto", ascii_borders: object = False,
                 environ: dict[str, str] | os._Environ[str] = os.environ) -> bool:
    """Whether to draw ASCII alone: ``[ui] glyphs = "ascii"`` (or the older ``ascii_borders
    = true``), or, left at ``"auto"``, a terminal that cannot draw more (TERM=linux …).
    ``"unicode"`` insists on the full set whatever TERM says."""
    if setting == "ascii" or ascii_borders is True:
        return True
    if setting == "unicode":
        return False
    term = environ.get("TERM", "")
    return term in ASCII_TERMS or term.startswith(("linux-", "vt1", "vt2"))


def ascii_key(shown: str) -> str:
    """A key's name as an ASCII terminal can draw it (⏎ → Enter)."""
    return ASCII_KEYS.get(shown, shown)
