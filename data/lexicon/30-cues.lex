# cue NAME [WEIGHT] PATTERN (weight defaults to 1). How the cues decide the
# flags is in README.md ("Decision").

# An outage statement: a service or app is the subject of an outage verb.
# The subject is a named service ({SVC}, {APP}), a word that ends like a
# service's name ({HEAD}: 学习通, 健康码, 腾讯云, 顺丰小程序), a Latin brand
# name (wps, keep, bing), or the whole of a short headline ("江南百景图崩了").
# Adverbs before the outage verb ({ADV}), and the passive "被…" ({BEI}: "被挤爆",
# "被黑客攻击"). A rule with the passive is written twice, without and with
# {BEI}, rather than with an optional {BEI}: Hyperscan scans an optional gap
# inside a pattern about four times slower than the two patterns together
# (bench/pipeline, issue 16). A cue counts once however many rules match.
define ADV (?:又|也|都|全|全面|直接|彻底|再次|再|集体|突然|疑似|大面积|大规模|全国|全球|全网|一度|竟然|居然)*
define BEI 被[^,.!?;，。！？；\n]{0,3}
# How long it lasted, after an outage statement: "宕机7小时", "崩了半个多小时".
define SPAN (?:近|超|超过|长达)?[0-9一二三四五六七八九十两几多半]+(?:个)?多?(?:小时|分钟|天)多?
define DOWN 崩了|崩溃了|崩掉了|崩啦|挂了|挂掉了|宕机|瘫痪|瘫了|炸了|罢工|抽风|g了|出故障|出现故障|发生故障|故障|出bug|出现bug|bug了|出问题|异常|出现异常|被攻击|遭攻击|遭(?:到|受)[^,.!?;，。！？；\n]{0,6}攻击|被黑客?[^,.!?;，。！？；\n]{0,6}黑掉|被黑了|拥堵|无法访问|访问不了|用不了|不能用|没法用|无法使用|登不上|进不去|上不去
cue outage (?:{SVC}){MIDGAP}{ADV}(?:崩|{DOWN})
cue outage (?:{SVC}){MIDGAP}{ADV}{BEI}(?:崩|{DOWN})
# The app list is long enough to run on RE2 (pattern_set.h), where one
# pattern with an optional {BEI} is cheaper than two.
cue outage (?:{APP}){ADV}(?:{BEI})?(?:崩|{DOWN})
cue outage (?:{HEAD}){ADV}(?:{DOWN})
cue outage (?:{HEAD}){ADV}{BEI}(?:{DOWN})
cue outage (?:^|[^a-z0-9\s])[a-z][a-z0-9+]{1,14}{ADV}(?:崩了|崩掉了?|崩溃了|挂了|宕机|瘫痪|炸了)
cue outage (?:^|[^a-z0-9\s])[a-z][a-z0-9+]{1,14}{ADV}{BEI}(?:崩了|崩掉了?|崩溃了|挂了|宕机|瘫痪|炸了)
cue headline ^#?[^\s,.!?;，。！？；#]{2,8}\s?{ADV}(?:崩了|宕机了?|崩溃了|服务器(?:又)?(?:崩了|炸了|爆了|挂了))(?:{SPAN})?#?$
cue headline ^#?[^\s,.!?;，。！？；#]{2,8}\s?{ADV}{BEI}(?:崩了|宕机了?|崩溃了|服务器(?:又)?(?:崩了|炸了|爆了|挂了))(?:{SPAN})?#?$
# A headline "X bug" / "X出bug了" / "X出重大bug" names a software fault.
# Written with optional parts, (?:重大|大)?bug了?, not as the alternation
# bug|bug了|大bug|重大bug: with the alternation Hyperscan scanned the whole
# database 25% slower on real posts (bench/pipeline, issue 16).
cue outage ^#?[^\s,.!?;，。！？；#的]{2,10}\s?(?:又|也|再)?(?:出现?|惊现|现|曝)?(?:重大|大)?bug了?#?$
cue headline #[^#\s]{2,10}{ADV}(?:崩了|宕机|瘫痪|挂了|崩溃了)[^#]{0,6}#
cue headline #[^#\s]{2,10}{ADV}{BEI}(?:崩了|宕机|瘫痪|挂了|崩溃了)[^#]{0,6}#
cue outage (?:服务器|系统|网站|网页|机房|平台|后台)(?:又|也|都|直接)?(?:爆满|扛不住|顶不住|挤爆|被挤爆|过载|繁忙)

# A failure phrase with no subject: a complaint only beside a named service
# ("微信是不是崩了", "钉钉用不了"); alone it is too often about anything else.
cue weak (?:怎么回事|咋回事|什么情况|怎么了|咋了)(?:啊|呀|吗|呢|\?|？|!|！|$)|没(?:有)?信号|信号(?:很|太|超|特别|好)?差|没网了|断网了|网断了|闪退|(?:崩|挂|坏)了(?:吗|么|没)|是不是(?:又)?(?:崩|挂|坏|出问题)|(?:是不是|是否){GAP}有问题|有(?:点)?问题(?:吗|啊|了)|崩没崩|出bug|bug了|\bbug\b|出(?:现)?故障|故障了|发生故障|出问题了|出毛病|用不了|不能用|没法用|无法使用|不好使|崩了|宕机|抽风|功能异常|发不出去|白屏|黑屏|只有我(?:一个)?(?:这样|不行)|大家(?:的)?{SHORTGAP}(?:也|都)(?:不行|这样|一样|崩|登不|发不)|\bdown\b|not working|\bfailed\b|\berror\b|is it just me|anyone else|进不去|上不去|打不开|刷不出|加载不出|登不上
# App actions that can fail, shared by the two rules below (each adds its own).
define APPACT 打卡|签到|提交|上传|下载|导出|导入|加载|刷新|发送|同步|更新|安装|注册|认证|验证|绑定|解绑|保存|播放|预约|抢购|购买|下单|充值|缴费|报名|查询|打开|登录|登陆|连接|授权|扫码|付款|支付|定位|分享|投稿|发布|开播|兑换|领取|激活|搜索
# An action of the app failing ("打卡失败", "签到不了"): a failure verb with its object, which
# counts beside a named service like any failure phrase.
cue weak (?:入会|进会|加入会议|备份|{APPACT}|提现|退款)(?:又|也|都|一直|总是|老是|还是)?(?:失败|不了|不成功|出错|报错|异常)

# The same with the verb after the failure word ("无法付款", "无法下单",
# "没法打卡"): the common order of headlines and formal posts.
cue weak (?:无法|没法|没办法)(?:正常)?(?:{APPACT}|接收|观看|购票|买票|出票|转账|收款|导航|评论|点赞|叫车|打车|显示|上网|联网)
# An app action that does not go through ("12306买不了票", "钉钉打不了卡",
# "京东app一直报错", "高德导航异常").
cue weak (?:刷|登|发|收|传|看|听|播|点|付|充|买|抢|打)不了(?:票|歌|卡|视频|东西|外卖|博|微博|消息|图|图片|文件|款|钱|直播|单|电话)|(?:一直|老是|总是|又|疯狂|频繁)报错|(?:^|[^0-9])50[234](?:[^0-9]|$)|bad gateway|网关错误|(?:app|软件|客户端|页面|网页|系统)报错|(?:导航|定位)(?:功能)?异常|刷不动|(?:一直|都|全|全部)(?:在)?转圈|一直(?:是)?空白|查不出(?:来)?|被挤爆了?|(?:一直|还在|正在)(?:在)?(?:显示)?[“"「]?(?:思考中|加载中|发表中|发送中|0%)|卡在0%|进度条(?:不动|不走|卡住)|发出去就(?:消失|没了|不见了)

# An anniversary or a retrospective: never a report of now, whatever tense
# follows ("一年前的今天微信崩了").
cue retro (?:[0-9]+|[一二三四五六七八九十两几]+)(?:年|个月)[前后](?:的)?(?:今天|的这天|这一天|今日)?|周年|去年(?:的)?(?:今天|今日|这一天|这天)|那年今天|历史上的今天|还记得{GAP}(?:崩|挂|宕机)|当年{GAP}(?:崩|挂|宕机)|盘点{GAP}(?:崩|宕机|故障)|历年|那些年|(?:已经|已)?过去(?:了)?(?:[0-9]+|[一二三四五六七八九十两几]+)年

# An announced rule or change: not a failure ("收款码将不能用于经营收款").
cue policy 不得|将(?:于|从|自|在)?{GAP}(?:不能|不再|无法|停止|下线|关闭|取消|暂停|禁止|收费|限制|停用|清理|注销)|新规|(?:起|后)(?:将)?(?:停止|不再|下线|关闭|暂停|禁止)|即将(?:下线|关闭|停止|停运|停服)|停止运营|停运|停服|下架|关停|整改|约谈|处罚|罚款|立案

# Figurative 崩 (and the like): outage words inside these do not count.
cue figurative (?:心态|人设|剧情|股市|钱包|作画|建模|配音|运镜|文笔|人气|排名|战绩|手感|发挥|阵容|防守|进攻|后防|血压|血糖|免疫力|物价|油价|金价|美股|港股|纳指|信誉|公信力|声誉|名声|路人缘|人缘|好感度|滤镜|美貌|基金|a股|股票|大盘|情绪|精神|心情|心理|画风|妆|妆容|底妆|脸|演技|节奏|作息|生活|人生|整个人|世界观|三观|形象|口碑|身材|发型|计划|预算|mental|plot|剧|结局|故事线|比分|成绩|数学|考试|防线|体重|减肥|饮食|泪|眼泪|泪腺|笑点|汇率|房价|楼市|币|币圈|比特币|股|股价|市值|人品|颜值|票房|收视|收视率|热度|\bcp\b|粉丝|饭圈|体系|经济|医疗|防疫|医院|交通|路网|电网|堤|坝|地基|妈|爸|娃|孩子|老师|学生|同学|室友|闺蜜|男友|女友|老公|老婆|队友|对手|球队|主队|中国队|国足|比赛|他|她|粉丝们|观众|评委|演员|歌手|偶像|明星|嗓子|嗓音|高音|唱功|舞台|现场|造型|妆发|皮肤|头发|肚子|腰|腿|身体|心|心里|内心|情感|关系|气氛|场面|局面|局势|形势|市场|行情|睡眠|理智|表情管理|人际关系|感情|恋爱|婚姻|家庭|工作|学业|游戏体验|韩剧|电视剧|番|动画|小说|续集|大结局|男主|女主|角色|编剧|剧本|设定|逻辑)(?:都|也|又|彻底|全|直接|整个|完全|真的|已经|有点|一下|得|要|快|快要|就要|还没立就|就|今天|今晚|昨天|刚刚|现在|终于|再次|当场|瞬间)*(?:崩|崩了|崩溃|崩掉|崩坏|崩盘|塌)
cue figurative (?:卡死|死机|闪退|崩溃|黑屏|白屏)过|(?:电脑|手机|笔记本|平板|ipad|iphone|主机|机子|本本)?(?:又|也|突然|直接|竟然|居然)*(?:开不了机|无法开机|开不开机|开不起机)|(?:excel|office|outlook|word|ppt|photoshop|\bpr\b|\bae\b|\bps\b|\bsai\b|\bcad\b|matlab|eclipse|myeclipse|premiere)(?:又|也|直接|突然|一直|竟然|居然|就)*(?:崩溃|崩掉|崩了|卡死|无响应|未响应|闪退|死机|故障|打不开)|(?:电脑|手机|笔记本|平板|ipad|iphone|主机|机子|本本|显示器|屏幕)(?:又|也|老是|总是|突然|直接|一直|竟然|居然|就|都|天天|最近|今天|不停|经常|动不动)*(?:死机|蓝屏|黑屏|卡死|自动重启|重启|中毒|中病毒|中了病毒|抽风|卡卡卡|很卡|好卡|太卡|卡得|卡的|卡了)|蓝屏|中了?病毒|(?:门|门锁|锁|抽屉|柜子|车门|窗户?)(?:又|也|竟然|都|就)?(?:卡死|卡住|打不开)|(?:公交|地铁|门禁|饭|校园|水|电|房)卡(?:又|也|都|一直|竟然)?刷不(?:了|出|上)?|(?:剧本|剧情|脸型|身材|颜值|人生|逻辑|设定)bug|爱死机|聊崩|闹崩|打崩|踢崩|笑崩|哭崩|搞崩|整崩|玩崩|谈崩|吵崩|考崩|演崩|唱崩|跳崩|写崩|画崩|拍崩|做崩|炒崩|被[^,.!?;，。！？；\n]{0,3}(?:整|理|气|吓|逼|搞|折磨|虐|笑|催|烦|问|骂)崩溃|驾崩|雪崩|山崩|崩塌|崩盘|崩裂|泪崩|泪腺崩|破防|卡bug|卡了个?bug|地球online|人生{SHORTGAP}bug|bug级|濒临崩溃|精神崩|崩溃边缘
cue figurative (?:当场|彻底|真的|快要?|要|简直|心态|情绪|精神|心理)崩溃|崩溃(?:了)?(?:三|两|几|好几)次|崩溃大哭|哭崩|要崩溃了|快崩溃了|我(?:整个人)?(?:要|快|快要|真的|真|都|也|又|就|直接|彻底|当场|瞬间|已经|简直|完全|差点)*崩溃|原地崩溃|崩溃了家人们|人都崩溃|让人崩溃|令人崩溃|想崩溃|破防|\bemo\b|我(?:整个人)?(?:都|也|彻底|直接|真的)?崩了|人崩了|崩不住|绷不住|#剧情崩了#

# The post denies an outage.
cue negation (?:我|我这|我这边|我这里|这边|这里|我们这|我们这边|我家)(?:都|也|倒是|一直)?(?:挺|很|完全)?(?:正常|好好的|没问题|没事|能用|可以用|好着呢|一切正常|正常使用|没有问题|没受影响|不受影响|没毛病)
cue negation (?:我这边|我这里|这边|这里|我们这边)(?:{GAP})(?:正常|好好的|没问题|能用|可以用|一切正常|没受影响|不受影响)
# The author's own network or phone is fine: that blames the service, it
# does not deny the outage.
cue not_me (?:我|我家|我这|我的|家里)(?:的)?(?:网|网络|wifi|信号|手机|流量|宽带|路由器){GAP}(?:好好的|正常|没问题|满格|好的|没事)|(?:网|wifi|信号){SHORTGAP}满格
cue negation (?:(?:^|[^崩挂])(?:没崩|没有崩|没挂|没有挂)|并没有崩|没出问题|没坏|(?:^|[^是])不是(?:{SVC})?(?:崩|挂)了?)(?:啊|呀|吧|呢|哦|喔|嘛|哈|阿|啦|的|,|，|。|!|！|\s|$)
cue negation ^正常(?:的|啊|呀|呢)?(?:[,，。!！~～]|$)|(?:^|[，,。?？\s]|我这边|我这里|这边|我这)(?:没问题|一点事(?:都|也)?没有|啥事(?:都|也)?没有|没有吧)(?:[啊呀呢吧。!！~～]|$)|你重启(?:一)?下(?:试试)?|是你(?:自己)?(?:的)?(?:网|手机|信号|设备)|(?:^|[^是])(?:不是|并非|不关)(?:{SVC})(?:的)?(?:问题|事)|自己网不好|谣言|别慌{GAP}(?:正常|没崩)|能用啊|(?:^|[^很挺蛮太])正常啊|好好的啊|没感觉|怎么没(?:感觉|发现|事|崩)|没(?:发现|遇到)(?:有)?(?:问题|异常|崩)?(?:啊|呀|吧|呢|,|，|。|!|！|\?|？|$)|辟谣|不实|假消息|误读|误传|(?:实测|测试|亲测|记者实测)(?:可|能|均|都|一切)?正常|(?:实为|系|是)(?:个别|部分|少数)用户(?:自身|自己)?(?:的)?(?:网络|设备|手机)?问题|(?:崩|挂|宕机|不能用|用不了|登不上|打不开|坏)了?[?？!！,，\s]*(?:是)?假的|(?:可是|其实|但|但是)并没有(?:[,.!?~，。！？～]|$)

# The service works again.
cue recovery (?:恢复|修复|修好|好)了(?:[^吗么没?？]|$)|恢复正常|(?:后|现已|目前已|均已)(?:恢复|修复)(?:正常|使用|服务|访问)?(?:[,.!?;，。！？；\s]|$)|已恢复|已经恢复|已(?:经)?(?:全部|全面|基本|陆续|逐步)恢复(?:正常|使用|服务|访问)?(?:[,.!?;，。！？；\s]|$)|(?:^|[^不])(?:能用了|可以用了|正常了)|又能(?:用|登|发|刷|打开|收)|终于(?:(?:能|可以)(?:[^不]|$)|好|恢复|登上|发出去|连上|打开|进去|刷出来|收到)|终于登上了|终于连上了|活过来了|复活了|满血复活|back online|is back|works again|working again|修复完成|已修复
cue recovery 0.6 好像好了|应该好了|是不是好了

# Something is still broken (a recovery post can still complain).
cue still 还是(?:不行|不能|登不|发不|刷不|打不|收不|连不|没|有|卡|崩)|仍然|依然|仍旧|依旧|还没(?:恢复|好|修好)|但是?{GAP}(?:不行|不了|还|又|没|失败)|又(?:崩|挂|不行)了|只有{GAP}(?:还|不行|不了)

# A statement by the service itself.
cue official 敬请谅解|深表歉意|给(?:您|大家|用户)带来(?:的)?不便|带来的不便|正在紧急|紧急(?:修复|处理|排查|抢修)中|工程师(?:正在|已)|技术(?:团队|人员|同学)正在|资金安全|请(?:大家|您)?放心{GAP}(?:资金|账户|数据|修复|恢复)|部分用户(?:反馈|出现|遇到|可能|的)|感谢(?:您|大家)(?:的)?(?:耐心|理解|支持)|我们(?:已|正在|将)(?:经)?(?:修复|排查|处理|恢复|定位)|经(?:过)?排查|原因(?:是|为|系){GAP}(?:故障|异常)|如有疑问{GAP}客服|请(?:用户|大家|旅客|乘客|玩家|各位)(?:耐心)?等待
cue official (?:^|[\s#])\S{0,10}官方(?:推特|微博|公众号|账号|客服)?(?:回应|通报|公告|声明|消息|微博|确认|称|表示)?[:：]|客服(?:回复|回应|表示|称)?[:：]|(?:技术|运维|安全|服务|产品)团队[:：]|例行维护|维护期间|已定位(?:原因|问题)|正在修复中|正在全力修复
cue official 0.6 已(?:全面|逐步)恢复|逐步恢复中|正在逐步恢复|服务已恢复正常
# Headlines and posts that report what the service said about a failure
# ("饿了么回应崩了", "钉钉致歉", "苹果将修复…问题").
define FAULT 崩|故障|失败|断网|掉线|不出|刷不|发不|打不开|\b50[234]\b|(?:服务|网络|通信|信号)中断|拥堵|繁忙|杂音|没声音|褪色|宕机|异常|bug|闪退|瘫痪|卡顿|无法|不了|不上|不去|服务器|事故|(?:消息|信息|到账|网络|通知)延迟|延迟(?:到账|送达)|(?:技术|系统|网络|登录|登陆|功能|显示|通话|信号|发热|过热|续航|烧屏|兼容|安全)问题|漏洞|缺陷
cue official (?:回应|致歉|道歉|通报|声明|公告|公布|解释|辟谣|发文|说明|官方确认|官方承认)(?:了)?{GAP}(?:{FAULT})|(?:故障|事故|宕机|异常)[^,.!?;，。！？；\n]{0,4}(?:说明|报告|复盘|公告)|(?:{FAULT})[^,.!?;，。！？；\n]{0,12}(?:给予|予以|进行)补偿|(?:{FAULT}){GAP}(?:官方回应|回应来了|回应#?$|致歉|道歉|原因(?:公布|曝光|找到|是)|官方(?:通报|说明|声明|解释))|(?:将|已|正在|紧急|连夜)(?:全面)?修复|修复{GAP}(?:bug|问题|漏洞|故障|异常)|(?:推送|更新|发布)[^,.!?;，。！？；\n]{0,8}(?:改善|修复|解决)
# A headline that is a service's bare apology ("钉钉致歉"); "X回应…" needs a
# failure word (above): "X回应被约谈" is news, not a response to an outage.
# Not "X发文致歉" or "X致歉声明": on real titles those are brands apologising
# for what their shops did, not for an outage.
cue official ^#?(?:{SVC}|{APP})(?:官方|客服|团队)?(?:致歉|道歉)(?:#?$|\s|并|[，,：:])
# What a service says about itself in a headline that starts with its name
# ("抖音称部分用户无法登录"): "网友称X崩了" starts with the users, not the service.
# What is said follows at once (no clause gap: with a gap after the whole
# app list the rule is too large for Hyperscan and runs on RE2).
cue official ^#?(?:{SVC}|{APP})(?:官方|客服|团队)?(?:称|表示|确认|承认)(?:了)?(?:系|是|因为|由于)?(?:部分|少数|个别|大量|多地)?(?:用户|地区|服务|系统|网络|服务器|机房|平台|故障|宕机|异常|崩|出现|无法|已修复|正在修复)
# Author names of official accounts (matched on the post's author, not the text).
cue official_account ^(?:微信|wechat|微信派|微信团队|微信支付|微信客服|腾讯|腾讯客服|qq|qq客服|qq团队|qq邮箱|支付宝|支付宝客服|微博|微博客服|微博管理员|抖音|抖音客服|快手|淘宝|哔哩哔哩|bilibili|网易云音乐|小红书|知乎|美团|美团客服|滴滴|滴滴出行|铁路12306|中国铁路|apple|apple support|steam)(?:官方|客服|团队|小助手|服务号|平台|安全中心)?$

# About a past outage (unless something says it is happening now).
cue news (?:昨天|前天|昨晚|上周|上个月|前几天)(?:下午|上午|晚上|夜里)?{GAP}(?:崩|挂|故障|宕机|瘫痪)|回顾|复盘|当年|那年|那次|上次|曾经|此前|以前|去年|前年|历史上|还记得|据{GAP}(?:报道|消息)|新闻|快讯|【(?:科技|新闻|热点|快讯|财经)|looking back|20[12][0-9]年(?:[0-9]{1,2}月)?{GAP}(?:崩|故障|宕机|事件|瘫痪|事故|出问题|卡顿|的事)|(?:崩|故障|宕机|瘫痪)过|(?:出现|发生|经历)过|事件|事故|(?:故障|事故)?(?:报告|复盘)|(?:故障|事故)说明|(?:^|[^听])说明(?:[^天书一白]|$)|一篇文章|科普|讲清楚|分析{GAP}为什么|为什么{GAP}会(?:崩|挂|宕机)
cue present (?:今天|今晚|今早|今儿|刚刚|刚才|此刻|这会儿|现在|又|还是|依然|一直){GAP}(?:崩|挂|不了|不上|不到|不出|失败|异常|卡|闪退|转圈|不行|用不|打不|发不|登不|连不|刷不)|双叒叕

# Promotion.
cue ad 【广告】|\[广告\]|#广告#|限时|优惠|立减|秒杀|包邮|特卖|促销|打折|[一二三四五六七八九]折|折扣|福利|领券|优惠券|抢购|预售|付定金|满减|新人专享|注册(?:即|就)送|点击链接|戳链接|扫码领|赚金币|推广|广告|代购|低至|最低{GAP}元|会员{GAP}折|赶紧(?:去|来)?(?:抢|买)|快来抢

# A how-to question (no complaint unless a symptom is named).
cue howto 怎么(?:设置|开通|弄|操作|办|用|关闭|开启|绑定|解绑|导入|导出|迁移|备份|恢复|删除|找回|注册|注销|申请|改|修改|查|查看|下载|上传|转|买|退|隐藏|取消|添加|同步|批量|把|给|开|让|做|才能)|如何|怎样|求教|求助{GAP}怎么|教程|攻略|请问{GAP}(?:怎么|如何|在哪)|在哪(?:里)?(?:设置|找|开|看)|有没有人知道怎么|入口在哪|怎么找

# Asking whether it is down, or passing on what others say, with nothing of
# the author's own: "听说微信崩了？", "热搜说X崩了 真的假的", "到底崩没崩",
# "据说今晚X会崩". With a symptom of the author's own it is still a report.
cue rumor (?:听说|据说|网传|有人说|热搜说|热搜上说|看到热搜说|营销号说|热搜上挂着)[^,.!?;，。！？；\n]{0,12}(?:崩|挂|宕机|瘫痪)[^,.!?;，。！？；\n]{0,3}[?？]|真的假的|是不是真的|谁(?:又|先)?崩了|到底(?:崩没崩|有没有崩|崩了没)|别信|(?:明天|今晚|晚上|下周|到时(?:候)?|届时)[^,.!?;，。！？；\n]{0,8}(?:会|要|将)[^,.!?;，。！？；\n]{0,3}(?:崩|宕机|瘫痪)
# A guide: names a symptom to tell how to fix it ("支付宝打不开 教你三招", "微信无法登录的解决方法"),
# not a report of it; "the fix" only at the end of a headline, since a post may say it tried one.
cue guide 教你|手把手|小技巧|小妙招|[一二三四五六七八九十几两]招(?:教你|搞定|解决)?|(?:解决方法|解决办法|修复方法|解决方案|解决教程)#?$

# Not a report: imagined or joking.
cue hypothetical (?:梦见|梦到|做梦)[^,.!?;，。！？；\n]{0,10}(?:崩|挂|宕机)|建议[^,.!?;，。！？；\n]{0,10}(?:每[天周月]|定期)[^,.!?;，。！？；\n]{0,3}(?:崩|挂)|(?:盼|盼着|许愿|祈祷|巴不得|期待)[^,.!?;，。！？；\n]{0,8}(?:崩|挂|宕机)|(?:^|[^以为])(?:被盗号|号被盗)|忘(?:记)?了?密码|密码忘了|(?:要是|如果|假如|万一|假设|哪天)[^,.!?;，。！？；\n]{0,10}(?:崩|挂|宕机|坏|用不了|不能用|没法用|登不|打不开|进不去|发不|收不|断网|没网|故障|出问题|出bug|封|冻结|闪退|卡)|要不是|原来是(?:我|她|他|自己|手机|网)|虚惊一场|是我自己的问题|每次{GAP}(?:崩|挂)|一(?:崩|挂)(?:就|大家)|只要{GAP}(?:崩|挂)|(?:崩了|挂了|宕机了?|崩溃了|用不了|登不上)的话

# The author only agrees with what they repost.
cue agree ^(?:我也是|我也|我也一样|同|同问|同样|一样|\+1|加一|我也遇到了?|我也这样|一样的|me too|same|俺也一样|我这也是|我这边也是|这边也是|我们也是|也是|附议|真的|确实|是的|对|好家伙)(?:[,.!?~，。！？～]|$)|^{GAP}(?:也是|也一样|一样|同问|同款|\+1)(?:[,.!?~，。！？～]|$)|^(?:我|俺|我这|我这边|这边|我们){GAP}也(?:不行|是|一样|打不|发不|登不|刷不|收不|连不|卡|崩|挂)

# Traffic on roads, bridges and in the air is not a service ("交通拥堵" ends in 通 like
# 学习通): outage and symptom words inside it do not count.
cue figurative (?:交通|道路|路面|路上|桥上|高速|高架|航班|机场){SHORTGAP}(?:拥堵|堵塞|瘫痪|中断)|堵车|(?:地铁|轻轨|列车|动车|高铁|火车|公交)[^,.!?;，。！？；\n]{0,6}(?:信号|设备|道岔|供电)?故障

# Something online is named (a server, a website, a system, the network):
# an operator's statement is an official response of a service only beside
# this or a named service ("官方回应游乐场故障" is not one).
cue online \bios|iphone|ipad|macos|\bwindows|安卓|android|鸿蒙|系统更新|固件|补丁|服务器|网站|网页|官网|系统|\bapp\b|客户端|软件|应用|小程序|公众号|平台|后台|机房|数据库|接口|网络|网速|断网|宽带|信号|基站|云服务|云盘|网盘|账号|帐号|宕机|闪退|\bbug\b
