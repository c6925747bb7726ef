"""American officials the curated graph does not have, as Chinese texts write their names.

A Chinese readout renders a foreign name by sound ("康达" for Kritenbrink, "雷蒙多" for
Raimondo), so neither ``pinyin`` nor the graph's zh labels can name them; without a name their
words are nobody's. These are the renderings the MFA, Xinhua and the US embassy use for
officials of 2017-2025 who meet Chinese counterparts, with the slug an English readout gives
(the name in its usual order, lowercased). Someone the graph has (布林肯, 沙利文) is found by
its zh label instead; an official added to the graph later wins over this list.
"""

from __future__ import annotations

#: Chinese rendering -> (slug, English label). Names of three characters or more, or two that
#: are no common word, so that a substring match names no one by accident.
AMERICANS: dict[str, tuple[str, str]] = {
    "康达": ("daniel-kritenbrink", "Daniel Kritenbrink"),
    "雷蒙多": ("gina-raimondo", "Gina Raimondo"),
    "坎贝尔": ("kurt-campbell", "Kurt Campbell"),
    "罗森伯格": ("laura-rosenberger", "Laura Rosenberger"),
    "哈里斯": ("kamala-harris", "Kamala Harris"),
    "纽兰": ("victoria-nuland", "Victoria Nuland"),
    "普赖斯": ("ned-price", "Ned Price"),
    "米勒": ("matthew-miller", "Matthew Miller"),
    "柯比": ("john-kirby", "John Kirby"),
    "波德斯塔": ("john-podesta", "John Podesta"),
    "拉特纳": ("ely-ratner", "Ely Ratner"),
    "米利": ("mark-milley", "Mark Milley"),
    "阿基利诺": ("john-aquilino", "John Aquilino"),
    "帕帕罗": ("samuel-paparo", "Samuel Paparo"),
    "蓬佩奥": ("mike-pompeo", "Mike Pompeo"),
    "埃斯珀": ("mark-esper", "Mark Esper"),
    "奥布莱恩": ("robert-obrien", "Robert O'Brien"),
    "特朗普": ("donald-trump", "Donald Trump"),
    "卢比奥": ("marco-rubio", "Marco Rubio"),
    "贝森特": ("scott-bessent", "Scott Bessent"),
    "赫格塞思": ("pete-hegseth", "Pete Hegseth"),
    "格里尔": ("jamieson-greer", "Jamieson Greer"),
    "卢特尼克": ("howard-lutnick", "Howard Lutnick"),
    "沃尔兹": ("mike-waltz", "Mike Waltz"),
}
