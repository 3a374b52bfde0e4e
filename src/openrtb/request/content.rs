//! What the impression is shown with: `Content`, its `Producer`, `Network` and `Channel`.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::openrtb::de;
use crate::PooledSerialize;

use super::Data;
use super::{own_opt, own_vec};
use crate::openrtb::codes::{CategoryTaxonomy, ContentContext, MediaRating, ProductionQuality};

/// The content the impression is shown with (a video, an episode, a song, an article).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct Content<'a> {
    /// ID uniquely identifying the content.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<Cow<'a, str>>,
    /// Episode number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub episode: Option<i64>,
    /// Content title (for example "Search Committee" for a television episode).
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub title: Option<Cow<'a, str>>,
    /// Content series (for example "The Office").
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub series: Option<Cow<'a, str>>,
    /// Content season (e.g., “Season 3”).
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub season: Option<Cow<'a, str>>,
    /// Artist credited with the content.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub artist: Option<Cow<'a, str>>,
    /// Genre that best describes the content (e.g., rock, pop, etc).
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub genre: Option<Cow<'a, str>>,
    /// Album to which the content belongs; typically for audio.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub album: Option<Cow<'a, str>>,
    /// International Standard Recording Code conforming to ISO-3901.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub isrc: Option<Cow<'a, str>>,
    /// Details about the content Producer (Section 3.2.17).
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub producer: Option<Producer<'a>>,
    /// URL of the content, for buy-side contextualization or review.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub url: Option<Cow<'a, str>>,
    /// The taxonomy in use for `cat`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cattax: Option<CategoryTaxonomy>,
    /// Array of IAB content categories that describe the content.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub cat: Option<Vec<Cow<'a, str>>>,
    /// Production quality.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prodq: Option<ProductionQuality>,
    /// Type of content (game, video, text...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<ContentContext>,
    /// Content rating (e.g., MPAA).
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub contentrating: Option<Cow<'a, str>>,
    /// User rating of the content (e.g., number of stars, likes, etc.).
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub userrating: Option<Cow<'a, str>>,
    /// Media rating per IQG guidelines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qagmediarating: Option<MediaRating>,
    /// Comma separated list of keywords describing the content.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub keywords: Option<Cow<'a, str>>,
    /// Array of keywords about the content; only one of `keywords` or `kwarray` may be present.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub kwarray: Option<Vec<Cow<'a, str>>>,
    /// 0 = not live, 1 = content is live (e.g., stream, live blog).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub livestream: Option<i32>,
    /// 0 = indirect, 1 = direct.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sourcerelationship: Option<i32>,
    /// Length of content in seconds; appropriate for video or audio.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub len: Option<i64>,
    /// Content language using ISO-639-1-alpha-2; only one of `language` or `langb` should be
    /// present.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub language: Option<Cow<'a, str>>,
    /// Content language using IETF BCP 47; only one of `language` or `langb` should be present.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub langb: Option<Cow<'a, str>>,
    /// Indicator of whether or not the content is embeddable (e.g., an embeddable video
    /// player), where 0 = no, 1 = yes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub embeddable: Option<i32>,
    /// Additional content data.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub data: Option<Vec<Data<'a>>>,
    /// Details about the network (Section 3.2.23) the content is on.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub network: Option<Network<'a>>,
    /// Details about the channel (Section 3.2.24) the content is on.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel<'a>>,
    /// Exchange-specific extensions: any JSON, written back as read (an explicit `null`
    /// included).
    #[serde(
        default,
        deserialize_with = "de::ext",
        skip_serializing_if = "Option::is_none"
    )]
    pub ext: Option<Value>,
    /// Members that OpenRTB 2.6 does not define, kept so they round-trip. Written after
    /// the known members.
    #[serde(flatten)]
    pub unknown: Map<String, Value>,
}

impl Content<'_> {
    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> Content<'static> {
        Content {
            id: own_opt(self.id),
            episode: self.episode,
            title: own_opt(self.title),
            series: own_opt(self.series),
            season: own_opt(self.season),
            artist: own_opt(self.artist),
            genre: own_opt(self.genre),
            album: own_opt(self.album),
            isrc: own_opt(self.isrc),
            producer: self.producer.map(Producer::into_owned),
            url: own_opt(self.url),
            cattax: self.cattax,
            cat: own_vec(self.cat),
            prodq: self.prodq,
            context: self.context,
            contentrating: own_opt(self.contentrating),
            userrating: own_opt(self.userrating),
            qagmediarating: self.qagmediarating,
            keywords: own_opt(self.keywords),
            kwarray: own_vec(self.kwarray),
            livestream: self.livestream,
            sourcerelationship: self.sourcerelationship,
            len: self.len,
            language: own_opt(self.language),
            langb: own_opt(self.langb),
            embeddable: self.embeddable,
            data: self
                .data
                .map(|v| v.into_iter().map(Data::into_owned).collect()),
            network: self.network.map(Network::into_owned),
            channel: self.channel.map(Channel::into_owned),
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}

/// The producer or originator of the content, when it differs from the publisher.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct Producer<'a> {
    /// Content producer or originator ID.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<Cow<'a, str>>,
    /// Content producer or originator name (e.g., “Warner Bros”).
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<Cow<'a, str>>,
    /// The taxonomy in use for `cat`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cattax: Option<CategoryTaxonomy>,
    /// Array of IAB content categories that describe the content producer.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub cat: Option<Vec<Cow<'a, str>>>,
    /// Highest level domain of the content producer (e.g., “producer.com”).
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub domain: Option<Cow<'a, str>>,
    /// Exchange-specific extensions: any JSON, written back as read (an explicit `null`
    /// included).
    #[serde(
        default,
        deserialize_with = "de::ext",
        skip_serializing_if = "Option::is_none"
    )]
    pub ext: Option<Value>,
    /// Members that OpenRTB 2.6 does not define, kept so they round-trip. Written after
    /// the known members.
    #[serde(flatten)]
    pub unknown: Map<String, Value>,
}

impl Producer<'_> {
    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> Producer<'static> {
        Producer {
            id: own_opt(self.id),
            name: own_opt(self.name),
            cattax: self.cattax,
            cat: own_vec(self.cat),
            domain: own_opt(self.domain),
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}

/// The network (such as a TV network) the content is on.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct Network<'a> {
    /// A unique identifier assigned by the publisher.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<Cow<'a, str>>,
    /// Network the content is on (e.g., a TV network like “ABC").
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<Cow<'a, str>>,
    /// The primary domain of the network (for example `abc.com` for ABC).
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub domain: Option<Cow<'a, str>>,
    /// Exchange-specific extensions: any JSON, written back as read (an explicit `null`
    /// included).
    #[serde(
        default,
        deserialize_with = "de::ext",
        skip_serializing_if = "Option::is_none"
    )]
    pub ext: Option<Value>,
    /// Members that OpenRTB 2.6 does not define, kept so they round-trip. Written after
    /// the known members.
    #[serde(flatten)]
    pub unknown: Map<String, Value>,
}

impl Network<'_> {
    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> Network<'static> {
        Network {
            id: own_opt(self.id),
            name: own_opt(self.name),
            domain: own_opt(self.domain),
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}

/// The channel (such as a local TV station) the content is on.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct Channel<'a> {
    /// A unique identifier assigned by the publisher.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<Cow<'a, str>>,
    /// Channel the content is on (e.g., a local channel like “WABC-TV").
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<Cow<'a, str>>,
    /// The primary domain of the channel (for example `abc7ny.com` for WABC-TV).
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub domain: Option<Cow<'a, str>>,
    /// Exchange-specific extensions: any JSON, written back as read (an explicit `null`
    /// included).
    #[serde(
        default,
        deserialize_with = "de::ext",
        skip_serializing_if = "Option::is_none"
    )]
    pub ext: Option<Value>,
    /// Members that OpenRTB 2.6 does not define, kept so they round-trip. Written after
    /// the known members.
    #[serde(flatten)]
    pub unknown: Map<String, Value>,
}

impl Channel<'_> {
    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> Channel<'static> {
        Channel {
            id: own_opt(self.id),
            name: own_opt(self.name),
            domain: own_opt(self.domain),
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}
