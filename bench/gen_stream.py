#!/usr/bin/env python3
"""Synthetic Weibo-style post stream with injected outages, decoys and ground truth.

    python3 bench/gen_stream.py --seed 1 -o posts.jsonl.gz --truth truth.json
    python3 bench/gen_stream.py --seed 2 --days 21 --scale 0.2 -o posts.jsonl --truth t.json

Writes JSON Lines, one post per line: {"id", "created_at" (ISO 8601, +08:00), "text", "user",
"region"} (the author's home region, bench/regions.py)
(`-o` ending in .gz writes gzip). Only the Python 3 standard library is used; the same seed
and arguments give byte-identical output (gzip too: no name, mtime 0).

What the stream holds (volumes at --scale 1.0; --scale multiplies every volume):

* Background, every day, with a daily rhythm (trough 2-6 am, peaks at noon and in the
  evening, weekends x1.2, a little day-to-day noise):
  - ordinary mentions of the 16 services (wechat, qq, weibo, douyin, alipay, taobao ~200-600
    per hour at peak; kuaishou, bilibili, xiaohongshu, meituan, didi ~40-180; icloud, steam,
    12306, zhihu, netease_music ~10-40), a few how-to questions among them;
  - background complaints: 1-3% of a service's mentions, at least ~1-2 per hour at peak for the
    small services, ordinary individual glitches ("微信图片发不出去了，是我网不好吗") in the
    categories plausible for the service;
  - general chatter without a service (~30% of all volume), some with a figurative 崩
    (心态崩了, 剧情崩了).
* 6-8 injected incidents (the truth), never in the first 7 days, each on a different service:
  one big WeChat or QQ outage (thousands of complaints over 2-3 h), one small-service outage at
  ~03:00 (~25 complaints over 40 min), the rest of mixed sizes at any hour. Each has an onset,
  a 5-20 min ramp, a slowly sagging plateau and a decay (40 min - 3 h in all), a symptom mix with
  one dominant category, hashtags such as #微信崩了# on ~30% of posts, many distinct authors,
  some "我也是//@…" reposts, a few denials, recovery posts near the end, and sometimes an
  official statement. The rate peaks at the end of the ramp (truth "peak").
* Decoys that are not outages: a TV-drama night (2 h of 剧情崩了), a product launch (one
  service's mentions x10 for 3 h), a stock-market slump (1 h of 股市崩了/基金崩了) and one account
  posting the same complaint 200 times in 30 minutes. Every event (incident or decoy) has a day
  of its own among days 7..days-1 (with the default 21 days), so no decoy shares a day with an
  incident; windows of any two events are at least 3 hours apart.

Posts are sorted by created_at except ~2% late arrivals written 1-10 minutes after their time.
Ids are 16-digit strings that rise with created_at.

--truth writes {"seed", "start", "days", "scale", "incidents": [{"service", "start", "end", "peak",
"top_category", "complaints", ...}], "decoys": [{"kind", "service", "start", "end", ...}]};
"complaints" counts the incident's complaint posts (not its recoveries, denials or statements).
--labels FILE (optional) writes one {"id", "kind", "service", "category", "event"} line per post,
for checking the texts with `bengle classify`.
A summary (posts, incidents, seconds) goes to stderr.
"""

import argparse
import datetime as dt
import gzip
import json
import math
import random
import sys
import time
from json.encoder import encode_basestring as _json_str  # C version when available
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import regions  # noqa: E402

BEIJING = dt.timezone(dt.timedelta(hours=8))
CATEGORIES = ["messaging", "media_transfer", "login", "connectivity", "payment",
              "calls", "feed", "mail", "app_crash", "account"]

# ---------------------------------------------------------------------------
# Services
# ---------------------------------------------------------------------------
# id -> dict(names (weighted by repetition), tag (hashtag name), tier, peak (mentions/hour at the
# daily peak, a range), cats (category -> weight, the symptoms plausible for the service),
# slot values for templates, official account, ordinary phrases, launch features)

SERVICES = {
    "wechat": dict(
        names=["微信"] * 17 + ["vx", "wx", "WeChat", "威信"], tag="微信", tier="huge", peak=(450, 600),
        cats={"messaging": 3, "media_transfer": 3, "login": 2, "connectivity": 2, "payment": 2, "calls": 1,
              "feed": 2, "app_crash": 1, "account": 1},
        feed=["朋友圈", "朋友圈", "视频号"], media=["图片", "照片", "视频", "文件", "语音", "原图", "表情包"],
        pay=["红包", "转账", "付款", "扫码付款", "零钱提现"], mail=[],
        official="微信派",
        ordinary=["用微信给我妈转了点生活费", "微信步数今天又是第一", "拉了个微信群约周末吃饭", "在微信上跟老同学聊了一晚上",
                  "把微信头像换了", "微信红包抢了两块钱", "朋友圈晒了一下今天的晚饭", "给我爸教了半天怎么发微信语音",
                  "微信聊天记录太多手机内存快满了", "我妈又在微信家族群里转发养生文章", "朋友圈又有人晒娃", "在微信上跟我妈视频了半小时",
                  "公众号这篇文章写得真好", "微信运动第一名又是我爸", "把照片都发到文件传输助手里存着", "微信群里又在发红包了",
                  "刷朋友圈看到老同学结婚了", "微信里加了个卖水果的", "视频号刷到一个做饭的博主"],
        features=["状态", "拍一拍", "朋友圈置顶", "聊天记录迁移", "深色模式", "大文件传输", "表情回应", "消息撤回编辑", "视频号直播"],
    ),
    "qq": dict(
        names=["QQ"] * 10 + ["qq", "qq", "扣扣"], tag="QQ", tier="huge", peak=(250, 400),
        cats={"messaging": 3, "media_transfer": 2, "login": 3, "connectivity": 1, "calls": 1, "feed": 1, "mail": 2,
              "app_crash": 1, "account": 1},
        feed=["空间", "QQ空间", "说说", "动态"], media=["图片", "文件", "群文件", "视频", "语音", "表情包"],
        pay=["红包", "充值"], mail=["QQ邮箱", "QQ邮箱", "qq邮箱"],
        official="QQ团队",
        ordinary=["翻QQ空间翻到了十年前的说说", "QQ群里在讨论作业", "上QQ看了一眼班级群", "QQ签名改成了一句歌词",
                  "用QQ邮箱投了简历", "QQ农场真是童年回忆", "QQ火花续了三百天", "和老同学在QQ上聊了一晚上",
                  "QQ群里有人在分享复习资料", "把QQ头像换成了小猫", "QQ空间里全是青春回忆", "给QQ好友点了个赞",
                  "QQ邮箱收到了面试通知", "QQ等级终于到太阳了", "在QQ群里抢了个红包"],
        features=["频道", "超级表情", "夜间模式", "聊天文件管理", "小世界", "群待办"],
    ),
    "alipay": dict(
        names=["支付宝"] * 10 + ["zfb"], tag="支付宝", tier="big", peak=(200, 300),
        cats={"payment": 5, "login": 1, "connectivity": 2, "app_crash": 1, "account": 1},
        feed=[], media=[], pay=["付款", "转账", "扫码付款", "付款码", "余额宝转出", "花呗付款", "缴费"], mail=[],
        official="支付宝",
        ordinary=["支付宝蚂蚁森林种了一棵树", "支付宝年度账单出来了", "用支付宝交了电费", "集五福就差敬业福",
                  "支付宝收到了一笔退款", "余额宝收益一天两毛", "蚂蚁森林的能量又被偷了", "用支付宝扫码骑了共享单车",
                  "支付宝的芝麻分涨了", "在支付宝上办了个医保电子凭证", "支付宝里领了个消费券", "用支付宝给家里交了水费",
                  "花呗这个月的账单出来了"],
        features=["碰一下", "出行服务", "消费券", "芝麻信用", "理财", "健康码", "生活号"],
    ),
    "weibo": dict(
        names=["微博"] * 8 + ["wb", "新浪微博"], tag="微博", tier="big", peak=(250, 400),
        cats={"feed": 4, "connectivity": 2, "login": 1, "app_crash": 1, "account": 1, "media_transfer": 1,
              "messaging": 1},
        feed=["首页", "热搜", "评论区", "超话", "评论"], media=["图片", "视频", "原图"], pay=[], mail=[],
        official="微博管理员",
        ordinary=["微博热搜又是这个", "刷微博刷到凌晨", "微博评论区太有才了", "在微博关注了个宝藏博主", "微博超话签到",
                  "微博上看到一个好玩的段子", "关注的博主更新了微博", "发了条微博记录一下", "微博上的瓜一个接一个",
                  "翻到了十年前发的微博", "微博抽奖又没中", "刷微博看到一只好可爱的猫"],
        features=["超话", "评论置顶", "视频号", "热搜榜", "编辑微博", "夜间模式"],
    ),
    "douyin": dict(
        names=["抖音"] * 8 + ["dy"], tag="抖音", tier="big", peak=(300, 450),
        cats={"feed": 3, "media_transfer": 2, "connectivity": 2, "app_crash": 2, "login": 1, "account": 1,
              "messaging": 1},
        feed=["推荐页", "首页", "评论区", "直播间"], media=["视频", "视频", "图片"], pay=["付款", "充值"], mail=[],
        official="抖音",
        ordinary=["抖音上刷到一个好笑的视频", "抖音直播间买了一堆东西", "看抖音看到忘了时间", "抖音这个BGM好洗脑",
                  "在抖音学了一道菜", "抖音又刷到凌晨两点", "抖音上的变装视频好帅", "抖音刷到了老家的风景",
                  "跟着抖音学了个新舞", "抖音的同城推荐挺准的", "在抖音关注了个讲历史的博主"],
        features=["合拍", "图文模式", "商城", "团购", "长视频", "一起看"],
    ),
    "kuaishou": dict(
        names=["快手"], tag="快手", tier="medium", peak=(80, 150),
        cats={"feed": 3, "media_transfer": 2, "connectivity": 2, "app_crash": 1, "login": 1, "account": 1},
        feed=["首页", "评论区", "直播间", "关注页"], media=["视频"], pay=["付款", "充值"], mail=[],
        official="快手",
        ordinary=["快手上看老铁做饭", "快手直播间好热闹", "我爸天天刷快手", "快手上刷到老家的视频", "在快手看了一晚上直播",
                  "快手上的农村生活好治愈", "我妈在快手上买了一箱橙子", "快手刷到一个修车的师傅好厉害"],
        features=["极速版", "短剧", "直播回放", "小店"],
    ),
    "taobao": dict(
        names=["淘宝"] * 6 + ["手淘"], tag="淘宝", tier="big", peak=(200, 320),
        cats={"payment": 3, "connectivity": 2, "app_crash": 2, "login": 1, "feed": 1, "account": 1},
        feed=["首页", "商品页", "评论区"], media=["图片"], pay=["付款", "下单", "订单", "付尾款"], mail=[],
        official="淘宝",
        ordinary=["淘宝下单了一件外套", "淘宝的购物车又满了", "在淘宝凑满减", "淘宝买的东西到了", "在淘宝给猫买了猫粮",
                  "淘宝买的衣服还挺合身", "在淘宝下单了一个新键盘", "淘宝的快递今天到", "淘宝上逛了一晚上什么都没买",
                  "淘宝买家秀笑死我了", "把淘宝购物车清空了"],
        features=["逛逛", "直播", "百亿补贴", "评价", "购物车分组"],
    ),
    "bilibili": dict(
        names=["B站"] * 6 + ["b站", "哔哩哔哩", "小破站"], tag="B站", tier="medium", peak=(100, 180),
        cats={"media_transfer": 3, "feed": 2, "connectivity": 2, "app_crash": 1, "login": 1, "account": 1},
        feed=["首页", "动态", "评论区", "弹幕"], media=["视频"], pay=["大会员充值"], mail=[],
        official="哔哩哔哩",
        ordinary=["B站看了个up主的视频", "在b站学做菜", "B站的弹幕太好笑了", "一键三连了", "小破站的年度报告出来了",
                  "在B站学习了三个小时", "B站up主更新了", "哔哩哔哩上看到一个超棒的纪录片", "B站的鬼畜区笑死我了",
                  "在B站追完了一部番", "B站的知识区真是宝藏"],
        features=["4K画质", "倍速播放", "充电专属", "AI字幕", "稍后再看"],
    ),
    "netease_music": dict(
        names=["网易云音乐", "网易云", "网易云", "网抑云"], tag="网易云音乐", tier="small", peak=(20, 40),
        cats={"connectivity": 3, "app_crash": 2, "login": 2, "feed": 1, "account": 1},
        feed=["评论区", "云村", "动态"], media=[], pay=["会员充值"], mail=[],
        official="网易云音乐",
        ordinary=["网易云音乐的评论区好扎心", "网易云日推又推到宝藏歌曲", "网易云年度歌单出来了", "单曲循环了一下午网易云",
                  "网易云的私人FM好懂我", "在网易云上建了个跑步歌单", "网易云评论区都是人才", "网抑云时间到了"],
        features=["私人漫游", "歌词海报", "一起听", "听歌识曲"],
    ),
    "xiaohongshu": dict(
        names=["小红书"], tag="小红书", tier="medium", peak=(80, 150),
        cats={"feed": 3, "media_transfer": 2, "connectivity": 2, "app_crash": 1, "login": 1, "account": 1},
        feed=["首页", "笔记", "评论区", "发现页"], media=["图片", "视频"], pay=["付款"], mail=[],
        official="小红书",
        ordinary=["在小红书上搜攻略", "小红书种草了一支口红", "照着小红书的教程化妆", "小红书上的探店都是骗人的",
                  "在小红书发了第一篇笔记", "照着小红书的攻略去玩了", "小红书上种草了一家咖啡店", "小红书上的穿搭博主好会搭"],
        features=["群聊", "笔记合集", "直播", "购物"],
    ),
    "zhihu": dict(
        names=["知乎"], tag="知乎", tier="small", peak=(25, 40),
        cats={"feed": 2, "connectivity": 3, "app_crash": 1, "login": 1, "account": 1},
        feed=["首页", "回答", "评论区", "热榜"], media=["图片"], pay=["会员充值"], mail=[],
        official="知乎小管家",
        ordinary=["知乎上看到一个很有意思的回答", "在知乎上搜怎么写论文", "谢邀，人在知乎，刚下飞机", "知乎上这个回答写得太好了",
                  "在知乎刷到一个神回复", "知乎盐选的小说看完了", "在知乎上写了第一个回答"],
        features=["想法", "圆桌", "盐选专栏", "视频回答"],
    ),
    "meituan": dict(
        names=["美团"] * 4 + ["美团外卖"], tag="美团", tier="medium", peak=(60, 120),
        cats={"payment": 3, "connectivity": 2, "app_crash": 2, "login": 1},
        feed=[], media=[], pay=["下单", "付款", "订单", "外卖订单"], mail=[],
        official="美团",
        ordinary=["美团点了个外卖", "美团外卖的红包用了", "在美团上订了酒店", "美团买菜送得好快", "美团外卖的小哥好快",
                  "在美团团购了火锅券", "美团骑手今天送得好快", "在美团上买了电影票"],
        features=["拼好饭", "神券", "闪购", "团购"],
    ),
    "didi": dict(
        names=["滴滴"] * 4 + ["滴滴出行"], tag="滴滴", tier="medium", peak=(40, 80),
        cats={"connectivity": 3, "payment": 2, "app_crash": 2, "login": 1},
        feed=[], media=[], pay=["付款", "车费支付", "支付车费"], mail=[],
        official="滴滴出行",
        ordinary=["滴滴打车去机场", "滴滴司机人超好", "下雨天滴滴排队排了四十个人", "用滴滴叫了个顺风车", "下班叫了个滴滴",
                  "滴滴司机一路上给我讲段子", "坐滴滴去见客户"],
        features=["拼车", "特惠快车", "花小猪", "代驾"],
    ),
    "12306": dict(
        names=["12306"] * 4 + ["铁路12306"], tag="12306", tier="small", peak=(15, 35),
        cats={"connectivity": 3, "login": 2, "payment": 2, "app_crash": 1},
        feed=[], media=[], pay=["支付", "付款", "候补订单支付"], mail=[],
        official="铁路12306",
        ordinary=["12306抢到了回家的票", "在12306上买了高铁票", "12306候补成功了", "又要在12306上抢票了",
                  "在12306上买了下周的高铁票", "12306改签了一下", "12306的积分可以兑换车票了"],
        features=["候补购票", "选座", "积分兑换", "学生优惠"],
    ),
    "icloud": dict(
        names=["iCloud"] * 5 + ["icloud"], tag="iCloud", tier="small", peak=(10, 25),
        cats={"connectivity": 2, "login": 2, "mail": 2, "media_transfer": 2, "account": 1},
        feed=[], media=["照片", "文件", "备份"], pay=[], mail=["iCloud邮箱", "iCloud邮件"],
        official="Apple Support",
        ordinary=["iCloud空间又满了", "用iCloud把照片同步到电脑上", "续费了iCloud五十G", "iCloud的共享相册挺好用",
                  "把iCloud照片导出来整理了一下", "iCloud钥匙串记住了所有密码"],
        features=["共享相册", "高级数据保护", "隐藏邮件地址", "家庭共享"],
    ),
    "steam": dict(
        names=["Steam"] * 3 + ["steam", "steam", "蒸汽平台"], tag="Steam", tier="small", peak=(20, 40),
        cats={"connectivity": 3, "login": 2, "payment": 1, "app_crash": 1, "messaging": 1, "account": 1},
        feed=["社区", "评测区"], media=["截图"], pay=["付款", "购买", "充值"], mail=[],
        official="Steam",
        ordinary=["Steam夏促买了三个游戏", "Steam愿望单又打折了", "Steam库里的游戏都没玩", "在Steam上给朋友送了个游戏",
                  "和朋友在Steam上联机", "Steam上的新游戏好好玩", "Steam年度回顾出来了"],
        features=["家庭共享", "远程同乐", "Steam Deck", "新版大屏幕模式"],
    ),
}
SERVICE_IDS = list(SERVICES)
SMALL = ["icloud", "steam", "12306", "zhihu", "netease_music"]
CHAT_SERVICES = {"wechat", "qq"}  # templates marked @chat: only these; @view: only the others
POS_SERVICES = {"wechat", "alipay"}  # @pos: paying at a shop counter

# ---------------------------------------------------------------------------
# Complaint templates: {s} service name, {feed} {media} {pay} {mail} per-service objects.
# A template that starts with {s} may drop the name when a hashtag names the service.
# "@chat:" = only for the chat apps (wechat, qq), "@view:" = only for the others, "@pos:" = only
# for services used at a shop counter (wechat, alipay).
# ---------------------------------------------------------------------------

TEMPLATES = {
    "messaging": [
        "{s}消息发不出去了，一直转圈", "@chat:{s}发消息全是红色感叹号", "{s}收不到消息，别人说给我发了好几条",
        "{s}消息延迟好严重，隔了十分钟才收到", "给{s}好友发的消息一直在发送中", "@chat:{s}群消息半天收不到",
        "{s}私信发不出去了", "{s}消息发送失败，重试好几次都不行", "{s}发出去的消息对方收不到",
        "@chat:{s}一发消息就是红色感叹号", "@chat:老板在{s}上找我我一直收不到消息，急死了", "@chat:{s}文字消息都发不出去",
        "{s}消息半小时才到，这是怎么回事", "@chat:{s}群里的消息一条都收不到", "{s}的消息怎么发不出去啊",
        "@chat:{s}聊天框一直转圈，消息发不出去", "@chat:{s}给我妈发的消息她说没收到", "{s}消息一直转圈圈，发了三遍",
        "对象在{s}上给我发的消息我一直收不到", "{s}私信一直发送失败", "{s}私信收不到，对方说发了好几条",
        "{s}私信一直转圈，发不出去", "{s}回别人私信一直失败",
    ],
    "media_transfer": [
        "@chat:{s}{media}发不出去，大图点不开", "{s}{media}一直转圈加载不出来", "@chat:{s}发的{media}全是裂图",
        "@chat:{s}的原图点不开，只能看到模糊的小图", "{s}{media}传不了，一直卡在上传中", "{s}{media}发不出去了",
        "{s}{media}加载不出来", "@chat:{s}收到的{media}都是灰色的", "@chat:{s}{media}下载失败，重试了好几遍",
        "{s}的{media}显示不出来", "@chat:{s}传个{media}进度条卡住了", "{s}{media}点开一直转圈",
        "@chat:在{s}上给同事发{media}发不过去", "{s}{media}打不开，一直显示加载中", "@chat:{s}{media}发出去就失败",
        "@chat:{s}别人发的{media}我这边看不了", "{s}{media}上传失败，换了网络也一样", "{s}只能看到缩略图，点开就加载失败",
        "@view:{s}{media}一直缓冲，根本看不了", "@view:{s}{media}卡在加载中", "@view:{s}发{media}一直上传失败",
        "@view:{s}{media}看不了了，一直转圈", "@view:{s}{media}播放失败，换了网络也不行",
        "@view:{s}{media}一直加载失败", "@view:{s}刷到的{media}都加载不出来",
    ],
    "login": [
        "{s}登不上了，一直转圈", "{s}突然被挤下线，再登就登录失败", "{s}登录不上去", "{s}一直提示登录异常",
        "{s}自动退出登录了，重新登也登不进", "{s}扫码登录没反应", "{s}收不到验证码，登不了",
        "{s}密码明明是对的就是登不上", "{s}被强制下线了好几次", "{s}电脑版登不上", "{s}一直让我重新登录，登了又掉",
        "{s}登录页面一直转圈", "{s}账号登不进去了", "{s}掉线了，再也登不上", "刚打开{s}就把我踢下线了",
        "{s}登录失败，提示稍后再试", "{s}登着登着就被踢出来了", "{s}换了手机登录一直验证失败",
    ],
    "connectivity": [
        "{s}一直连接失败", "{s}显示网络不可用，可我wifi满格啊", "{s}刷不出来，一直转圈", "{s}连不上服务器",
        "{s}什么都加载不出来", "{s}一直显示连接中", "{s}打开全是空白页", "{s}提示网络异常，换了流量也一样",
        "{s}服务器繁忙，请稍后再试", "{s}一直在加载，进不去", "{s}请求超时，刷新了好几次", "{s}网络请求失败",
        "{s}转了半天什么都刷不出来", "{s}一直提示网络错误", "{s}页面加载失败", "{s}打开一直转圈圈",
        "{s}连不上了，别的软件都能上网", "{s}进不去了，一直转圈",
    ],
    "payment": [
        "{s}{pay}失败了？？", "{s}{pay}一直转圈", "@pos:{s}{pay}没反应，收银员一直看着我好尴尬",
        "{s}{pay}失败，钱扣了订单还没成功", "@pos:{s}{pay}不了，后面排队的人都在等我", "{s}{pay}一直显示处理中",
        "{s}{pay}提示交易异常，试了好几次", "@pos:用{s}{pay}付不了，只好用现金", "{s}{pay}卡住了，转了半天",
        "{s}{pay}一直失败", "{s}{pay}出错了，到底扣没扣钱", "{s}{pay}点了没反应", "{s}支付失败，换了张卡也不行",
        "@pos:在超市用{s}付款失败了", "{s}{pay}一直不成功，急着用钱", "@pos:{s}付款码刷不出来，在收银台干等",
        "{s}{pay}报错，说系统繁忙",
    ],
    "calls": [
        "{s}语音通话打不通", "{s}视频通话一直断", "{s}打电话对方听不到我声音", "{s}视频通话没画面",
        "{s}语音电话一直连接中", "{s}通话老是自动挂断", "{s}视频打不通，一直等待对方接受", "{s}语音通话一接通就断",
        "{s}群视频拉不起来", "{s}通话声音断断续续", "{s}打语音电话对方那边不响", "跟家里人{s}视频通话连不上",
        "{s}视频通话失败", "{s}语音通话听不到对方", "{s}开会连麦一直掉线", "{s}视频打了五次都打不通",
    ],
    "feed": [
        "{s}{feed}刷不出来", "{s}{feed}发不了", "{s}{feed}一片空白", "{s}评论发不出去", "{s}{feed}一直转圈",
        "{s}{feed}加载不出来了", "{s}点赞失败", "{s}{feed}什么都没有", "{s}{feed}点不开", "{s}{feed}发布失败",
        "{s}{feed}不更新了", "{s}评论区看不了", "{s}{feed}打不开", "刚发的{s}{feed}别人都看不到",
        "{s}{feed}刷新失败", "{s}{feed}一直显示加载中", "{s}{feed}空空的，一条都没有",
    ],
    "mail": [
        "{mail}收不到邮件", "{mail}邮件发不出去", "{mail}打不开", "{mail}一直加载", "{mail}发送失败，附件也传不上",
        "{mail}的邮件被退回来了", "{mail}登不上", "{mail}邮件延迟几个小时", "{mail}一封邮件都没收到",
        "{mail}邮件同步不了", "{mail}页面空白", "客户给我发的邮件{mail}一直没收到", "{mail}又挂了",
        "{mail}邮件一直在发送中", "{mail}收邮件一直转圈", "{mail}进不去，急着收面试通知",
    ],
    "app_crash": [
        "{s}闪退，一打开就退", "{s}一直闪退", "{s}白屏了", "{s}打不开了", "{s}卡死了", "{s}点开就闪退",
        "{s}启动不了", "{s}卡在开屏页面动不了", "{s}黑屏了什么都没有", "{s}一打开就崩溃", "{s}卡成ppt",
        "{s}无响应，只能强制关闭", "{s}用着用着突然闪退", "{s}突然卡住了，点哪都没反应", "{s}点进去就白屏",
        "{s}刚打开就自动关闭了", "{s}重装了还是闪退",
    ],
    "account": [
        "{s}账号莫名其妙被冻结了", "{s}提示账号异常，功能被限制", "{s}突然被封号了，我啥也没干",
        "{s}账号被限制登录", "{s}提示我违规被禁言", "{s}账号受限，什么都发不了", "{s}说我账号有风险被冻结",
        "{s}账号显示异常，要我申请解封", "好多人{s}号被封了", "{s}账号突然被封了，理由都没有", "{s}被风控了，什么操作都不行",
        "{s}实名认证失败", "{s}账号被锁了", "{s}号被限制了，申诉也没用", "{s}账户被冻结了？？",
    ],
}

# Extra phrasing for particular services (mixed in with the generic templates).
SERVICE_TEMPLATES = {
    ("wechat", "connectivity"): ["微信一直显示收取中", "微信顶上一直是连接中……", "微信公众号文章打不开，一直转圈"],
    ("wechat", "media_transfer"): ["文件传输助手发不了文件了", "微信语音消息点了没反应，听不了", "微信视频号视频加载不出来"],
    ("wechat", "payment"): ["微信红包发不出去", "微信抢红包一直转圈", "微信转账一直显示处理中", "微信扫码付款没反应"],
    ("qq", "login"): ["QQ登不上了，一直转圈", "QQ一直提示登录失败，密码是对的", "扣扣登不上去了"],
    ("qq", "media_transfer"): ["QQ群文件下载不了", "QQ图片加载不出来，全是裂图"],
    ("alipay", "payment"): ["支付宝付款失败了？？", "支付宝扫码付款一直转圈", "支付宝转账一直显示处理中",
                            "支付宝付款码刷不出来", "花呗付款失败，换余额也不行"],
    ("steam", "connectivity"): ["steam商店打不开，一直连接失败", "Steam社区502了", "steam好友列表连不上",
                                "Steam一直连不上服务器，游戏都进不去", "steam下载速度一直是0，连接超时"],
    ("steam", "login"): ["steam登不上，一直卡在登录中", "Steam令牌验证一直失败"],
    ("12306", "connectivity"): ["12306一直显示系统繁忙，请稍后再试", "12306网页打不开，一直转圈", "12306刷不出车次，一直转圈"],
    ("12306", "login"): ["12306登录不上，一直提示网络繁忙", "12306登录一直失败，票都抢不了"],
    ("didi", "connectivity"): ["滴滴一直定位失败，叫不到车", "滴滴打不到车，页面一直转圈", "滴滴一直显示网络异常"],
    ("netease_music", "connectivity"): ["网易云歌曲加载失败，一首都放不了", "网易云每日推荐刷不出来",
                                        "网易云一直显示网络异常"],
    ("icloud", "connectivity"): ["iCloud同步一直失败", "iCloud照片一直在同步中，转了一晚上", "iCloud连接服务器失败"],
    ("icloud", "media_transfer"): ["iCloud照片上传不了", "iCloud备份一直失败"],
    ("meituan", "payment"): ["美团外卖下单一直失败", "美团付款一直转圈，饭都点不了"],
    ("meituan", "connectivity"): ["美团外卖打开一直转圈，连不上服务器", "美团一直显示网络异常，午饭点不了"],
    ("taobao", "payment"): ["淘宝付款失败，购物车里的东西都买不了", "淘宝下单一直失败，提示系统繁忙"],
    ("weibo", "feed"): ["微博首页刷不出来", "微博评论发不出去", "热搜点不开，一直转圈"],
    ("bilibili", "media_transfer"): ["B站视频加载不出来，一直转圈", "b站视频播放失败，换了清晰度也不行"],
    ("zhihu", "connectivity"): ["知乎一直在加载中，什么内容都出不来", "知乎打开就是502"],
}

# A problem without a named symptom ("other" in incident mixes).
GENERIC_OUTAGE = [
    "{s}崩了？", "{s}是不是崩了", "{s}又崩了", "{s}挂了吗", "{s}又挂了？", "{s}是不是又出问题了",
    "{s}怎么回事啊", "{s}又双叒叕崩了", "{s}崩了崩了", "{s}又崩了，这个月第几次了",
]

COMPLAINT_PREFIXES = ["救命", "啊啊啊", "家人们", "有人吗", "急！", "刚刚", "又来了", "不是吧", "怎么回事", "服了",
                      "我真的会谢", "？？？", "离谱", "我靠", "有没有人", "正在开会呢", "好家伙", "无语",
                      "本来想给客户发个合同", "刚想发个消息", "在地铁上想刷会儿手机", "正在抢票的关键时刻"]
COMPLAINT_SUFFIXES = ["是我网不好吗", "有人一样吗", "别人也这样吗", "急死了", "救命", "重启了也没用",
                      "卸载重装都不行", "都半小时了", "要疯了", "服了", "是只有我这样吗", "大家也是吗",
                      "WiFi和流量都试了", "手机电脑都一样", "刚刚还好好的", "清了缓存也不行",
                      "问了同事他们也是", "在线等挺急的", "工作都耽误了", "啥时候能好啊", "麻了",
                      "求求了快修好吧", "什么情况"]
INCIDENT_SUFFIXES = COMPLAINT_SUFFIXES + ["热搜都上了", "看评论区好像全国都这样", "群里的人都在说这个事",
                                          "客服电话一直占线", "官方出来说句话吧", "同事的也一样", "家里人的手机也是这样"]
BG_SUFFIXES = ["是我网不好吗", "是只有我这样吗", "重启试试", "重启了也没用", "有人知道怎么办吗", "烦死了",
               "今天第二次了", "是我手机的问题吗", "服了", "唉", "无语", "清了缓存也不行"]
EMOJI = ["😭", "😡", "🙃", "😤", "🤯", "💢", "😅", "🥲", "😮‍💨", "🫠", "🤡", "😭😭😭", "🙏"]
EMOTICONS = ["[允悲]", "[怒]", "[抓狂]", "[裂开]", "[摊手]", "[泪]", "[费解]", "[汗]", "[跪了]", "[吃瓜]", "[doge]"]
SEP = ["，", "，", "，", " ", "！", "。"]
HASHTAG_FORMS = ["#{t}崩了#"] * 6 + ["#{t}又崩了#", "#{t}挂了#", "#{t}宕机#", "#{t}服务器崩了#"]
AGREE = ["我也是", "我也是！", "+1", "同", "我也一样", "一样", "我这也是", "同问", "我也遇到了"]
NICKS_A = ["爱吃", "快乐的", "不想", "一只", "小", "隔壁的", "今天也要", "努力的", "熬夜的", "佛系", "会飞的", "暴躁",
           "温柔的", "迷路的", "野生"]
NICKS_B = ["猫", "小熊", "土豆", "西瓜", "打工人", "程序员", "咸鱼", "柠檬", "星星", "团子", "奶茶", "月亮", "兔子",
           "考研人", "干饭人"]

RECOVERY = ["{s}好了", "{s}恢复了", "恢复了恢复了，{s}能用了", "{s}好像好了", "{s}终于能用了", "{s}可以了",
            "{s}恢复正常了", "刚刚{s}又能用了", "好了好了，{s}活过来了", "{s}是不是修好了，我这边可以了"]
DENIAL = ["{s}没崩啊，我这正常", "我这边{s}好好的", "{s}能用啊，是不是你网不好", "听说{s}崩了？我这正常啊"]
OFFICIAL_START = [
    "部分用户反馈{s}{sym}，技术团队正在紧急修复，给您带来的不便敬请谅解。",
    "【说明】目前部分用户使用{s}时出现{sym}的情况，工程师正在紧急处理中，请大家放心，资金安全不受影响。",
    "关于部分用户{s}{sym}的情况，我们正在紧急排查，给大家带来不便深表歉意。",
]
OFFICIAL_END = ["此前部分用户{s}{sym}的问题已全面恢复，感谢大家的耐心等待。",
                "{s}服务已恢复正常，给大家带来的不便深表歉意。"]
OFFICIAL_SYMPTOM = {"messaging": "消息发送异常", "media_transfer": "图片和文件发送异常", "login": "登录异常",
                    "connectivity": "无法连接", "payment": "支付异常", "calls": "通话异常", "feed": "内容加载异常",
                    "mail": "邮件收发延迟", "app_crash": "闪退", "account": "账号状态异常"}

HOWTO = ["有人知道{s}怎么设置深色模式吗", "{s}怎么批量删除聊天记录", "请问{s}在哪里改绑手机号", "{s}怎么关闭自动续费",
         "求教{s}怎么开通亲情卡"]
GENERIC_MENTIONS = ["刚在{s}上看到一个好玩的", "{s}的新界面还挺好看", "把{s}卸载了专心学习", "{s}上的推荐越来越准了",
                    "我妈也开始用{s}了", "睡前刷{s}刷到一点", "真是离不开{s}", "换了新手机先装{s}", "同事推荐我用{s}",
                    "一天打开{s}八百次", "{s}上认识了好多朋友", "{s}的夜间模式好护眼", "{s}今天推送的内容挺有意思",
                    "周末在家刷了一天{s}", "给爸妈的手机装了{s}", "{s}上有人跟我一样喜欢这个乐队吗",
                    "戒{s}第三天，失败", "{s}的客服态度还挺好", "{s}开了个会员", "每天睡前必刷{s}",
                    "在{s}上看到了高中同学的消息", "{s}的这个设计还挺贴心", "{s}里的东西越来越多了",
                    "用{s}用了十年了", "{s}的字体可以调大了，我妈很满意", "刚在{s}上认识的朋友约我吃饭"]

# ---------------------------------------------------------------------------
# Chatter (no service) and figurative 崩
# ---------------------------------------------------------------------------

OPENERS = ["今天", "刚刚", "说真的", "家人们", "笑死", "啊啊啊", "不是吧", "早上好", "好家伙", "绝了", "讲真", "emmm",
           "话说", "唉", "哈哈哈哈", "有一说一", "谁懂啊", "打卡", "记录一下：", "吐槽一下", "刚下班", "半夜睡不着",
           "周末愉快", "分享一下"]
TAILS = ["好开心", "累了", "绝了", "哈哈哈哈", "无语", "冲", "笑死我了", "救命", "yyds", "麻了", "太难了", "爱了爱了",
         "就这样吧", "晚安", "加油", "我哭死", "蚌埠住了", "算了", "太真实了", "呜呜呜", "好耶", "泪目", "还行吧",
         "人间值得", "明天继续"]
CHATTER = [
    "中午点了一份黄焖鸡", "楼下新开的奶茶店排了好长的队", "今天的火锅太辣了", "终于吃上了心心念念的烤鱼",
    "减肥第三天还是没忍住点了炸鸡", "自己在家做了番茄炒蛋", "螺蛳粉永远的神", "喝了杯生椰拿铁", "晚上和室友去吃了烧烤",
    "我妈包的饺子最好吃", "吃了一碗热乎乎的牛肉面", "第一次尝试做蛋糕", "又在纠结中午吃什么", "咖啡续命中",
    "今天又下雨了", "出门忘带伞被淋成落汤鸡", "早上冷得不想起床", "终于出太阳了", "降温了大家多穿点", "今天的晚霞好美",
    "回南天衣服一直晾不干", "热到怀疑人生", "小区的樱花开了", "半夜打雷好吓人", "又是加班的一天", "周一的早高峰地铁挤死了",
    "开了一上午的会", "老板又在画大饼", "终于把周报写完了", "下班前五分钟来了个新需求", "打工人打工魂", "年终奖还没发",
    "请了一天假在家躺着", "PPT改了八遍", "甲方说还是用第一版吧", "今天准时下班了", "周五下午完全不想干活",
    "熬夜追完了这部剧", "今天更新的两集太好哭了", "男主演技真的在线", "这个综艺笑死我了", "追剧追到凌晨三点",
    "配乐也太好听了吧", "这对cp我先磕为敬", "预告片已经看了十遍", "今晚上分成功", "排位连跪五把", "终于抽到了想要的角色",
    "周末和室友开黑", "新赛季开始了", "这个boss打了一晚上", "今晚的比赛太精彩了", "早上跑了五公里", "健身房打卡第三十天",
    "熬夜看欧冠", "图书馆又没位置了", "明天就要考试了还没复习", "背了一上午单词", "考研倒计时一百天", "高数好难",
    "四六级成绩出来了", "期末周好痛苦", "早八的课起不来", "今天心情不错", "周末在家大扫除", "猫主子又把杯子打翻了",
    "狗子今天洗澡了", "和闺蜜逛了一下午街", "买的快递终于到了", "周末去爬山了", "在家躺平一整天", "剪了个新发型",
    "又失眠了", "邻居家又在装修", "今天是我生日", "给自己买了束花", "楼下的流浪猫生了一窝小猫", "出去拍了好多照片",
    "阳台种的番茄结果了", "房东又要涨房租", "我妈又催我找对象", "感觉这一周过得特别快", "希望明天会更好吧",
    "记录一下这平平无奇的一天", "等有钱了一定要去旅游", "突然觉得好幸福", "生活还是需要一点仪式感", "真想回到学生时代",
    "这个月又要吃土了", "果然还是家里最舒服", "时间都去哪儿了", "一个人也可以过得很好",
]
FIGURATIVE = [
    "减肥计划彻底崩了", "看到体重秤的那一刻心态崩了", "一出门妆就崩了", "改完第九版方案心态崩了", "后半段剧情崩了",
    "男主人设崩了", "这集作画崩了", "连跪之后心态崩了", "下半场防线彻底崩了", "复习计划全崩了", "看到成绩心态崩了",
    "早起计划第一天就崩了", "存钱计划又崩了", "被甲方折磨得我要崩溃了", "风太大发型全崩了", "作息彻底崩了",
]
CHATTER_TAGS = ["#今天吃什么#", "#打工人#", "#追剧日常#", "#考研#", "#生活碎片#", "#今日份快乐#", "#健身打卡#"]

# ---------------------------------------------------------------------------
# Decoy texts
# ---------------------------------------------------------------------------

DRAMAS = ["长夜星河", "锦绣南歌", "她的第七年", "云中谁寄", "雪落长安", "逆光而行", "春风十里", "浮生未歇"]
DRAMA_TEXTS = [
    "这剧结局崩了", "#剧情崩了# 编剧你出来解释一下", "《{d}》最后两集剧情崩得亲妈都不认识", "男主人设崩了，前面三十集白看了",
    "大结局彻底崩了，意难平", "烂尾烂成这样，剧情崩得稀碎", "看完《{d}》结局心态崩了", "这个结局我接受不了，剧情全崩了",
    "前期封神后期剧情崩盘", "编剧是换人了吗，剧情怎么崩成这样", "结局崩了，退钱！", "这剧后半段节奏崩了",
    "从第三十集开始剧情就崩了", "看到最后一集我整个人都崩溃了", "#{d}大结局# 这结局也太敷衍了吧", "《{d}》烂尾了，好气",
    "#{d}烂尾# 女主的人设彻底崩了", "这剧结局崩了，白追了两个月", "原著党表示剧情崩得没眼看", "追了这么久就给我看这个？结局崩了",
    "男二的结局写崩了，意难平", "#剧情崩了# 《{d}》编剧能不能尊重一下观众", "说好的he呢，结局崩得离谱",
    "我宣布《{d}》是年度烂尾剧", "剧情崩了但是演员演技是真的好", "熬夜看完大结局，剧情崩了，睡不着了",
]
STOCK_TEXTS = [
    "今天股市崩了", "A股又崩了，绿得发慌", "基金崩了，一夜回到解放前", "打开支付宝一看基金全绿了", "大盘崩了，心态也崩了",
    "#A股# 大盘跳水，三千点又没守住", "基金亏了20%，心态崩了", "股市崩盘了，割肉还是补仓", "我的基金崩了崩了",
    "今天又是给基金经理打工的一天", "创业板崩了", "满仓进去就崩了，我真是天选韭菜", "#基金崩了# 别问，问就是在装死",
    "股票跌停了，心态崩了", "支付宝里的基金今天绿得发亮", "大盘崩了，今天的奶茶钱没了", "基金又绿了，我的心态彻底崩了",
    "A股跳水，我的股票全崩了", "#股市崩了# 一根大阴线送走了半年工资", "看了一眼基金收益，崩溃了", "今天的A股让我怀疑人生",
    "基金经理你是不是睡着了，怎么崩成这样", "股市崩了，中午饭都吃不下",
]
LAUNCH_TEXTS = [
    "{s}新版本的{f}功能太好用了", "刚更新了{s}", "{s}更新了{f}，大家用了吗", "{s}发布会看完了，{f}有点东西",
    "{s}新出的{f}真方便", "等了好久，{s}总算上线{f}了", "{s}这次更新的{f}我给满分", "有人用上{s}的{f}了吗",
    "刚把{s}更新到最新版，{f}挺香的", "{s}的{f}终于来了", "{s}新版本界面好清爽", "{s}新功能{f}体验了一下，好评",
    "#{t}新版本# {f}上线了", "{s}这波更新诚意满满", "第一时间更新了{s}，{f}太实用了",
]
FLOOD_TEXT = "微信又崩了，图片发不出去"

# Decoys from real text (issue 12): waves that name a service and an outage word but report
# no outage now. A rumor check that finds nothing, an anniversary, a ban in the news, a rule
# announcement. {s} is the service's name, {p} a person.
RUMOR_TEXTS = ["热搜说{s}崩了？我这正常啊", "{s}崩了吗？我怎么没感觉", "刚看到说{s}挂了，我这边好好的",
               "{s}没崩啊，是你自己网不好吧", "#{s}崩了# 我这里一切正常，谣言吧", "都说{s}崩了，我怎么用得好好的",
               "{s}崩了？没发现有问题啊", "热搜上{s}崩了是真的吗，我这没事"]
ANNIVERSARY_TEXTS = ["一年前的今天{s}崩了，还记得吗", "两年前的今天{s}大面积崩溃，那天我还以为是手机坏了",
                     "那年今天 #{s}崩了# 全网都在找原因", "{s}崩了一周年，时间过得真快",
                     "历史上的今天：{s}崩了三个小时", "去年今天{s}登不上，想起来就好笑"]
BAN_TEXTS = ["{p}{s}账号被封", "网红{p}的{s}号被永久封禁", "主播{p}{s}被封号，粉丝炸锅",
             "{p}{s}账号被封禁，平台回应违规", "{p}被{s}无限期封禁", "曝{p}{s}号被封了"]
POLICY_TEXTS = ["{s}收款码将不能用于经营收款", "新规：{s}个人收款码将停止用于商户经营",
                "{s}将于下月起关闭部分功能", "{s}宣布将不再支持旧版本客户端", "{s}收款码新规下月起实施，商户将不能用个人码"]
PEOPLE = ["吴某某", "张某", "李某某", "王某", "某网红", "某主播", "赵某", "刘某某"]


# ---------------------------------------------------------------------------
# Rhythm
# ---------------------------------------------------------------------------

# Relative activity by hour of day (Beijing time); peaks at 12-13 and 20-22, trough 2-6 am.
HOUR_CURVE = [0.45, 0.30, 0.17, 0.10, 0.08, 0.09, 0.17, 0.35, 0.55, 0.65, 0.70, 0.85,
              1.00, 0.90, 0.70, 0.65, 0.65, 0.70, 0.80, 0.90, 1.00, 1.00, 0.90, 0.70]
BIN = 300  # seconds per rate bin


def curve_at(hour_f):
    """Linear interpolation of HOUR_CURVE at a fractional hour (values are hour midpoints)."""
    x = hour_f - 0.5
    i = math.floor(x)
    f = x - i
    a = HOUR_CURVE[i % 24]
    b = HOUR_CURVE[(i + 1) % 24]
    return a + (b - a) * f


def poisson(rng, lam):
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, int(round(rng.gauss(lam, math.sqrt(lam)))))
    l, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= l:
            return k
        k += 1


# ---------------------------------------------------------------------------
# Generator
# ---------------------------------------------------------------------------

class Gen:
    def __init__(self, seed, start, days, scale):
        self.rng = random.Random(seed)
        # The real-text decoys draw from their own generator, so that adding them left every
        # other post of a seed's stream as it was.
        self.rng_decoys = random.Random(seed * 7919 + 12)
        self.seed, self.start, self.days, self.scale = seed, start, days, scale
        self.sod = start.hour * 3600 + start.minute * 60 + start.second  # start's second of the local day
        self.posts = []  # (created seconds from start (float), text, user, label)
        rng = self.rng
        # Authors: a large pool, Zipf-ish activity.
        n_users = 200000
        self.users = ["u%d" % x for x in rng.sample(range(1000000000, 9999999999), n_users)]
        cw, acc = [], 0.0
        for r in range(n_users):
            acc += 1.0 / (r + 30) ** 0.9
            cw.append(acc)
        self.user_cw = cw
        # Per-service template pools, slots filled except {s}.
        self.pools = {}
        for svc, info in SERVICES.items():
            for cat in info["cats"]:
                texts = []
                for tpl in TEMPLATES[cat] + SERVICE_TEMPLATES.get((svc, cat), []):
                    if tpl.startswith("@"):
                        tag, tpl = tpl[1:].split(":", 1)
                        if (tag == "chat") != (svc in CHAT_SERVICES) and tag in ("chat", "view"):
                            continue
                        if tag == "pos" and svc not in POS_SERVICES:
                            continue
                    texts.extend(self._expand(tpl, info))
                self.pools[(svc, cat)] = texts
        self.launch_day = None

    # -- helpers -----------------------------------------------------------

    @staticmethod
    def _expand(tpl, info):
        out = [tpl]
        for slot in ("feed", "media", "pay", "mail"):
            key = "{" + slot + "}"
            if key in tpl:
                vals = info[slot]
                if not vals:
                    return []
                out = [t.replace(key, v) for t in out for v in dict.fromkeys(vals)]
        return out

    def pick_users(self, k, distinct_share=0.0, rng=None):
        rng = rng or self.rng
        us = rng.choices(self.users, cum_weights=self.user_cw, k=k)
        if distinct_share:
            n = len(self.users)
            for i in range(k):
                if rng.random() < distinct_share:
                    us[i] = self.users[rng.randrange(n)]
        return us

    def name(self, svc, rng=None):
        return (rng or self.rng).choice(SERVICES[svc]["names"])

    def decorate(self, text, prefix_p, suffixes, suffix_p, emoji_p):
        rng = self.rng
        if rng.random() < prefix_p:
            text = rng.choice(COMPLAINT_PREFIXES) + rng.choice(SEP) + text
        if rng.random() < suffix_p:
            text = text + rng.choice(SEP) + rng.choice(suffixes)
        if rng.random() < emoji_p:
            text += rng.choice(EMOJI) if rng.random() < 0.6 else rng.choice(EMOTICONS)
        return text

    def complaint_text(self, svc, cat, hashtag_p, incident):
        """A complaint about svc; cat None = no named symptom."""
        rng = self.rng
        info = SERVICES[svc]
        tpl = rng.choice(self.pools[(svc, cat)]) if cat else rng.choice(GENERIC_OUTAGE)
        tag = None
        if rng.random() < hashtag_p:
            tag = rng.choice(HASHTAG_FORMS).replace("{t}", info["tag"])
        if tag and cat and tpl.startswith("{s}") and rng.random() < 0.5:
            body = tpl[3:]
        else:
            body = tpl.replace("{s}", self.name(svc))
        if incident:
            body = self.decorate(body, 0.3, INCIDENT_SUFFIXES, 0.35, 0.2)
        else:
            body = self.decorate(body, 0.15, BG_SUFFIXES, 0.4, 0.15)
        if tag:
            body = tag + rng.choice(("", " ")) + body if rng.random() < 0.75 else body + " " + tag
        return body

    def mention_text(self, svc):
        rng = self.rng
        info = SERVICES[svc]
        r = rng.random()
        if r < 0.5:
            text = rng.choice(info["ordinary"])
        elif r < 0.96:
            text = rng.choice(GENERIC_MENTIONS).replace("{s}", self.name(svc))
        else:
            text = rng.choice(HOWTO).replace("{s}", self.name(svc))
        r = rng.random()
        if r < 0.2:
            text = rng.choice(OPENERS) + rng.choice(SEP) + text
        elif r < 0.45:
            text = text + rng.choice(SEP) + rng.choice(TAILS)
        if rng.random() < 0.12:
            text += rng.choice(EMOJI[:7] + ["😂", "👍", "❤️", "✨", "[doge]", "[哈哈]", "[心]"])
        return text

    def chatter_text(self):
        rng = self.rng
        if rng.random() < 0.05:
            text = rng.choice(FIGURATIVE)
            if rng.random() < 0.5:
                text = rng.choice(CHATTER) + rng.choice(SEP) + text
            return text, "figurative"
        text = rng.choice(CHATTER)
        r = rng.random()
        if r < 0.25:
            text = rng.choice(OPENERS) + rng.choice(SEP) + text
        elif r < 0.6:
            text = text + rng.choice(SEP) + rng.choice(TAILS)
        if rng.random() < 0.06:
            text = rng.choice(CHATTER_TAGS) + text
        if rng.random() < 0.1:
            text += rng.choice(["😂", "👍", "❤️", "✨", "😴", "🥲", "[doge]", "[哈哈]", "[心]", "[允悲]"])
        return text, "chatter"

    def add(self, t, text, user, label):
        self.posts.append((t, text, user, label))

    # -- background --------------------------------------------------------

    def background(self):
        rng, scale = self.rng, self.scale
        n_bins = self.days * 86400 // BIN
        n_local_days = (self.sod + self.days * 86400) // 86400 + 1
        weekend = [1.2 if (self.start.date() + dt.timedelta(days=d)).weekday() >= 5 else 1.0
                   for d in range(n_local_days)]
        streams = []  # (svc, mentions/hour at the daily peak, complaints/hour at the daily peak)
        total_peak = 0.0
        for svc in SERVICE_IDS:
            lo, hi = SERVICES[svc]["peak"]
            peak = rng.uniform(lo, hi)
            cpeak = max(rng.uniform(0.01, 0.03) * peak, rng.uniform(1.0, 2.0))
            streams.append((svc, peak, cpeak))
            total_peak += peak
        chatter_peak = total_peak * 0.43
        labels_m = {svc: ("mention", svc, None, None) for svc in SERVICE_IDS}
        cat_names = {svc: list(SERVICES[svc]["cats"]) for svc in SERVICE_IDS}
        cat_cw = {}
        for svc in SERVICE_IDS:
            acc, cw = 0, []
            for c in cat_names[svc]:
                acc += SERVICES[svc]["cats"][c]
                cw.append(acc)
            cat_cw[svc] = cw
        self.stream_peaks = {svc: peak for svc, peak, _ in streams}
        noise, noise_c, day_seen = None, None, -1
        for b in range(n_bins):
            base = b * BIN
            local = self.sod + base
            d = local // 86400
            if d != day_seen:  # a little day-to-day variation
                noise = {svc: rng.uniform(0.9, 1.1) for svc in SERVICE_IDS}
                noise_c = rng.uniform(0.92, 1.08)
                day_seen = d
            f = curve_at((local % 86400 + BIN / 2) / 3600.0) * weekend[d] * scale * BIN / 3600.0
            for svc, peak, cpeak in streams:
                n = poisson(rng, peak * f * noise[svc])
                if n:
                    lab = labels_m[svc]
                    for u in self.pick_users(n):
                        self.add(base + rng.random() * BIN, self.mention_text(svc), u, lab)
                n = poisson(rng, cpeak * f * noise[svc])
                if n:
                    for u in self.pick_users(n):
                        cat = rng.choices(cat_names[svc], cum_weights=cat_cw[svc])[0]
                        self.add(base + rng.random() * BIN, self.complaint_text(svc, cat, 0.03, False), u,
                                 ("bg_complaint", svc, cat, None))
            n = poisson(rng, chatter_peak * f * noise_c)
            if n:
                for u in self.pick_users(n):
                    text, kind = self.chatter_text()
                    self.add(base + rng.random() * BIN, text, u, (kind, None, None, None))

    # -- events ------------------------------------------------------------

    def plan(self):
        """Chooses incidents and decoys. Each event gets a local day of its own among days 7..days-1
        when there are enough days (with fewer, days are shared); event windows never come within
        90 minutes of each other and no decoy shares a day with an incident of its service."""
        rng = self.rng
        first = 7 if self.sod == 0 else 8  # a full week of history before any event
        eligible = list(range(first, self.days))
        if not eligible:
            sys.exit("gen_stream: --days must be at least %d (a week of history first)" % (first + 1))
        n_inc = rng.randint(6, 8)
        # Services: one huge (wechat/qq), one small at ~03:00, the rest any other service.
        huge = rng.choice(["wechat", "qq"])
        small3 = rng.choice(SMALL)
        rest = [s for s in SERVICE_IDS if s not in (huge, small3)]
        svcs = [huge, small3] + rng.sample(rest, n_inc - 2)
        launch_svc = rng.choice(["wechat", "qq", "alipay", "weibo", "douyin", "taobao"])
        placed = False
        while not placed:
            for _attempt in range(300):
                if len(eligible) >= n_inc + 4:
                    days = rng.sample(eligible, n_inc + 4)
                else:
                    days = [rng.choice(eligible) for _ in range(n_inc + 4)]
                incidents, decoys = self._events(svcs, launch_svc, days[:n_inc], days[n_inc:])
                if self._valid(incidents, decoys):
                    placed = True
                    break
            else:  # too few days: fewer incidents
                if n_inc <= 2:
                    sys.exit("gen_stream: could not place the incidents and 4 decoys in %d days" % self.days)
                n_inc -= 1
                svcs.pop()
                print("gen_stream: warning: only %d days, trying %d incidents" % (self.days, n_inc), file=sys.stderr)
        incidents.sort(key=lambda x: x["onset"])
        decoys.sort(key=lambda x: x["start"])
        return incidents, decoys

    def _at(self, day, minute):
        """Seconds from the stream start of local day `day` (0 = the start's date), minute of day."""
        return day * 86400 + minute * 60 - self.sod

    def _events(self, svcs, launch_svc, inc_days, dec_days):
        rng = self.rng
        incidents = []
        for i, svc in enumerate(svcs):
            tier = SERVICES[svc]["tier"]
            if i == 1:  # the small one at ~03:00
                onset_min = 3 * 60 + rng.randint(-10, 15)
                dur, n = 40, 25
            else:
                hour = rng.choices(range(24), weights=[2, 1, 1, 1, 1, 1, 2, 3, 4, 5, 5, 5,
                                                       5, 5, 4, 4, 4, 4, 5, 5, 5, 5, 4, 3])[0]
                onset_min = hour * 60 + rng.randint(0, 59)
                if tier == "huge":
                    dur, n = rng.randint(120, 180), rng.randint(2000, 5000)
                elif tier == "big":
                    dur, n = rng.randint(60, 150), rng.randint(400, 1500)
                elif tier == "medium":
                    dur, n = rng.randint(45, 120), rng.randint(120, 400)
                else:
                    dur, n = rng.randint(40, 90), rng.randint(30, 100)
            cats = SERVICES[svc]["cats"]
            # The dominant symptom: account problems rarely dominate an outage.
            top = rng.choices(list(cats), weights=[w * (0.3 if c == "account" else 1.0) for c, w in cats.items()])[0]
            others = [c for c in cats if c != top]
            second = rng.choice(others)
            incidents.append(dict(service=svc, day=inc_days[i],
                                  onset=self._at(inc_days[i], onset_min) + rng.randint(0, 59), dur=dur * 60,
                                  n=max(3, int(round(n * self.scale))), top=top, second=second, others=others,
                                  ramp=rng.randint(5, 20) * 60, official=rng.random() < 0.6))
        # Decoys. The stock slump on a weekday (trading hours) if there is one.
        r2 = self.rng_decoys
        weekdays = [d for d in dec_days if (self.start.date() + dt.timedelta(days=d)).weekday() < 5]
        stock_day = weekdays[0] if weekdays else dec_days[0]
        left = list(dec_days)
        left.remove(stock_day)
        drama_day, launch_day, flood_day = left
        decoys = [
            dict(kind="drama", service=None, day=drama_day, start=self._at(drama_day, rng.randint(20 * 60, 22 * 60)),
                 dur=7200),
            dict(kind="launch", service=launch_svc, day=launch_day,
                 start=self._at(launch_day, rng.randint(10 * 60, 14 * 60)), dur=3 * 3600),
            dict(kind="stock", service=None, day=stock_day,
                 start=self._at(stock_day, rng.choice([9 * 60 + 30, 10 * 60, 13 * 60, 13 * 60 + 30, 14 * 60])),
                 dur=3600),
            dict(kind="flood", service="wechat", day=flood_day,
                 start=self._at(flood_day, rng.randint(8 * 60, 22 * 60)), dur=1800),
            # Real-text decoys, at hours that keep every event 3 h from the next.
            dict(kind="rumor", service=r2.choice(["wechat", "qq", "weibo", "alipay"]), day=stock_day,
                 start=self._at(stock_day, 19 * 60), dur=3600),
            dict(kind="anniversary", service=r2.choice(["wechat", "qq", "bilibili", "alipay"]), day=launch_day,
                 start=self._at(launch_day, 21 * 60), dur=3600),
            dict(kind="ban_news", service=r2.choice(["weibo", "douyin", "kuaishou", "wechat"]), day=drama_day,
                 start=self._at(drama_day, 8 * 60), dur=3600),
            dict(kind="policy", service=r2.choice(["wechat", "alipay"]), day=flood_day,
                 start=self._at(flood_day, 3 * 60), dur=3600),
        ]
        return incidents, decoys

    def _valid(self, incidents, decoys):
        spans = [(x["onset"], x["onset"] + x["dur"]) for x in incidents] + \
                [(x["start"], x["start"] + x["dur"]) for x in decoys]
        if any(a < 0 or b > self.days * 86400 for a, b in spans):
            return False
        spans.sort()
        if any(spans[k + 1][0] < spans[k][1] + 2 * 5400 for k in range(len(spans) - 1)):
            return False
        busy = {(x["service"], x["day"]) for x in incidents}
        return not any((d["service"], d["day"]) in busy for d in decoys if d["service"])

    def incident(self, idx, inc):
        rng = self.rng
        svc, onset, dur, ramp, n = inc["service"], inc["onset"], inc["dur"], inc["ramp"], inc["n"]
        rest = dur - ramp
        plateau = rest * rng.uniform(0.3, 0.6)
        decay = rest - plateau

        def shape(x):
            if x < ramp:
                return x / ramp
            if x < ramp + plateau:
                return 1.0 - 0.25 * (x - ramp) / plateau
            y = (x - ramp - plateau) / decay
            return 0.75 * (1.0 - y) ** 1.5

        def draw():
            while True:
                x = rng.random() * dur
                if rng.random() < shape(x):
                    return x

        top_share = rng.uniform(0.6, 0.8)
        second_share = rng.uniform(0.1, min(0.2, 0.95 - top_share))
        hashtag_p = rng.uniform(0.25, 0.35)
        users = self.pick_users(n, distinct_share=0.6)
        for k in range(n):
            r = rng.random()
            if r < top_share:
                cat = inc["top"]
            elif r < top_share + second_share:
                cat = inc["second"]
            elif rng.random() < 0.5:
                cat = None
            else:
                cat = rng.choice(inc["others"])
            text = self.complaint_text(svc, cat, hashtag_p, True)
            if rng.random() < 0.06:  # "me too" repost of someone else's complaint
                nick = rng.choice(NICKS_A) + rng.choice(NICKS_B)
                text = rng.choice(AGREE) + "//@" + nick + ":" + text
            self.add(onset + draw(), text, users[k], ("incident", svc, cat, idx))
        # A few denials while it is going on.
        for u in self.pick_users(max(1, n // 50)):
            self.add(onset + draw(), rng.choice(DENIAL).replace("{s}", self.name(svc)), u,
                     ("incident_denial", svc, None, idx))
        # Recovery posts near the end.
        for u in self.pick_users(max(2, n // 25), distinct_share=0.6):
            t = onset + dur - decay * 0.5 + rng.random() * (decay * 0.5 + 900)
            text = rng.choice(RECOVERY).replace("{s}", self.name(svc))
            if rng.random() < 0.2:
                text += rng.choice(EMOJI)
            self.add(t, text, u, ("incident_recovery", svc, None, idx))
        if inc["official"]:
            sym = OFFICIAL_SYMPTOM[inc["top"]]
            name = SERVICES[svc]["tag"]
            acc = SERVICES[svc]["official"]
            self.add(onset + ramp + rng.uniform(600, 1800),
                     rng.choice(OFFICIAL_START).replace("{s}", name).replace("{sym}", sym), acc,
                     ("incident_official", svc, None, idx))
            if rng.random() < 0.6:
                self.add(onset + dur + rng.uniform(0, 900),
                         rng.choice(OFFICIAL_END).replace("{s}", name).replace("{sym}", sym), acc,
                         ("incident_official", svc, None, idx))

    def decoy(self, idx, dec):
        rng, scale = self.rng, self.scale
        kind, start, dur = dec["kind"], dec["start"], dec["dur"]
        lab = ("decoy_" + kind, dec["service"], None, idx)
        n_before = len(self.posts)
        if kind == "drama":
            n = max(10, int(round(rng.randint(2500, 4000) * scale)))
            drama = rng.choice(DRAMAS)
            for u in self.pick_users(n, distinct_share=0.6):
                text = rng.choice(DRAMA_TEXTS).replace("{d}", drama)
                if rng.random() < 0.3:
                    text = text + rng.choice(SEP) + rng.choice(TAILS)
                if rng.random() < 0.15:
                    text += rng.choice(["😭", "😡", "🙃", "[怒]", "[泪]", "[摊手]"])
                # Busiest right after the finale starts airing.
                x = dur * min(rng.random(), rng.random()) if rng.random() < 0.6 else dur * rng.random()
                self.add(start + x, text, u, lab)
        elif kind == "launch":
            svc = dec["service"]
            info = SERVICES[svc]
            # x10 ordinary mentions: add 9x the service's usual volume for these hours.
            for h in range(3):
                t = start + h * 3600
                hour_f = ((self.sod + t) % 86400 + 1800) / 3600.0
                n = poisson(rng, 9 * self.stream_peaks[svc] * curve_at(hour_f) * scale)
                for u in self.pick_users(n):
                    if rng.random() < 0.8:
                        text = rng.choice(LAUNCH_TEXTS).replace("{s}", self.name(svc)).replace(
                            "{f}", rng.choice(info["features"])).replace("{t}", info["tag"])
                        if rng.random() < 0.2:
                            text += rng.choice(["👍", "✨", "❤️", "[赞]", "[哈哈]", "[good]"])
                    else:
                        text = self.mention_text(svc)
                    self.add(t + rng.random() * 3600, text, u, lab)
        elif kind == "stock":
            n = max(10, int(round(rng.randint(1500, 2500) * scale)))
            for u in self.pick_users(n, distinct_share=0.5):
                text = rng.choice(STOCK_TEXTS)
                if rng.random() < 0.25:
                    text = text + rng.choice(SEP) + rng.choice(TAILS)
                if rng.random() < 0.15:
                    text += rng.choice(["😭", "🙃", "💚", "[泪]", "[允悲]", "[跪了]"])
                self.add(start + rng.random() * dur, text, u, lab)
        elif kind in ("rumor", "anniversary", "ban_news", "policy"):
            rng = self.rng_decoys
            texts = {"rumor": RUMOR_TEXTS, "anniversary": ANNIVERSARY_TEXTS, "ban_news": BAN_TEXTS,
                     "policy": POLICY_TEXTS}[kind]
            n = max(10, int(round(rng.randint(800, 1500) * scale)))
            for u in self.pick_users(n, distinct_share=0.6, rng=rng):
                text = rng.choice(texts).replace("{s}", self.name(dec["service"], rng)).replace("{p}", rng.choice(PEOPLE))
                if rng.random() < 0.2:
                    text = text + rng.choice(SEP) + rng.choice(TAILS)
                x = dur * min(rng.random(), rng.random())
                self.add(start + x, text, u, lab)
        elif kind == "flood":
            n = max(20, int(round(200 * scale)))
            user = self.users[rng.randrange(1000, 5000)]
            dec["user"] = user
            for _ in range(n):
                self.add(start + rng.random() * dur, FLOOD_TEXT, user, lab)
        dec["posts"] = len(self.posts) - n_before


def iso(start, secs):
    return (start + dt.timedelta(seconds=int(secs))).isoformat(timespec="seconds")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--days", type=int, default=21)
    ap.add_argument("--start", default="2024-03-04T00:00:00+08:00")
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("-o", "--output", required=True, help="posts (.jsonl, or .jsonl.gz for gzip)")
    ap.add_argument("--truth", required=True, help="ground truth JSON")
    ap.add_argument("--labels", help="optional: one label line per post (kind, service, category, event)")
    a = ap.parse_args()
    t_begin = time.time()
    try:
        start = dt.datetime.fromisoformat(a.start)
    except ValueError:
        ap.error("--start: not an ISO 8601 time: %r" % a.start)
    if start.tzinfo is None:
        start = start.replace(tzinfo=BEIJING)
    start = start.astimezone(BEIJING)
    if a.scale <= 0:
        ap.error("--scale must be > 0")

    g = Gen(a.seed, start, a.days, a.scale)
    incidents, decoys = g.plan()
    g.background()
    for i, inc in enumerate(incidents):
        g.incident(i, inc)
    for i, dec in enumerate(decoys):
        g.decoy(i, dec)
    rng = g.rng

    # Ids rise with created_at; ~2% of posts arrive late (1-10 min) and are written out of order.
    posts = g.posts
    posts.sort(key=lambda p: p[0])
    order = []
    for i, p in enumerate(posts):
        key = p[0] + rng.uniform(60, 600) if rng.random() < 0.02 else p[0]
        order.append((key, i))
    order.sort()

    minute_prefix = [(start + dt.timedelta(minutes=m)).strftime("%Y-%m-%dT%H:%M")
                     for m in range(a.days * 1440 + 60)]
    sec_suffix = [":%02d+08:00" % s for s in range(60)]
    id_base = 5000000000000000 + (a.seed % 1000) * 10 ** 12
    ids = [id_base + i * 8 + rng.randrange(8) for i in range(len(posts))]

    raw = open(a.output, "wb")
    out = gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) if a.output.endswith(".gz") else raw
    lab_out = open(a.labels, "w", encoding="utf-8") if a.labels else None
    buf, lbuf = [], []
    late = 0
    for j, (key, i) in enumerate(order):
        t, text, user, lab = posts[i]
        if key != t:
            late += 1
        ts = int(t)
        buf.append('{"id":"%d","created_at":"%s%s","text":%s,"user":%s,"region":"%s"}\n' % (
            ids[i], minute_prefix[ts // 60], sec_suffix[ts % 60], _json_str(text), _json_str(user),
            regions.home_region(user)))
        if lab_out:
            lbuf.append('{"id":"%d","kind":"%s","service":%s,"category":%s,"event":%s}\n' % (
                ids[i], lab[0], json.dumps(lab[1]), json.dumps(lab[2]), json.dumps(lab[3])))
        if len(buf) >= 20000:
            out.write("".join(buf).encode("utf-8"))
            buf = []
            if lab_out:
                lab_out.write("".join(lbuf))
                lbuf = []
    out.write("".join(buf).encode("utf-8"))
    if lab_out:
        lab_out.write("".join(lbuf))
        lab_out.close()
    out.close()
    raw.close()

    # Truth.
    counts = {}
    for t, _text, _user, lab in posts:
        if lab[0] == "incident":
            counts[lab[3]] = counts.get(lab[3], 0) + 1
    truth_inc = []
    for i, inc in enumerate(incidents):
        truth_inc.append({
            "service": inc["service"], "start": iso(start, inc["onset"]), "end": iso(start, inc["onset"] + inc["dur"]),
            "peak": iso(start, inc["onset"] + inc["ramp"]), "top_category": inc["top"],
            "complaints": counts.get(i, 0), "second_category": inc["second"],
            "official_statement": inc["official"],
        })
    truth_dec = []
    for dec in decoys:
        d = {"kind": dec["kind"], "service": dec["service"], "start": iso(start, dec["start"]),
             "end": iso(start, dec["start"] + dec["dur"]), "posts": dec["posts"]}
        if "user" in dec:
            d["user"] = dec["user"]
        truth_dec.append(d)
    truth = {"seed": a.seed, "start": start.isoformat(timespec="seconds"), "days": a.days, "scale": a.scale,
             "posts": len(posts), "incidents": truth_inc, "decoys": truth_dec}
    with open(a.truth, "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print("gen_stream: seed %d: %d posts (%d late), %d incidents, %d decoys, %.1f s" % (
        a.seed, len(posts), late, len(truth_inc), len(truth_dec), time.time() - t_begin), file=sys.stderr)


if __name__ == "__main__":
    main()
