# category ID WEIGHT PATTERN: evidence for a symptom category, weight in
# (0, 1]. Several matches combine as 1 - (1 - w1)(1 - w2)...; a category is
# reported at 0.5 (ClassifierOptions::category_threshold).
# fallback ID WEIGHT PATTERN: a generic symptom ("加载失败", "发送失败") that
# names the category only when no category rule reached the threshold.
define CANT 发不|收不|传不|打不开|点不|看不|刷不|加载不|下载不|上传不|登不|连不|用不|进不|付不|转不|播不|听不|开不|显示不|出不来|弄不|载不|回不|保存不|传送失败
# 不上 as a failure (登不上, 发不上), not 不上班/不上学/不上课.
define BUSHANG 不上(?:[^班学课]|$)
define MSGFAIL 失败|不了|不出|{BUSHANG}|不到|异常|出错|报错|转圈|转不停|一直在?加载|没反应|无响应|延迟|卡住|卡死|空白|感叹号|超时|不成功|无法(?:发送|接收|显示|查看|送达)|不能(?:发|收)
define FAIL 失败|不了|不出|{BUSHANG}|不到|不开|不进去|异常|出错|报错|转圈|转不停|一直在?加载|没反应|无响应|延迟|卡住|卡死|空白|感叹号|超时|不成功|无法|不能
# 消息 but not 语音消息/图片消息/视频消息/文件消息 (those are media).
define MSGOBJ (?:^|[^音片频件])(?:消息|信息)|讯息|私信|聊天记录|聊天消息|群聊|群消息|发消息|回消息|对话框|文字|留言|聊天框|\bmsgs?\b|messages?
define MEDIAOBJ 图片|照片|相片|大图|原图|视频文件|文件|档案|附件|表情包|动图|gif|截图|相册|音频|缩图|photos?|pictures?|images?|files?
# Voice notes and videos: only with verbs that are not about calls.
define AVOBJ 语音(?:消息|条)?|小视频|视频
define AVFAIL 发不|发送失败|播放失败|显示不出来|传不|收不到|听不|播不|播放不|看不了|打不开|点不开|加载|下载不|下载失败|过期|已过期|转文字|一直转
define CALLOBJ 语音通话|视频通话|通话|语音电话|视频电话|微信电话|qq电话|网络电话|视频聊天|语音聊天|连麦|群视频|群语音|视频会议|语音会议|语音会|facetime|视讯|打(?:微信|qq)?(?:视频|语音)|(?:微信|qq|好友)(?:视频|语音)
define PAYOBJ 待支付|支付[^宝]|付款|付钱|买单|结账|扫码付|收款|红包|转账|提现|充值|缴费|还款|零钱|余额|收银|付不了|买不了|下单|扣款|退款|免密支付|乘车码|付款码|收款码|花呗|尾款|付尾款
define FEEDOBJ 朋友圈|moments|feed|timeline|空间|qq空间|动态|说说|评论|评论区|热搜|首页|推荐页|推荐|时间线|关注页|关注列表|主页|帖子|笔记|发帖|发布|点赞|弹幕|视频号|直播间|刷视频|回答

category messaging 0.9 (?:{MSGOBJ}){NEAR}(?:{CANT}|{MSGFAIL}|发送失败|发不出|收不到|一直转|不显示|显示不出)
category messaging 0.9 (?:发不出|发不了|收不到|回不了|发送不了|接收不到|看不到)(?:任何|新)?(?:消息|信息|私信|回复)
category messaging 0.8 红色?感叹号|消息发送失败|(?:message|msg)s? (?:delay|not (?:sending|delivered|going through))|can'?t send messages?|messages? (?:won'?t|not) send
category messaging 0.7 (?:消息|信息)(?:都|也|总是|一直|老是)?(?:延迟|延时|晚到|才到|一直在发送)
category messaging 0.6 (?:消息|信息)(?:都)?(?:没了|不同步|丢了)|已读{NEAR}不显示

category media_transfer 0.9 (?:{MEDIAOBJ}){NEAR}(?:{CANT}|失败|转圈|一直加载|加载中|显示不出|裂了|裂开|已过期|过期了|被清理|无法|卡着|卡在|一直卡)
category media_transfer 0.9 (?:{AVOBJ}){NEAR}(?:{AVFAIL})
category media_transfer 0.9 (?:发不了|发不出去?|传不了|传不上|收不到|打不开|点不开|加载不出|下载不了|看不了|看不到|存不了|保存不了)(?:的)?(?:{MEDIAOBJ}|语音消息)
category media_transfer 0.8 缩略图|thumbnails?|(?:^|[^分破决撕])裂图|全是灰的|灰色方块|只能看到?(?:模糊|小图)|原图{NEAR}(?:看不|加载|打不|点不)|图{SHORTGAP}裂|灰色的?图
category media_transfer 0.7 文件传输助手{NEAR}(?:{CANT}|失败)|上传失败|下载失败|上传不了|下载不了|正在上传|进度条{SHORTGAP}卡|(?:photos?|pictures?|images?|files?)(?: and \w+)?(?: both)? (?:won'?t|not|can'?t|failing|failed|fail)|file transfer (?:failed|fails|not working)

category login 0.9 登不上|登不进|登录不上|登录不了|登陆不上|登陆不了|登入不了|登录失败|登陆失败|无法登录|无法登陆|登录异常|登不了|上不了号|登录页{NEAR}(?:卡|转|进不)|扫码登录{NEAR}(?:失败|不了|没反应)|登录{NEAR}一直转
category login 0.9 (?:自己|自动|老是|总是|一直|又)退出(?:了)?登录|被?挤下线|踢下线|被踢出(?:来|登录|账号|游戏)|强制下线|强制退出|被迫下线|自动退出登录|退出登录了|自己退出了|重新登录|掉登录|登录状态{NEAR}(?:失效|没了)
category login 0.9 登录{SHORTGAP}(?:失败|异常|转圈)|密码错误|(?:登录|登陆|验证|认证){NEAR}死循环|死循环{NEAR}(?:登录|登陆|验证)|回到登录页|(?:跳|退|弹)回(?:到)?登录(?:页|界面)|logging me out|logged (?:me )?out|kicked (?:me )?out|can'?t log ?in|login (?:failed|fails|error)|log ?in (?:failed|fails)
category login 0.85 滑块{NEAR}(?:验证|失败|不了|过不去|一直)|收不到(?:登录|短信)?验证码|验证码{NEAR}(?:收不到|没收到|不来|发不|错误|失败|无效|不对|不显示|过期)|收不到验证码|验证失败|验证不通过|人脸识别失败|人脸验证{NEAR}失败|二次验证|安全验证{NEAR}(?:失败|不过|循环)|密码(?:明明)?(?:正确|对的){NEAR}(?:登不|错误|不对)
category login 0.6 掉线|被登出|登陆异常|登陆超时|登录困难|登陆困难
category login 0.9 (?:账号|帐号|号|{SVC}){MIDGAP}异地登[录陆]|(?:提示|显示|收到){NEAR}异地登[录陆]|异地登[录陆](?:提醒|提示|被挤|下线|了)

category connectivity 0.9 network unavailable|未连接|网络繁忙|网路(?:不可用|异常|错误|连接)|no (?:network|internet)(?: connection)?|can'?t connect|connection (?:failed|error|lost)|连接服务器失败|连不上服务器|服务器连接失败|无法连接(?:到)?服务器|服务器{SHORTGAP}(?:异常|崩|挂|连不|无响应|开小差)|网络(?:异常|错误|不可用|不给力|连接失败|请求失败|出错|连接超时)|请检查网络|网络连接不可用|当前网络不可用|无网络连接
fallback connectivity 0.85 一直(?:在)?转圈|转圈圈{SHORTGAP}(?:加载|打不开|进不去|刷不出)
category connectivity 0.85 (?:页面|网页|网站|官网)(?:又|也|都|一直|根本)?(?:打不开|报错|出错|显示错误)|一直缓冲|缓冲了?(?:半天|很久|好久|[0-9一二三四五六七八九十几]+分钟)|不停(?:地)?缓冲|什么都(?:加载|刷|看)不|啥也刷不出|打不开网页|网页打不开|请求超时|\b50[234]\b{SHORTGAP}(?:error|错误|bad gateway|gateway)
fallback connectivity 0.85 正在连接|一直[^,.!?;，。！？；\n]{0,2}连接中|连接中(?:…|\.\.\.)|收取中|系统繁忙|服务繁忙|服务器繁忙|服务器错误|请稍后(?:再试|重试)|稍后重试|(?:一直|总是|老是|根本|又|还是|怎么也|完全|都)连不上|连不上(?:网|服务器|网络)|连接不上|连接失败|无法连接|连接超时|连不到|加载中|一直加载|加载失败|加载不出|刷新不出|(?:一直|什么都|啥都|半天|怎么都)刷不出|刷新失败|加载不了|刷不了|页面空白|无法访问|访问不了|won'?t load|not loading|loading
fallback connectivity 0.85 (?:信号|网络|通信|网路)(?:又|也|突然|全部)?中断
fallback messaging 0.8 发送失败|对方(?:一直|都|也)?(?:收不到|没收到)
fallback messaging 0.8 (?:无法|没法|没办法)(?:正常)?(?:发送|接收|收发)(?:消息|信息|私信)
category connectivity 0.45 没网|断网|没信号|无响应

category payment 0.9 (?:{PAYOBJ}){NEAR}(?:不能用|用不了|失败|不了|不出|{BUSHANG}|[^抢]不到|异常|出错|报错|转圈|没反应|不成功|不进去|处理中|无法|发不|抢不了|领不|收不|打不开|点不开|刷不出|加载不出|卡住|一直|闪退|卡死|没到账|扣没扣)
category payment 0.9 付不了款|付不了钱|支付失败|付款失败|转账失败|交易失败|红包(?:发不|领不|打不开|点不开|收不|抢不了)|发不了红包|抢不了红包|领不了红包|扫码(?:付款|支付|付){SHORTGAP}(?:失败|不了|没反应)|支付异常|交易异常|扣款{NEAR}(?:失败|但|没)|扣了钱|钱扣了|钱被扣|重复扣款|提现{NEAR}(?:失败|不了|没到)
category payment 0.4 付不出去?|付款不了|(?:payment|pay|qr)\w*{NEAR}(?:fail|failing|failed)|付不了|买不了|充不了|缴不了|交不了|卡在(?:待)?(?:支付|付款)|payments? (?:failed|fails|not working)|can'?t pay
category payment 0.9 (?:无法|没法|没办法)(?:正常)?(?:付款|支付|转账|收款|充值|缴费|扫码支付|扫码付款)

category calls 0.9 (?:{CALLOBJ}){NEAR}(?:进不去|没声了|打不通|接不通|拨不通|打不了|打不出去?|打不过去|接不了|没声音|没有声音|声音也没有|听不到|听不见|声音断断续续|断断续续|断了|就断|断开|一直断|老是断|断线|掉线|挂断|失败|连不上|无法接通|接通不了|发不起|一直响|自动挂|没画面|画面卡|没有?响铃|不响|忙音|拉不起来|连接中)
category calls 0.9 (?:打不通|接不通|拨不通|接不了|发不起)(?:{CALLOBJ})
category calls 0.4 打不通|拨不通|接不通
category calls 0.9 (?:对面|那边)(?:听不到|听不见)|听不(?:到|见)我(?:说话|的声音)|(?:打电话|通话|语音|视频)[^,.!?;，。！？；\n]{0,6}(?:一直断|老是断|就没声|没声了|一点声音都没有)
category calls 0.9 (?:voice|video) calls? (?:keeps? dropping|drops?|not working|failed|fails|won'?t connect)|对方听不到|听不到对方|听不见对方|对方没声音|没有声音的通话|通话中断|通话失败|呼叫失败|无法接通|(?:语音|视频)(?:打不通|打不出去|打不过去|打不了|拨不通|接不通|连不上|一直断)|一接(?:通)?就(?:断|掉|挂)|接通就(?:断|掉|挂)|对方(?:手机)?(?:根本|一直)?没响|等待对方接受|voice call{NEAR}(?:failed|fail|not working)

category feed 0.9 (?:timeline|feed) (?:won'?t|not|doesn'?t) (?:refresh|load|update)|(?:{FEEDOBJ}){NEAR}(?:刷不|发不|加载不|打不开|看不了|看不到|点不开|显示不|出不来|失败|不了|空白|转圈|一直加载|没反应|发布失败|评论不了|不显示|不更新|一片空白|全是空的|空空的|一条都没|什么都没有|停在|won'?t load|not loading|not updating)
category feed 0.9 (?:发不了|发不出|刷不出|看不了|看不到|加载不出|打不开|点不开)(?:的)?(?:朋友圈|空间|动态|说说|评论|热搜|首页|帖子|笔记|弹幕)|评论(?:发不|不了|失败)|点赞(?:不了|失败)|朋友圈{SHORTGAP}(?:崩|挂|没了|空了)|(?:空间|动态|热搜|评论区|首页){SHORTGAP}(?:崩|挂)了
category feed 0.85 (?:无法|没法|没办法)(?:正常)?(?:刷新|评论|点赞|发(?:布)?(?:动态|笔记|微博|说说|朋友圈|帖子))

category mail 0.9 (?:邮件|邮箱|信箱|email|e-mail|mail){NEAR}(?:收不|发不|打不开|登不|失败|延迟|退回|退信|进不去|加载不|没收到|收不到|卡住|卡着|卡在|异常|发送失败|发送中|下载不|看不|同步不|空白|显示不出|not syncing|bouncing|bounced|not (?:arriving|coming)|都没进来|是空的|一直是空的|啥都没有|什么都没有|收信|发件箱)|(?:邮件|邮箱|信箱)(?:又|也|都|直接)?(?:崩|挂|宕机|罢工|抽风|瘫痪|故障|出问题)|邮箱是不是(?:崩|挂)
category mail 0.9 收不到(?:任何)?{SHORTGAP}(?:邮件|信)|一封(?:邮件)?都(?:没|不)|(?:邮件|信)(?:又|都)?被退回来?|邮件(?:发不出|被退回|丢了|不见了)|发不了邮件|邮件发送失败|退信

category app_crash 0.9 (?:{SVC}|{APP}|{HEAD}|游戏|app|软件|客户端|应用){MIDGAP}闪退|白屏|卡死|未响应|无响应|已停止运行|(?:应用|程序|软件|app|进程|客户端)(?:又|也|突然|直接)?停止运行|自动关闭|一打开就(?:退|闪|崩|关|卡)|打开就(?:退|闪|崩|关|卡)|启动不了|启动失败|点开就(?:退|闪)|卡成ppt|卡爆了|卡到爆|卡得(?:要死|不行|动不了)|卡在(?:启动|开屏|加载)|直接崩溃|应用崩溃|软件崩溃|(?:启动|打开|一开|点开|运行){SHORTGAP}(?:就)?(?:崩溃|闪退|报错)|客户端{NEAR}崩溃|(?:{SVC}){SHORTGAP}崩溃|app crash|keeps crashing|crashes on (?:launch|start)
category app_crash 0.9 (?:{SVC}|{APP})(?:又|都|也|就|直接|一直|根本|完全)?(?:打不开|点不开|开不了|进不去了|无法打开|起不来)
category app_crash 0.9 (?:打不开|点不开|开不了|无法打开|启动不了)(?:了)?(?:{SVC}|{APP})
category login 0.9 (?:登不上|登不进|登录不上|登陆不上|登录不了|登陆不了|上不了)(?:去)?(?:{SVC}|{APP})
fallback connectivity 0.9 (?:{SVC}|{HEAD}|页面|网页|官网|网站){SHORTGAP}(?:又|也|都|一直|根本|完全)?(?:进不去|上不去|加载不出|刷不出|无法访问|访问不了|连不上|打不开网页)
fallback connectivity 0.9 (?:{APP})(?:又|也|都|一直|根本|完全)?(?:进不去|上不去|加载不出|刷不出|无法访问|访问不了|连不上)|(?:进不去|上不去|连不上|无法访问|访问不了|刷不出)(?:了)?(?:{SVC}|{APP}|官网|网站)

# Account: the author's own account (first person or direct address), not a
# ban in the news ("吴亦凡微博被封", "主播被封号").
define BANNED 被封|封号|封了|被冻结|冻结了|被限制|受限|被禁言|禁言了|被锁|锁了|违规|异常|被风控|风控了|封禁
category account 0.9 (?:我|俺|本人|自己|咱)(?:的)?{MIDGAP}(?:号|账号|帐号|账户|{SVC}|id|大号|小号){SHORTGAP}(?:又|也|都|直接|突然|莫名|莫名其妙|无缘无故|居然|竟然)*(?:{BANNED})|(?:我|俺|本人|自己)(?:又|也|都|直接|突然|居然|竟然)?(?:被封号|被封了|被冻结|被限制登录|被禁言)|(?:封|冻结|限制)(?:了)?我(?:的)(?:号|账号|帐号|{SVC})|(?:封|冻结)了我(?:的)?(?:号|账号|帐号)|莫名(?:其妙)?(?:地|的)?(?:被)?(?:封号|被封|冻结|限制)|无缘无故(?:地|的)?(?:被)?(?:封号|被封|冻结|限制)|凭什么(?:封|冻结|限制)(?:我)?(?:的)?(?:号|账号|帐号)|申诉{NEAR}(?:解封|封号|冻结|限制)|account (?:locked|banned|suspended|disabled)|(?:banned|suspended) for no reason
# Whose account: at the start of the post with no other subject ("微信号被封了，
# 说违规"), or named beside a first-person word elsewhere in the post.
define ACCT (?:{SVC}|[a-z]+)?(?:的)?(?:账号|帐号|号|账户|id)(?:又|也|都|已|已经|突然|直接|竟然|居然|莫名其妙|无缘无故|被人)*
category account 0.9 ^(?:#[^#]*#\s*)?(?:我的)?{ACCT}(?:{BANNED})|(?:把|给)我(?:的)?(?:号|账号|帐号)?(?:{BANNED}|禁言)|(?:提示|显示)[^,.!?;，。！？；\n]{0,4}(?:账号|帐号)(?:已)?(?:{BANNED})
category account 0.9 ^(?:我的)?(?:{SVC})(?:又|也|突然|直接|竟然|居然|莫名其妙|无缘无故)*被(?:封号|封了|冻结|限制登录|禁言)|(?:好多人|很多人|大家|一堆人|不少人|身边人)(?:的)?{NEAR}(?:号|账号|帐号)(?:都|也)?(?:{BANNED})
category account 0.45 (?:{SVC})(?:又|也|突然|直接|竟然|居然|莫名其妙|无缘无故)*被(?:封号|封了|冻结|限制登录|禁言)
category account 0.45 (?:{SVC}|\b[a-z]+)(?:的)?(?:账号|帐号|号|账户)(?:又|也|都|已|已经|突然|直接|竟然|居然|莫名其妙|无缘无故)*(?:{BANNED})
category account 0.2 我|俺|本人
category account 0.6 账号(?:异常|被限制|受限|被锁)|帐号(?:异常|被限制|受限)|限制登录|功能(?:被)?限制|实名{SHORTGAP}(?:失败|异常)

# The network or a server itself is down ("宽带又故障了", "服务器被攻击").
category connectivity 0.9 (?:服务器|宽带|网络|无线|wifi|信号|基站|光纤|线路|机房|校园网|(?:移动|联通|电信)(?:卡|网))[^,.!?;，。！？；\n]{0,3}(?:又|也|都|全|直接|彻底|再次|再|突然|一直|总是|老是|竟然)*(?:崩|挂了|宕机|瘫痪|炸了|罢工|抽风|出故障|出现故障|故障|出问题|出现问题|有问题|异常|被攻击|遭攻击|不稳定|断了|掉了|又慢又卡|卡死了|连不上|用不上|用不了)
# A short headline that is only "X + symptom" ("ELLE进不去", "WeGame闪退").
define HL ^#?[^\s,.!?;，。！？；#是么的]{2,8}\s?(?:又|也|都|全|突然|集体|大面积)*
fallback connectivity 0.9 {HL}(?:断网|进不去|上不去|加载不出来?|刷不出来?|无法访问|打不开网页)(?:了)?#?$
category login 0.9 {HL}(?:登不上|登不进去?|登录不进去|登陆不进去|登录不上|登陆不上|无法登录|无法登陆|登录异常|掉线)(?:了)?#?$
category app_crash 0.9 {HL}(?:闪退|打不开|白屏|黑屏|卡死|无法打开)(?:了)?#?$

# Slow or stuck, or "won't open", with no object: something is wrong, but a door
# or a tired body can be 卡住了 too; counts beside other evidence only.
category app_crash 0.45 卡顿|很卡|巨卡|好卡|卡住了|打不开了

# The author's own connection is slow or keeps dropping ("网速慢得要死", "家里wifi又断了").
category connectivity 0.9 (?:网速|网络|网路|wifi|无线|宽带|信号|流量|网)(?:又|也|都|真|太|好|很|超|巨|特别|越来越|老是|总是|一直)*(?:慢|卡|差|烂)(?:得|死|爆|了|到)|(?:wifi|无线|宽带|网络|网路|网)(?:又|也|老是|总是|一直|突然|经常|动不动|隔[^,.!?;，。！？；\n]{1,6})*(?:断了|掉了|断开|断一次|断一下|就断)|网络(?:好像|似乎|可能)?出(?:了)?(?:点|一点)?问题|无法(?:与|和|跟)服务器(?:通信|连接|建立连接)

# White or black screen: an app's, or a video's, or a fan's "黑屏" photo; needs a service beside it.
category app_crash 0.45 黑屏|死机|闪退
# The author's own line is cut ("又断网了", "竟然给我断网") or just bad ("家里网络烂透了").
category connectivity 0.9 (?:又|就|竟然|突然|居然|给我|老是|总是|经常|动不动就?)断网|断网了|断网断(?:水|电)|(?:网络|网路|网速|宽带|wifi)(?:简直|真的|太|好|很|又|也|实在)*(?:烂透了|不好|太差|很差|好差|烂)|服务器{NEAR}(?:烂|太差|垃圾|卡成)

# A stream or video that stalls ("直播卡成狗", "视频一直缓冲").
category connectivity 0.9 (?:直播|视频|画面|网页)(?:又|也|都|一直|总是|老是)?(?:卡成|卡得|卡飞|一直卡|老是卡|总是卡|缓冲)

# The author's connection is slow or gone ("该死的网速", "两天没有wifi", "从4g变到了3g").
category connectivity 0.9 网速(?:太|好|很|真|超|巨|越来越|又|实在|也太|真的|慢得)*(?:慢|差|卡|烂|渣|感人|捉急|龟速|折磨)|(?:该死|破|这)的?网速|被网速|网速{NEAR}(?:不能|还能不能|折磨|受不了)|(?:没有|没)(?:wifi|无线|网)(?:了|用|啊|呀|[,.!?，。！？]|$)|(?:wifi|无线网?)(?:又|也|都|一直|老是)?(?:断了|连不上|没了|跟我作对|都要跟我作对)|(?:4g|5g)变(?:到|成)了?(?:3g|2g)

# No connection at all, or the school's / home's line fails ("上不了网", "宿舍的网打不开").
category connectivity 0.9 上不了网|上不去网|连不上网|(?:学校|宿舍|寝室|家里|公司|单位|办公室)的?网(?:络)?{SHORTGAP}(?:打不开|上不去|进不去|连不上|太慢|好慢|很慢|又慢|卡死|断了|崩了|挂了|炸了|瘫痪|(?:真|太|好|很)?(?:烂|差))|信号{NEAR}(?:不能用|用不了|上不了网)
