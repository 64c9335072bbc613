"""u on the home: the whole store, encrypted, to a folder (a USB stick), as ``taizhang
backup --to FILE`` does: asks for the folder, then a passphrase twice, and writes
``taizhang-<organisation>-<date>.tzbak`` there. The rules are storage.backups'."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from storage.i18n import Text as T

ASK_FOLDER = T("備份到哪個資料夾(插好 U 盤,寫它的資料夾):", "备份到哪个文件夹(插好 U 盘,写它的文件夹):",
               "The folder to back up to (a USB stick's, plugged in):")
ASK_PASSPHRASE = T("備份密碼(至少 8 個字;恢復時要用,請另外記好,不要寫在 U 盤上):",
                   "备份密码(至少 8 个字;恢复时要用,请另外记好,不要写在 U 盘上):",
                   "A passphrase (8 characters or more; restoring needs it: keep it apart, not on the stick):")
ASK_AGAIN = T("再輸入一次密碼:", "再输入一次密码:", "The passphrase again:")
WRITING = T("備份中…", "备份中…", "backing up…")
NO_FOLDER = T("{folder} 不是資料夾。請插好 U 盤,再寫它的資料夾。", "{folder} 不是文件夹。请插好 U 盘,再写它的文件夹。",
              "{folder} is not a folder. Plug in the USB stick and give its folder.")
DONE = T("已把整份台賬加密寫到 {path}({size})。密碼另外記好:沒有密碼就無法恢復。",
         "已把整份台账加密写到 {path}({size})。密码另外记好:没有密码就无法恢复。",
         "The whole store is written, encrypted, to {path} ({size}). Keep the passphrase apart: "
         "without it nothing can be restored.")


def back_up_to(app: Any) -> None:
    """Ask for the folder, the passphrase twice, then write the file."""
    from storage import backups
    from storage.messages import StoreError
    from tui.screens import texts
    from tui.screens.ask import AskScreen

    lang = app.lang
    if app.store is None:
        app.notify(texts.STORE_OPENING(lang), timeout=4)
        return
    start = str(getattr(app, "backup_folder", None) or Path.home()).rstrip("/") + "/"

    def folder_given(text: str | None) -> None:
        if not text or not text.strip():
            return
        folder = Path(text.strip()).expanduser()
        if not folder.is_dir():
            app.notify(NO_FOLDER(lang, folder=str(folder)), severity="error", timeout=10)
            return

        def first_given(first: str | None) -> None:
            if not first:
                return
            try:
                backups.check_passphrase(first)
            except StoreError as error:
                app.notify(error.message(lang), severity="error", timeout=10)
                return

            def again_given(again: str | None) -> None:
                if again is None:
                    return
                try:
                    backups.check_passphrase(first, again)
                except StoreError as error:
                    app.notify(error.message(lang), severity="error", timeout=10)
                    return
                app.notify(WRITING(lang), timeout=2)
                app.call_after_refresh(lambda: write_to(app, folder, first))

            app.push_screen(AskScreen(ASK_AGAIN(lang), password=True), again_given)

        app.push_screen(AskScreen(ASK_PASSPHRASE(lang), password=True), first_given)

    app.push_screen(AskScreen(ASK_FOLDER(lang), start), folder_given)


def write_to(app: Any, folder: Path, passphrase: str) -> Path | None:
    """Write the file now, in the store's thread (as a sync does), and say where."""
    from storage import backups, clock
    from storage.messages import StoreError

    store, lang = app.store, app.lang
    name = backups.whole_file_name(store.organisation, clock.today().isoformat())
    target, n = folder / name, 1
    while target.exists():  # a second backup the same day keeps the first
        n += 1
        target = folder / name.replace(backups.WHOLE_SUFFIX, f"-{n}{backups.WHOLE_SUFFIX}")
    try:
        backups.write_whole(store.home, target, passphrase, store.lock)
    except StoreError as error:
        app.notify(error.message(lang), severity="error", timeout=12)
        return None
    app.backup_folder = folder
    app.notify(DONE(lang, path=str(target), size=backups.size_text(target.stat().st_size)), timeout=15)
    refresh = getattr(app.screen, "show_actions", None)
    if callable(refresh):
        refresh()  # the 待辦 item about backing up goes
    return target
