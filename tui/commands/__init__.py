"""The subcommands of ``taizhang``, one module per family.

A module defines ``add_parsers(commands)`` and declares each of its commands with
``commands.command(name, help, run=…, json=…)`` (tui.commands.common.Commands, which adds
the options every command shares: --home, --lang, --json). It keeps its heavy imports
inside the functions that run, so that building the parser costs nothing and ``taizhang
find`` loads only what a look-up needs.
"""

MODULES = (
    "tui.commands.setup",
    "tui.commands.records",
    "tui.commands.find",
    "tui.commands.plan",
    "tui.commands.export",  # one command: a spreadsheet, or a sync bundle
    "tui.commands.tables",
    "tui.commands.sync",
    "tui.commands.backup",
    "tui.commands.stats",  # 黨內統計: figures, pictures
    "tui.commands.paper",  # print: registers, forms, the binder and the notice on paper
)
