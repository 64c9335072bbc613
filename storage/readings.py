"""Characters with a second reading in common use, beside the commonest one pypinyin gives
(長 zhǎng and cháng, 樂 lè and yuè, 行 xíng and háng): a person's name is keyed with each,
so 長青 is found as changqing and zhangqing alike.

Source: pypinyin 0.55.0's phrase dictionary: a reading is kept when at least
5 phrases, and 5% of the phrases holding the character, read it so (pypinyin's
own list of readings holds rare ones: 英 yāng, 信 shēn). Simplified characters; a
traditional one is looked up folded. Written by tests/vectors/make_vectors.py --data.
"""

OTHER_READINGS: dict[str, tuple[str, ...]] = {
    "乐": ("yue",), "了": ("liao",), "什": ("shi",), "仔": ("zi",), "传": ("zhuan",), "伺": ("si",),
    "似": ("si",), "佛": ("fo",), "便": ("pian",), "俟": ("si",), "刨": ("bao",), "刹": ("cha",),
    "削": ("xiao",), "剥": ("bao",), "劲": ("jing",), "勒": ("le",), "匙": ("chi",), "卜": ("bu",),
    "卡": ("qia",), "参": ("shen", "cen"), "叨": ("tao",), "吁": ("yu",), "否": ("pi",),
    "吭": ("hang",), "呢": ("ni",), "呱": ("gua",), "和": ("huo",), "咽": ("ye",), "啜": ("chuo",),
    "嚼": ("jiao",), "圈": ("juan",), "塞": ("se",), "壳": ("qiao",), "娜": ("nuo",), "宿": ("xiu",),
    "屏": ("bing",), "属": ("zhu",), "差": ("chai",), "度": ("duo",), "弹": ("tan",), "恶": ("wu",),
    "扎": ("za",), "扒": ("pa",), "扛": ("gang",), "折": ("she",), "拗": ("niu",), "擘": ("bo",),
    "攒": ("cuan",), "曾": ("zeng",), "朝": ("zhao",), "朴": ("piao",), "柏": ("bo",),
    "柞": ("zuo",), "栅": ("shan",), "校": ("jiao",), "椎": ("zhui",), "模": ("mu",),
    "汤": ("shang",), "沓": ("ta",), "没": ("mo",), "泊": ("bo",), "潦": ("liao",), "爪": ("zhua",),
    "率": ("shuai",), "琢": ("zhuo",), "畜": ("xu",), "的": ("di",), "省": ("xing",),
    "着": ("zhuo", "zhao"), "磅": ("pang",), "称": ("chen",), "粘": ("nian",), "系": ("ji",),
    "纤": ("qian",), "给": ("ji",), "绿": ("lu",), "缪": ("miu",), "耙": ("pa",), "肋": ("lei",),
    "脉": ("mo",), "臭": ("xiu",), "莞": ("wan",), "著": ("zhuo",), "薄": ("bo",), "藉": ("jie",),
    "藏": ("zang",), "蛤": ("ge",), "血": ("xie",), "行": ("hang",), "被": ("pi",), "裳": ("chang",),
    "觉": ("jiao",), "角": ("jue",), "诘": ("jie",), "调": ("tiao",), "贾": ("gu",), "轧": ("zha",),
    "辟": ("bi",), "还": ("huan",), "都": ("du",), "重": ("chong",), "铛": ("cheng",),
    "长": ("chang",), "阿": ("e",), "降": ("xiang",), "露": ("lou",), "颤": ("zhan",), "鹄": ("hu",),
    "龈": ("yin",),
}
