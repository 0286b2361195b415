#!/usr/bin/env python3
"""Draws the stratified sample of real records that data/eval/real_labels.jsonl labels.

  bench/real/sample_real.py [--real ../shared/data/real] [--bengle build/bengle] > ids.tsv

Prints `id<TAB>strata` (comma-separated stratum names) for every sampled record:

  outage_title   every hot-search title of the "X崩了" style: a short subject followed by
                 an outage word (崩了, 挂了, 宕机, 闪退, 登不上, 打不开, ...)
  service_near   every record (post or title) that names a service within a few
                 characters of an outage-like word
  random         a fixed random sample: 800 posts and 500 titles
  flagged        every record the classifier of the time (--bengle) flags as a complaint
                 in a fixed random slice of 10,000 posts and one of 10,000 titles
  outage_word    (second round, drawn after the first was labeled) every record, post or
                 title, with any outage or symptom word (闪退, 登不上, 支付失败, 红包, 服务器,
                 维护, 恢复, 网络, 冻结, ...): the hard negatives and the symptom headlines
  service_word   (third round) every other post with a network, device or service word (网速,
                 wifi, 信号, 登录, 账号, app, 手机, 电脑, 微信, ...) and every other title naming
                 a service or a system (微信, qq, app, 服务器, 系统, 官网, 登录, 账号, ...)

The draw is deterministic (fixed seeds, ids sorted). It was run once, before any tuning,
at commit time of the labels; re-running it with a later classifier changes only
the `flagged` stratum, which is why the labels file keeps the strata it was drawn with.
Split: `test` when sha1(id) mod 100 < 45, else `dev` (see split_of()).
"""
import argparse
import hashlib
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, ".."))
from eval_classify import classify  # noqa: E402
from real_labels import CORPORA, iter_corpus  # noqa: E402

SERVICE = (r"微信|wechat|vx|qq|扣扣|支付宝|花呗|余额宝|微博|抖音|快手|淘宝|天猫|b站|哔哩哔哩|bilibili|"
           r"网易云|小红书|知乎|美团|滴滴|12306|icloud|steam|钉钉|飞书|腾讯会议|腾讯文档|企业微信|豆瓣|"
           r"拼多多|饿了么|闲鱼|得物|京东|学习通|知网|学信网|研招网|健康码|行程卡|苏康码|随申码|粤康码|"
           r"12123|王者荣耀|王者|英雄联盟|lol|和平精英|原神|阴阳师|战网|暴雪|网易|腾讯|爱奇艺|优酷|芒果tv|"
           r"腾讯视频|qq音乐|酷狗|酷我|喜马拉雅|虎牙|斗鱼|晋江|起点|华为云|腾讯云|阿里云|建行|工行|农行|"
           r"中行|招行|银行|同花顺|东方财富|证券|wps|百度|高德|携程|去哪儿|飞猪|顺丰|菜鸟|超星|雨课堂|"
           r"中国移动|移动|联通|电信|app|服务器|客户端|网站|官网|系统|apple|苹果|安卓|ios|ipad|iphone|"
           r"华为|小米|outlook|gmail|谷歌|google|推特|twitter|instagram|脸书|facebook|youtube|netflix|"
           r"zoom|skype|discord|微软|windows|淘宝直播|头条|今日头条|西瓜视频|百度网盘|网盘|邮箱|朋友圈|"
           r"公众号|视频号|qq空间|支付|红包|外卖|打车|地图|导航|浏览器|输入法|游戏")
OUTAGE = (r"崩|挂了|挂掉|宕机|瘫痪|故障|闪退|登不上|登不进|登录不上|登陆不上|登录失败|打不开|进不去|上不去|"
          r"用不了|不能用|无法|异常|bug|卡死|卡住|卡顿|转圈|加载不|刷不出|刷不了|发不出|发不了|收不到|掉线|"
          r"被封|封号|冻结|断网|没网|连不上|连接失败|网络错误|服务器|维护|修复|恢复|炸了|罢工|抽风|出问题|"
          r"白屏|黑屏|闪崩|报错|失灵|停服|下线")
NEAR = re.compile(rf"(?:{SERVICE})[^，。！？,.!?\n]{{0,10}}(?:{OUTAGE})|(?:{OUTAGE})[^，。！？,.!?\n]{{0,8}}(?:{SERVICE})",
                  re.I)
# A headline whose subject (up to 12 characters) is followed by an outage word.
TITLE = re.compile(r"^#?[^，。！？,.!?\s]{1,12}?(?:又|也|集体|全面|突然|疑似|大面积|再次|彻底)?"
                   r"(?:崩了|崩溃了?|挂了|宕机|瘫痪|故障|闪退|登不上|登录不上|打不开|进不去|上不去|用不了|"
                   r"炸了|出bug|bug了|出现bug|服务器|异常)", re.I)


OUTAGE_WORD = re.compile(r"闪退|登不上|登不进|登录不|登陆不|无法登|支付失败|付款失败|转账失败|提现失败|红包|发不出|"
                         r"收不到|无法|打不开|进不去|上不去|卡顿|bug|服务器|宕机|掉线|断网|冻结|封号|被封|验证码|加载|"
                         r"白屏|黑屏|崩|故障|异常|瘫痪|停服|维护|修复|恢复|挤爆|炸了|罢工|延迟|失灵|报错|卡死|死机|"
                         r"连不上|网络|用不了|不能用", re.I)


SERVICE_WORD_POST = re.compile(r"网速|网络|wifi|无线|信号|流量|宽带|缓冲|刷新|没反应|登录|登陆|账号|帐号|密码|"
                               r"验证码|app|软件|客户端|更新|升级|下载|上传|转圈|服务器|页面|网页|网站|微信|qq|"
                               r"微博|支付宝|淘宝|百度|手机|电脑", re.I)
SERVICE_WORD_TITLE = re.compile(r"微信|qq|微博|支付宝|淘宝|抖音|快手|b站|知乎|美团|滴滴|12306|app|服务器|系统|网站|"
                                r"官网|登录|账号", re.I)


def split_of(rid):
    return "test" if int(hashlib.sha1(rid.encode()).hexdigest(), 16) % 100 < 45 else "dev"


def flagged(bengle, records):
    return {i for i, d in classify(bengle, None, records).items() if d["complaint"]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--real", help="folder of the real corpora (default: ../shared/data/real or $BENGLE_REAL_DATA)")
    ap.add_argument("--bengle", default="build/bengle")
    a = ap.parse_args()
    posts = list(iter_corpus(CORPORA[0], a.real))
    titles = list(iter_corpus(CORPORA[1], a.real))
    strata = {}

    def add(rid, name):
        strata.setdefault(rid, [])
        if name not in strata[rid]:
            strata[rid].append(name)

    for r in titles:
        if TITLE.search(r["text"]):
            add(r["id"], "outage_title")
    for r in posts + titles:
        if NEAR.search(r["text"]):
            add(r["id"], "service_near")
    for r in posts + titles:
        if OUTAGE_WORD.search(r["text"]):
            add(r["id"], "outage_word")
    for r in posts:
        if SERVICE_WORD_POST.search(r["text"]):
            add(r["id"], "service_word")
    for r in titles:
        if SERVICE_WORD_TITLE.search(r["text"]):
            add(r["id"], "service_word")
    rng = random.Random(20261206)
    for r in rng.sample(posts, 800) + rng.sample(titles, 500):
        add(r["id"], "random")
    rng = random.Random(10000)
    for rid in sorted(flagged(a.bengle, rng.sample(posts, 10000)) | flagged(a.bengle, rng.sample(titles, 10000))):
        add(rid, "flagged")
    for rid in sorted(strata):
        print(f"{rid}\t{','.join(strata[rid])}")
    counts = {}
    for s in strata.values():
        for n in s:
            counts[n] = counts.get(n, 0) + 1
    print(f"sampled {len(strata)} records: {counts}", file=sys.stderr)


if __name__ == "__main__":
    main()
