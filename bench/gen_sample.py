#!/usr/bin/env python3
"""Bundled synthetic sample archive for bengle: two windows around two reconstructed incidents.

    python3 bench/gen_sample.py                      # writes data/samples/archive.jsonl.gz + archive_truth.json
    python3 bench/gen_sample.py --out-dir /tmp/x --labels /tmp/x/labels.jsonl

Writes JSON Lines (gzip, no name, mtime 0), one post per line: {"id", "created_at" (ISO 8601,
+08:00), "text", "user"} plus optional "reposts" (int) and "source" (client), and a truth file
with the scripted incidents and decoys. Only the Python 3 standard library is used; every run
gives byte-identical output.

The background (daily rhythm, ordinary mentions of the 16 services, background complaints,
figurative 崩 chatter, some decoy kinds) comes from bench/gen_stream.py, imported; this file
adds the two scripted incidents and their decoys:

* Window A, 2021-10-04 .. 2021-10-21: WeChat images and files cannot be sent or opened
  (only thumbnails load, phone and PC) on 2021-10-18 from 09:40, recovering 12:00-12:30.
  Decoys: a TV-drama finale night (剧情崩了) and a QQ feature launch (mentions x10).
* Window B, 2023-03-15 .. 2023-04-01: one Tencent outage at night, 2023-03-29 ~03:00-05:00,
  WeChat and QQ together (login, kicked offline, calls, 朋友圈, WeChat Pay, QQ files, QQ空间,
  QQ邮箱), many posts naming both. Decoys: the same night an anime finale (#剧情崩了#, 心态崩了,
  no service named, similar volume), a stock-market slump afternoon and a day of old-news
  posts recalling the 2021 outage.

Posts are written sorted by created_at except ~2% late arrivals (1-10 min). Ids are 16-digit
strings that rise with created_at (and differ between the windows).
"""

import argparse
import datetime as dt
import gzip
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_stream as gs  # noqa: E402
import regions  # noqa: E402

BEIJING = gs.BEIJING
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCALE = 0.035          # background volume relative to gen_stream's --scale 1.0
DECOY_SCALE = 0.35     # drama / stock decoy volume (gen_stream's counts x this)

SOURCES = ["iPhone客户端", "iPhone 12", "iPhone 13 Pro", "iPhone 11", "Android", "HUAWEI Mate 40 Pro",
           "HUAWEI P40", "荣耀V40", "小米11", "Redmi K40", "OPPO Reno6", "vivo X60", "OnePlus 9",
           "微博 weibo.com", "iPad", "微博轻享版", "HUAWEI nova 8", "realme GT"]

# ---------------------------------------------------------------------------
# Window A: 2021-10-18, WeChat images and files
# ---------------------------------------------------------------------------

A_MEDIA = [
    "{s}图片发不出去了，一直在转圈", "{s}大图点不开，只显示缩略图", "{s}群里的图片全是缩略图，点开就加载失败",
    "{s}原图加载不出来，只能看个模糊的小图", "{s}文件发不出去，一直卡在发送中", "{s}文件打不开，下载到一半就失败",
    "{s}电脑版也一样，图片和文件都传不了", "手机和电脑版{s}都发不了图片", "{s}发个截图都发不出去",
    "客户发来的合同在{s}里打不开，文件一直下载失败", "{s}表情包都发不出去了", "{s}视频发不出去，图片也不行",
    "老板让我在{s}上发个文件，文件死活发不出去", "{s}收到的图片全是灰色的，点开加载失败", "{s}传文件进度条卡着不动",
    "{s}图片只能看缩略图，原图点不开", "{s}发不了图也打不开文件，文字倒是能发", "在{s}上传个PDF文件，上传失败好几次",
    "{s}电脑版文件一直卡在发送中，手机上也发不出文件", "{s}朋友发的照片只显示缩略图，点开转半天",
    "{s}文件传输助手也发不了文件了", "{s}图片上传失败，换了流量也一样", "{s}收到的文件都下载不了",
    "{s}里的图片点开就是一片灰，图片加载失败", "群里发的通知截图{s}打不开，只有个小图", "{s}原图加载不出来，电脑版也一样",
    "{s}的图片和文件都发不出去，开会要用的材料传不了", "{s}点开大图一直加载中", "{s}照片发出去对方说只看到缩略图",
    "{s}给客户发报价单发不出去，文件一直失败", "{s}电脑版拖进去的文件一直发送失败", "{s}视频号视频加载不出来，图片也看不了",
]
A_EMERGING = [  # 转菊花 / 小菊花: the loading spinner (not in bengle's dictionaries)
    "{s}图片一直转菊花，点开只有缩略图", "{s}原图一直转菊花，原图加载不出来", "{s}发文件一直转菊花，文件发不出去",
    "{s}点开大图就是转菊花，原图加载不出来", "{s}图片全是小菊花，一张图片都打不开", "{s}的小菊花转了十分钟，图片还是发不出去",
]
A_MESSAGING = [
    "{s}消息发送好慢，消息延迟了好几分钟", "{s}文字消息能发，就是消息延迟好严重", "{s}消息发出去对方半天才收到，消息延迟太严重了",
    "{s}消息一直在发送中，发不出去", "{s}发消息一直转圈，图片更别提了", "{s}群消息也收不到了",
]
A_HASHTAGS = ["#微信崩了#"] * 10 + ["#微信图片发不出去#"] * 6 + ["#微信文件发不出去#"] * 3 + ["#微信又崩了#"]
A_SUFFIXES = ["电脑版也一样", "手机电脑都不行", "文字消息倒是正常", "只能发文字了", "急着发文件啊",
              "图片一直转菊花", "上班时间整这出", "开会要用的资料发不出去", "同事的也一样", "全公司都发不了图"]

# ---------------------------------------------------------------------------
# Window B: 2023-03-29 night, WeChat and QQ
# ---------------------------------------------------------------------------

B_WX = {
    "login": [
        "半夜{s}突然被踢下线，再登就登录失败", "三点多{s}自动退出登录了，现在怎么都登不进去",
        "{s}提示登录异常，密码是对的啊", "{s}掉线了，重新登录一直失败", "起夜看了一眼{s}，被挤下线了登不上",
        "{s}电脑版登不上，扫码登录没反应", "{s}一直让我重新登录，登了又掉", "{s}登不上了，一直转圈",
        "{s}突然退出登录，验证码也收不到", "熬夜加班呢{s}被强制下线了", "{s}登录失败，提示稍后再试",
        "{s}被踢下线了，换了流量也登不上",
    ],
    "connectivity": [
        "{s}顶上一直显示连接中", "{s}一直是收取中，消息一条都刷不出来", "{s}连不上服务器",
        "{s}显示网络不可用，可我wifi满格啊", "{s}什么都加载不出来", "{s}一直提示网络错误",
    ],
    "payment": [
        "凌晨在便利店{s}付款失败，收银员说好几个人都付不了", "{s}支付一直转圈，代驾的钱付不出去",
        "{s}红包发不出去", "{s}转账一直显示处理中", "夜宵吃完{s}扫码付款失败，尴尬死了",
        "{s}支付失败，打车的钱都付不了", "{s}付款码刷不出来，在收银台干等", "{s}支付提示交易异常",
    ],
    "feed": [
        "朋友圈刷不出来了", "{s}朋友圈一片空白", "朋友圈发不了，一直转圈", "{s}朋友圈点开就加载失败",
        "刚发的朋友圈发布失败", "{s}朋友圈刷新失败",
    ],
    "calls": [
        "{s}语音通话打不通，一直在等待对方接受", "跟国外的朋友{s}视频通话突然断了，再也打不通",
        "{s}视频通话一接通就断", "{s}语音电话一直连接中", "上夜班跟家里{s}视频打不通",
    ],
    "media_transfer": [
        "{s}图片发不出去了", "{s}文件传不了，一直转圈", "{s}语音消息发不出去",
    ],
}
B_QQ = {
    "login": [
        "{s}登不上了，一直提示登录失败", "{s}突然掉线，重新登录一直转圈", "半夜打游戏{s}掉线了，登不上去",
        "{s}手机电脑都登不上", "{s}扫码登录失败", "{s}被挤下线了，再登就说登录异常", "{s}登录一直失败，密码明明是对的",
        "{s}自己退出登录了，登不进去", "{s}一直登录中，进不去", "凌晨赶作业{s}突然被踢下线",
    ],
    "media_transfer": [
        "{s}群文件下载不了", "{s}文件传输一直失败", "{s}传文件卡在0%", "{s}图片加载不出来，全是裂图",
        "赶ddl呢{s}文件发不出去", "{s}电脑版传文件一直失败",
    ],
    "feed": [
        "QQ空间打不开", "{s}空间说说发不出去", "QQ空间刷不出来，一直转圈", "{s}动态一片空白", "QQ空间加载失败",
    ],
    "mail": [
        "QQ邮箱打不开", "QQ邮箱收不到邮件", "QQ邮箱登不上", "凌晨要交的论文QQ邮箱发不出去", "QQ邮箱一直加载",
        "QQ邮箱邮件发送失败", "qq邮箱进不去，急着收文件",
    ],
    "messaging": [
        "{s}消息发不出去，全是红色感叹号", "{s}群消息收不到了", "{s}消息一直转圈",
    ],
}
B_BOTH = {  # (text, category or None)
    "login": ["微信和QQ都登不上了", "微信QQ同时登不上，腾讯这是怎么了", "半夜醒来微信QQ都被踢下线了",
              "微信和QQ一起掉线，重新登录都失败", "腾讯全家桶都登不上，微信QQ一个都进不去",
              "微信QQ都提示登录异常", "微信QQ同时被挤下线，吓得我以为被盗号了"],
    "connectivity": ["微信QQ都连不上，别的软件都能上网", "微信和QQ都一直显示连接中"],
    "feed": ["微信朋友圈和QQ空间都刷不出来"],
    None: ["微信和QQ都崩了", "腾讯全家桶崩了，微信QQ都上不去", "微信QQ一起崩了？", "微信和QQ同时挂了，腾讯怎么了",
           "三点了微信QQ全崩了", "微信崩了QQ也崩了"],
}
B_EMERGING = [  # users guess a Guangzhou data-center fault (广州, 数据中心: not in bengle's dictionaries)
    "听说是广州那边的数据中心出故障了", "据说是广州数据中心出问题了", "有人说是广州数据中心的空调坏了",
    "广州数据中心是不是着火了", "好像是广州的数据中心停电了", "群里说广州数据中心挂了",
]
B_TAGS_WX = ["#微信崩了#"] * 8 + ["#微信又崩了#"] * 4 + ["#腾讯崩了#"] * 3
B_TAGS_QQ = ["#QQ崩了#"] * 8 + ["#QQ又崩了#"] + ["#腾讯崩了#"] * 3
B_TAGS_BOTH = ["#微信崩了# #QQ崩了#"] * 5 + ["#腾讯崩了#"] * 3 + ["#微信又崩了# #QQ崩了#", "#QQ崩了# #微信崩了#"]
B_SUFFIXES = ["半夜三点啊", "睡不着刷个手机就这样", "夜班的人伤不起", "还以为被盗号了", "熬夜党表示震惊",
              "我还以为是我手机坏了", "全宿舍都这样", "凌晨的热搜全是这个", "国外的朋友也说不行"]
B_PREFIXES = ["救命", "啊啊啊", "家人们", "有人吗", "不是吧", "怎么回事", "服了", "离谱", "我靠", "有没有人", "好家伙",
              "无语", "？？？", "半夜三点", "刚起夜", "熬夜的我", "夜班摸鱼", "睡不着刷手机", "凌晨赶ddl"]
B_RECOVERY = ["微信恢复了，可以睡了", "QQ能登上了", "微信QQ都好了，睡觉", "终于能登上了，折腾了两个小时",
              "朋友圈能刷出来了", "微信支付恢复了", "QQ邮箱能打开了", "微信好了，QQ也能登了", "恢复了恢复了，微信能用了"]
B_STILL = ["微信好了但QQ还是登不上", "QQ恢复了，微信还是登不上", "微信能登了，朋友圈还是刷不出来"]

# The simultaneous night decoy: an anime finale (no service named, figurative 崩).
ANIME = "星环残响"
ANIME_TEXTS = [
    "#剧情崩了# 《{d}》最终话就这？", "熬夜等到三点看《{d}》最终话，剧情崩了", "#剧情崩了# 追了两年等来这个结局",
    "《{d}》最终话剧情崩得离谱，心态崩了", "#剧情崩了# 男主人设崩了，前面全白看", "最终话看完心态崩了，睡不着了",
    "#剧情崩了# 编剧你出来，我保证不打你", "#星环残响最终话# 这结局也太敷衍了", "三点看完《{d}》，我整个人都崩了",
    "#剧情崩了# 前二十集封神最后一集崩盘", "原作党表示剧情崩得没眼看 #剧情崩了#", "《{d}》结局崩了，意难平",
    "#剧情崩了# 熬夜的我像个笑话", "女主的结局写崩了 #剧情崩了#", "大结局彻底崩了，我要给它打一星",
    "#星环残响最终话# 剧情崩了，但是配乐是真的好", "#剧情崩了# 《{d}》你对得起我这两年吗", "看完最终话心态崩了，明天还要早八",
]
ANIME_TAILS = ["意难平", "睡不着了", "熬夜白熬了", "退钱", "我哭死", "蚌埠住了", "算了睡觉", "麻了"]

# Old-news decoy (window B): recalling the 2021 outage.
NEWS_TEXTS = [
    "还记得2021年10月微信图片发不出去那次吗，全公司都在用U盘传文件", "回顾一下这几年微信崩过的几次",
    "当年微信图片发不出去的时候我正在交报告", "2021年微信图片故障那次真的印象深刻",
    "科普：为什么微信图片有时候会发不出去", "一篇文章讲清楚2021年那次微信图片故障", "想起上次微信崩了大家都去发短信",
    "那年微信图片发不出去，我第一次用上了邮箱传文件", "复盘：2021年10月18日微信图片和文件发送故障",
    "还记得那次微信只能看缩略图吗",
]


SERVICE_TAG = {"wechat": "微信", "qq": "QQ"}


class SampleGen(gs.Gen):
    """gen_stream's background generator plus scripted incidents and decoys."""

    def __init__(self, seed, start, days, scale):
        super().__init__(seed, start, days, scale)
        self.truth_inc = []
        self.truth_dec = []

    def t(self, local):
        """Seconds from the window start for a local (Beijing) datetime string."""
        when = dt.datetime.fromisoformat(local).replace(tzinfo=BEIJING)
        return (when - self.start).total_seconds()

    def iso(self, secs):
        return gs.iso(self.start, secs)

    def shaped(self, onset, ramp, plateau, decay):
        """A time drawn from ramp (rate rising to its peak), slowly sagging plateau, decay."""
        rng = self.rng
        dur = ramp + plateau + decay

        def shape(x):
            if x < ramp:
                return x / ramp
            if x < ramp + plateau:
                return 1.0 - 0.3 * (x - ramp) / plateau
            y = (x - ramp - plateau) / decay
            return 0.7 * (1.0 - y) ** 1.6

        while True:
            x = rng.random() * dur
            if rng.random() < shape(x):
                return onset + x

    def dress(self, body, tag, suffixes, emerging=None, emerging_p=0.0, prefixes=None):
        """Prefix/suffix/emoji, a hashtag in front or behind, an emerging-term tail, a 我也是 repost."""
        rng = self.rng
        if rng.random() < 0.25:
            body = rng.choice(prefixes or gs.COMPLAINT_PREFIXES) + rng.choice(gs.SEP) + body
        if rng.random() < 0.35:
            tail = rng.choice(gs.INCIDENT_SUFFIXES + suffixes)
            if tail not in body:
                body += rng.choice(gs.SEP) + tail
        if rng.random() < 0.2:
            body += rng.choice(gs.EMOJI) if rng.random() < 0.6 else rng.choice(gs.EMOTICONS)
        if emerging and rng.random() < emerging_p:
            body += rng.choice(gs.SEP[:3]) + rng.choice(emerging)
        if tag:
            body = tag + rng.choice(("", " ")) + body if rng.random() < 0.75 else body + " " + tag
        if rng.random() < 0.06:
            nick = rng.choice(gs.NICKS_A) + rng.choice(gs.NICKS_B)
            body = rng.choice(gs.AGREE) + "//@" + nick + ":" + body
        return body

    def fill(self, tpl, svc, tagged):
        """{s} -> a service name; dropped now and then when a hashtag already names the service."""
        if tagged and SERVICE_TAG[svc] in tagged and tpl.startswith("{s}") and self.rng.random() < 0.4:
            return tpl[3:]
        return tpl.replace("{s}", self.name(svc))

    # -- window A -----------------------------------------------------------

    def incident_a(self, n):
        rng = self.rng
        onset = self.t("2021-10-18T09:40:00") + 17
        ramp, plateau, decay = 12 * 60, 88 * 60, 60 * 60  # peak 09:52, sag to 11:20, decay to 12:20
        users = self.pick_users(n, distinct_share=0.7)
        counts = {}
        for k in range(n):
            r = rng.random()
            if r < 0.62:
                cat, pool = "media_transfer", A_MEDIA
                if rng.random() < 0.2:
                    pool = A_EMERGING
            elif r < 0.74:
                cat, pool = "messaging", A_MESSAGING + self.pools[("wechat", "messaging")]
            elif r < 0.80:
                cat, pool = "media_transfer", self.pools[("wechat", "media_transfer")]
            elif r < 0.92:
                cat, pool = None, gs.GENERIC_OUTAGE
            else:
                cat = rng.choice(["connectivity", "feed", "login"])
                pool = self.pools[("wechat", cat)]
            tag = rng.choice(A_HASHTAGS) if rng.random() < 0.4 else None
            text = self.dress(self.fill(rng.choice(pool), "wechat", tag), tag, A_SUFFIXES)
            counts[cat] = counts.get(cat, 0) + 1
            self.add(self.shaped(onset, ramp, plateau, decay), text, users[k], ("incident", "wechat", cat, 0))
        for u in self.pick_users(n // 60):
            self.add(self.shaped(onset, ramp, plateau, decay),
                     rng.choice(gs.DENIAL).replace("{s}", self.name("wechat")), u, ("incident_denial", "wechat", None, 0))
        end = onset + ramp + plateau + decay
        for u in self.pick_users(n // 20, distinct_share=0.6):
            tm = self.t("2021-10-18T12:00:00") + rng.random() * 1800 + rng.random() * 600
            text = rng.choice(gs.RECOVERY + ["图片能发出去了", "原图能打开了", "文件终于发出去了"]).replace(
                "{s}", self.name("wechat"))
            self.add(tm, text, u, ("incident_recovery", "wechat", None, 0))
        stmts = [
            (self.t("2021-10-18T10:38:00"), "微信团队",
             "部分用户反馈微信图片和文件发送异常，我们已定位原因，正在紧急修复，目前正在逐步恢复中，给大家带来的不便敬请谅解。"),
            (self.t("2021-10-18T10:46:00"), "微信派",
             "【说明】今天上午部分用户微信图片和文件发送异常，技术团队正在紧急处理中，目前正在逐步恢复中。"),
            (self.t("2021-10-18T12:35:00"), "微信派",
             "此前部分用户微信图片和文件发送异常的问题已全面恢复，感谢大家的耐心等待。"),
        ]
        for tm, acc, text in stmts:
            self.add(tm, text, acc, ("incident_official", "wechat", None, 0))
        self.truth_inc.append({
            "id": "2021-10-18-wechat-media", "services": ["wechat"], "start": self.iso(onset),
            "peak": self.iso(onset + ramp), "end": self.iso(end),
            "top_categories": {"wechat": ["media_transfer", "messaging"]},
            "hashtags": ["#微信崩了#", "#微信图片发不出去#", "#微信文件发不出去#", "#微信又崩了#"],
            "complaints": {"wechat": n}, "category_counts": {"wechat": {str(k): v for k, v in sorted(
                counts.items(), key=lambda x: -x[1])}},
            "official_statements": [{"time": self.iso(tm), "user": acc, "text": text} for tm, acc, text in stmts],
            "recovery": "12:00-12:30 recovery posts",
            "emerging_terms": ["转菊花", "小菊花"],
            "description": "WeChat images and files cannot be sent or opened, only thumbnails load, phone and PC",
        })

    # -- window B -----------------------------------------------------------

    def incident_b(self, n_wx, n_qq, n_both):
        rng = self.rng
        onset_wx = self.t("2023-03-29T03:00:00") + 41
        onset_qq = self.t("2023-03-29T03:02:00") + 13
        ramp, plateau, decay = 10 * 60, 70 * 60, 45 * 60  # peak ~03:11, sag to 04:20, decay to ~05:05
        counts = {"wechat": {}, "qq": {}}

        def emit(svc_label, onset, cat, text, user):
            self.add(self.shaped(onset, ramp, plateau, decay), text, user, ("incident", svc_label, cat, 1))

        wx_mix = [("login", 0.36), ("connectivity", 0.12), ("payment", 0.14), ("feed", 0.11), ("calls", 0.09),
                  ("media_transfer", 0.05), (None, 0.13)]
        qq_mix = [("login", 0.40), ("media_transfer", 0.16), ("feed", 0.13), ("mail", 0.12), ("messaging", 0.06),
                  (None, 0.13)]
        for svc, n, mix, pools, tags, onset in (("wechat", n_wx, wx_mix, B_WX, B_TAGS_WX, onset_wx),
                                               ("qq", n_qq, qq_mix, B_QQ, B_TAGS_QQ, onset_qq)):
            cats = [c for c, _ in mix]
            weights = [w for _, w in mix]
            for u in self.pick_users(n, distinct_share=0.7):
                cat = rng.choices(cats, weights)[0]
                pool = pools[cat] if cat else gs.GENERIC_OUTAGE
                if cat and rng.random() < 0.25:
                    pool = self.pools[(svc, cat)]
                tag = rng.choice(tags) if rng.random() < 0.4 else None
                if svc == "wechat" and cat == "media_transfer" and rng.random() < 0.6:
                    tag = "#微信图片发不出去#"
                text = self.dress(self.fill(rng.choice(pool), svc, tag), tag, B_SUFFIXES, B_EMERGING, 0.14, B_PREFIXES)
                counts[svc][cat] = counts[svc].get(cat, 0) + 1
                emit(svc, onset, cat, text, u)
        both_cats = list(B_BOTH)
        for u in self.pick_users(n_both, distinct_share=0.7):
            cat = rng.choices(both_cats, [6, 1.5, 0.8, 3])[0]
            tag = rng.choice(B_TAGS_BOTH) if rng.random() < 0.45 else None
            text = self.dress(rng.choice(B_BOTH[cat]), tag, B_SUFFIXES, B_EMERGING, 0.18, B_PREFIXES)
            for svc in ("wechat", "qq"):
                counts[svc][cat] = counts[svc].get(cat, 0) + 1
            emit("wechat+qq", onset_wx, cat, text, u)
        n_guess = max(3, (n_wx + n_qq) // 150)
        n_both += n_guess
        for u in self.pick_users(n_guess):  # standalone guesses about the cause
            text = rng.choice(B_EMERGING) + rng.choice(["，微信QQ一起崩了", "，所以微信和QQ都登不上", "？微信QQ全挂了"])
            for svc in ("wechat", "qq"):
                counts[svc][None] = counts[svc].get(None, 0) + 1
            emit("wechat+qq", onset_wx, None, text, u)
        for u in self.pick_users((n_wx + n_qq) // 60):
            svc = rng.choice(["wechat", "qq"])
            self.add(self.shaped(onset_wx, ramp, plateau, decay),
                     rng.choice(gs.DENIAL).replace("{s}", self.name(svc)), u, ("incident_denial", svc, None, 1))
        for u in self.pick_users((n_wx + n_qq + n_both) // 20, distinct_share=0.6):
            tm = self.t("2023-03-29T04:50:00") + rng.random() * 1800 + rng.random() * 600
            r = rng.random()
            if r < 0.55:
                text = rng.choice(B_RECOVERY)
            elif r < 0.9:
                text = rng.choice(gs.RECOVERY).replace("{s}", self.name(rng.choice(["wechat", "qq"])))
            else:
                text = rng.choice(B_STILL)
            self.add(tm, text, u, ("incident_recovery", "wechat+qq", None, 1))
        stmts = [
            (self.t("2023-03-29T03:58:00"), "微信支付",
             "【说明】今日凌晨，部分用户使用微信支付时出现服务异常，技术团队正在紧急修复，资金安全不受影响，请大家放心。"),
            (self.t("2023-03-29T04:12:00"), "微信团队",
             "今日凌晨部分用户出现微信登录异常、朋友圈无法刷新等情况，工程师正在紧急处理，目前正在逐步恢复中，给大家带来的不便深表歉意。"),
            (self.t("2023-03-29T04:25:00"), "腾讯QQ",
             "部分用户反馈QQ登录异常、文件传输失败，技术团队正在紧急修复，给您带来的不便敬请谅解。"),
            (self.t("2023-03-29T05:20:00"), "微信支付",
             "此前部分用户微信支付服务异常的问题已全面恢复，资金安全不受影响，感谢大家的耐心等待。"),
        ]
        for tm, acc, text in stmts:
            self.add(tm, text, acc, ("incident_official", "wechat+qq", None, 1))

        def top(c):
            return {str(k): v for k, v in sorted(c.items(), key=lambda x: -x[1])}

        self.truth_inc.append({
            "id": "2023-03-29-tencent-night", "services": ["wechat", "qq"],
            "start": self.iso(onset_wx), "starts": {"wechat": self.iso(onset_wx), "qq": self.iso(onset_qq)},
            "peak": self.iso(onset_wx + ramp), "end": self.iso(onset_qq + ramp + plateau + decay),
            "top_categories": {"wechat": ["login", "connectivity", "payment", "feed", "calls"],
                               "qq": ["login", "media_transfer", "feed", "mail"]},
            "hashtags": ["#微信崩了#", "#微信又崩了#", "#QQ崩了#", "#QQ又崩了#", "#微信图片发不出去#", "#腾讯崩了#"],
            "complaints": {"wechat": n_wx + n_both, "qq": n_qq + n_both, "naming_both": n_both,
                           "wechat_only": n_wx, "qq_only": n_qq},
            "category_counts": {"wechat": top(counts["wechat"]), "qq": top(counts["qq"])},
            "official_statements": [{"time": self.iso(tm), "user": acc, "text": text} for tm, acc, text in stmts],
            "recovery": "04:50-05:30 recovery posts",
            "emerging_terms": ["广州", "数据中心"],
            "description": "one Tencent outage at night: WeChat and QQ login fails / kicked offline, calls, "
                           "Moments, WeChat Pay, QQ files, QQ空间, QQ邮箱; many posts name both",
        })

    # -- decoys -------------------------------------------------------------

    def gs_decoy(self, kind, service, local_start, dur, scale=None, note=""):
        """One of gen_stream's decoy kinds at a fixed time (scale: its volume factor)."""
        dec = dict(kind=kind, service=service, start=self.t(local_start), dur=dur)
        keep = self.scale
        if scale is not None:
            self.scale = scale
        self.decoy(len(self.truth_dec), dec)
        self.scale = keep
        self.truth_dec.append({"kind": kind, "service": service, "start": self.iso(dec["start"]),
                               "end": self.iso(dec["start"] + dur), "posts": dec["posts"], "note": note})

    def anime_decoy(self, n):
        rng = self.rng
        start, end = self.t("2023-03-29T02:50:00"), self.t("2023-03-29T05:00:00")
        ramp, plateau, decay = 15 * 60, 55 * 60, 60 * 60
        for u in self.pick_users(n, distinct_share=0.7):
            text = rng.choice(ANIME_TEXTS).replace("{d}", ANIME)
            if rng.random() < 0.3:
                text += rng.choice(gs.SEP[:3]) + rng.choice(ANIME_TAILS)
            if rng.random() < 0.15:
                text += rng.choice(["😭", "😡", "🙃", "[怒]", "[泪]", "[摊手]", "[允悲]"])
            if rng.random() < 0.05:
                text = rng.choice(gs.AGREE) + "//@" + rng.choice(gs.NICKS_A) + rng.choice(gs.NICKS_B) + ":" + text
            self.add(min(end, self.shaped(start, ramp, plateau, decay)), text, u, ("decoy_anime", None, None, None))
        self.truth_dec.append({"kind": "anime_finale", "service": None, "start": self.iso(start), "end": self.iso(end),
                               "posts": n, "hashtags": ["#剧情崩了#", "#星环残响最终话#"],
                               "note": "simultaneous with the Tencent outage; figurative 崩, no service named"})

    def news_decoy(self, local_start, n):
        rng = self.rng
        start = self.t(local_start)
        for u in self.pick_users(n, distinct_share=0.6):
            text = rng.choice(NEWS_TEXTS)
            if rng.random() < 0.2:
                text = "转发微博//@科技圈小灵通:" + text if rng.random() < 0.5 else text + rng.choice(gs.SEP[:3]) + rng.choice(
                    ["感慨", "哈哈哈", "历历在目", "那天我也在", "好怀念"])
            self.add(start + 10800 * min(rng.random(), rng.random()), text, u, ("decoy_news", "wechat", None, None))
        self.truth_dec.append({"kind": "old_news", "service": "wechat", "start": self.iso(start),
                               "end": self.iso(start + 10800), "posts": n,
                               "note": "posts recalling the 2021 WeChat image outage (回顾, 还记得, 2021年…)"})


WINDOWS = [
    dict(name="A", seed=2021, start="2021-10-04T00:00:00", days=17, id_base=4686000000000000),
    # The 2023 outage was traced to a Guangzhou data center: here 60% of its
    # complaints come from 广东 (about 9% of posts usually do).
    dict(name="B", seed=2023, start="2023-03-15T00:00:00", days=17, id_base=4882000000000000,
         regional=("广东", 0.6)),
]


def build(win):
    start = dt.datetime.fromisoformat(win["start"]).replace(tzinfo=BEIJING)
    g = SampleGen(win["seed"], start, win["days"], SCALE)
    g.background()
    n_bg = len(g.posts)
    if win["name"] == "A":
        g.incident_a(2600)
        g.gs_decoy("drama", None, "2021-10-10T21:10:00", 7200, DECOY_SCALE, "TV-drama finale night, 剧情崩了")
        g.gs_decoy("launch", "qq", "2021-10-13T10:30:00", 3 * 3600, None, "QQ feature launch, mentions x10")
    else:
        g.incident_b(1500, 900, 700)
        g.anime_decoy(1300)
        g.gs_decoy("stock", None, "2023-03-20T13:30:00", 3600, DECOY_SCALE, "stock slump, 股市崩了/基金崩了")
        g.news_decoy("2023-03-23T15:00:00", 300)
    return g, start, n_bg


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out-dir", default=os.path.join(ROOT, "data", "samples"))
    ap.add_argument("--labels", help="optional: one {id, kind, service, category, event} line per post")
    a = ap.parse_args()
    os.makedirs(a.out_dir, exist_ok=True)
    lines, labels, truth_windows, total = [], [], [], 0
    for win in WINDOWS:
        g, start, n_bg = build(win)
        rng = g.rng
        posts = g.posts
        posts.sort(key=lambda p: (p[0], p[1], p[2]))
        order = []
        for i, p in enumerate(posts):
            key = p[0] + rng.uniform(60, 600) if rng.random() < 0.02 else p[0]
            order.append((key, i))
        order.sort()
        ids = [win["id_base"] + i * 8 + rng.randrange(8) for i in range(len(posts))]
        end = start + dt.timedelta(days=win["days"])
        for key, i in order:
            t, text, user, lab = posts[i]
            when = start + dt.timedelta(seconds=int(t))
            if when >= end:
                when = end - dt.timedelta(seconds=1)
            rec = {"id": str(ids[i]), "created_at": when.isoformat(timespec="seconds"), "text": text, "user": user}
            if win.get("regional"):  # Weibo shows IP属地 from 2022-04: window B only
                reg, share = win["regional"]
                rec["region"] = (regions.regional("%s|%d|%s" % (text, int(t), user), reg, share, user)
                                 if lab[0] == "incident" else regions.home_region(user))
            official = lab[0] == "incident_official"
            if official:
                rec["reposts"] = 3000 + rng.randrange(20000)
                rec["source"] = "微博 weibo.com"
            else:
                if rng.random() < 0.25:
                    rec["reposts"] = int(rng.paretovariate(1.6)) - 1
                if rng.random() < 0.45:
                    rec["source"] = rng.choice(SOURCES)
            lines.append(json.dumps(rec, ensure_ascii=False, separators=(",", ":")))
            if a.labels:
                labels.append(json.dumps({"id": rec["id"], "kind": lab[0], "service": lab[1], "category": lab[2],
                                          "event": lab[3]}, ensure_ascii=False))
        if win.get("regional"):
            for inc in g.truth_inc:
                inc["regional"] = {"region": win["regional"][0], "share": win["regional"][1]}
        kinds = {}
        for p in posts:
            kinds[p[3][0]] = kinds.get(p[3][0], 0) + 1
        truth_windows.append({
            "name": win["name"], "start": start.isoformat(timespec="seconds"),
            "end": end.isoformat(timespec="seconds"), "seed": win["seed"], "posts": len(posts),
            "background_posts": n_bg, "post_kinds": dict(sorted(kinds.items())),
            "incidents": g.truth_inc, "decoys": g.truth_dec,
        })
        total += len(posts)
    path = os.path.join(a.out_dir, "archive.jsonl.gz")
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as out:
            out.write(("\n".join(lines) + "\n").encode("utf-8"))
    truth = {
        "synthetic": True, "generator": "bench/gen_sample.py", "background_scale": SCALE, "posts": total,
        "expected_detection": "per service: window A one wechat incident (media_transfer); window B one wechat and "
                              "one qq incident overlapping (merged into one Tencent incident once services are "
                              "merged); no decoy and nothing else",
        "windows": truth_windows,
    }
    with open(os.path.join(a.out_dir, "archive_truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
        f.write("\n")
    if a.labels:
        with open(a.labels, "w", encoding="utf-8") as f:
            f.write("\n".join(labels) + "\n")
    print("gen_sample: %d posts (%s), %d bytes" % (
        total, ", ".join("%s %d" % (w["name"], w["posts"]) for w in truth_windows), os.path.getsize(path)),
        file=sys.stderr)


if __name__ == "__main__":
    main()
