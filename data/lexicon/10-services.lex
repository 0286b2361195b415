# service ID PATTERN: the post is about this service.
# not_service ID PATTERN: text that names the service but is something else;
#   a service match inside it does not count.
service wechat 微信|wechat|weixin|绿泡泡|\bvx\b|\bwx\b|威信|薇信|徽信|微x|v信|朋友圈|公众号|视频号|文件传输助手
not_service wechat 企业微信|微信读书|微信输入法|\b企微\b|企业vx
service qq \bqq|扣扣|企鹅号|企鹅(?:又|也)?(?:崩|挂)|腾讯qq|qq空间|qq邮箱
not_service qq qq音乐|qq浏览器|qq飞车|qq炫舞|qq阅读|qq游戏|qq看点
service alipay 支付宝|\bzfb\b|alipay|花呗|余额宝|借呗|蚂蚁森林
service weibo 微博|weibo|\bwb\b|新浪微博
service douyin 抖音|douyin|\bdy\b|tiktok|抖音极速版
service kuaishou 快手|kuaishou
service taobao 淘宝|taobao|手淘|淘宝直播
service bilibili b站|哔哩哔哩|bilibili|小破站|\bbili\b|阿b
service netease_music 网易云音乐|网易云|网抑云|云村
not_service netease_music 网易云游戏|网易云服务|网易云信
service xiaohongshu 小红书|\bxhs\b|xiaohongshu
service zhihu 知乎|zhihu
service meituan 美团|meituan
service didi 滴滴|\bdidi\b
service 12306 12306|铁路客服
service icloud icloud|苹果云
service steam steam|蒸汽平台|steam社区
