"""Regions for the generated archives: where a (made-up) author posts from.

Weibo shows each post's IP属地 (since 2022-04): the province or region of the
poster's IP, "海外" or a country abroad. The generators give each author a home
region drawn once from weights close to China's population by province (plus
Hong Kong, Macao, Taiwan and abroad), so the usual regional mix of every
service follows population; a regional incident draws its complaints from one
region instead.

Everything is a function of the author's name (or post id), not of the
generators' random streams, so adding regions changes no other byte of an
archive.
"""

import bisect
import zlib

# (region as Weibo shows it, weight ~ millions of people, 2020 census)
PROVINCES = [
    ("广东", 126), ("山东", 102), ("河南", 99), ("江苏", 85), ("四川", 84), ("河北", 75), ("湖南", 66),
    ("浙江", 65), ("安徽", 61), ("湖北", 58), ("广西", 50), ("云南", 47), ("江西", 45), ("辽宁", 43),
    ("福建", 41), ("陕西", 40), ("贵州", 39), ("山西", 35), ("重庆", 32), ("黑龙江", 32), ("新疆", 26),
    ("上海", 25), ("甘肃", 25), ("内蒙古", 24), ("吉林", 24), ("北京", 22), ("天津", 14), ("海南", 10),
    ("宁夏", 7), ("香港", 7), ("青海", 6), ("西藏", 4), ("台湾", 2), ("澳门", 1), ("海外", 14),
]
_CUM = []
_total = 0
for _name, _w in PROVINCES:
    _total += _w
    _CUM.append(_total)


def _unit(key, salt):
    """A stable number in [0, 1) from a string."""
    return zlib.crc32((salt + key).encode("utf-8")) / 4294967296.0


def home_region(user):
    """The region an author posts from (the same on every call)."""
    i = bisect.bisect_right(_CUM, _unit(user, "home:") * _total)
    return PROVINCES[min(i, len(PROVINCES) - 1)][0]


def regional(key, region, share, user):
    """For a post of a regional incident: `region` with probability `share`
    (decided by `key`, e.g. the post's text and time), else the author's home."""
    return region if _unit(key, "skew:") < share else home_region(user)
