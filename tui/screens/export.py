"""Exports from the app: x on a register writes what it shows (its branch), and the palette's
"export the workbook" writes every register, targets and checklist (as ``taizhang export
all``), through the plan issue's storage.tables.

Files go to one folder the user chooses once: the first export asks for it (a folder of
its own under Documents, or the home folder, is offered), the choice is kept in
settings.toml (``[ui] export_folder``, saved atomically as the language is), and later
exports go there without asking; the palette's "export folder" changes it. A folder that
is gone (a USB stick taken out) is asked for again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from storage import clock
from storage.i18n import Text as T
from tui.screens import texts

ASK_FOLDER = T("匯出的檔案放在哪個資料夾?(只問這一次,以後都放這裡;可在 ^p「匯出資料夾」更改)",
               "导出的文件放在哪个文件夹?(只问这一次,以后都放这里;可在 ^p「导出文件夹」更改)",
               "Which folder should exports go to? (Asked once: later ones go there; change it with "
               "^p \"Export folder\")")
CHANGE_FOLDER = T("匯出資料夾(現在:{folder}):", "导出文件夹(现在:{folder}):", "Export folder (now: {folder}):")
FOLDER_NAME = T("台賬匯出", "台账导出", "taizhang exports")
NOT_A_FOLDER = T("{folder} 不是資料夾,也建立不了({reason})。請寫一個可以寫入的資料夾。",
                 "{folder} 不是文件夹,也无法创建({reason})。请写一个可以写入的文件夹。",
                 "{folder} is not a folder and cannot be made one ({reason}). Give a folder you can write to.")
FOLDER_SET = T("以後匯出的檔案都放在 {folder}", "以后导出的文件都放在 {folder}", "Exports go to {folder} from now on")
WORKBOOK_DONE = T("已把全部登記冊、目標和自查匯出到 {path}", "已把全部登记册、目标和自查导出到 {path}",
                  "Every register, the targets and the checklist are exported to {path}")


def export_available() -> bool:
    import importlib.util

    try:
        spec = importlib.util.find_spec("storage.tables")
    except (ImportError, ValueError):
        return False
    return spec is not None


def suggested_folder(lang: str) -> Path:
    """A folder of its own under the user's Documents when there is one, else under home."""
    try:
        from platformdirs import user_documents_dir

        documents = Path(user_documents_dir())
    except Exception:  # no platformdirs answer: the home folder
        documents = Path.home()
    base = documents if documents.is_dir() and documents != Path.home() else Path.home()
    return base / FOLDER_NAME(lang)


def remembered_folder(app: Any) -> Path | None:
    """The folder exports go to, if one was chosen and it is still there."""
    chosen = getattr(app, "export_folder", None)
    if chosen is None and app.store is not None:
        chosen = getattr(app.store.settings.ui, "export_folder", "") or None
    if chosen is None:
        from storage.settings_file import ui_setting

        chosen = ui_setting(app.home, "export_folder", "") or None
    if not isinstance(chosen, (str, Path)) or not str(chosen):
        return None
    folder = Path(chosen).expanduser()
    return folder if folder.is_dir() else None


def remember(app: Any, folder: Path) -> None:
    """Keep the choice: for this session, and in settings.toml when the store may change it."""
    app.export_folder = folder
    store = app.store
    if store is None or store.readonly:
        return  # kept for the session only; the settings file stays as it was
    from storage import settings as settings_mod
    from storage.messages import StoreError

    try:
        store.settings.ui.export_folder = str(folder)
        settings_mod.save(app.home, store.settings)
    except (StoreError, OSError):
        pass


def ask_folder(app: Any, then: Callable[[Path], None] | None = None, *, changing: bool = False) -> None:
    """Ask for the folder (offering the one kept, else a new one), make it if need be,
    keep it, then go on."""
    from tui.screens.ask import AskScreen

    lang = app.lang
    current = remembered_folder(app)
    start = str(current or suggested_folder(lang))
    question = CHANGE_FOLDER(lang, folder=str(current)) if changing and current else ASK_FOLDER(lang)

    def answered(text: str | None) -> None:
        if not text or not text.strip():
            return
        folder = Path(text.strip()).expanduser()
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not folder.is_dir():
                raise NotADirectoryError(str(folder))
        except OSError as error:
            app.notify(NOT_A_FOLDER(lang, folder=str(folder), reason=error.strerror or type(error).__name__),
                       severity="error", timeout=10)
            return
        remember(app, folder)
        if then is None:
            app.notify(FOLDER_SET(lang, folder=str(folder)), timeout=6)
        else:
            then(folder)

    app.push_screen(AskScreen(question, start), answered)


def in_folder(app: Any, then: Callable[[Path], None]) -> None:
    """Go on with the folder kept, or ask for one first."""
    folder = remembered_folder(app)
    if folder is None:
        ask_folder(app, then)
    else:
        then(folder)


def free_name(folder: Path, stem: str, suffix: str = ".xlsx") -> Path:
    """``stem.xlsx`` in ``folder``, or ``stem-2.xlsx`` … when an earlier export has the name."""
    target = folder / f"{stem}{suffix}"
    n = 2
    while target.exists():
        target = folder / f"{stem}-{n}{suffix}"
        n += 1
    return target


def export_register(screen: Any) -> None:
    """x on a register: what it shows, to the export folder."""
    stem = f"{screen.place_title(screen.lang)}-{clock.today().isoformat()}"
    in_folder(screen.app, lambda folder: write(screen, free_name(folder, stem)))


def export_workbook(app: Any) -> None:
    """The palette's "export the workbook": every register, the targets and the checklist."""
    if app.store is None:
        app.notify(texts.STORE_OPENING(app.lang), timeout=4)
        return
    from storage.text import visible

    organisation = visible(str(app.store.settings.store.organisation), lines=False).replace("/", "-")
    stem = f"{organisation or 'taizhang'}-{clock.today().isoformat()}"
    in_folder(app, lambda folder: write_all(app, free_name(folder, stem)))


def write(screen: Any, target: Path) -> None:
    from storage import tables
    from storage.messages import StoreError

    try:
        done = tables.export(screen.store, screen.reg.slug, target, lang=screen.lang, branch=screen.branch)
    except StoreError as error:
        screen.notify(error.message(screen.lang), severity="error", timeout=8)
        return
    except OSError as error:
        from storage.i18n import os_reason

        screen.notify(f"{target}: {os_reason(error)(screen.lang)}", severity="error", timeout=8)
        return
    screen.notify(texts.EXPORTED(screen.lang, path=str(done)), timeout=6)


def write_all(app: Any, target: Path) -> None:
    from storage import tables
    from storage.messages import StoreError

    lang = app.lang
    try:
        done = tables.export(app.store, "all", target, lang=lang)
    except StoreError as error:
        app.notify(error.message(lang), severity="error", timeout=8)
        return
    except OSError as error:
        app.notify(f"{target}: {error.strerror or error}", severity="error", timeout=8)
        return
    app.notify(WORKBOOK_DONE(lang, path=str(done)), timeout=6)
