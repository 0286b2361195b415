#!/usr/bin/env python3
"""Endless-style synthetic feed for the watch memory bench: HOURS simulated hours
at RATE posts per simulated second, JSON Lines on stdout, as fast as the reader
takes them. Posts name one of 16 services, about 2% are complaints, authors
are drawn from a million; a few outages come and go, so incidents open and close."""
import argparse
import random
import sys

SERVICES = ["微信", "QQ", "支付宝", "微博", "抖音", "快手", "淘宝", "B站", "网易云音乐", "小红书", "知乎",
            "美团", "滴滴", "12306", "iCloud", "Steam"]
CHATTER = ["今天{s}上看到一个好玩的", "{s}新功能还不错", "有人用{s}吗", "刚在{s}买了东西", "{s}的推荐越来越准了"]
COMPLAINT = ["#{s}崩了# 登不上去", "{s}又崩了，一直转圈", "{s}图片发不出去了", "{s}闪退，打不开"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hours", type=float, default=24)
    ap.add_argument("--rate", type=float, default=2000)
    ap.add_argument("--start", type=int, default=1710000000)  # 2024-03-09 16:00 UTC
    args = ap.parse_args()
    rnd = random.Random(1)
    n = int(args.hours * 3600 * args.rate)
    out = sys.stdout
    buf = []
    for i in range(n):
        t = args.start + i / args.rate
        hour = int((t - args.start) // 3600)
        s = SERVICES[i % 16]
        outage = hour % 6 == 3 and i % 16 == hour % 16  # one service an hour in six
        if outage and rnd.random() < 0.3 or rnd.random() < 0.02:
            text = COMPLAINT[i % 4].format(s=s)
        else:
            text = CHATTER[i % 5].format(s=s)
        buf.append('{"id":"%d","created_at":%d,"user":"u%d","text":"%s"}\n' % (i, int(t), rnd.randrange(1000000), text))
        if len(buf) >= 4096:
            out.write("".join(buf))
            buf.clear()
    out.write("".join(buf))


if __name__ == "__main__":
    main()
