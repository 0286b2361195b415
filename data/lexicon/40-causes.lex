# cause ID PATTERN: what the author blames, when stated (an extra field,
# not a category).
cause user_network 是我(?:的)?网|我(?:的)?网(?:络)?(?:不好|有问题|差|卡)|切(?:了|换)?(?:成)?(?:4g|5g|wifi|流量|数据)|\bwifi\b|\b[45]g\b|信号|校园网|网不好|路由器|断网|流量(?:也|都)?(?:不行|试了)
cause server_overload 服务器(?:崩|炸|挂|扛不住|过载|繁忙|压力|爆)|人太多|太多人|访问量|挤爆|并发|ddos|机房|宕机|流量太大|顶不住|(?:服务器|系统|线路)(?:在)?维护|维护中|(?:网络|服务器|黑客|ddos)[^,.!?;，。！？；\n]{0,4}攻击|(?:服务器|网站|系统|平台)(?:被|遭|遭到|遭受)[^,.!?;，。！？；\n]{0,4}攻击
cause account_restricted 封号|被封|冻结|被限制|违规|解封|风控|限制登录|青少年模式|设备(?:太多|上限)
cause security_software 杀毒|安全软件|防火墙|\bvpn\b|梯子|加速器|代理|翻墙|管家拦截|被拦截
# The author's own phone or app: an old version, no storage left, a permission not granted.
cause device 版本(?:太|过)?(?:旧|低|老)|(?:旧|老)版本|(?:提示|强制|需要)(?:我)?更新(?:版本|到最新)?|(?:内存|存储|空间|储存)(?:空间)?(?:不足|不够|满了|已满)|清(?:理)?(?:了)?缓存|没(?:有)?(?:开|给)?(?:权限|授权)|权限(?:被)?(?:关|拒绝|没开)
