//! Random bid requests, every object and member of the model generated: the pooled
//! writer's bytes equal serde_json's, and the output reads back into the same model.
#![cfg(feature = "openrtb")]

use pooled_serialize::openrtb::codes::{
    AdInsertion, AgentType, ApiFramework, AuctionType, AutoRefreshTrigger, BannerAdType,
    CategoryTaxonomy, CompanionType, ConnectionType, ContentContext, CreativeAttribute,
    DeliveryMethod, DeviceType, ExpandableDirection, FeedType, IpLocationService, LinearityMode,
    LocationType, MatchMethod, MediaRating, MultiplierSourceType, PlacementPosition,
    PlaybackCessationMode, PlaybackMethod, Plcmt, PodDedupe, PodSequence, ProductionQuality,
    Protocol, SlotPositionInPod, StartDelay, UserAgentSource, VenueTaxonomy, VideoPlacement,
    VolumeNormalizationMode,
};
use pooled_serialize::openrtb::{
    App, Audio, Banner, BidRequest, BrandVersion, Channel, Content, Data, Deal, Device, Dooh,
    DurFloors, Eid, Format, Geo, Imp, Metric, Native, Network, Pmp, Producer, Publisher, Qty,
    RefSettings, Refresh, Regs, Segment, Site, Source, SupplyChain, SupplyChainNode, Uid, User,
    UserAgent, Video,
};
use pooled_serialize_test_support::strategies::{float, json_value, text, unknown};
use proptest::collection::vec;
use proptest::option::of;
use proptest::prelude::*;

fn app() -> BoxedStrategy<App<'static>> {
    (
        (
            of(text()),
            of(text()),
            of(text()),
            of(text()),
            of(text()),
            of(any::<i32>().prop_map(CategoryTaxonomy)),
            of(vec(text(), 0..3)),
            of(vec(text(), 0..3)),
        ),
        (
            of(vec(text(), 0..3)),
            of(text()),
            of(any::<i32>()),
            of(any::<i32>()),
            of(publisher()),
            of(content()),
            of(text()),
            of(vec(text(), 0..3)),
        ),
        (of(text()), of(json_value()), unknown()),
    )
        .prop_map(
            |(
                (id, name, bundle, domain, storeurl, cattax, cat, sectioncat),
                (pagecat, ver, privacypolicy, paid, publisher, content, keywords, kwarray),
                (inventorypartnerdomain, ext, unknown),
            )| App {
                id,
                name,
                bundle,
                domain,
                storeurl,
                cattax,
                cat,
                sectioncat,
                pagecat,
                ver,
                privacypolicy,
                paid,
                publisher,
                content,
                keywords,
                kwarray,
                inventorypartnerdomain,
                ext,
                unknown,
            },
        )
        .boxed()
}

fn audio() -> BoxedStrategy<Audio<'static>> {
    (
        (
            of(vec(text(), 0..3)),
            of(any::<i64>()),
            of(any::<i64>()),
            of(any::<i64>()),
            of(vec(any::<i32>().prop_map(Protocol), 0..3)),
            of(any::<i32>().prop_map(StartDelay)),
            of(vec(any::<i64>(), 0..3)),
            of(text()),
        ),
        (
            of(any::<i32>().prop_map(PodSequence)),
            of(any::<i64>()),
            of(any::<i32>().prop_map(SlotPositionInPod)),
            of(float()),
            of(vec(any::<i32>().prop_map(CreativeAttribute), 0..3)),
            of(any::<i64>()),
            of(any::<i64>()),
            of(any::<i64>()),
        ),
        (
            of(vec(any::<i32>().prop_map(DeliveryMethod), 0..3)),
            of(vec(banner(), 0..2)),
            of(vec(any::<i32>().prop_map(ApiFramework), 0..3)),
            of(vec(any::<i32>().prop_map(CompanionType), 0..3)),
            of(any::<i64>()),
            of(any::<i32>().prop_map(FeedType)),
            of(any::<i32>()),
            of(any::<i32>().prop_map(VolumeNormalizationMode)),
        ),
        (of(vec(dur_floors(), 0..2)), of(json_value()), unknown()),
    )
        .prop_map(
            |(
                (mimes, minduration, maxduration, poddur, protocols, startdelay, rqddurs, podid),
                (
                    podseq,
                    sequence,
                    slotinpod,
                    mincpmpersec,
                    battr,
                    maxextended,
                    minbitrate,
                    maxbitrate,
                ),
                (delivery, companionad, api, companiontype, maxseq, feed, stitched, nvol),
                (durfloors, ext, unknown),
            )| Audio {
                mimes,
                minduration,
                maxduration,
                poddur,
                protocols,
                startdelay,
                rqddurs,
                podid,
                podseq,
                sequence,
                slotinpod,
                mincpmpersec,
                battr,
                maxextended,
                minbitrate,
                maxbitrate,
                delivery,
                companionad,
                api,
                companiontype,
                maxseq,
                feed,
                stitched,
                nvol,
                durfloors,
                ext,
                unknown,
            },
        )
        .boxed()
}

fn banner() -> BoxedStrategy<Banner<'static>> {
    (
        (
            of(vec(format(), 0..2)),
            of(any::<i64>()),
            of(any::<i64>()),
            of(vec(any::<i32>().prop_map(BannerAdType), 0..3)),
            of(vec(any::<i32>().prop_map(CreativeAttribute), 0..3)),
            of(any::<i32>().prop_map(PlacementPosition)),
            of(vec(text(), 0..3)),
            of(any::<i32>()),
        ),
        (
            of(vec(any::<i32>().prop_map(ExpandableDirection), 0..3)),
            of(vec(any::<i32>().prop_map(ApiFramework), 0..3)),
            of(text()),
            of(any::<i32>()),
            of(json_value()),
            unknown(),
        ),
    )
        .prop_map(
            |(
                (format, w, h, btype, battr, pos, mimes, topframe),
                (expdir, api, id, vcm, ext, unknown),
            )| Banner {
                format,
                w,
                h,
                btype,
                battr,
                pos,
                mimes,
                topframe,
                expdir,
                api,
                id,
                vcm,
                ext,
                unknown,
            },
        )
        .boxed()
}

fn bid_request() -> BoxedStrategy<BidRequest<'static>> {
    (
        (
            text(),
            vec(imp(), 1..3),
            of(site()),
            of(app()),
            of(dooh()),
            of(device()),
            of(user()),
            of(any::<i32>()),
        ),
        (
            of(any::<i32>().prop_map(AuctionType)),
            of(any::<i64>()),
            of(vec(text(), 0..3)),
            of(vec(text(), 0..3)),
            of(any::<i32>()),
            of(vec(text(), 0..3)),
            of(vec(text(), 0..3)),
            of(vec(text(), 0..3)),
        ),
        (
            of(vec(text(), 0..3)),
            of(vec(text(), 0..3)),
            of(any::<i32>().prop_map(CategoryTaxonomy)),
            of(vec(text(), 0..3)),
            of(vec(text(), 0..3)),
            of(source()),
            of(regs()),
            of(json_value()),
        ),
        (unknown(),),
    )
        .prop_map(
            |(
                (id, imp, site, app, dooh, device, user, test),
                (at, tmax, wseat, bseat, allimps, cur, wlang, wlangb),
                (acat, bcat, cattax, badv, bapp, source, regs, ext),
                (unknown,),
            )| BidRequest {
                id,
                imp,
                site,
                app,
                dooh,
                device,
                user,
                test,
                at,
                tmax,
                wseat,
                bseat,
                allimps,
                cur,
                wlang,
                wlangb,
                acat,
                bcat,
                cattax,
                badv,
                bapp,
                source,
                regs,
                ext,
                unknown,
            },
        )
        .boxed()
}

fn brand_version() -> BoxedStrategy<BrandVersion<'static>> {
    ((
        of(text()),
        of(vec(text(), 0..3)),
        of(json_value()),
        unknown(),
    ),)
        .prop_map(|((brand, version, ext, unknown),)| BrandVersion {
            brand,
            version,
            ext,
            unknown,
        })
        .boxed()
}

fn channel() -> BoxedStrategy<Channel<'static>> {
    ((
        of(text()),
        of(text()),
        of(text()),
        of(json_value()),
        unknown(),
    ),)
        .prop_map(|((id, name, domain, ext, unknown),)| Channel {
            id,
            name,
            domain,
            ext,
            unknown,
        })
        .boxed()
}

fn content() -> BoxedStrategy<Content<'static>> {
    (
        (
            of(text()),
            of(any::<i64>()),
            of(text()),
            of(text()),
            of(text()),
            of(text()),
            of(text()),
            of(text()),
        ),
        (
            of(text()),
            of(producer()),
            of(text()),
            of(any::<i32>().prop_map(CategoryTaxonomy)),
            of(vec(text(), 0..3)),
            of(any::<i32>().prop_map(ProductionQuality)),
            of(any::<i32>().prop_map(ContentContext)),
            of(text()),
        ),
        (
            of(text()),
            of(any::<i32>().prop_map(MediaRating)),
            of(text()),
            of(vec(text(), 0..3)),
            of(any::<i32>()),
            of(any::<i32>()),
            of(any::<i64>()),
            of(text()),
        ),
        (
            of(text()),
            of(any::<i32>()),
            of(vec(data(), 0..2)),
            of(network()),
            of(channel()),
            of(json_value()),
            unknown(),
        ),
    )
        .prop_map(
            |(
                (id, episode, title, series, season, artist, genre, album),
                (isrc, producer, url, cattax, cat, prodq, context, contentrating),
                (
                    userrating,
                    qagmediarating,
                    keywords,
                    kwarray,
                    livestream,
                    sourcerelationship,
                    len,
                    language,
                ),
                (langb, embeddable, data, network, channel, ext, unknown),
            )| Content {
                id,
                episode,
                title,
                series,
                season,
                artist,
                genre,
                album,
                isrc,
                producer,
                url,
                cattax,
                cat,
                prodq,
                context,
                contentrating,
                userrating,
                qagmediarating,
                keywords,
                kwarray,
                livestream,
                sourcerelationship,
                len,
                language,
                langb,
                embeddable,
                data,
                network,
                channel,
                ext,
                unknown,
            },
        )
        .boxed()
}

fn data() -> BoxedStrategy<Data<'static>> {
    ((
        of(text()),
        of(text()),
        of(vec(segment(), 0..2)),
        of(json_value()),
        unknown(),
    ),)
        .prop_map(|((id, name, segment, ext, unknown),)| Data {
            id,
            name,
            segment,
            ext,
            unknown,
        })
        .boxed()
}

fn deal() -> BoxedStrategy<Deal<'static>> {
    (
        (
            of(text()),
            of(float()),
            of(text()),
            of(any::<i32>().prop_map(AuctionType)),
            of(vec(text(), 0..3)),
            of(vec(text(), 0..3)),
            of(any::<i32>()),
            of(float()),
        ),
        (of(vec(dur_floors(), 0..2)), of(json_value()), unknown()),
    )
        .prop_map(
            |(
                (id, bidfloor, bidfloorcur, at, wseat, wadomain, guar, mincpmpersec),
                (durfloors, ext, unknown),
            )| Deal {
                id,
                bidfloor,
                bidfloorcur,
                at,
                wseat,
                wadomain,
                guar,
                mincpmpersec,
                durfloors,
                ext,
                unknown,
            },
        )
        .boxed()
}

fn device() -> BoxedStrategy<Device<'static>> {
    (
        (
            of(geo()),
            of(any::<i32>()),
            of(any::<i32>()),
            of(text()),
            of(user_agent()),
            of(text()),
            of(text()),
            of(any::<i32>().prop_map(DeviceType)),
        ),
        (
            of(text()),
            of(text()),
            of(text()),
            of(text()),
            of(text()),
            of(any::<i64>()),
            of(any::<i64>()),
            of(any::<i64>()),
        ),
        (
            of(float()),
            of(any::<i32>()),
            of(any::<i32>()),
            of(text()),
            of(text()),
            of(text()),
            of(text()),
            of(text()),
        ),
        (
            of(any::<i32>().prop_map(ConnectionType)),
            of(text()),
            of(text()),
            of(text()),
            of(text()),
            of(text()),
            of(text()),
            of(text()),
        ),
        (of(json_value()), unknown()),
    )
        .prop_map(
            |(
                (geo, dnt, lmt, ua, sua, ip, ipv6, devicetype),
                (make, model, os, osv, hwv, h, w, ppi),
                (pxratio, js, geofetch, flashver, language, langb, carrier, mccmnc),
                (connectiontype, ifa, didsha1, didmd5, dpidsha1, dpidmd5, macsha1, macmd5),
                (ext, unknown),
            )| Device {
                geo,
                dnt,
                lmt,
                ua,
                sua,
                ip,
                ipv6,
                devicetype,
                make,
                model,
                os,
                osv,
                hwv,
                h,
                w,
                ppi,
                pxratio,
                js,
                geofetch,
                flashver,
                language,
                langb,
                carrier,
                mccmnc,
                connectiontype,
                ifa,
                didsha1,
                didmd5,
                dpidsha1,
                dpidmd5,
                macsha1,
                macmd5,
                ext,
                unknown,
            },
        )
        .boxed()
}

fn dooh() -> BoxedStrategy<Dooh<'static>> {
    (
        (
            of(text()),
            of(text()),
            of(vec(text(), 0..3)),
            of(any::<i32>().prop_map(VenueTaxonomy)),
            of(publisher()),
            of(text()),
            of(text()),
            of(content()),
        ),
        (of(json_value()), unknown()),
    )
        .prop_map(
            |(
                (id, name, venuetype, venuetypetax, publisher, domain, keywords, content),
                (ext, unknown),
            )| Dooh {
                id,
                name,
                venuetype,
                venuetypetax,
                publisher,
                domain,
                keywords,
                content,
                ext,
                unknown,
            },
        )
        .boxed()
}

fn dur_floors() -> BoxedStrategy<DurFloors> {
    ((
        of(any::<i64>()),
        of(any::<i64>()),
        of(float()),
        of(json_value()),
        unknown(),
    ),)
        .prop_map(|((mindur, maxdur, bidfloor, ext, unknown),)| DurFloors {
            mindur,
            maxdur,
            bidfloor,
            ext,
            unknown,
        })
        .boxed()
}

fn eid() -> BoxedStrategy<Eid<'static>> {
    ((
        of(text()),
        of(text()),
        of(any::<i32>().prop_map(MatchMethod)),
        of(text()),
        of(vec(uid(), 0..2)),
        of(json_value()),
        unknown(),
    ),)
        .prop_map(
            |((inserter, matcher, mm, source, uids, ext, unknown),)| Eid {
                inserter,
                matcher,
                mm,
                source,
                uids,
                ext,
                unknown,
            },
        )
        .boxed()
}

fn format() -> BoxedStrategy<Format> {
    ((
        of(any::<i64>()),
        of(any::<i64>()),
        of(any::<i64>()),
        of(any::<i64>()),
        of(any::<i64>()),
        of(json_value()),
        unknown(),
    ),)
        .prop_map(|((w, h, wratio, hratio, wmin, ext, unknown),)| Format {
            w,
            h,
            wratio,
            hratio,
            wmin,
            ext,
            unknown,
        })
        .boxed()
}

fn geo() -> BoxedStrategy<Geo<'static>> {
    (
        (
            of(float()),
            of(float()),
            of(any::<i32>().prop_map(LocationType)),
            of(any::<i64>()),
            of(any::<i64>()),
            of(any::<i32>().prop_map(IpLocationService)),
            of(text()),
            of(text()),
        ),
        (
            of(text()),
            of(text()),
            of(text()),
            of(text()),
            of(any::<i64>()),
            of(json_value()),
            unknown(),
        ),
    )
        .prop_map(
            |(
                (lat, lon, r#type, accuracy, lastfix, ipservice, country, region),
                (regionfips104, metro, city, zip, utcoffset, ext, unknown),
            )| Geo {
                lat,
                lon,
                r#type,
                accuracy,
                lastfix,
                ipservice,
                country,
                region,
                regionfips104,
                metro,
                city,
                zip,
                utcoffset,
                ext,
                unknown,
            },
        )
        .boxed()
}

fn imp() -> BoxedStrategy<Imp<'static>> {
    (
        (
            text(),
            of(vec(metric(), 0..2)),
            of(banner()),
            of(video()),
            of(audio()),
            of(native()),
            of(pmp()),
            of(text()),
        ),
        (
            of(text()),
            of(any::<i32>()),
            of(text()),
            of(float()),
            of(text()),
            of(any::<i32>()),
            of(any::<i32>()),
            of(vec(text(), 0..3)),
        ),
        (
            of(any::<i32>()),
            of(any::<i32>().prop_map(AdInsertion)),
            of(any::<i64>()),
            of(qty()),
            of(float()),
            of(refresh()),
            of(json_value()),
            unknown(),
        ),
    )
        .prop_map(
            |(
                (id, metric, banner, video, audio, native, pmp, displaymanager),
                (
                    displaymanagerver,
                    instl,
                    tagid,
                    bidfloor,
                    bidfloorcur,
                    clickbrowser,
                    secure,
                    iframebuster,
                ),
                (rwdd, ssai, exp, qty, dt, refresh, ext, unknown),
            )| Imp {
                id,
                metric,
                banner,
                video,
                audio,
                native,
                pmp,
                displaymanager,
                displaymanagerver,
                instl,
                tagid,
                bidfloor,
                bidfloorcur,
                clickbrowser,
                secure,
                iframebuster,
                rwdd,
                ssai,
                exp,
                qty,
                dt,
                refresh,
                ext,
                unknown,
            },
        )
        .boxed()
}

fn metric() -> BoxedStrategy<Metric<'static>> {
    ((
        of(text()),
        of(float()),
        of(text()),
        of(json_value()),
        unknown(),
    ),)
        .prop_map(|((r#type, value, vendor, ext, unknown),)| Metric {
            r#type,
            value,
            vendor,
            ext,
            unknown,
        })
        .boxed()
}

fn native() -> BoxedStrategy<Native<'static>> {
    ((
        of(text()),
        of(text()),
        of(vec(any::<i32>().prop_map(ApiFramework), 0..3)),
        of(vec(any::<i32>().prop_map(CreativeAttribute), 0..3)),
        of(json_value()),
        unknown(),
    ),)
        .prop_map(|((request, ver, api, battr, ext, unknown),)| Native {
            request,
            ver,
            api,
            battr,
            ext,
            unknown,
        })
        .boxed()
}

fn network() -> BoxedStrategy<Network<'static>> {
    ((
        of(text()),
        of(text()),
        of(text()),
        of(json_value()),
        unknown(),
    ),)
        .prop_map(|((id, name, domain, ext, unknown),)| Network {
            id,
            name,
            domain,
            ext,
            unknown,
        })
        .boxed()
}

fn pmp() -> BoxedStrategy<Pmp<'static>> {
    ((
        of(any::<i32>()),
        of(vec(deal(), 0..2)),
        of(json_value()),
        unknown(),
    ),)
        .prop_map(|((private_auction, deals, ext, unknown),)| Pmp {
            private_auction,
            deals,
            ext,
            unknown,
        })
        .boxed()
}

fn producer() -> BoxedStrategy<Producer<'static>> {
    ((
        of(text()),
        of(text()),
        of(any::<i32>().prop_map(CategoryTaxonomy)),
        of(vec(text(), 0..3)),
        of(text()),
        of(json_value()),
        unknown(),
    ),)
        .prop_map(
            |((id, name, cattax, cat, domain, ext, unknown),)| Producer {
                id,
                name,
                cattax,
                cat,
                domain,
                ext,
                unknown,
            },
        )
        .boxed()
}

fn publisher() -> BoxedStrategy<Publisher<'static>> {
    ((
        of(text()),
        of(text()),
        of(any::<i32>().prop_map(CategoryTaxonomy)),
        of(vec(text(), 0..3)),
        of(text()),
        of(json_value()),
        unknown(),
    ),)
        .prop_map(
            |((id, name, cattax, cat, domain, ext, unknown),)| Publisher {
                id,
                name,
                cattax,
                cat,
                domain,
                ext,
                unknown,
            },
        )
        .boxed()
}

fn qty() -> BoxedStrategy<Qty<'static>> {
    ((
        of(float()),
        of(any::<i32>().prop_map(MultiplierSourceType)),
        of(text()),
        of(json_value()),
        unknown(),
    ),)
        .prop_map(|((multiplier, sourcetype, vendor, ext, unknown),)| Qty {
            multiplier,
            sourcetype,
            vendor,
            ext,
            unknown,
        })
        .boxed()
}

fn ref_settings() -> BoxedStrategy<RefSettings> {
    ((
        of(any::<i32>().prop_map(AutoRefreshTrigger)),
        of(any::<i64>()),
        of(json_value()),
        unknown(),
    ),)
        .prop_map(|((reftype, minint, ext, unknown),)| RefSettings {
            reftype,
            minint,
            ext,
            unknown,
        })
        .boxed()
}

fn refresh() -> BoxedStrategy<Refresh> {
    ((
        of(vec(ref_settings(), 0..2)),
        of(any::<i64>()),
        of(json_value()),
        unknown(),
    ),)
        .prop_map(|((refsettings, count, ext, unknown),)| Refresh {
            refsettings,
            count,
            ext,
            unknown,
        })
        .boxed()
}

fn regs() -> BoxedStrategy<Regs<'static>> {
    ((
        of(any::<i32>()),
        of(any::<i32>()),
        of(text()),
        of(text()),
        of(vec(any::<i32>(), 0..3)),
        of(json_value()),
        unknown(),
    ),)
        .prop_map(
            |((coppa, gdpr, us_privacy, gpp, gpp_sid, ext, unknown),)| Regs {
                coppa,
                gdpr,
                us_privacy,
                gpp,
                gpp_sid,
                ext,
                unknown,
            },
        )
        .boxed()
}

fn segment() -> BoxedStrategy<Segment<'static>> {
    ((
        of(text()),
        of(text()),
        of(text()),
        of(json_value()),
        unknown(),
    ),)
        .prop_map(|((id, name, value, ext, unknown),)| Segment {
            id,
            name,
            value,
            ext,
            unknown,
        })
        .boxed()
}

fn site() -> BoxedStrategy<Site<'static>> {
    (
        (
            of(text()),
            of(text()),
            of(text()),
            of(any::<i32>().prop_map(CategoryTaxonomy)),
            of(vec(text(), 0..3)),
            of(vec(text(), 0..3)),
            of(vec(text(), 0..3)),
            of(text()),
        ),
        (
            of(text()),
            of(text()),
            of(any::<i32>()),
            of(any::<i32>()),
            of(publisher()),
            of(content()),
            of(text()),
            of(vec(text(), 0..3)),
        ),
        (of(text()), of(json_value()), unknown()),
    )
        .prop_map(
            |(
                (id, name, domain, cattax, cat, sectioncat, pagecat, page),
                (r#ref, search, mobile, privacypolicy, publisher, content, keywords, kwarray),
                (inventorypartnerdomain, ext, unknown),
            )| Site {
                id,
                name,
                domain,
                cattax,
                cat,
                sectioncat,
                pagecat,
                page,
                r#ref,
                search,
                mobile,
                privacypolicy,
                publisher,
                content,
                keywords,
                kwarray,
                inventorypartnerdomain,
                ext,
                unknown,
            },
        )
        .boxed()
}

fn source() -> BoxedStrategy<Source<'static>> {
    ((
        of(any::<i32>()),
        of(text()),
        of(text()),
        of(supply_chain()),
        of(json_value()),
        unknown(),
    ),)
        .prop_map(|((fd, tid, pchain, schain, ext, unknown),)| Source {
            fd,
            tid,
            pchain,
            schain,
            ext,
            unknown,
        })
        .boxed()
}

fn supply_chain() -> BoxedStrategy<SupplyChain<'static>> {
    ((
        of(any::<i32>()),
        of(vec(supply_chain_node(), 0..2)),
        of(text()),
        of(json_value()),
        unknown(),
    ),)
        .prop_map(|((complete, nodes, ver, ext, unknown),)| SupplyChain {
            complete,
            nodes,
            ver,
            ext,
            unknown,
        })
        .boxed()
}

fn supply_chain_node() -> BoxedStrategy<SupplyChainNode<'static>> {
    ((
        of(text()),
        of(text()),
        of(text()),
        of(text()),
        of(text()),
        of(any::<i32>()),
        of(json_value()),
        unknown(),
    ),)
        .prop_map(
            |((asi, sid, rid, name, domain, hp, ext, unknown),)| SupplyChainNode {
                asi,
                sid,
                rid,
                name,
                domain,
                hp,
                ext,
                unknown,
            },
        )
        .boxed()
}

fn uid() -> BoxedStrategy<Uid<'static>> {
    ((
        of(text()),
        of(any::<i32>().prop_map(AgentType)),
        of(json_value()),
        unknown(),
    ),)
        .prop_map(|((id, atype, ext, unknown),)| Uid {
            id,
            atype,
            ext,
            unknown,
        })
        .boxed()
}

fn user() -> BoxedStrategy<User<'static>> {
    (
        (
            of(text()),
            of(text()),
            of(any::<i64>()),
            of(text()),
            of(text()),
            of(vec(text(), 0..3)),
            of(text()),
            of(geo()),
        ),
        (
            of(vec(data(), 0..2)),
            of(text()),
            of(vec(eid(), 0..2)),
            of(json_value()),
            unknown(),
        ),
    )
        .prop_map(
            |(
                (id, buyeruid, yob, gender, keywords, kwarray, customdata, geo),
                (data, consent, eids, ext, unknown),
            )| User {
                id,
                buyeruid,
                yob,
                gender,
                keywords,
                kwarray,
                customdata,
                geo,
                data,
                consent,
                eids,
                ext,
                unknown,
            },
        )
        .boxed()
}

fn user_agent() -> BoxedStrategy<UserAgent<'static>> {
    (
        (
            of(vec(brand_version(), 0..2)),
            of(brand_version()),
            of(any::<i32>()),
            of(text()),
            of(text()),
            of(text()),
            of(any::<i32>().prop_map(UserAgentSource)),
            of(json_value()),
        ),
        (unknown(),),
    )
        .prop_map(
            |(
                (browsers, platform, mobile, architecture, bitness, model, source, ext),
                (unknown,),
            )| UserAgent {
                browsers,
                platform,
                mobile,
                architecture,
                bitness,
                model,
                source,
                ext,
                unknown,
            },
        )
        .boxed()
}

fn video() -> BoxedStrategy<Video<'static>> {
    (
        (
            of(vec(text(), 0..3)),
            of(any::<i64>()),
            of(any::<i64>()),
            of(any::<i32>().prop_map(StartDelay)),
            of(any::<i64>()),
            of(any::<i64>()),
            of(vec(any::<i32>().prop_map(Protocol), 0..3)),
            of(any::<i64>()),
        ),
        (
            of(any::<i64>()),
            of(text()),
            of(any::<i32>().prop_map(PodSequence)),
            of(vec(any::<i64>(), 0..3)),
            of(any::<i32>().prop_map(VideoPlacement)),
            of(any::<i32>().prop_map(Plcmt)),
            of(any::<i32>().prop_map(LinearityMode)),
            of(any::<i32>()),
        ),
        (
            of(any::<i64>()),
            of(any::<i64>()),
            of(any::<i32>()),
            of(any::<i32>().prop_map(SlotPositionInPod)),
            of(float()),
            of(vec(any::<i32>().prop_map(CreativeAttribute), 0..3)),
            of(any::<i64>()),
            of(any::<i64>()),
        ),
        (
            of(any::<i64>()),
            of(any::<i32>()),
            of(vec(any::<i32>().prop_map(PlaybackMethod), 0..3)),
            of(any::<i32>().prop_map(PlaybackCessationMode)),
            of(vec(any::<i32>().prop_map(DeliveryMethod), 0..3)),
            of(any::<i32>().prop_map(PlacementPosition)),
            of(vec(banner(), 0..2)),
            of(vec(any::<i32>().prop_map(ApiFramework), 0..3)),
        ),
        (
            of(vec(any::<i32>().prop_map(CompanionType), 0..3)),
            of(vec(any::<i32>().prop_map(PodDedupe), 0..3)),
            of(vec(dur_floors(), 0..2)),
            of(json_value()),
            unknown(),
        ),
    )
        .prop_map(
            |(
                (mimes, minduration, maxduration, startdelay, maxseq, poddur, protocols, w),
                (h, podid, podseq, rqddurs, placement, plcmt, linearity, skip),
                (
                    skipmin,
                    skipafter,
                    sequence,
                    slotinpod,
                    mincpmpersec,
                    battr,
                    maxextended,
                    minbitrate,
                ),
                (
                    maxbitrate,
                    boxingallowed,
                    playbackmethod,
                    playbackend,
                    delivery,
                    pos,
                    companionad,
                    api,
                ),
                (companiontype, poddedupe, durfloors, ext, unknown),
            )| Video {
                mimes,
                minduration,
                maxduration,
                startdelay,
                maxseq,
                poddur,
                protocols,
                w,
                h,
                podid,
                podseq,
                rqddurs,
                placement,
                plcmt,
                linearity,
                skip,
                skipmin,
                skipafter,
                sequence,
                slotinpod,
                mincpmpersec,
                battr,
                maxextended,
                minbitrate,
                maxbitrate,
                boxingallowed,
                playbackmethod,
                playbackend,
                delivery,
                pos,
                companionad,
                api,
                companiontype,
                poddedupe,
                durfloors,
                ext,
                unknown,
            },
        )
        .boxed()
}
proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn pooled_writes_serde_json_bytes_and_reads_back(req in bid_request()) {
        let serde = serde_json::to_string(&req).unwrap();
        let pooled = pooled_serialize::to_pooled_json(&req).unwrap();
        prop_assert_eq!(pooled.as_str(), serde.as_str());
        // Exact for every finite float: the `openrtb` feature turns on serde_json's
        // `float_roundtrip`.
        let back = BidRequest::from_json(&serde).unwrap();
        prop_assert_eq!(&back, &req);
        prop_assert_eq!(back.into_owned(), req);
    }
}
