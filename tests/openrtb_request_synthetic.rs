//! Requests of shapes the corpus lacks: non-ASCII text, `\u003c`-style, control and
//! surrogate-pair escapes, compact layout, the 2.6 members no corpus request carries
//! (`mincpmpersec`, `durfloors`, `poddedupe`, `deal.guar`, `dooh.venuetype`), off-list
//! codes, absent versus empty, a native request that is not a string, and the borrowing of
//! strings from the input.
#![cfg(feature = "openrtb")]

use std::borrow::Cow;

use pooled_serialize::openrtb::codes::{
    AuctionType, DeviceType, PodDedupe, StartDelay, VenueTaxonomy,
};
use pooled_serialize::openrtb::{
    Audio, BidRequest, Deal, Device, Dooh, DurFloors, Imp, Pmp, Site, ValidationErrorKind, Video,
};
use pooled_serialize_test_support::openrtb::same_meaning;
use serde_json::{json, Value};

/// Reads `text` into the model, writes it with serde_json and the pooled writer, and checks
/// that the two agree, that the output means what the input meant, and that it reads back
/// into the same model.
fn round_trip(text: &str) -> BidRequest<'_> {
    let input: Value = serde_json::from_str(text).expect("test input is JSON");
    let req = BidRequest::from_json(text).expect("reads into the model");
    let out = serde_json::to_string(&req).unwrap();
    assert_eq!(
        pooled_serialize::to_pooled_json(&req).unwrap().as_str(),
        out,
        "pooled vs serde_json"
    );
    let output: Value = serde_json::from_str(&out).expect("serde_json writes valid JSON");
    if let Err(e) = same_meaning(&input, &output) {
        panic!("{e}\ninput:  {text}\noutput: {out}");
    }
    assert_eq!(BidRequest::from_json(&out).unwrap(), req);
    req
}

/// Writes a model built in code and checks it against an independently written
/// `serde_json::json!` document.
fn assert_writes(req: &BidRequest<'_>, expected: Value) {
    let serde = serde_json::to_vec(req).unwrap();
    let pooled = pooled_serialize::to_pooled_json(req).unwrap();
    assert_eq!(&*pooled, &serde[..], "pooled vs serde_json");
    let out: Value = serde_json::from_slice(&serde).unwrap();
    if let Err(e) = same_meaning(&expected, &out) {
        panic!("{e}\nexpected: {expected}\noutput:   {out}");
    }
}

const ARABIC: &str = "\u{627}\u{634}\u{62a}\u{631}\u{650} \u{627}\u{644}\u{622}\u{646}";
const CJK: &str = "\u{7acb}\u{5373}\u{8d2d}\u{4e70} \u{2014} \u{4eca}\u{3059}\u{3050}";
const EMOJI: &str = "\u{1f389}\u{1f44d}\u{1f3fd}\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";

#[test]
fn non_ascii_text_round_trips() {
    let title = format!("{ARABIC} | {CJK} | {EMOJI} caf\u{e9} e\u{301} \u{2028}\u{2029}\u{feff}");
    let text = json!({
        "id": "r-\u{4e2d}",
        "imp": [{"id": "1", "tagid": EMOJI, "banner": {"w": 300, "h": 250}}],
        "site": {
            "name": ARABIC,
            "page": "https://例え.jp/ページ?q=\u{e9}",
            "keywords": CJK,
            "content": {"title": title, "language": "ar", "series": "Ω"}
        },
        "user": {"keywords": "\u{444}\u{443}\u{442}\u{431}\u{43e}\u{43b}", "data": [{"segment": [{"name": "日本語"}]}]}
    })
    .to_string();
    let req = round_trip(&text);
    let site = req.site.as_ref().unwrap();
    assert_eq!(site.name.as_deref(), Some(ARABIC));
    assert_eq!(
        site.content.as_ref().unwrap().title.as_deref(),
        Some(&*title)
    );
    assert_eq!(req.imp[0].tagid.as_deref(), Some(EMOJI));
    // Raw UTF-8 holds no escape: borrowed from the input.
    assert!(matches!(site.name, Some(Cow::Borrowed(_))));
}

#[test]
fn markup_control_and_surrogate_escapes_round_trip() {
    let text = r#"{"id":"r1","imp":[{"id":"1","native":{"request":"{\"native\":{\"ver\":\"1.2\",\"assets\":[{\"id\":1,\"title\":{\"len\":90}}]},\"html\":\"\u003cdiv class=\\\u0022a\\\u0022\u003e\u0026amp;\u003c/div\u003e\"}","ver":"1.2"}}],"site":{"page":"https:\/\/pub.example\/a?b=1\u0026c=2","name":"tab\there\nnew line \u0000 nul \u001f unit \u007f del \\ backslash","keywords":"\ud83d\ude00 grin, \u00e9t\u00e9"}}"#;
    let req = round_trip(text);
    let native = req.imp[0].native.as_ref().unwrap();
    let request = native.request.as_deref().unwrap();
    assert!(request.contains(r#""html":"<div class=\"a\">&amp;</div>""#));
    let inner: Value = serde_json::from_str(request).expect("the native request is JSON");
    assert_eq!(inner["html"], r#"<div class="a">&amp;</div>"#);
    let site = req.site.as_ref().unwrap();
    assert_eq!(site.page.as_deref(), Some("https://pub.example/a?b=1&c=2"));
    assert_eq!(
        site.name.as_deref(),
        Some("tab\there\nnew line \u{0} nul \u{1f} unit \u{7f} del \\ backslash")
    );
    assert_eq!(
        site.keywords.as_deref(),
        Some("\u{1f600} grin, \u{e9}t\u{e9}")
    );
    // An escaped string has to be unescaped into an owned copy; a plain one is borrowed.
    assert!(matches!(site.page, Some(Cow::Owned(_))));
    assert!(matches!(native.ver, Some(Cow::Borrowed(_))));
    assert!(matches!(req.id, Cow::Borrowed(_)));
    // The written escapes are serde_json's: control characters as `\u00XX` or short forms,
    // `<` and `/` unescaped.
    let out = serde_json::to_string(&req).unwrap();
    assert!(out.contains(r#"\u0000 nul \u001f unit"#));
    assert!(out.contains(r#""page":"https://pub.example/a?b=1&c=2""#));
}

#[test]
fn compact_input_in_the_models_order_comes_back_byte_for_byte() {
    // One line, keys in the spec's order, numbers as serde_json writes them: nothing for the
    // round trip to change.
    let text = r#"{"id":"c1","imp":[{"id":"1","video":{"mimes":["video/mp4"],"minduration":5,"maxduration":30,"startdelay":-1,"protocols":[2,3,7],"w":640,"h":360,"plcmt":1},"bidfloor":1.25,"bidfloorcur":"EUR","secure":1}],"site":{"id":"s","domain":"pub.example","page":"https://pub.example/"},"device":{"ua":"UA","ip":"192.0.2.1","devicetype":2,"h":1080,"w":1920},"at":1,"tmax":120,"cur":["EUR"],"bcat":[],"regs":{"gdpr":1,"gpp_sid":[2,6]},"ext":{"k":[1,2.5,null]}}"#;
    let req = round_trip(text);
    assert_eq!(serde_json::to_string(&req).unwrap(), text);
    assert_eq!(pooled_serialize::to_string(&req).unwrap(), text);
    assert_eq!(req.at, Some(AuctionType::FIRST_PRICE));
    let video = req.imp[0].video.as_ref().unwrap();
    assert_eq!(video.startdelay, Some(StartDelay::MID_ROLL));
    assert_eq!(
        req.device.as_ref().unwrap().devicetype,
        Some(DeviceType::PC)
    );
    // Absent and empty stay apart.
    assert_eq!(req.bcat, Some(vec![]));
    assert_eq!(req.badv, None);
}

#[test]
fn pod_and_floor_members_no_corpus_request_carries() {
    let text = r#"{
        "id": "pods",
        "imp": [{
            "id": "1",
            "video": {
                "mimes": ["video/mp4"], "poddur": 120, "maxseq": 4, "podid": "pod-1",
                "mincpmpersec": 0.35, "poddedupe": [1, 3, 4, 9],
                "durfloors": [{"mindur": 1, "maxdur": 15, "bidfloor": 5}, {"mindur": 16, "bidfloor": 7.5, "ext": {"v": 1}}]
            },
            "audio": {"mimes": ["audio/mp4"], "mincpmpersec": 0.1, "durfloors": [{"maxdur": 30, "bidfloor": 2.25}]},
            "pmp": {"private_auction": 1, "deals": [
                {"id": "pg-1", "bidfloor": 12, "at": 3, "guar": 1, "mincpmpersec": 0.5,
                 "durfloors": [{"mindur": 1, "maxdur": 30, "bidfloor": 10.0}]},
                {"id": "d-2", "guar": 0}
            ]}
        }],
        "dooh": {"id": "screen-9", "venuetype": ["transit.airports", "retail.malls"], "venuetypetax": 1, "name": "Gate 12"}
    }"#;
    let req = round_trip(text);
    let imp = &req.imp[0];
    let video = imp.video.as_ref().unwrap();
    assert_eq!(video.mincpmpersec, Some(0.35));
    assert_eq!(
        video.poddedupe,
        Some(vec![
            PodDedupe::ADOMAIN,
            PodDedupe::CREATIVE_ID,
            PodDedupe::MEDIAFILE_URL,
            PodDedupe(9)
        ])
    );
    let floors = video.durfloors.as_ref().unwrap();
    assert_eq!(floors[0].bidfloor, Some(5.0));
    assert_eq!(floors[1].maxdur, None);
    let audio = imp.audio.as_ref().unwrap();
    assert_eq!(audio.durfloors.as_ref().unwrap()[0].maxdur, Some(30));
    let deals = imp.pmp.as_ref().unwrap().deals.as_ref().unwrap();
    assert_eq!(deals[0].guar, Some(1));
    assert_eq!(deals[0].at, Some(AuctionType::DEAL_PRICE));
    assert_eq!(deals[0].mincpmpersec, Some(0.5));
    assert_eq!(deals[1].guar, Some(0));
    let dooh = req.dooh.as_ref().unwrap();
    assert_eq!(dooh.venuetype.as_ref().unwrap()[1], "retail.malls");
    assert_eq!(dooh.venuetypetax, Some(VenueTaxonomy::OPENOOH_1_0));
    assert_eq!(req.validate(), Ok(()));
}

#[test]
fn the_same_members_built_in_code_write_the_specs_json() {
    let req = BidRequest {
        dooh: Some(Dooh {
            venuetype: Some(vec!["transit.airports".into()]),
            venuetypetax: Some(VenueTaxonomy::OPENOOH_1_1),
            ..Dooh::default()
        }),
        device: Some(Device {
            devicetype: Some(DeviceType::OOH),
            ..Device::default()
        }),
        ..BidRequest::new(
            "b1",
            vec![Imp {
                video: Some(Video {
                    mimes: Some(vec!["video/mp4".into()]),
                    mincpmpersec: Some(0.25),
                    poddedupe: Some(vec![PodDedupe::IAB_CATEGORY]),
                    durfloors: Some(vec![DurFloors {
                        mindur: Some(1),
                        maxdur: Some(15),
                        bidfloor: Some(3.5),
                        ..DurFloors::default()
                    }]),
                    ..Video::default()
                }),
                audio: Some(Audio {
                    mimes: Some(vec!["audio/mpeg".into()]),
                    ..Audio::default()
                }),
                pmp: Some(Pmp {
                    deals: Some(vec![Deal {
                        id: Some("pg".into()),
                        guar: Some(1),
                        mincpmpersec: Some(0.75),
                        ..Deal::default()
                    }]),
                    ..Pmp::default()
                }),
                ..Imp::new("1")
            }],
        )
    };
    req.validate().unwrap();
    assert_writes(
        &req,
        json!({
            "id": "b1",
            "imp": [{
                "id": "1",
                "video": {"mimes": ["video/mp4"], "mincpmpersec": 0.25, "poddedupe": [2],
                          "durfloors": [{"mindur": 1, "maxdur": 15, "bidfloor": 3.5}]},
                "audio": {"mimes": ["audio/mpeg"]},
                "pmp": {"deals": [{"id": "pg", "guar": 1, "mincpmpersec": 0.75}]}
            }],
            "dooh": {"venuetype": ["transit.airports"], "venuetypetax": 5},
            "device": {"devicetype": 8}
        }),
    );
}

#[test]
fn off_list_codes_unknown_members_and_explicit_null_ext_round_trip() {
    let text = r#"{"id":"u","imp":[{"id":"1","banner":{"btype":[0,99],"pos":512,"api":[1,600],"x_b":{"n":null}},"x_imp":true,"ext":null}],
        "device":{"devicetype":99,"connectiontype":-3,"geo":{"type":7,"ipservice":500,"x_geo":[1,"a"]},"sua":{"source":42,"browsers":[{"brand":"X","version":["1","2"]}]}},
        "user":{"eids":[{"source":"id.example","mm":77,"uids":[{"id":"abc","atype":500,"x_u":1}]}]},
        "regs":{"x_reg":{"a":{"b":[]}}},"x_top":1.5e300}"#;
    let req = round_trip(text);
    assert_eq!(req.imp[0].ext, Some(Value::Null));
    assert_eq!(req.imp[0].unknown["x_imp"], true);
    let device = req.device.as_ref().unwrap();
    assert_eq!(device.devicetype, Some(DeviceType(99)));
    assert_eq!(device.devicetype.unwrap().name(), None);
    assert_eq!(req.unknown["x_top"], 1.5e300);
}

#[test]
fn a_native_request_that_is_not_a_string_is_kept_and_reported() {
    let text = r#"{"id":"n","imp":[{"id":"1","native":{"request":{"ver":"1","assets":[{"id":1}]},"ver":"1.1"}},{"id":"2","native":{"request":null}},{"id":"3","native":{"ver":"1.2"}}]}"#;
    let req = round_trip(text);
    let native = req.imp[0].native.as_ref().unwrap();
    assert_eq!(native.request, None);
    assert_eq!(
        native.unknown["request"],
        json!({"ver": "1", "assets": [{"id": 1}]})
    );
    assert_eq!(
        req.imp[1].native.as_ref().unwrap().unknown["request"],
        Value::Null
    );
    let errors = req.validation_errors();
    let found: Vec<_> = errors.iter().map(|e| (e.path(), e.kind())).collect();
    assert_eq!(
        found,
        [
            ("imp[0].native.request", ValidationErrorKind::NotAString),
            ("imp[1].native.request", ValidationErrorKind::NotAString),
            ("imp[2].native.request", ValidationErrorKind::MissingMember),
        ]
    );
}

#[test]
fn many_impressions_and_deep_nesting_round_trip() {
    let imps: Vec<Value> = (0..40)
        .map(|i| {
            json!({"id": i.to_string(), "banner": {"format": [{"w": 300, "h": 250}, {"w": 728, "h": 90}]},
                   "bidfloor": f64::from(i) * 0.125, "metric": [{"type": "viewability", "value": 0.5, "vendor": "ven"}]})
        })
        .collect();
    let content = json!({"id": "c", "producer": {"id": "p", "cat": ["IAB1"]}, "network": {"name": "N"},
                         "channel": {"name": "C"}, "data": [{"id": "d", "segment": [{"id": "s", "value": "v"}]}]});
    let text =
        json!({"id": "deep", "imp": imps, "app": {"bundle": "com.example", "content": content,
                      "publisher": {"id": "pub"}}})
        .to_string();
    let req = round_trip(&text);
    assert_eq!(req.imp.len(), 40);
    let content = req.app.as_ref().unwrap().content.as_ref().unwrap();
    assert_eq!(content.channel.as_ref().unwrap().name.as_deref(), Some("C"));
    // An owned copy outlives the text it was read from.
    let expected = req.into_owned();
    let owned: BidRequest<'static> = BidRequest::from_json(&text).unwrap().into_owned();
    drop(text);
    assert_eq!(owned, expected);
}

#[test]
fn a_site_built_in_code_borrows_its_strings() {
    let page = String::from("https://news.example/story");
    let site = Site {
        page: Some(page.as_str().into()),
        ..Site::default()
    };
    assert!(matches!(site.page, Some(Cow::Borrowed(p)) if std::ptr::eq(p, page.as_str())));
}
