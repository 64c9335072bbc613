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
