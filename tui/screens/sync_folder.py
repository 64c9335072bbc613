"""y on the home: exchange bundles through a folder (a USB stick, a folder Syncthing or a
network drive keeps in step), as ``taizhang exchange DIR`` does: merge what the other
copies left there, then write for each of them what it has not acknowledged. What the
merge did is said as the command line says it (sync.report.merge_report)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from storage.i18n import Text as T

ASK_FOLDER = T("同步資料夾(U 盤,或兩邊共用的資料夾):", "同步文件夹(U 盘,或两边共用的文件夹):",
               "The folder to sync through (a USB stick, or a folder both sides share):")
SYNCING = T("同步中…", "同步中…", "syncing…")
NOTHING = T("{folder} 裡沒有新的同步包,也沒有要寫出的變更。", "{folder} 里没有新的同步包,也没有要写出的变更。",
            "Nothing new in {folder}, and nothing to write.")


def sync_through(app: Any) -> None:
    """Ask for the folder, then exchange through it."""
    from tui.screens import texts
    from tui.screens.ask import AskScreen

    lang = app.lang
    if app.store is None:
        app.notify(texts.STORE_OPENING(lang), timeout=4)
        return
    if app.store.readonly:
        app.notify(texts.READ_ONLY_REFUSED(lang) + " " + app.store.readonly_reason, severity="error", timeout=8)
        return
    start = str(getattr(app, "sync_folder", None) or Path.home()).rstrip("/") + "/"

    def answered(text: str | None) -> None:
        if text and text.strip():
            folder = Path(text.strip()).expanduser()
            app.notify(SYNCING(lang), timeout=2)
            app.call_after_refresh(lambda: exchange_through(app, folder))

    app.push_screen(AskScreen(ASK_FOLDER(lang), start), answered)


def exchange_through(app: Any, folder: Path) -> None:
    """Exchange now, in the store's thread, and say what happened."""
    from storage.messages import StoreError
    from sync import messages as M
    from sync.exchange import exchange
    from sync.keys import Keyring
    from sync.messages import SyncError
    from sync.outgoing import peer_name
    from sync.report import merge_report

    store, lang = app.store, app.lang
    try:
        keyring = Keyring.load(store.home)
        result = exchange(store, keyring, folder)
    except (SyncError, StoreError) as error:
        app.notify(error.message(lang), severity="error", timeout=12)
        return
    app.sync_folder = folder
    said: list[str] = []
    for _, refusal in result.skipped:  # not `error`: that name is the except clause's above
        app.notify(refusal.message(lang), severity="warning", timeout=15)
    if result.merged is not None:
        for level, text in merge_report(store, keyring, result.merged, lang, False, result.backup):
            if level == "warn":
                app.notify(text, severity="warning", timeout=15)
            else:
                said.append(text.strip())
    for copy, path, count in result.written:
        peer = keyring.peers[copy]
        said.append(M.EXPORTED(lang, path=str(path), count=count, peer=peer_name(store, peer), fingerprint=peer.fingerprint))
    if not said and not result.skipped:
        said.append(NOTHING(lang, folder=str(folder)))
    if said:
        app.notify("\n".join(said), timeout=15)
