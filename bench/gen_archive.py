#!/usr/bin/env python3
"""Deterministic synthetic Weibo post-archive generator for bengle benchmarks.

Writes posts in the input format described in INTERFACES.md ("Input posts"): JSON Lines
or RFC 4180 CSV with the fields id, created_at, text, user, reposts, source.

    python3 bench/gen_archive.py --posts 1000000 -o /tmp/posts.jsonl
    python3 bench/gen_archive.py --target-bytes 1100000000 --format csv -o /tmp/big.csv
    python3 bench/gen_archive.py --posts 200000 --gzip -o /tmp/posts.jsonl.gz

Only the Python 3 standard library is used. The same seed and arguments give
byte-identical output (gzip output too: the header carries no name and mtime 0).

Mix of texts (by construction, roughly): 65% ordinary chatter (food, weather, work,
drama, games, sports, study, daily life; sometimes a figurative 崩 such as 心态崩了),
20% ordinary mentions of the 16 services (incl. negations like 微信没崩啊), 15% outage
complaints. On top: ~5% Traditional characters, ~5% full-width ASCII, ~10% emoji,
~8% Weibo emoticons ([允悲]), ~10% hashtags, ~8% repost chains (//@name:), ~3% URLs,
~3% @mentions, a little English, ~1% texts with a newline. Complaints are spread
uniformly over the time range (no synthetic incidents).

Times follow a daily rhythm (evening peak, 3-6 am trough), a little more on weekends,
and appear in roughly ascending order with small jitter (a few minutes), as in a crawl.
Ids rise with the record index. created_at formats: ~82% ISO 8601 "+08:00", ~10%
"YYYY-MM-DD HH:MM:SS" (Beijing time), ~5% epoch seconds, ~3% epoch milliseconds (both
JSON numbers). ~10% of ids are base62 strings.

--target-bytes B stops at the first record whose end reaches B bytes of (uncompressed)
output; with --posts as well, whichever limit comes first wins. Without --posts the
post count used for spreading times is estimated from a small calibration run.
Stats (posts, bytes, mean text length in code points) go to stderr.
"""

import argparse
import bisect
import datetime as dt
import gzip
import math
import random
import sys
import time
from json.encoder import encode_basestring as _json_str  # C version when available

# ---------------------------------------------------------------------------
# Fragment pools
# ---------------------------------------------------------------------------

OPENERS = [
    "今天", "刚刚", "救命", "说真的", "家人们", "笑死", "啊啊啊", "不是吧", "早上好", "好家伙",
    "绝了", "讲真", "emmm", "话说", "唉", "哈哈哈哈", "有一说一", "谁懂啊", "我宣布", "打卡",
    "日常碎碎念：", "记录一下：", "吐槽一下", "突然想起来", "刚下班", "半夜睡不着", "周末愉快",
    "分享一下", "不吐不快", "我真的会谢",
]

TAILS = [
    "好开心", "累了", "绝了", "哈哈哈哈", "无语", "冲", "笑死我了", "我真的会谢", "救命", "yyds",
    "绝绝子", "emmm", "麻了", "太难了", "爱了爱了", "开心到飞起", "就这样吧", "晚安", "加油",
    "我哭死", "蚌埠住了", "破防了", "算了", "太真实了", "呜呜呜", "好耶", "泪目", "服了", "裂开",
    "还行吧", "人间值得", "下次还来", "谁能懂", "哈哈哈哈哈哈哈", "明天继续",
]

SEPS = ["，", "，", "，", "，", "。", " ", "！", "～", "...", "，"]
ENDS = ["。", "！", "", "", "～", "？", "！！", "...", "。。。", "。", "！"]

TOPICS = {
    "food": [
        "中午点了一份黄焖鸡", "楼下新开的奶茶店排了好长的队", "今天的火锅太辣了", "终于吃上了心心念念的烤鱼", "减肥第三天还是没忍住点了炸鸡", "早饭就啃了一个包子",
        "食堂的红烧肉今天居然不咸", "自己在家做了番茄炒蛋", "螺蛳粉永远的神", "喝了杯生椰拿铁", "晚上和室友去吃了烧烤", "楼下的煎饼果子涨价了", "我妈包的饺子最好吃",
        "点的外卖送了一个小时", "今天的米饭煮糊了", "奶茶三分糖去冰", "吃了一碗热乎乎的牛肉面", "第一次尝试做蛋糕", "公司楼下的麻辣烫真不错", "周末约了朋友吃日料",
        "这家店的小龙虾绝了", "草莓季终于来了", "路边买了一袋糖炒栗子", "夜宵吃了碗泡面", "水果店的西瓜好甜", "又在纠结中午吃什么", "馋火锅馋了一个星期", "给自己做了顿丰盛的早餐",
        "酸菜鱼真的百吃不腻", "冰箱里只剩一个鸡蛋了", "试了一下网红蛋挞", "老家的腊肉寄到了", "一个人吃了三碗饭", "咖啡续命中", "被同事安利了一家湘菜馆", "炸鸡配啤酒才是正经的",
        "豆腐脑到底该吃甜的还是咸的",
    ],
    "weather": [
        "今天又下雨了", "出门忘带伞被淋成落汤鸡", "这鬼天气说热就热", "早上冷得不想起床", "终于出太阳了", "北京的风大得能把人吹跑", "降温了大家多穿点", "回南天衣服一直晾不干",
        "今天的晚霞好美", "雾霾又来了", "一场秋雨一场寒", "下雪啦", "空调开了一整天", "热到怀疑人生", "天气预报说明天有暴雨", "穿短袖还是穿外套好纠结", "阳光正好适合晒被子",
        "台风要来了", "窗外的雨下个不停", "今天最高温三十八度", "春天终于来了", "早晚温差好大", "被晒黑了一个度", "刮了一晚上的风", "小区的樱花开了", "路上全是积水",
        "半夜打雷好吓人", "气温骤降十度", "今天空气特别好", "看了天气预报决定不出门了",
    ],
    "work": [
        "又是加班的一天", "周一的早高峰地铁挤死了", "开了一上午的会", "老板又在画大饼", "终于把周报写完了", "项目明天就要上线了", "下班前五分钟来了个新需求", "今天摸鱼被领导看到了",
        "打工人打工魂", "年终奖还没发", "工位旁边的同事在吃螺蛳粉", "请了一天假在家躺着", "通勤两个小时真的累", "PPT改了八遍", "甲方说还是用第一版吧", "今天准时下班了",
        "在公司楼下偷偷喝奶茶", "这周面试了三家公司", "实习终于转正了", "周五下午完全不想干活", "打卡差一分钟迟到", "团建又要去爬山", "新来的实习生好可爱", "工资到账一秒就没了",
        "明天要出差", "电脑又蓝屏了", "会议室空调太冷", "这个bug改了一下午", "写代码写到怀疑人生", "离职手续终于办完了",
    ],
    "drama": [
        "熬夜追完了这部剧", "今天更新的两集太好哭了", "男主演技真的在线", "这个综艺笑死我了", "等了一年终于定档了", "女二的造型好美", "追剧追到凌晨三点", "配乐也太好听了吧",
        "编剧到底在想什么", "这对cp我先磕为敬", "大结局看得我意难平", "又开始重温老剧了", "预告片已经看了十遍", "这个反派演得太好了", "弹幕比剧还好看", "新电影票房破十亿了",
        "周末去电影院看了首映", "这部动漫的作画好精致", "剧里的台词太戳心了", "看完后劲好大", "有没有好看的悬疑剧推荐", "这季的选角太对了", "原著党表示还能接受",
        "演唱会门票又没抢到", "偶像的新歌单曲循环中",
    ],
    "games": [
        "今晚上分成功", "排位连跪五把", "队友太坑了", "终于抽到了想要的角色", "十连抽全是垃圾", "周末和室友开黑", "新赛季开始了", "这个boss打了一晚上", "原神又更新了",
        "王者荣耀五连胜", "和平精英吃鸡了", "新皮肤太好看了必须买", "打了一晚上游戏眼睛好酸", "又氪了六百四十八", "这关卡太难了", "策划出来挨打", "终于通关了", "又被野怪打死了",
        "今天的每日任务还没做", "开黑缺一个人来不来", "switch的新游戏好好玩", "练了一下午的操作", "抽卡保底歪了", "跟朋友联机玩到凌晨", "塞尔达真的玩不腻",
    ],
    "sports": [
        "今晚的比赛太精彩了", "最后一秒绝杀", "国足又输了", "早上跑了五公里", "健身房打卡第三十天", "终于学会了蛙泳", "篮球赛加时赢了", "这球裁判是不是吹错了", "梅西太强了",
        "熬夜看欧冠", "乒乓球又拿冠军了", "女排加油", "今天的瑜伽课好累", "骑车环湖一圈", "打羽毛球扭到脚了", "马拉松报名又没中签", "跳绳一千个完成", "主队又输了",
        "这个进球太漂亮了", "体测八百米要命", "下班去游了个泳",
    ],
    "study": [
        "图书馆又没位置了", "明天就要考试了还没复习", "论文查重没过", "背了一上午单词", "考研倒计时一百天", "高数好难", "终于交了毕业论文", "四六级成绩出来了", "老师今天点名了",
        "期末周好痛苦", "小组作业只有我一个人在做", "刷题刷到头秃", "上网课上到睡着", "导师又催进度了", "今天学了三个小时", "英语听力完全听不懂", "申请结果出来了",
        "实验数据又出问题了", "早八的课起不来", "宿舍熄灯了还在赶作业", "教资笔试过了", "雅思终于考到七分",
    ],
    "life": [
        "今天心情不错", "周末在家大扫除", "猫主子又把杯子打翻了", "狗子今天洗澡了", "和闺蜜逛了一下午街", "给爸妈打了个视频电话", "买的快递终于到了", "整理了一下衣柜",
        "周末去爬山了", "在家躺平一整天", "剪了个新发型", "又失眠了", "早睡早起计划失败", "邻居家又在装修", "小区的桂花开了好香", "终于把房间收拾干净了", "和对象吵架了",
        "今天是我生日", "给自己买了束花", "地铁上看到一只好可爱的狗", "楼下的流浪猫生了一窝小猫", "出去拍了好多照片", "洗完澡躺床上太舒服了", "出门旅游啦", "搬家好累",
        "阳台种的番茄结果了", "房东又要涨房租", "我妈又催我找对象", "这个月的花呗还没还",
    ],
}

# Figurative 崩 (not an outage): inserted into ~8% of chatter posts.
FIGURATIVE = {
    "food": [
        "减肥计划彻底崩了", "看到体重秤的那一刻心态崩了",
    ],
    "weather": [
        "一出门妆就崩了", "风太大发型全崩了",
    ],
    "work": [
        "改完第九版方案心态崩了", "被甲方折磨得情绪崩了", "整个人都崩溃了",
    ],
    "drama": [
        "后半段剧情崩了", "男主人设崩了", "这集作画崩了", "配角演技崩了一地", "看到结局心态崩了", "这剧最后人设全崩了",
    ],
    "games": [
        "连跪之后心态崩了", "队友心态崩了直接挂机", "被对面打到心态崩了",
    ],
    "sports": [
        "下半场防线彻底崩了", "丢球之后整个队心态都崩了",
    ],
    "study": [
        "复习计划全崩了", "看到成绩心态崩了", "被导师骂到心态崩了",
    ],
    "life": [
        "我妈一句话我心态就崩了", "早起计划第一天就崩了", "存钱计划又崩了",
    ],
}

# Longer free-standing sentences, mixed into chatter and mentions.
REFLECTIONS = [
    "感觉这一周过得特别快，明天又要上班了", "希望明天会更好吧", "人生就是这样起起落落", "有时候真的很想什么都不管出去走走",
    "说出来你们可能不信", "果然计划永远赶不上变化", "这大概就是成年人的生活吧", "记录一下这平平无奇的一天",
    "等有钱了一定要去旅游", "有没有人跟我一样", "突然觉得好幸福", "不知道大家有没有这种感觉", "生活还是需要一点仪式感",
    "果然快乐是自己给的", "下次再也不这样了", "今天的我也是努力生活的一天", "朋友说我最近变了好多", "感觉自己又胖了两斤",
    "真想回到学生时代", "这件事我能吹一年", "越想越觉得好笑", "早知道就不出门了", "明天的事明天再说", "我真是个小机灵鬼",
    "做人嘛最重要的是开心", "一想到下周还要上班就头疼", "突然好想念家乡的味道", "不说了我先去睡觉了",
    "希望这周能顺顺利利的", "评论区的朋友们你们怎么看", "有推荐的可以在评论区告诉我", "给大家避个雷",
    "真的强烈推荐给大家", "以后再也不熬夜了（才怪）", "又是元气满满的一天", "今天也要开开心心的",
    "我妈说我做什么都是三分钟热度", "事实证明我还是太年轻了", "这种小确幸真的很治愈", "每天都在期待周末",
    "好想有一个长长的假期", "感觉最近运气不太好", "真的不知道该说什么好", "这个月又要吃土了", "等我忙完这阵子再说吧",
    "果然还是家里最舒服", "拍照的时候风景真的绝美", "我的快乐就是这么简单", "时间都去哪儿了",
    "希望大家都能被温柔以待", "先定个小目标，下个月再说", "一个人也可以过得很好",
]

TOPIC_NAMES = list(TOPICS)
TOPIC_WEIGHTS = [14, 9, 16, 14, 12, 7, 10, 18]

CHATTER_TAGS = {
    "food": ["#今天吃什么#", "#减肥#", "#美食分享#"],
    "weather": ["#降温#", "#今日天气#", "#下雨天#"],
    "work": ["#打工人#", "#加班#", "#今天摸鱼了吗#"],
    "drama": ["#追剧日常#", "#综艺#", "#电影推荐#"],
    "games": ["#原神#", "#王者荣耀#", "#游戏日常#"],
    "sports": ["#欧冠#", "#国足#", "#健身打卡#"],
    "study": ["#考研#", "#期末周#", "#四六级#"],
    "life": ["#生活碎片#", "#周末去哪儿#", "#今日份快乐#"],
}

# service key -> (aliases, hashtag name, weight, ordinary phrases, outage symptoms)
SERVICES = {
    "wechat": (
        ["微信", "微信", "微信", "微信", "WX", "vx", "wx", "WeChat"], "微信", 30,
        ["用微信转账给我妈", "微信步数今天又是第一", "拉了个微信群约周末吃饭", "在微信上跟老同学聊了一晚上",
         "把微信头像换了", "微信红包抢了两块钱", "微信支付满减了五块", "朋友圈晒了一下今天的晚饭",
         "给我爸教了半天怎么发微信语音", "微信聊天记录太多手机内存满了", "我妈又在微信家族群里转发养生文章"],
        ["图片发不出去", "大图点不开", "图片一直转圈", "文件发不了", "视频发不出去", "朋友圈刷不出来",
         "语音通话打不通", "消息一直转圈", "消息发出去是红色感叹号", "只能看到缩略图", "转账失败",
         "扫码没反应", "登录不上", "收不到消息", "视频号加载不出来", "语音消息听不了"],
    ),
    "qq": (
        ["QQ", "QQ", "QQ", "qq", "扣扣"], "QQ", 14,
        ["翻QQ空间翻到了十年前的说说", "QQ群里在讨论作业", "上QQ看了一眼班级群", "QQ签名改成了一句歌词",
         "用QQ邮箱投了简历", "QQ音乐的日推好懂我", "QQ农场真是童年回忆"],
        ["登不上了一直转圈", "QQ邮箱收不到邮件", "QQ空间打不开", "群消息收不到", "一直掉线", "图片加载不出来",
         "文件传不了", "登录验证一直失败", "被强制下线了", "发消息一直转圈"],
    ),
    "alipay": (
        ["支付宝", "支付宝", "支付宝", "zfb", "Alipay"], "支付宝", 12,
        ["支付宝蚂蚁森林种了一棵树", "支付宝年度账单出来了", "用支付宝交了电费", "集五福就差敬业福",
         "支付宝收到了一笔退款", "余额宝收益一天两毛"],
        ["付款失败", "扫码付款一直转圈", "余额宝打不开", "转账一直显示处理中", "付款码刷不出来",
         "登录提示系统繁忙", "花呗用不了", "打开就闪退"],
    ),
    "weibo": (
        ["微博", "微博", "wb", "新浪微博"], "微博", 10,
        ["微博热搜又是这个", "刷微博刷到凌晨", "微博评论区太有才了", "在微博关注了个宝藏博主", "微博超话签到"],
        ["刷不出来", "评论发不出去", "热搜打不开", "显示网络错误", "图片加载不出来", "一直转圈"],
    ),
    "douyin": (
        ["抖音", "抖音", "dy"], "抖音", 9,
        ["抖音上刷到一个好笑的视频", "抖音直播间买了一堆东西", "看抖音看到忘了时间", "抖音这个BGM好洗脑"],
        ["视频加载不出来", "直播一直卡", "闪退", "评论区刷不出来", "白屏"],
    ),
    "kuaishou": (
        ["快手"], "快手", 4,
        ["快手上看老铁做饭", "快手直播间好热闹", "我爸天天刷快手"],
        ["刷不出视频", "直播进不去", "闪退"],
    ),
    "taobao": (
        ["淘宝", "淘宝", "tb", "手淘"], "淘宝", 8,
        ["淘宝下单了一件外套", "淘宝的购物车又满了", "在淘宝凑满减", "淘宝买的东西终于到了", "在淘宝给猫买了猫粮"],
        ["购物车打不开", "付款失败", "页面白屏", "订单刷不出来", "一直提示网络异常"],
    ),
    "bilibili": (
        ["B站", "B站", "b站", "哔哩哔哩", "bilibili", "小破站"], "B站", 9,
        ["B站看了个up主的视频", "在b站学做菜", "B站的弹幕太好笑了", "一键三连了", "小破站的年度报告出来了"],
        ["视频加载不出来", "弹幕不显示", "评论区没了", "首页白屏", "502了", "登录不上"],
    ),
    "netease_music": (
        ["网易云音乐", "网易云", "网抑云"], "网易云音乐", 5,
        ["网易云音乐的评论区好扎心", "网易云日推又推到宝藏歌曲", "网易云年度歌单出来了", "单曲循环了一下午网易云"],
        ["歌放不了", "登录不上", "闪退", "歌单加载不出来"],
    ),
    "xiaohongshu": (
        ["小红书", "小红书", "小红薯"], "小红书", 6,
        ["在小红书上搜攻略", "小红书种草了一支口红", "照着小红书的教程化妆", "小红书上的探店都是骗人的"],
        ["刷不出来", "图片加载失败", "笔记发不出去", "一直转圈"],
    ),
    "zhihu": (
        ["知乎"], "知乎", 4,
        ["知乎上看到一个很有意思的回答", "在知乎上搜怎么写论文", "谢邀，人在知乎，刚下飞机"],
        ["打不开", "502", "回答加载不出来"],
    ),
    "meituan": (
        ["美团", "美团", "美团外卖"], "美团", 6,
        ["美团点了个外卖", "美团外卖的红包用了", "在美团上订了酒店", "美团买菜送得好快"],
        ["下单失败", "订单刷不出来", "付款一直转圈", "页面打不开"],
    ),
    "didi": (
        ["滴滴", "滴滴", "滴滴出行"], "滴滴", 5,
        ["滴滴打车去机场", "滴滴司机人超好", "下雨天滴滴排队排了四十个人", "用滴滴叫了个顺风车"],
        ["叫不到车", "打不开", "付款失败", "一直定位失败"],
    ),
    "12306": (
        ["12306", "12306", "铁路12306"], "12306", 5,
        ["12306抢到了回家的票", "在12306上买了高铁票", "12306候补成功了", "又要在12306上抢票了"],
        ["登录不上", "一直排队中", "页面卡死", "提示系统繁忙", "验证码刷不出来"],
    ),
    "icloud": (
        ["iCloud", "iCloud", "icloud"], "iCloud", 3,
        ["iCloud空间又满了", "用iCloud把照片同步到电脑上", "续费了iCloud五十G"],
        ["同步失败", "登录不上", "照片上传不了", "备份一直失败"],
    ),
    "steam": (
        ["Steam", "Steam", "steam", "蒸汽平台"], "Steam", 4,
        ["Steam夏促买了三个游戏", "Steam愿望单又打折了", "Steam库里的游戏都没玩", "在Steam上给朋友送了个游戏"],
        ["商店打不开", "连不上服务器", "下载速度为0", "社区502", "好友列表加载不出来"],
    ),
}
SERVICE_KEYS = list(SERVICES)

MENTION_TEMPLATES = [
    "刚在{S}上看到一个好玩的", "{S}又更新了，新界面还挺好看", "把{S}卸载了专心学习", "{S}上的推荐越来越准了",
    "我妈也开始用{S}了", "{S}的客服态度挺好", "睡前刷{S}刷到一点", "真是离不开{S}", "换了新手机先装{S}",
    "同事推荐我用{S}", "{S}的新功能有点意思", "{S}的广告越来越多了",
]
NEGATION_TEMPLATES = [
    "{S}没崩啊是你网不好", "{S}好好的啊，是你手机的问题吧", "我这边{S}正常", "别传谣了{S}没崩",
    "以为{S}崩了结果是我没联网", "{S}要是崩了我就放假了", "听说{S}崩了？我这正常啊", "{S}没挂，是你被拉黑了",
]

GENERIC_SYMPTOMS = [
    "闪退", "白屏", "一直转圈", "加载失败", "显示网络异常", "服务器繁忙", "登不上", "打不开", "刷新不出来",
    "崩了", "挂了", "502 Bad Gateway", "卡在启动页", "连接超时", "什么都加载不出来",
]
OUTAGE_OPENERS = [
    "救命", "我靠", "有没有人", "家人们", "又来了", "离谱", "？？？", "不是吧", "急", "笑死",
    "我以为是我手机坏了", "刚想发个消息", "正在开会呢",
]
OUTAGE_CONTEXT = [
    "重启了三次还是不行", "换了4G也不行", "WiFi和流量都试了", "卸载重装也没用", "手机电脑都一样",
    "我还以为是我手机坏了", "以为是我欠费了", "问了同事他们也是", "刚刚还好好的", "从早上开始就这样",
    "已经半小时了", "别人发给我的也看不了", "清了缓存也不行", "我还以为是我网的问题", "电脑端也不行",
    "以为是我没开会员", "路由器都重启了", "飞行模式开了又关",
]
OUTAGE_SCENES = [
    "本来想给客户发个合同", "正给我妈发照片呢", "刚想把会议纪要发到群里", "排了半天队准备付款", "正在抢票的关键时刻",
    "开黑开到一半", "跟对象视频呢", "老板让我马上把文件发过去", "在食堂排队刷码", "刚拍完照片想发朋友圈",
    "要交作业了", "在地铁上想刷会儿手机", "约好的车就在楼下", "同学说给我发了文件", "下午还要开线上会",
]
OUTAGE_AFTER = [
    "刚才发的消息到现在还没发出去", "截图都发不了只能打字说", "群里的人都在说这个事", "热搜都上了", "同事的也一样",
    "打了客服电话一直占线", "官方到现在也没个说法", "已经耽误我好多事了", "换了个手机登也是一样",
    "看评论区好像全国都这样", "家里人的手机也是这样", "上次崩还是上个月吧",
]
OUTAGE_QUESTIONS = [
    "是只有我这样吗", "大家也是吗", "是我网的问题吗", "到底什么时候能好", "有人知道怎么回事吗", "是不是崩了",
    "是崩了吧", "什么情况", "有没有人一样", "官方能不能出来说句话",
]
OUTAGE_TAILS = [
    "急死了", "在线等挺急的", "工作都耽误了", "客户还在等我回复", "服了", "啥时候能好啊", "离谱",
    "能不能靠谱点", "一天崩两次", "求求了快修好吧", "要命", "又崩", "无语死了", "麻了",
]
OUTAGE_TAG_FORMS = ["#{T}崩了#", "#{T}崩了#", "#{T}崩了#", "#{T}又崩了#", "#{T}宕机#", "#{T}挂了#",
                    "#{T}服务器崩了#", "#{T}{Y}#"]

SHORT_POSTS = ["+1", "我也是", "？？？", "哈哈哈哈哈", "转发微博", "同问", "确实", "好的", "蹲一个", "mark", "顶",
               "同", "真的假的", "笑死", "666"]
SHORT_OUTAGE = ["崩了？", "又崩了", "同崩", "我也登不上", "我这也是", "发不出去+1", "崩了崩了", "又挂了？"]

ENGLISH_CHATTER = ["lol", "OMG", "so good", "love it", "good night", "happy weekend", "TGIF", "Monday blues",
                   "what a day", "nice"]
ENGLISH_OUTAGE = {
    "wechat": "WeChat down again?", "qq": "QQ down??", "alipay": "Alipay payment failed wtf",
    "weibo": "is Weibo down?", "douyin": "Douyin not loading", "bilibili": "Bilibili down?",
    "icloud": "iCloud not syncing again", "steam": "Steam is down lol",
}
ENGLISH_OUTAGE_GENERIC = ["anyone else?", "is it down?", "server error 502", "down again??", "not working"]

EMOJI = [
    "😭", "😂", "🤣", "👍", "👍🏻", "🙏", "🙏🏻", "😅", "😡", "🤔", "😊", "❤️", "💔", "🔥", "✨", "😴", "🥲", "🥺",
    "😤", "🤡", "👀", "🍜", "🍺", "☔", "🌞", "🎮", "⚽", "📚", "💻", "👨‍💻", "👩‍💻", "🤷‍♀️", "🤦‍♂️", "🏃‍♀️",
    "👨‍👩‍👧", "🏳️‍🌈", "🇨🇳", "💯", "😱", "🙃", "😮‍💨", "🫠", "🐶", "🐱", "😭😭😭", "🙏🙏",
]
EMOTICONS = [
    "[允悲]", "[doge]", "[二哈]", "[笑cry]", "[泪]", "[怒]", "[抓狂]", "[吃瓜]", "[裂开]", "[摊手]", "[微笑]",
    "[思考]", "[费解]", "[哈哈]", "[心]", "[赞]", "[蜡烛]", "[挖鼻]", "[喵喵]", "[酷]", "[鼓掌]", "[awsl]",
    "[good]", "[ok]", "[汗]", "[哼]", "[悲伤]", "[跪了]",
]
PEOPLE = ["张三", "李四", "王五", "赵六", "小明", "阿杰", "老王", "刘大壮", "陈小花", "周周"]

NICK_A = ["爱吃", "快乐的", "不想", "一只", "小", "大", "隔壁的", "今天也要", "喵喵", "努力的", "熬夜的", "佛系",
          "想睡觉的", "会飞的", "咸鱼", "暴躁", "温柔的", "迷路的", "退休", "野生"]
NICK_B = ["猫", "小熊", "土豆", "西瓜", "少女", "打工人", "程序员", "咸鱼", "柠檬", "芒果", "星星", "小王", "阿杰",
          "团子", "奶茶", "汽水", "月亮", "兔子", "橘子", "考研人", "干饭人", "小号", "同学", "路人甲"]
NICK_C = ["", "", "", "", "_", "呀", "酱", "2023", "_99", "0520", "本人", "w", "__", "君"]

SOURCES_WEIGHTED = [
    ("iPhone客户端", 22), ("Android", 10), ("HUAWEI Mate 60", 6), ("HUAWEI Mate 40 Pro", 4), ("华为P60", 3),
    ("小米13", 5), ("Redmi K60", 4), ("OPPO Find X6", 4), ("vivo X90", 4), ("荣耀Magic5", 3), ("一加11", 2),
    ("微博网页版", 8), ("微博 weibo.com", 3), ("iPhone 14 Pro", 5), ("iPhone 13", 4), ("iPad客户端", 3),
    ("微博国际版", 2), ("微博极速版", 2), ("三星Galaxy S23", 2), ("Android客户端", 4),
]

# Simplified -> Traditional pairs for characters the pools use (enough for a realistic look).
_S2T_PAIRS = (
    "发發图圖吗嗎这這个個么麼说說没沒网網络絡应應该該还還们們时時间間开開让讓转轉账賬单單号號录錄页頁视視频頻"
    "听聽语語电電话話见見现現过過为為会會后後对對饭飯东東车車无無气氣热熱风風买買卖賣书書学學习習题題问問难難"
    "复復务務总總样樣闪閃显顯载載缓緩经經动動态態剧劇设設场場乐樂云雲宝寶红紅团團游遊戏戲队隊赢贏输輸钱錢级級"
    "边邊给給妈媽种種点點两兩头頭长長门門机機线線连連断斷邮郵试試实實际際业業报報终終于於脑腦觉覺烦煩帮幫谁誰"
    "请請谢謝认認识識订訂购購费費贵貴员員万萬别別满滿节節礼禮岁歲爱愛欢歡丢丟伤傷乱亂体體药藥医醫办辦楼樓层層"
    "铁鐵库庫离離远遠饿餓传傳来來读讀写寫错錯误誤码碼扫掃确確刚剛从從着著里裏儿兒准準备備猫貓鱼魚鸡雞烧燒汤湯"
    "面麵馆館饺餃龙龍虾蝦战戰胜勝败敗赛賽篮籃运運练練绩績论論证證师師课課词詞虽雖梦夢处處块塊钟鐘挂掛装裝换換"
    "数數几幾条條张張闻聞娱娛颜顏闺閨妆妝盘盤灵靈弹彈评評区區签簽关關亲親爷爺邻鄰宽寬带帶联聯维維护護渐漸稳穩"
    "决決统統紧緊调調户戶导導异異响響预預计計严嚴阅閱灯燈锅鍋骂罵厉厲与與启啟缩縮仅僅选選择擇键鍵旧舊惊驚吓嚇"
    "坏壞软軟闹鬧环環适適杂雜项項广廣农農众眾丰豐烂爛脸臉馋饞冻凍凉涼尝嘗鸭鴨猪豬粮糧厅廳汉漢变變简簡归歸够夠"
    "极極馒饅饼餅咸鹹缘緣亿億伞傘湿濕晒曬阳陽飞飛剑劍术術划劃摄攝击擊钢鋼历歷泪淚资資验驗获獲奖獎励勵贴貼纸紙"
    "轻輕松鬆夹夾壳殼标標绿綠蓝藍黄黃档檔谈談讯訊惯慣鲜鮮馈饋侣侶双雙华華厂廠圆圓团團状狀况況详詳细細仓倉储儲"
)
assert len(_S2T_PAIRS) % 2 == 0
S2T = {}
for _k in range(0, len(_S2T_PAIRS), 2):
    _s, _t = _S2T_PAIRS[_k], _S2T_PAIRS[_k + 1]
    assert S2T.get(_s, _t) == _t, _s
    S2T[ord(_s)] = _t
TO_FULLWIDTH = {c: chr(c + 0xFEE0) for c in range(0x21, 0x7F)
                if chr(c).isalnum() or chr(c) in ",!?;()%~"}
TO_FULLWIDTH[0x20] = "\u3000"

FULLWIDTH_TOKENS = ["ＯＭＧ", "ｌｏｌ", "２３３３", "ｙｙｄｓ", "６６６", "ＴＡＴ", "ｅｍｍｍ", "ｏｒｚ", "！！！", "？？？", "（笑）",
                    "ｗｗｗ", "ＸＤ"]

B62 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

# Hourly weights, Beijing time (evening peak, 3-6 am trough), interpolated per minute.
HOUR_WEIGHTS = [6.0, 4.0, 2.5, 1.2, 0.8, 0.8, 1.5, 3.5, 5.0, 5.5, 5.5, 5.5,
                6.5, 5.5, 5.0, 5.0, 5.0, 5.5, 6.0, 7.0, 8.0, 9.0, 9.0, 8.0]
BEIJING = dt.timezone(dt.timedelta(hours=8))


def fragment_count():
    """Number of distinct text fragments in the pools (for the >= 300 requirement)."""
    n = len(OPENERS) + len(TAILS) + sum(len(v) for v in TOPICS.values())
    n += sum(len(v) for v in CHATTER_TAGS.values())
    for aliases, _, _, ordinary, symptoms in SERVICES.values():
        n += len(set(aliases)) + len(ordinary) + len(symptoms)
    n += len(MENTION_TEMPLATES) + len(NEGATION_TEMPLATES) + len(GENERIC_SYMPTOMS)
    n += len(OUTAGE_OPENERS) + len(OUTAGE_CONTEXT) + len(OUTAGE_QUESTIONS) + len(OUTAGE_TAILS)
    n += len(SHORT_POSTS) + len(SHORT_OUTAGE) + len(ENGLISH_CHATTER) + len(ENGLISH_OUTAGE)
    n += len(EMOJI) + len(EMOTICONS)
    return n


def weighted_table(items_weights, size=1024):
    """A flat list where each item appears in proportion to its weight (O(1) sampling)."""
    total = sum(w for _, w in items_weights)
    table = []
    for item, w in items_weights:
        table.extend([item] * max(1, round(size * w / total)))
    return table


def b62(n):
    out = []
    while n:
        n, r = divmod(n, 62)
        out.append(B62[r])
    return "".join(reversed(out)) or "0"


# ---------------------------------------------------------------------------
# Generator
# ---------------------------------------------------------------------------

class Generator:
    def __init__(self, seed, start, days, n_posts, fmt):
        self.rng = random.Random(seed)
        self.fmt = fmt
        self.n_posts = max(1, n_posts)
        self.start_epoch = int(start.timestamp())
        self.period = days * 86400
        self.text_chars = 0

        # Time-of-period inverse CDF at minute resolution.
        cum = []
        acc = 0.0
        for m in range(days * 1440):
            epoch = self.start_epoch + m * 60
            local = epoch + 28800
            hour_f = (local % 86400) / 3600.0
            h0 = int(hour_f)
            frac = hour_f - h0
            w = HOUR_WEIGHTS[h0] * (1 - frac) + HOUR_WEIGHTS[(h0 + 1) % 24] * frac
            weekday = (local // 86400 + 3) % 7  # 1970-01-01 was a Thursday (3)
            if weekday >= 5:
                w *= 1.15
            acc += w
            cum.append(acc)
        self.cum = cum
        self.cum_total = acc

        self.hms = ["%02d:%02d:%02d" % (s // 3600, (s // 60) % 60, s % 60) for s in range(86400)]
        self.dates = {}

        self.sources = weighted_table(SOURCES_WEIGHTED)
        self.topic_table = weighted_table(list(zip(TOPIC_NAMES, TOPIC_WEIGHTS)))
        self.service_table = weighted_table([(k, SERVICES[k][2]) for k in SERVICE_KEYS])
        self.nicks = [a + b + c for a in NICK_A for b in NICK_B for c in NICK_C]
        self.id_base = 4_870_000_000_000_000

    # -- small helpers -----------------------------------------------------
    def date_str(self, day):
        s = self.dates.get(day)
        if s is None:
            s = (dt.date(1970, 1, 1) + dt.timedelta(days=day)).isoformat()
            self.dates[day] = s
        return s

    def nick(self):
        rnd = self.rng.random
        r = rnd()
        if r < 0.3:
            return PEOPLE[int(rnd() * len(PEOPLE))]
        return self.nicks[int(rnd() * len(self.nicks))]

    def clauses(self, topic, k, used=None):
        """Up to k distinct clauses of one topic joined by random separators (a list of pieces).

        `used` (a set) carries clauses already in the post, to avoid repeating them."""
        rnd = self.rng.random
        pool = TOPICS[topic]
        n = len(pool)
        if used is None:
            used = set()
        parts = []
        for _ in range(k):
            c = pool[int(rnd() * n)]
            if c in used:
                c = pool[int(rnd() * n)]
                if c in used:
                    continue
            used.add(c)
            if parts:
                parts.append(SEPS[int(rnd() * len(SEPS))])
            parts.append(c)
        return parts

    def n_clauses(self):
        # 2..8 clauses, mean about 5
        r = self.rng.random()
        return 2 if r < 0.06 else 3 if r < 0.20 else 4 if r < 0.42 else 5 if r < 0.66 else 6 if r < 0.83 else \
            7 if r < 0.94 else 8

    # -- text kinds -------------------------------------------------------
    def chatter(self):
        rnd = self.rng.random
        topic = self.topic_table[int(rnd() * len(self.topic_table))]
        parts = []
        if rnd() < 0.3:
            parts.append(OPENERS[int(rnd() * len(OPENERS))])
            parts.append("，" if rnd() < 0.6 else " ")
        used = set()
        parts += self.clauses(topic, self.n_clauses(), used)
        if rnd() < 0.09:
            fig = FIGURATIVE[topic]
            parts.append("，")
            parts.append(fig[int(rnd() * len(fig))])
        if rnd() < 0.35:  # a second topic
            topic2 = self.topic_table[int(rnd() * len(self.topic_table))]
            more = self.clauses(topic2, 1 + int(rnd() * 2.5), used)
            if more:
                parts.append("。")
                parts += more
        if rnd() < 0.7:
            parts.append("，" if rnd() < 0.6 else "。")
            parts.append(REFLECTIONS[int(rnd() * len(REFLECTIONS))])
        parts.append(ENDS[int(rnd() * len(ENDS))])
        if rnd() < 0.4:
            parts.append(TAILS[int(rnd() * len(TAILS))])
        if rnd() < 0.06:
            tags = CHATTER_TAGS[topic]
            tag = tags[int(rnd() * len(tags))]
            if rnd() < 0.5:
                parts.insert(0, tag)
            else:
                parts.append(tag)
        if rnd() < 0.025:
            parts.append(" " + ENGLISH_CHATTER[int(rnd() * len(ENGLISH_CHATTER))])
        return "".join(parts)

    def mention(self):
        rnd = self.rng.random
        key = self.service_table[int(rnd() * len(self.service_table))]
        aliases, tag, _, ordinary, _ = SERVICES[key]
        r = rnd()
        if r < 0.55:
            core = ordinary[int(rnd() * len(ordinary))]
        else:
            alias = aliases[int(rnd() * len(aliases))]
            tpl = NEGATION_TEMPLATES if r > 0.9 else MENTION_TEMPLATES
            core = tpl[int(rnd() * len(tpl))].replace("{S}", alias)
        parts = []
        if rnd() < 0.25:
            parts.append(OPENERS[int(rnd() * len(OPENERS))])
            parts.append("，")
        topic = self.topic_table[int(rnd() * len(self.topic_table))]
        if rnd() < 0.5:
            parts += self.clauses(topic, 2 + int(rnd() * 4.5))
            parts.append("，")
            parts.append(core)
        else:
            parts.append(core)
            parts.append(SEPS[int(rnd() * len(SEPS))])
            parts += self.clauses(topic, 2 + int(rnd() * 4.5))
        if rnd() < 0.75:
            parts.append("，" if rnd() < 0.6 else "。")
            parts.append(REFLECTIONS[int(rnd() * len(REFLECTIONS))])
        parts.append(ENDS[int(rnd() * len(ENDS))])
        if rnd() < 0.35:
            parts.append(TAILS[int(rnd() * len(TAILS))])
        if rnd() < 0.05:
            parts.insert(0, "#%s#" % tag)
        return "".join(parts)

    def outage(self):
        rnd = self.rng.random
        key = self.service_table[int(rnd() * len(self.service_table))]
        aliases, tag, _, _, symptoms = SERVICES[key]
        if rnd() < 0.06:
            s = SHORT_OUTAGE[int(rnd() * len(SHORT_OUTAGE))]
            return ("#%s崩了# " % tag + s) if rnd() < 0.5 else s
        sym = symptoms[int(rnd() * len(symptoms))] if rnd() < 0.8 else \
            GENERIC_SYMPTOMS[int(rnd() * len(GENERIC_SYMPTOMS))]
        parts = []
        if rnd() < 0.4:
            form = OUTAGE_TAG_FORMS[int(rnd() * len(OUTAGE_TAG_FORMS))]
            if "{Y}" in form and len(sym) > 8:
                form = "#{T}崩了#"
            parts.append(form.replace("{T}", tag).replace("{Y}", sym))
            parts.append(" " if rnd() < 0.5 else "")
        if rnd() < 0.3:
            parts.append(OUTAGE_OPENERS[int(rnd() * len(OUTAGE_OPENERS))])
            parts.append("，")
        if rnd() < 0.6:
            parts.append(OUTAGE_SCENES[int(rnd() * len(OUTAGE_SCENES))])
            parts.append("，结果" if rnd() < 0.6 else "，")
        if rnd() < 0.85:
            parts.append(aliases[int(rnd() * len(aliases))])
        parts.append(sym)
        if rnd() < 0.55:
            sym2 = symptoms[int(rnd() * len(symptoms))] if rnd() < 0.6 else \
                GENERIC_SYMPTOMS[int(rnd() * len(GENERIC_SYMPTOMS))]
            if sym2 != sym:
                parts.append("，")
                parts.append(sym2)
        if rnd() < 0.8:
            parts.append("，")
            c1 = OUTAGE_CONTEXT[int(rnd() * len(OUTAGE_CONTEXT))]
            parts.append(c1)
            if rnd() < 0.45:
                c2 = OUTAGE_CONTEXT[int(rnd() * len(OUTAGE_CONTEXT))]
                if c2 != c1:
                    parts.append("，")
                    parts.append(c2)
        if rnd() < 0.45:
            parts.append("，")
            parts.append(OUTAGE_AFTER[int(rnd() * len(OUTAGE_AFTER))])
        if rnd() < 0.5:
            parts.append("，")
            parts.append(OUTAGE_QUESTIONS[int(rnd() * len(OUTAGE_QUESTIONS))])
            parts.append("？" if rnd() < 0.7 else "??")
        else:
            parts.append(ENDS[int(rnd() * len(ENDS))])
        if rnd() < 0.5:
            parts.append(OUTAGE_TAILS[int(rnd() * len(OUTAGE_TAILS))])
        if rnd() < 0.08:
            eng = ENGLISH_OUTAGE.get(key)
            parts.append(" " + (eng if eng and rnd() < 0.7 else
                                ENGLISH_OUTAGE_GENERIC[int(rnd() * len(ENGLISH_OUTAGE_GENERIC))]))
        return "".join(parts)

    def text(self):
        rnd = self.rng.random
        r = rnd()
        if r < 0.03:
            text = SHORT_POSTS[int(rnd() * len(SHORT_POSTS))]
        elif r < 0.65:
            text = self.chatter()
        elif r < 0.85:
            text = self.mention()
        else:
            text = self.outage()

        # Script/width variants apply to the core text only (URLs, @names stay ASCII).
        r = rnd()
        if r < 0.05:
            text = text.translate(S2T)
        elif r < 0.10:
            wide = text.translate(TO_FULLWIDTH)
            if wide == text:  # nothing ASCII to widen: add a full-width token
                wide += FULLWIDTH_TOKENS[int(rnd() * len(FULLWIDTH_TOKENS))]
            text = wide

        if rnd() < 0.08:  # repost chain: the core becomes the reposted content
            depth = 1 + int(rnd() * 2.2)
            chain = []
            for d in range(depth):
                if d + 1 < depth:
                    inner = SHORT_POSTS[int(rnd() * len(SHORT_POSTS))] if rnd() < 0.5 else \
                        EMOTICONS[int(rnd() * len(EMOTICONS))]
                    chain.append("//@%s:%s" % (self.nick(), inner))
            chain.append("//@%s:%s" % (self.nick(), text))
            r2 = rnd()
            own = "转发微博" if r2 < 0.3 else ("我也是" if r2 < 0.45 else
                                           ("" if r2 < 0.5 else SHORT_POSTS[int(rnd() * len(SHORT_POSTS))]))
            text = own + "".join(chain)
        if rnd() < 0.03:
            text = "@%s %s" % (self.nick(), text) if rnd() < 0.5 else "%s @%s" % (text, self.nick())
        if rnd() < 0.10:
            n = 1 + int(rnd() * 2.5)
            em = "".join(EMOJI[int(rnd() * len(EMOJI))] for _ in range(n))
            if rnd() < 0.25 and len(text) > 6:
                cut = len(text) // 2
                text = text[:cut] + em + text[cut:]
            else:
                text += em
        if rnd() < 0.08:
            text += EMOTICONS[int(rnd() * len(EMOTICONS))]
            if rnd() < 0.3:
                text += EMOTICONS[int(rnd() * len(EMOTICONS))]
        if rnd() < 0.03:
            code = "".join(B62[int(rnd() * 62)] for _ in range(5))
            text += (" http://t.cn/A6" if rnd() < 0.8 else " 网页链接 http://t.cn/A6") + code
        if rnd() < 0.01:
            sp = text.find("，")
            if sp < 0:
                sp = len(text) // 2
            text = text[:sp] + "\n" + text[sp + 1:]
        self.text_chars += len(text)
        return text

    def reposts(self):
        rnd = self.rng.random
        r = rnd()
        if r < 0.65:
            return 0
        if r < 0.80:
            return 1 + int(rnd() * 3)
        if r < 0.92:
            return 4 + int(rnd() * 27)
        if r < 0.98:
            return 31 + int(rnd() * 470)
        return int(500 * (1.0 / (1.0 - rnd() * 0.99)) ** 1.0)

    def records(self, i0, count):
        """Return the serialized records i0 .. i0+count-1 (each ending in a newline)."""
        rnd = self.rng.random
        out = []
        append = out.append
        n_posts = self.n_posts
        cum, cum_total = self.cum, self.cum_total
        n_min = len(cum)
        start, period = self.start_epoch, self.period
        hms, sources = self.hms, self.sources
        n_src = len(sources)
        id_base = self.id_base
        csv = self.fmt == "csv"
        for i in range(i0, i0 + count):
            # Time: stratified position along the rhythm CDF, plus jitter.
            frac = (i + rnd()) / n_posts
            if frac >= 1.0:
                frac = 0.999999
            m = bisect.bisect_left(cum, frac * cum_total)
            if m >= n_min:
                m = n_min - 1
            t = start + m * 60 + int(rnd() * 60) + int((rnd() - 0.5) * 240)
            if t < start:
                t = start
            elif t >= start + period:
                t = start + period - 1
            r = rnd()
            if r < 0.82:
                loc = t + 28800
                created = '%sT%s+08:00' % (self.date_str(loc // 86400), hms[loc % 86400])
                c_quoted = True
            elif r < 0.92:
                loc = t + 28800
                created = '%s %s' % (self.date_str(loc // 86400), hms[loc % 86400])
                c_quoted = True
            elif r < 0.97:
                created = str(t)
                c_quoted = False
            else:
                created = str(t * 1000 + int(rnd() * 1000))
                c_quoted = False

            num_id = id_base + i * 4096 + int(rnd() * 4096)
            if rnd() < 0.10:
                pid = b62(num_id)
                id_quoted = True
            else:
                pid = str(num_id)
                id_quoted = False

            text = self.text()
            user = ("u%d" % (100000 + int(rnd() * 9900000))) if rnd() < 0.55 else self.nick()
            reposts = self.reposts()
            source = sources[int(rnd() * n_src)]

            if csv:
                if ("," in text or '"' in text or "\n" in text or "\r" in text):
                    text = '"' + text.replace('"', '""') + '"'
                if "," in user or '"' in user:
                    user = '"' + user.replace('"', '""') + '"'
                append("%s,%s,%s,%s,%d,%s\r\n" % (pid, created, text, user, reposts, source))
            else:
                append('{"id":%s,"created_at":%s,"text":%s,"user":%s,"reposts":%d,"source":%s}\n' % (
                    ('"%s"' % pid) if id_quoted else pid,
                    ('"%s"' % created) if c_quoted else created,
                    _json_str(text), _json_str(user), reposts, _json_str(source)))
        return out


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

def parse_start(s):
    t = dt.datetime.fromisoformat(s)
    if t.tzinfo is None:
        t = t.replace(tzinfo=BEIJING)
    return t


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--posts", type=int, help="number of posts (cap when --target-bytes is also given)")
    ap.add_argument("--target-bytes", type=int, help="stop once at least this many (uncompressed) bytes are written")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    ap.add_argument("--gzip", action="store_true", help="gzip the output (deterministic header)")
    ap.add_argument("--start", default="2023-03-15T00:00:00+08:00", help="ISO 8601 start time")
    ap.add_argument("--days", type=int, default=21)
    ap.add_argument("-o", "--output", required=True, help="output file, '-' for stdout")
    args = ap.parse_args(argv)
    if args.posts is None and args.target_bytes is None:
        ap.error("give --posts and/or --target-bytes")
    if (args.posts is not None and args.posts < 0) or (args.target_bytes is not None and args.target_bytes < 0):
        ap.error("--posts and --target-bytes must be >= 0")
    if args.days < 1:
        ap.error("--days must be >= 1")
    try:
        start = parse_start(args.start)
    except ValueError as e:
        ap.error("bad --start: %s" % e)

    t0 = time.perf_counter()
    n_plan = args.posts
    if args.target_bytes is not None:
        # Estimate how many posts reach the target, from a separate calibration run,
        # so that the times still span the whole range.
        cal = Generator(args.seed ^ 0x5EED, start, args.days, 5000, args.format)
        sample = cal.records(0, 5000)
        mean_bytes = sum(len(s.encode("utf-8")) for s in sample) / len(sample)
        est = int(math.ceil(args.target_bytes / mean_bytes * 1.01)) + 1
        n_plan = est if n_plan is None else min(n_plan, est)
    limit_posts = args.posts if args.posts is not None else float("inf")
    limit_bytes = args.target_bytes if args.target_bytes is not None else float("inf")

    gen = Generator(args.seed, start, args.days, n_plan, args.format)

    if args.output == "-":
        raw = sys.stdout.buffer
    else:
        raw = open(args.output, "wb")
    sink = gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=6, mtime=0) if args.gzip else raw

    written_posts = 0
    written_bytes = 0
    text_chars_at_stop = None
    chunk = 8192
    try:
        if args.format == "csv":
            header = b"id,created_at,text,user,reposts,source\r\n"
            sink.write(header)
            written_bytes += len(header)
        done = written_posts >= limit_posts or written_bytes >= limit_bytes
        while not done:
            count = chunk
            if limit_posts != float("inf"):
                count = min(count, int(limit_posts) - written_posts)
            chars_before = gen.text_chars
            recs = gen.records(written_posts, count)
            data = "".join(recs).encode("utf-8")
            if written_bytes + len(data) >= limit_bytes:
                # Cut at the first record that reaches the byte target.
                keep = []
                for rec in recs:
                    b = rec.encode("utf-8")
                    keep.append(b)
                    written_bytes += len(b)
                    if written_bytes >= limit_bytes:
                        break
                data = b"".join(keep)
                # Recount text chars for the kept records only (cheap: last chunk).
                text_chars_at_stop = chars_before + _text_chars(recs[:len(keep)], args.format)
                written_posts += len(keep)
                sink.write(data)
                done = True
            else:
                sink.write(data)
                written_bytes += len(data)
                written_posts += count
                done = written_posts >= limit_posts
    finally:
        if sink is not raw:
            sink.close()
        if raw is not sys.stdout.buffer:
            raw.close()
        else:
            raw.flush()
    elapsed = time.perf_counter() - t0
    chars = text_chars_at_stop if text_chars_at_stop is not None else gen.text_chars
    mean_len = chars / written_posts if written_posts else 0.0
    sys.stderr.write("gen_archive: posts=%d bytes=%d (uncompressed) mean_text_chars=%.1f "
                     "format=%s gzip=%s seed=%d time=%.1fs\n"
                     % (written_posts, written_bytes, mean_len, args.format, args.gzip, args.seed, elapsed))
    return 0


def _text_chars(recs, fmt):
    """Text length (code points) of already-serialized records (used only for the last chunk)."""
    import csv
    import io
    import json
    total = 0
    if fmt == "csv":
        for row in csv.reader(io.StringIO("".join(recs), newline="")):
            total += len(row[2])
    else:
        for rec in recs:
            total += len(json.loads(rec)["text"])
    return total


if __name__ == "__main__":
    sys.exit(main())
