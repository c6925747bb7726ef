"""Pinyin of the characters common in Chinese personal names, for the slug of an official the
graph does not know yet ("外交部发言人毛宁" -> mao-ning, as the English readouts spell her).

Only names whose every character is listed get a slug; anyone else stays unnamed (their words
are then claimed for their ministry's state, as in English for an unnamed official).
"""

from __future__ import annotations


def _words(text: str) -> list[str]:
    """The entries of a space-separated list (long lists stay readable)."""
    return text.split()


#: Surnames (single-character ones; a two-character surname is rare among officials).
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
    "郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰"
    "焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁"
    "蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂"
    "全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝乐傅束栗"
)
#: Character -> pinyin (toneless), surnames and common given-name characters.
PINYIN = dict(
    pair.split(":", 1)
    for pair in _words(
        "王:wang 李:li 张:zhang 刘:liu 陈:chen 杨:yang 黄:huang 赵:zhao 吴:wu "
        "周:zhou 徐:xu 孙:sun 马:ma 朱:zhu 胡:hu 郭:guo 何:he 高:gao 林:lin "
        "罗:luo 郑:zheng 梁:liang 谢:xie 宋:song 唐:tang 许:xu 韩:han 冯:feng "
        "邓:deng 曹:cao 彭:peng 曾:zeng 肖:xiao 田:tian 董:dong 袁:yuan 潘:pan "
        "于:yu 蒋:jiang 蔡:cai 余:yu 杜:du 叶:ye 程:cheng 苏:su 魏:wei 吕:lyu "
        "丁:ding 任:ren 沈:shen 姚:yao 卢:lu 姜:jiang 崔:cui 钟:zhong 谭:tan "
        "陆:lu 汪:wang 范:fan 金:jin 石:shi 廖:liao 贾:jia 夏:xia 韦:wei 付:fu "
        "方:fang 白:bai 邹:zou 孟:meng 熊:xiong 秦:qin 邱:qiu 江:jiang 尹:yin "
        "薛:xue 闫:yan 段:duan 雷:lei 侯:hou 龙:long 史:shi 陶:tao 黎:li 贺:he "
        "顾:gu 毛:mao 郝:hao 龚:gong 邵:shao 万:wan 钱:qian 严:yan 覃:qin 武:wu "
        "戴:dai 莫:mo 孔:kong 向:xiang 汤:tang 常:chang 温:wen 康:kang 施:shi "
        "文:wen 牛:niu 樊:fan 葛:ge 邢:xing 安:an 齐:qi 易:yi 乔:qiao 伍:wu "
        "庞:pang 颜:yan 倪:ni 庄:zhuang 聂:nie 章:zhang 鲁:lu 岳:yue 翟:zhai "
        "殷:yin 詹:zhan 申:shen 欧:ou 耿:geng 关:guan 兰:lan 焦:jiao 俞:yu "
        "左:zuo 柳:liu 甘:gan 祝:zhu 包:bao 宁:ning 尚:shang 符:fu 舒:shu "
        "阮:ruan 柯:ke 纪:ji 梅:mei 童:tong 凌:ling 毕:bi 单:shan 季:ji 裴:pei "
        "霍:huo 涂:tu 成:cheng 苗:miao 谷:gu 盛:sheng 曲:qu 翁:weng 冉:ran "
        "骆:luo 蓝:lan 路:lu 游:you 辛:xin 靳:jin 管:guan 柴:chai 蒙:meng "
        "鲍:bao 华:hua 喻:yu 祁:qi 蒲:pu 房:fang 滕:teng 屈:qu 饶:rao 解:xie "
        "牟:mu 艾:ai 尤:you 阳:yang 时:shi 穆:mu 农:nong 司:si 卓:zhuo 古:gu "
        "吉:ji 缪:miao 简:jian 车:che 项:xiang 连:lian 芦:lu 麦:mai 褚:chu "
        "娄:lou 窦:dou 戚:qi 岑:cen 景:jing 党:dang 宫:gong 费:fei 卜:bu "
        "冷:leng 晏:yan 席:xi 卫:wei 米:mi 柏:bai 宗:zong 瞿:qu 桂:gui 全:quan "
        "佟:tong 应:ying 臧:zang 闵:min 苟:gou 邬:wu 边:bian 卞:bian 姬:ji "
        "师:shi 和:he 仇:qiu 栾:luan 隋:sui 商:shang 刁:diao 沙:sha 荣:rong "
        "巫:wu 寇:kou 桑:sang 郎:lang 甄:zhen 丛:cong 仲:zhong 虞:yu 敖:ao "
        "巩:gong 明:ming 佘:she 池:chi 查:zha 麻:ma 苑:yuan 迟:chi 邝:kuang "
        "乐:le 毅:yi 斌:bin 剑:jian 春:chun 莹:ying 嘉:jia 昆:kun 爽:shuang "
        "慷:kang 刚:gang 朝:zhao 旭:xu 锋:feng 涛:tao 玉:yu 励:li 克:ke "
        "强:qiang 洁:jie 篪:chi 近:jin 平:ping 立:li 坚:jian 鹤:he 兵:bing "
        "军:jun 伟:wei 勇:yong 杰:jie 磊:lei 超:chao 明:ming 亮:liang 宏:hong "
        "红:hong 国:guo 建:jian 新:xin 华:hua 东:dong 海:hai 云:yun 峰:feng "
        "晓:xiao 辉:hui 静:jing 丽:li 敏:min 燕:yan 芳:fang 霞:xia 英:ying "
        "娟:juan 萍:ping 梅:mei 兰:lan 珍:zhen 秀:xiu 凤:feng 志:zhi 永:yong "
        "庆:qing 文:wen 武:wu 德:de 光:guang 荣:rong 金:jin 成:cheng 安:an "
        "民:min 生:sheng 正:zheng 世:shi 祥:xiang 福:fu 天:tian 中:zhong "
        "长:chang 小:xiao 大:da 卫:wei 健:jian 俊:jun 鹏:peng 飞:fei 宇:yu "
        "浩:hao 波:bo 涛:tao 林:lin 森:sen 松:song 山:shan 川:chuan 江:jiang "
        "河:he 洋:yang 清:qing 雪:xue 冰:bing 阳:yang 晨:chen 星:xing 月:yue "
        "琳:lin 婷:ting 倩:qian 雯:wen 慧:hui 佳:jia 琪:qi 欣:xin 怡:yi 悦:yue "
        "颖:ying 璐:lu 瑞:rui 祺:qi 嘉:jia 仪:yi 蓉:rong 薇:wei 洪:hong 彬:bin "
        "斐:fei 晖:hui 耀:yao 振:zhen 学:xue 军:jun 继:ji 承:cheng 先:xian "
        "念:nian 远:yuan 达:da 通:tong 利:li 益:yi 仁:ren 义:yi 礼:li 智:zhi "
        "信:xin 忠:zhong 孝:xiao 廉:lian 耻:chi 和:he 谐:xie 泽:ze 润:run "
        "涵:han 博:bo 恒:heng 毓:yu 家:jia 宝:bao 贵:gui 桂:gui 元:yuan 彦:yan "
        "晋:jin 鸿:hong 铭:ming 钢:gang 铁:tie 锦:jin 鑫:xin 炜:wei 烨:ye "
        "焕:huan 灿:can 军:jun 群:qun 力:li 非:fei 谦:qian 凯:kai 航:hang 维:wei 敬:jing "
        "坤:kun 亚:ya 朗:lang 良:liang 骏:jun 玮:wei 琦:qi 启:qi 勤:qin 劲:jin 琛:chen "
        "昊:hao 皓:hao 岩:yan 彤:tong 蕾:lei 璇:xuan 卿:qing 聪:cong 睿:rui 哲:zhe "
        "又:you 侠:xia 傅:fu 渊:yuan 束:shu 珏:jue 受:shou 业:ye 遂:sui 结:jie "
        "一:yi 书:shu 泰:tai 奇:qi 际:ji 沪:hu 希:xi 尔:er 岐:qi 栗:li 战:zhan "
        "纲:gang 功:gong 胜:sheng 佛:fo 才:cai 尚:shang 富:fu 祖:zu 培:pei "
    )
)


def slug(name: str) -> str | None:
    """ "毛宁" -> "mao-ning"; None unless the name reads as a Chinese name we can spell."""
    if not 2 <= len(name) <= 3 or name[0] not in SURNAMES:
        return None
    parts: list[str] = []
    for char in name:
        spelled = PINYIN.get(char)
        if spelled is None:
            return None
        parts.append(spelled)
    return f"{parts[0]}-{''.join(parts[1:])}"


def label(name: str) -> str | None:
    """ "毛宁" -> "Mao Ning", the English label of the new actor."""
    found = slug(name)
    return " ".join(w.capitalize() for w in found.split("-")) if found else None
