"""Languages: traditional Chinese (the plan's own), simplified Chinese, English.

Every text a user reads is a :class:`Text` holding all three, so that a label or a
message is written once, in one place, and the language is chosen when it is shown.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

HANT = "zh-Hant"
HANS = "zh-Hans"
EN = "en"
LANGUAGES = (HANT, HANS, EN)

# What people type for a language, in settings or on the command line.
_ALIASES = {
    "zh-hant": HANT, "hant": HANT, "zh_tw": HANT, "zh-tw": HANT, "zh_hk": HANT,
    "zh-hk": HANT, "zh_mo": HANT, "traditional": HANT, "繁體": HANT, "繁体": HANT,
    "zh-hans": HANS, "hans": HANS, "zh_cn": HANS, "zh-cn": HANS, "zh_sg": HANS,
    "zh-sg": HANS, "simplified": HANS, "簡體": HANS, "简体": HANS,
    "en": EN, "english": EN, "英文": EN,
}


@dataclass(frozen=True, slots=True)
class Text:
    """One piece of text in the three languages."""

    hant: str
    hans: str
    en: str

    def __call__(self, lang: str = HANT, /, **params: object) -> str:
        text = self.hans if lang == HANS else self.en if lang == EN else self.hant
        return text.format(**params) if params else text

    def variants(self) -> tuple[str, str, str]:
        return (self.hant, self.hans, self.en)


def normalise_language(value: str | None) -> str | None:
    """A language code from what a person or a setting says, or None if unknown."""
    if not value:
        return None
    key = value.strip().lower().replace(" ", "")
    if key in _ALIASES:
        return _ALIASES[key]
    return _ALIASES.get(key.split(".")[0])


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language LANG and friends ask for.

    zh_CN and zh_SG mean simplified; zh_TW, zh_HK and anything else mean traditional,
    as the plan is written. English is chosen only in the settings, never from LANG,
    since an English LANG on a village laptop usually means nobody set it.
    """
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var, "")
        if not value:
            continue
        head = value.split(":")[0].split(".")[0].replace("-", "_").lower()
        if head in ("zh_cn", "zh_sg", "zh_hans", "zh_hans_cn"):
            return HANS
        if head.startswith("zh"):
            return HANT
        return HANT
    return HANT


#: What the system says when it refuses a file, by errno, in the three languages.
_OS_REASONS: dict[str, Text] = {
    "ENOENT": Text("沒有這個檔案或資料夾", "没有这个文件或文件夹", "no such file or folder"),
    "EACCES": Text("沒有權限", "没有权限", "permission denied"),
    "EPERM": Text("不允許這樣做", "不允许这样做", "operation not permitted"),
    "ENOSPC": Text("磁碟已滿", "磁盘已满", "the disk is full"),
    "EDQUOT": Text("超出磁碟配額", "超出磁盘配额", "the disk quota is used up"),
    "EROFS": Text("磁碟是唯讀的", "磁盘是只读的", "the disk is read-only"),
    "EISDIR": Text("這是資料夾,不是檔案", "这是文件夹,不是文件", "it is a folder, not a file"),
    "ENOTDIR": Text("路徑中有一段不是資料夾", "路径中有一段不是文件夹", "part of the path is not a folder"),
    "EEXIST": Text("已經存在", "已经存在", "it already exists"),
    "ENOTEMPTY": Text("資料夾不是空的", "文件夹不是空的", "the folder is not empty"),
    "ENAMETOOLONG": Text("檔名太長", "文件名太长", "the name is too long"),
    "EMFILE": Text("開啟的檔案太多", "打开的文件太多", "too many files are open"),
    "ENFILE": Text("系統開啟的檔案太多", "系统打开的文件太多", "too many files are open on the system"),
    "EIO": Text("讀寫出錯(磁碟或 U 盤可能有問題)", "读写出错(磁盘或 U 盘可能有问题)",
                "input/output error (the disk or USB stick may be failing)"),
    "EBUSY": Text("正被使用中", "正被使用", "it is in use"),
    "EXDEV": Text("不能跨磁碟移動", "不能跨磁盘移动", "it cannot be moved across disks"),
    "ELOOP": Text("符號連結太多層", "符号链接层数太多", "too many levels of symbolic links"),
    "ETXTBSY": Text("檔案正被使用中", "文件正被使用", "the file is in use"),
    "EFBIG": Text("檔案太大", "文件太大", "the file is too large"),
    "ENODEV": Text("沒有這個裝置", "没有这个设备", "no such device"),
    "ENXIO": Text("沒有這個裝置或位址", "没有这个设备或地址", "no such device or address"),
    "EINVAL": Text("參數無效(檔名中可能有磁碟不接受的字元)", "参数无效(文件名中可能有磁盘不接受的字符)",
                   "invalid argument (the name may hold a character the disk does not accept)"),
}


def os_reason(error: OSError) -> Text:
    """Why the system refused a file, in the three languages, from its errno; one that is
    not listed keeps the system's words (strerror), else the error's name."""
    import errno as errnos

    name = errnos.errorcode.get(error.errno or 0, "")
    if name in _OS_REASONS:
        return _OS_REASONS[name]
    said = error.strerror or type(error).__name__
    return Text(said, said, said)
