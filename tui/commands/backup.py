"""Backups: ``backup`` (a local one, or the whole store to a file under a passphrase) and
``restore`` (a local backup in place, or a whole-store file into a new folder). The rules
are storage.backups'; this module asks, and says what happened."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from storage.i18n import Text
from tui.commands.common import Commands, dump_json, home_of, lang_of, say

T = Text

ASK = T("備份密碼:", "备份密码:", "Backup passphrase: ")
ASK_AGAIN = T("再輸入一次:", "再输入一次:", "Type it again: ")
NO_TERMINAL = T(
    "沒有終端可以詢問密碼。請在終端裡執行,或用 --passphrase-file 檔案 給出密碼。",
    "没有终端可以询问密码。请在终端里执行,或用 --passphrase-file 文件 给出密码。",
    "There is no terminal to ask for the passphrase. Run this at a terminal, or give it with "
    "--passphrase-file FILE.",
)
EMPTY_FILE = T("密碼檔 {path} 是空的(或讀不到):{detail}", "密码文件 {path} 是空的(或读不到):{detail}",
               "The passphrase file {path} is empty (or unreadable): {detail}")
BACKED_UP = T("已備份到 {path}({size})。", "已备份到 {path}({size})。", "Backed up to {path} ({size}).")
WHOLE_WRITTEN = T(
    "已把整份台賬({files} 個檔案)加密寫到 {path}({size})。請把這個檔案帶離這台電腦(U 盤),"
    "密碼另外記好:沒有密碼就無法恢復。",
    "已把整份台账({files} 个文件)加密写到 {path}({size})。请把这个文件带离这台电脑(U 盘),"
    "密码另外记好:没有密码就无法恢复。",
    "The whole store ({files} files) is written, encrypted, to {path} ({size}). Take that file off "
    "this laptop (a USB stick), and keep the passphrase apart: without it nothing can be restored.",
)
LISTED_TOTAL = T(
    "共 {count} 份備份,佔 {size}(保留最近 {keep} 份:settings.toml 的 [backup] keep)。",
    "共 {count} 份备份,占 {size}(保留最近 {keep} 份:settings.toml 的 [backup] keep)。",
    "{count} backups, {size} in all (the newest {keep} are kept: [backup] keep in settings.toml).",
)
OLD_FORMAT = T("舊格式", "旧格式", "old format")
RESTORED = T(
    "已恢復到備份 {name}。恢復前的狀態另存為 {before};要撤銷,請用 taizhang restore {before_name}。",
    "已恢复到备份 {name}。恢复前的状态另存为 {before};要撤销,请用 taizhang restore {before_name}。",
    "Restored the backup {name}. The state before was saved as {before}; to undo, run taizhang "
    "restore {before_name}.",
)
RESTORE_CONFIRM = T(
    "恢復備份 {name} 會取代目前的資料(目前的狀態會先另存一個備份)。請加 --yes 確認。",
    "恢复备份 {name} 会取代目前的数据(目前的状态会先另存一个备份)。请加 --yes 确认。",
    "Restoring {name} replaces the current data (which is first saved as a backup of its own). Add "
    "--yes to confirm.",
)
RESTORED_WHOLE = T(
    "已在 {home} 恢復「{org}」的{role}(備份於 {made} 製作,{files} 個檔案,全部核對無誤)。"
    "如果原來的電腦還在用,不要兩台同時使用這一份副本。",
    "已在 {home} 恢复「{org}」的{role}(备份于 {made} 制作,{files} 个文件,全部核对无误)。"
    "如果原来的电脑还在用,不要两台同时使用这一份副本。",
    "Restored the {role} of {org} in {home} (backed up {made}; {files} files, every one checked). "
    "If the old laptop is still in use, do not use this copy on both.",
)
ROLES = {"master": T("總支主副本", "总支主副本", "master copy"), "branch": T("支部副本", "支部副本", "branch copy")}
FROM_NEEDS_NO_NAME = T("--from 與備份名稱不能同時使用。", "--from 与备份名称不能同时使用。",
                       "--from and a backup's name cannot be given together.")


def add_parsers(commands: Commands) -> None:
    p = commands.command("backup", T(
        "備份:存在台賬裡,或用 --to 把整個台賬寫到一個文件",
        "备份:存在台账里,或用 --to 把整个台账写到一个文件",
        "a backup: here, or the whole store to a file (--to)"), run=backup, json=True)
    p.add_argument("--to", metavar="FILE", help=T(
        "把整個台賬加密寫到 FILE(如 U 盤上)",
        "把整个台账加密写到 FILE(如 U 盘上)",
        "write the whole store, encrypted, to FILE (e.g. on a USB stick)"))
    p.add_argument("--passphrase-file", metavar="PATH", help=T(
        "從 PATH 讀取密碼,不再詢問",
        "从 PATH 读取密码,不再询问",
        "read the passphrase from PATH instead of asking"))

    p = commands.command("restore", T(
        "恢復到一個備份,或恢復整個台賬的文件",
        "恢复到一个备份,或恢复整个台账的文件",
        "go back to a backup, or restore a whole-store file"), run=restore, json=True)
    p.add_argument("name", nargs="?", help=T("哪個備份(預設最新的)", "哪个备份(默认最新的)", "the backup (default: the latest)"))
    p.add_argument("--list", action="store_true", help=T(
        "列出各個備份、大小及總計",
        "列出各个备份、大小及总计",
        "list the backups, their sizes and the total"))
    p.add_argument("--yes", action="store_true", help=T("確認", "确认", "confirm"))
    p.add_argument("--from", dest="source", metavar="FILE", help=T(
        "整個台賬的文件(taizhang backup --to 寫的),恢復到新的 --home",
        "整个台账的文件(taizhang backup --to 写的),恢复到新的 --home",
        "a whole-store file (taizhang backup --to), into a new --home"))
    p.add_argument("--passphrase-file", metavar="PATH", help=T(
        "從 PATH 讀取密碼,不再詢問",
        "从 PATH 读取密码,不再询问",
        "read the passphrase from PATH instead of asking"))


def passphrase(args: argparse.Namespace, lang: str, *, twice: bool) -> str:
    """From --passphrase-file, else asked at the terminal (twice when making a backup);
    without either, a clear refusal rather than a wait on a pipe."""
    from storage import backups
    from storage.messages import StoreError

    given = getattr(args, "passphrase_file", None)
    if given:
        from storage.files import open_regular

        try:  # a pipe or a device given as the file would be waited on forever
            with open_regular(Path(given)) as source:
                text = source.read(64 * 1024).decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise StoreError(EMPTY_FILE, path=given, detail=str(error)) from None
        chosen = text[:-1] if text.endswith("\n") else text
        chosen = chosen[:-1] if chosen.endswith("\r") else chosen
        if not chosen:
            raise StoreError(EMPTY_FILE, path=given, detail="—")
    elif sys.stdin.isatty():
        import getpass

        try:
            chosen = getpass.getpass(ASK(lang))
            if twice:
                backups.check_passphrase(chosen, getpass.getpass(ASK_AGAIN(lang)))
        except EOFError:
            raise StoreError(NO_TERMINAL) from None
    else:
        raise StoreError(NO_TERMINAL)
    if twice:
        backups.check_passphrase(chosen)
    return chosen


def backup(args: argparse.Namespace) -> int:
    from storage import backups

    lang = lang_of(args)
    home = home_of(args)
    if not (home / "settings.toml").exists():
        from storage.messages import StoreError

        raise StoreError(backups.NO_STORE_HERE, home=str(home))
    if not args.to:
        path = backups.make(home, "manual")
        size = path.stat().st_size
        if args.json:
            dump_json({"backup": str(path), "name": backups.name_of(path), "size": size})
        else:
            say(BACKED_UP(lang, path=str(path), size=backups.size_text(size)))
        return 0
    secret = passphrase(args, lang, twice=True)
    target = Path(args.to).expanduser()
    manifest = backups.write_whole(home, target, secret)
    size = target.stat().st_size
    if args.json:
        dump_json({"file": str(target), "size": size, "files": len(manifest["files"]), "made": manifest["made"]})
    else:
        say(WHOLE_WRITTEN(lang, path=str(target), size=backups.size_text(size), files=len(manifest["files"])))
    return 0


def restore(args: argparse.Namespace) -> int:
    from storage import backups
    from storage.messages import StoreError

    lang = lang_of(args)
    home = home_of(args)
    if args.source:
        if args.name:
            raise StoreError(FROM_NEEDS_NO_NAME)
        backups.check_source(Path(args.source).expanduser())  # before the passphrase is asked
        secret = passphrase(args, lang, twice=False)
        manifest = backups.restore_whole(Path(args.source).expanduser(), secret, home)
        role = ROLES.get(str(manifest.get("role")), ROLES["master"])
        if args.json:
            dump_json({"home": str(home), "organisation": manifest.get("organisation", ""), "role": manifest.get("role"),
                       "made": manifest.get("made"), "files": len(manifest["files"])})
        else:
            say(RESTORED_WHOLE(lang, home=str(home), org=manifest.get("organisation", ""), role=role(lang),
                               made=str(manifest.get("made", ""))[:16].replace("T", " "), files=len(manifest["files"])))
        return 0
    if args.list:
        found = backups.listing(home)
        total = sum(b.size for b in found)
        if args.json:
            dump_json({"backups": [{"name": b.name, "size": b.size, "legacy": b.legacy} for b in found],
                       "total": total, "keep": backups.keep_of(home)})
            return 0
        width = max((len(b.name) for b in found), default=0)
        for b in found:
            note = f"  ({OLD_FORMAT(lang)})" if b.legacy else ""
            say(f"{b.name:<{width}}  {backups.size_text(b.size):>9}{note}")
        if found:
            say(LISTED_TOTAL(lang, count=len(found), size=backups.size_text(total), keep=backups.keep_of(home)))
        return 0
    chosen = backups.choose(home, args.name)
    name = backups.name_of(chosen)
    if not args.yes:
        raise StoreError(RESTORE_CONFIRM, name=name)
    before = backups.restore(home, chosen)
    if args.json:
        dump_json({"restored": name, "before": str(before)})
    else:
        say(RESTORED(lang, name=name, before=str(before), before_name=backups.name_of(before)))
    return 0

