//! Realistic OpenRTB 2.6 bid requests the load generator rotates through.
//!
//! Shapes seen from real exchanges: web and in-app banners with several sizes, CTV and
//! mobile video, native in a feed, multi-impression pages, and the members a bidder
//! does not read (`regs`, `source`, `ext`...) that it must skip. About a third of them
//! are no-bids by design (a floor too high, a size nobody has, a currency this bidder
//! does not price in, a `tmax` too short), as in real traffic.

/// `(name, template)`: `{ID}` is replaced by a per-request auction id.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "banner-site-desktop",
        r#"{"id":"{ID}","imp":[{"id":"1","banner":{"w":300,"h":250,"pos":1,"format":[{"w":300,"h":250}]},"bidfloor":0.5,"bidfloorcur":"USD","tagid":"sidebar-top","secure":1}],"site":{"id":"site-1021","domain":"news.example","page":"https://news.example/world/2025/elections?ref=home","cat":["IAB12"],"publisher":{"id":"pub-88","name":"Example News"}},"device":{"ua":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36","ip":"203.0.113.7","devicetype":2,"os":"Windows","language":"en","geo":{"country":"USA","region":"CA","city":"San Francisco","type":2}},"user":{"id":"u-5f1c9e","buyeruid":"dsp-77ab01"},"at":1,"tmax":120,"cur":["USD"],"bcat":["IAB25","IAB26"],"regs":{"coppa":0,"ext":{"gdpr":0,"us_privacy":"1YNN"}},"source":{"fd":1,"tid":"tx-{ID}","schain":{"complete":1,"ver":"1.0","nodes":[{"asi":"exchange.example","sid":"pub-88","hp":1}]}},"ext":{"prebid":{"channel":{"name":"web"}}}}"#,
    ),
    (
        "banner-site-mobile-formats",
        r#"{"id":"{ID}","imp":[{"id":"top","banner":{"format":[{"w":320,"h":50},{"w":300,"h":250}],"pos":1},"bidfloor":0.4,"bidfloorcur":"EUR"}],"site":{"domain":"recipes.example","page":"https://recipes.example/pasta/carbonara","publisher":{"id":"pub-12"}},"device":{"ua":"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1","devicetype":4,"os":"iOS","geo":{"country":"FRA"}},"user":{"id":"u-aa01"},"tmax":200,"cur":["EUR","USD"],"regs":{"ext":{"gdpr":1}},"user_ext_unused":{"consent":"CPXxRfAPXxRfAAfKABENB-CgAAAAAAAAAAYgAAAAAAAA"}}"#,
    ),
    (
        "leaderboard-multi-imp",
        r#"{"id":"{ID}","imp":[{"id":"lb","banner":{"w":728,"h":90},"bidfloor":0.3},{"id":"mpu","banner":{"w":300,"h":250},"bidfloor":0.3},{"id":"bb","banner":{"format":[{"w":970,"h":250},{"w":970,"h":90}]},"bidfloor":1.0},{"id":"sky","banner":{"w":300,"h":600},"bidfloor":0.9}],"site":{"id":"s-9","domain":"sports.example","page":"https://sports.example/live/final","cat":["IAB17"]},"device":{"devicetype":2,"geo":{"country":"GBR"}},"user":{"buyeruid":"dsp-u-31"},"tmax":150}"#,
    ),
    (
        "video-ctv-app",
        r#"{"id":"{ID}","imp":[{"id":"pod-1","video":{"mimes":["video/mp4","application/x-mpegURL"],"minduration":5,"maxduration":30,"protocols":[2,3,7],"w":1920,"h":1080,"startdelay":0,"placement":1,"plcmt":1,"linearity":1},"bidfloor":8.0,"bidfloorcur":"USD"}],"app":{"id":"app-ctv-1","bundle":"com.example.streaming","name":"Example TV","publisher":{"id":"pub-tv"}},"device":{"ua":"Roku/DVP-12.5 (12.5.0.4182)","devicetype":3,"os":"Roku","ifa":"3f2a6b0e-5c1d-4e7a-9b8c-0d1e2f3a4b5c","geo":{"country":"USA","zip":"10001"}},"user":{"buyeruid":"dsp-ctv-9"},"tmax":500,"cur":["USD"]}"#,
    ),
    (
        "video-mobile-outstream",
        r#"{"id":"{ID}","imp":[{"id":"v1","video":{"mimes":["video/webm","video/mp4"],"maxduration":20,"protocols":[2,3],"w":640,"h":360},"bidfloor":4.0}],"site":{"domain":"blog.example","page":"https://blog.example/post/42"},"device":{"devicetype":1,"os":"Android","geo":{"country":"DEU"}},"tmax":300}"#,
    ),
    (
        "native-feed-app",
        r#"{"id":"{ID}","imp":[{"id":"feed-3","native":{"request":"{\"ver\":\"1.2\",\"context\":2,\"plcmttype\":1,\"assets\":[{\"id\":1,\"required\":1,\"title\":{\"len\":90}},{\"id\":2,\"required\":1,\"img\":{\"type\":3,\"wmin\":600,\"hmin\":314}},{\"id\":4,\"data\":{\"type\":2,\"len\":140}}]}","ver":"1.2"},"bidfloor":1.2}],"app":{"bundle":"1234567890","name":"Example Social","publisher":{"id":"pub-soc"}},"device":{"devicetype":4,"os":"iOS","geo":{"country":"CAN"}},"user":{"id":"soc-77","buyeruid":"dsp-n-4"},"tmax":100}"#,
    ),
    (
        "mixed-page",
        r#"{"id":"{ID}","imp":[{"id":"a","banner":{"w":300,"h":250},"bidfloor":0.2},{"id":"b","native":{"request":"{\"ver\":\"1.2\",\"assets\":[{\"id\":1,\"title\":{\"len\":50}}]}"},"bidfloor":0.5},{"id":"c","video":{"mimes":["video/mp4"],"minduration":15,"maxduration":60},"bidfloor":3.0}],"site":{"domain":"magazine.example","page":"https://magazine.example/travel/italy"},"device":{"devicetype":5,"geo":{"country":"AUS"}},"user":{"buyeruid":"x"},"tmax":250,"cur":["USD"]}"#,
    ),
    (
        "no-bid-high-floor",
        r#"{"id":"{ID}","imp":[{"id":"1","banner":{"w":300,"h":250},"bidfloor":25.0}],"site":{"domain":"premium.example"},"device":{"devicetype":2,"geo":{"country":"USA"}},"tmax":120}"#,
    ),
    (
        "no-bid-unknown-size",
        r#"{"id":"{ID}","imp":[{"id":"1","banner":{"w":160,"h":600}},{"id":"2","banner":{"w":468,"h":60}}],"site":{"domain":"forum.example"},"device":{"devicetype":2,"geo":{"country":"BRA"}},"tmax":120}"#,
    ),
    (
        "no-bid-currency",
        r#"{"id":"{ID}","imp":[{"id":"1","banner":{"w":300,"h":250},"bidfloor":50,"bidfloorcur":"JPY"}],"site":{"domain":"news.example.jp"},"device":{"geo":{"country":"JPN"}},"cur":["JPY"],"tmax":100}"#,
    ),
    (
        "no-bid-blocked",
        r#"{"id":"{ID}","imp":[{"id":"1","banner":{"w":728,"h":90}}],"site":{"domain":"kids.example"},"device":{"devicetype":2,"geo":{"country":"USA"}},"bcat":["IAB18","IAB8"],"badv":["shoes.example"],"tmax":120}"#,
    ),
    (
        "banner-app-tablet",
        r#"{"id":"{ID}","imp":[{"id":"int","banner":{"format":[{"w":300,"h":600},{"w":300,"h":250}]},"bidfloor":1.1,"bidfloorcur":"GBP"}],"app":{"bundle":"com.example.puzzle","name":"Puzzle Fun"},"device":{"devicetype":5,"os":"Android","geo":{"country":"GBR"}},"user":{"buyeruid":"dsp-t-1"},"tmax":180,"test":0}"#,
    ),
];

/// `count` request bodies, cycling through [`TEMPLATES`] with distinct auction ids.
pub fn bodies(count: usize) -> Vec<(&'static str, String)> {
    (0..count)
        .map(|n| {
            let (name, template) = TEMPLATES[n % TEMPLATES.len()];
            (name, template.replace("{ID}", &format!("auc-{n:06}")))
        })
        .collect()
}
