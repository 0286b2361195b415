#!/usr/bin/env python3
"""A 21-day stream about services outside the sixteen (issue 14, bar 3).

Background talk about three catalogue services outside the sixteen (钉钉, 腾讯会议, 学习通),
one service in no catalogue (飞鱼记账, made up here) and WeChat, with a trickle of individual
complaints; one outage of each of the four on a day of its own; and two figurative waves that
trend for an evening (a celebrity's 人设崩了, a film's 剧情崩了) and must open no incident.

    python3 bench/gen_open_world.py --seed 1 -o stream.jsonl --truth truth.json
"""
import argparse
import datetime as dt
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_stream import curve_at, poisson  # noqa: E402  (the same daily curve and counts)

TZ = dt.timezone(dt.timedelta(hours=8))
START = dt.datetime(2024, 3, 1, tzinfo=TZ)
DAYS = 21

# id, display name, names as written, mentions per hour at the daily peak, outage texts, talk
SERVICES = [
    ("dingtalk", "钉钉", ["钉钉", "钉钉app"], 30,
     ["{n}崩了，打卡打不上", "{n}又崩了？消息发不出去", "{n}登不上了，上班打卡怎么办", "{n}打不开，一直转圈",
      "#钉钉崩了# 会议进不去", "{n}崩了 群消息刷不出来"],
     ["{n}打卡", "老板又在{n}上发通知", "{n}的会议好多", "用{n}交周报"]),
    ("tencent_meeting", "腾讯会议", ["腾讯会议"], 20,
     ["{n}崩了，会议进不去", "{n}进不去了，网课怎么上", "{n}登不上，一直显示网络错误", "{n}又崩了，声音断断续续",
      "#腾讯会议崩了# 开会开一半掉线"],
     ["明天上午{n}开会", "{n}共享屏幕", "{n}的会议号发我一下", "网课都在{n}上"]),
    ("chaoxing", "学习通", ["学习通", "超星学习通"], 25,
     ["{n}崩了，作业交不上", "{n}又崩了，网课进不去", "{n}登不上，考试要开始了", "{n}打不开 一直加载",
      "#学习通崩了# 签到签不了"],
     ["{n}刷课", "{n}签到", "{n}上的作业好多", "老师在{n}发了通知"]),
    ("new:飞鱼记账", "飞鱼记账", ["飞鱼记账"], 8,
     ["飞鱼记账崩了，账单同步不了", "飞鱼记账闪退了", "飞鱼记账登不上", "#飞鱼记账崩了# 数据加载不出来",
      "飞鱼记账又崩了，记不了账"],
     ["用飞鱼记账记了一个月", "飞鱼记账的图表好看", "推荐飞鱼记账", "飞鱼记账月报出来了"]),
    ("wechat", "微信", ["微信"], 60,
     ["微信崩了，消息发不出去"],
     ["微信聊天", "微信转账给你了", "发个微信朋友圈", "微信群里在聊"]),
]
WAVES = [
    ("#{p}人设崩了#", ["{p}人设崩了", "#{p}人设崩了# 脱粉了", "{p}的人设彻底崩了", "心态崩了，{p}人设崩塌",
                       "粉丝心态崩了"], "某顶流"),
    ("#{p}剧情崩了#", ["{p}后半段剧情崩了", "#{p}剧情崩了# 编剧在想什么", "{p}结局崩了，心态也崩了"], "长夜"),
]
CHATTER = ["今天天气不错", "晚饭吃什么", "周末去爬山", "下班了", "好困", "这首歌好听", "刚看完一部电影",
           "猫咪睡着了", "明天要早起", "地铁好挤"]


def iso(t):
    return t.isoformat(timespec="seconds")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--truth", required=True)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    posts = []
    n = 0

    def add(t, text, user):
        nonlocal n
        n += 1
        posts.append((t, {"id": f"ow{a.seed}-{n}", "created_at": iso(t), "user": user, "text": text}))

    # Background, minute by minute in 5-minute steps.
    for day in range(DAYS):
        for step in range(288):
            t0 = START + dt.timedelta(days=day, minutes=5 * step)
            hour = t0.hour + t0.minute / 60
            for sid, name, names, peak, bad, talk in SERVICES:
                lam = peak * curve_at(hour) / 12
                for _ in range(poisson(rng, lam)):
                    t = t0 + dt.timedelta(seconds=rng.randrange(300))
                    plain = [x for x in names if not x.startswith("#")]
                    if rng.random() < 0.02:  # someone's own trouble
                        text = rng.choice(bad).format(n=rng.choice(plain))
                    else:
                        text = rng.choice(talk).format(n=rng.choice(plain))
                    add(t, text, f"u{rng.randrange(200000)}")
            for _ in range(poisson(rng, 20 * curve_at(hour) / 12)):
                add(t0 + dt.timedelta(seconds=rng.randrange(300)), rng.choice(CHATTER), f"u{rng.randrange(200000)}")
    # Outages: one per service outside the sixteen, each on a day of its own (days 8..19).
    days = rng.sample(range(8, DAYS - 1), len(SERVICES) - 1 + len(WAVES))
    truth = {"incidents": [], "waves": []}
    for k, (sid, name, names, peak, bad, talk) in enumerate(SERVICES[:-1]):
        start = START + dt.timedelta(days=days[k], hours=rng.choice([9, 10, 14, 15, 20]), minutes=rng.randrange(60))
        dur = rng.randrange(50, 100)
        top = max(15, peak)  # complaining users per 5 minutes at the top
        for m in range(dur):
            level = top / 5 * min(1.0, (m + 1) / 10) * (0.3 if m > dur - 15 else 1.0)
            for _ in range(poisson(rng, level)):
                t = start + dt.timedelta(minutes=m, seconds=rng.randrange(60))
                plain = [x for x in names if not x.startswith("#")]
                add(t, rng.choice(bad).format(n=rng.choice(plain)), f"o{rng.randrange(10**9)}")
        truth["incidents"].append({"service": sid, "name": name, "start": iso(start),
                                   "end": iso(start + dt.timedelta(minutes=dur))})
    # Figurative waves: hundreds of posts in an evening, no service failing.
    for k, (tag, texts, who) in enumerate(WAVES):
        start = START + dt.timedelta(days=days[len(SERVICES) - 1 + k], hours=20, minutes=rng.randrange(30))
        for m in range(150):
            for _ in range(poisson(rng, 4 if m < 100 else 1)):
                text = rng.choice(texts + [tag]).format(p=who)
                add(start + dt.timedelta(minutes=m, seconds=rng.randrange(60)), text, f"f{rng.randrange(10**9)}")
        truth["waves"].append({"tag": tag.format(p=who), "start": iso(start),
                               "end": iso(start + dt.timedelta(minutes=150))})
    posts.sort(key=lambda p: p[0])
    with open(a.output, "w", encoding="utf-8") as f:
        for _, p in posts:
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    with open(a.truth, "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
    print(f"gen_open_world: seed {a.seed}: {len(posts)} posts, {len(truth['incidents'])} outages, "
          f"{len(truth['waves'])} figurative waves", file=sys.stderr)


if __name__ == "__main__":
    main()
