# Online services and apps outside the sixteen service ids: naming one is a
# service named (a subjectless failure phrase beside it counts, "钉钉用不了"),
# and it can be the subject of an outage statement ("钉钉崩了"). Grouped by
# kind; add a name to its line. Normalized text: lower case, Simplified.
define APP_CHAT 企业微信|钉钉|飞书|腾讯会议|腾讯文档|石墨文档|金山文档|teams|zoom|skype|slack|discord|telegram|whatsapp|kakaotalk|soul|探探|陌陌|blued|派派|\bmomo\b|yy语音|\bkook\b
define APP_SOCIAL 新浪|飞信|贴吧|百度贴吧|虎扑|lofter|老福特|微信读书|脉脉|推特|twitter|\bx\.com|脸书|facebook|instagram|\bins\b|reddit|youtube|油管|\btiktok\b|snapchat|小宇宙|皮皮虾|半次元|米游社|taptap|\bnga\b|a站|acfun|西瓜视频|今日头条|百度|百度app|夸克|搜狗|必应|bing|谷歌|google|gmail|outlook|hotmail|163邮箱|网易邮箱|126邮箱|qq音乐|酷狗|酷我|汽水音乐|喜马拉雅|蜻蜓fm|\bspotify\b|apple music|网易大神|cctalk|多邻国|duolingo|百词斩|扇贝|作业帮|猿辅导|粉笔|中公|学习通|超星|雨课堂|智慧树|慕课|mooc|钉钉课堂|腾讯课堂|知网|万方|学信网|研招网|中国教育考试网|教资|每日交作业|小猿搜题|keep|薄荷健康|美柚|大众点评|下厨房|马蜂窝|携程|去哪儿|飞猪|同程|航旅纵横|铁路12306|高德|高德地图|百度地图|腾讯地图|哈啰|青桔|美团单车|t3出行|曹操出行|花小猪|高铁管家|智行
define APP_SHOP 京东|京东到家|拼多多|天猫|闲鱼|得物|唯品会|苏宁|当当|亚马逊|amazon|微店|有赞|识货|盒马|叮咚买菜|朴朴|多多买菜|美团优选|饿了么|麦当劳|肯德基|\bkfc\b|星巴克|瑞幸|喜茶|奈雪|蜜雪冰城|茶百道|古茗|霸王茶姬|必胜客|海底捞|tims|库迪|大麦|猫眼|淘票票|保利票务|票星球|秀动|cityline|yes24|interpark|桃叭|顺丰|中通|圆通|韵达|菜鸟|京东快递|smzdm|什么值得买
define APP_MEDIA 爱奇艺|优酷|腾讯视频|芒果tv|咪咕|咪咕视频|央视频|搜狐视频|乐视|pp视频|netflix|disney\+|\bhbo\b|斗鱼|虎牙|企鹅电竞|企鹅体育|抖音直播|快手直播|cc直播|映客|花椒|晋江|晋江文学城|起点中文网|番茄小说|七猫|掌阅|qq阅读|微信读书|长佩|刺猬猫|sf轻小说|腾讯动漫|哔哩哔哩漫画|快看漫画|酷云|云听|全民k歌|唱吧|剪映|醒图|美图秀秀|b612|轻颜|\bwink\b|画世界|米画师|画包包
define APP_GAME 哈利波特魔法觉醒|暴雪国服|暴雪游戏|起点中文网|起点读书|海棠文学城|王者荣耀|和平精英|英雄联盟|英雄联盟手游|\blol\b|金铲铲|金铲铲之战|云顶之弈|原神|崩坏:?星穹铁道|星穹铁道|崩坏3|绝区零|阴阳师|第五人格|蛋仔派对|元梦之星|光遇|明日方舟|碧蓝航线|恋与制作人|恋与深空|光与夜之恋|代号鸢|逆水寒|永劫无间|梦幻西游|大话西游|天涯明月刀|剑网3|剑网三|一梦江湖|天刀|穿越火线|dnf|地下城与勇士|qq飞车|qq炫舞|火影忍者|使命召唤|\bapex\b|csgo|\bcs2\b|pubg|绝地求生|\bdota2?\b|守望先锋|魔兽世界|炉石|炉石传说|战网|网易游戏|腾讯游戏|wegame|\bepic\b|育碧|uplay|xbox|playstation|\bpsn\b|任天堂|eshop|minecraft|糖豆人|鹅鸭杀|蛋仔|羊了个羊|开心消消乐|地铁跑酷|部落冲突|皇室战争|江南百景图|哈利波特魔法觉醒|节奏大师|旅行青蛙|荒野乱斗|香肠派对|三国杀|欢乐斗地主|qq游戏|4399|迷你世界|摩尔庄园|奥比岛|剑与远征|万国觉醒|幻塔|鸣潮|无畏契约|瓦罗兰特|valorant|\bfgo\b|命运冠位指定|赛马娘|偶像梦幻祭|世界之外|时空中的绘旅人
define APP_MONEY 微信支付|零钱通|财付通|云闪付|银联|建行|建设银行|工行|工商银行|农行|农业银行|中行|中国银行|招行|招商银行|交行|交通银行|邮储|邮政储蓄|浦发|中信银行|民生银行|兴业银行|光大银行|平安银行|网商银行|微众银行|掌上生活|买单吧|手机银行|网银|同花顺|东方财富|富途|老虎证券|华泰|涨乐财富通|招商证券|中信证券|国泰君安|平安证券|天天基金|蚂蚁财富|京东金融|度小满|数字人民币|数币|pos机|paypal
define APP_CLOUD 阿里云|腾讯云|华为云|百度云|百度网盘|阿里云盘|夸克网盘|115网盘|天翼云盘|天翼云|移动云|金山云|七牛云|又拍云|\baws\b|\bazure\b|cloudflare|github|gitee|谷歌云|openai|chatgpt|\bgpt\b|claude|gemini|deepseek|文心一言|通义千问|kimi|智谱|讯飞|讯飞星火|wps|office365|microsoft 365|\bwindows\b|win10|win11|macos|\bios\b|安卓|鸿蒙|app store|appstore|应用商店|苹果商店|谷歌商店|google play|icloud邮箱|苹果官网|apple id|小米云|华为账号|米家|小爱同学|天猫精灵|小度
define APP_GOV 中国移动|中国联通|中国电信|(?:移动|联通|电信)(?:宽带|网络|信号|卡|4g|5g|客服)|电信|健康码|行程码|行程卡|通信行程卡|场所码|苏康码|随申码|随申办|粤康码|粤省事|健康宝|北京健康宝|渝康码|天府健康通|闽政通|一码通|西安一码通|健康云|浙里办|皖事通|鄂汇办|豫事办|辽事通|国家政务服务平台|个人所得税|个税app|交管12123|12123|12306|铁路12306|电子社保卡|国家反诈中心|中国移动|中国联通|中国电信|广电|宽带|校园网|一卡通|教务系统|选课系统|报名系统|考试系统|成绩查询|查分系统|核酸系统|预约系统|抢票系统|挂号系统
define APP {APP_CHAT}|{APP_SOCIAL}|{APP_SHOP}|{APP_MEDIA}|{APP_GAME}|{APP_MONEY}|{APP_CLOUD}|{APP_GOV}
# A word that ends like the name of an online service: 学习通, 健康码,
# 腾讯云, 建行app, 顺丰小程序, 考试系统, 官网.
define HEAD app|官网|官方网站|小程序|公众号|系统|服务器|网站|网页|平台|后台|客户端|软件|应用|云盘|网盘|云|码|通|tv|直聘|文档|会议|音乐|视频|地图|邮箱|银行|证券|商城|手游|游戏|输入法|浏览器|外卖|打车|钱包|商店|接口|机房|宽带|网络|信号|基站|服务|直播|直播间|网课|课堂|题库|阅读
cue app {APP}
