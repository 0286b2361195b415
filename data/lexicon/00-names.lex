# Names shared by the other files (files are read in name order, so
# definitions here can be used everywhere). Text is matched after
# normalization: lower case, Simplified, full-width folded to ASCII.
define SVC 微信|wechat|微信支付|花呗|余额宝|借呗|蚂蚁森林|手机qq|tim|绿泡泡|weixin|\bvx\b|\bwx\b|威信|薇信|\bqq|扣扣|支付宝|\bzfb\b|alipay|微博|weibo|抖音|douyin|快手|淘宝|taobao|手淘|b站|哔哩哔哩|bilibili|小破站|网易云|网抑云|小红书|知乎|美团|滴滴|12306|icloud|steam|app|软件|客户端|应用
# A clause: up to a few characters without a sentence break.
define GAP [^,.!?;，。！？；\n]*
# A symptom's object and its failure verb: a few characters apart at most.
define NEAR [^,.!?;，。！？；\n]{0,8}
define MIDGAP [^,.!?;，。！？；\n]{0,4}
define SHORTGAP [^,.!?;，。！？；\n]?[^,.!?;，。！？；\n]?
