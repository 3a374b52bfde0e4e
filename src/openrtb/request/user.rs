//! The user (`User`), the data known about them (`Data`, `Segment`) and their extended ids
//! (`Eid`, `Uid`).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::openrtb::de;
use crate::PooledSerialize;

use super::Geo;
use super::{own_opt, own_vec};
use crate::openrtb::codes::{AgentType, MatchMethod};

/// The human user of the device, the advertising audience.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct User<'a> {
    /// Exchange-specific ID for the user.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<Cow<'a, str>>,
    /// Buyer-specific ID for the user as mapped by the exchange for the buyer.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub buyeruid: Option<Cow<'a, str>>,
    /// Year of birth as a 4-digit integer. Deprecated in OpenRTB 2.6.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub yob: Option<i64>,
    /// Gender, where “M” = male, “F” = female, “O” = known to be other (i.e., omitted is
    /// unknown). Deprecated in OpenRTB 2.6.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub gender: Option<Cow<'a, str>>,
    /// Comma separated list of keywords, interests, or intent.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub keywords: Option<Cow<'a, str>>,
    /// Array of keywords, interests or intent; only one of `keywords` or `kwarray` may be
    /// present.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub kwarray: Option<Vec<Cow<'a, str>>>,
    /// Bidder data set in the exchange's cookie, passed back.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub customdata: Option<Cow<'a, str>>,
    /// Location of the user’s home base defined by a Geo object (Section 3.2.19).
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub geo: Option<Geo<'a>>,
    /// Additional user data.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub data: Option<Vec<Data<'a>>>,
    /// When GDPR is in effect, the Transparency and Consent Framework's consent string.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub consent: Option<Cow<'a, str>>,
    /// Identifiers from multiple third-party identity providers.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub eids: Option<Vec<Eid<'a>>>,
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

impl User<'_> {
    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> User<'static> {
        User {
            id: own_opt(self.id),
            buyeruid: own_opt(self.buyeruid),
            yob: self.yob,
            gender: own_opt(self.gender),
            keywords: own_opt(self.keywords),
            kwarray: own_vec(self.kwarray),
            customdata: own_opt(self.customdata),
            geo: self.geo.map(Geo::into_owned),
            data: self
                .data
                .map(|v| v.into_iter().map(Data::into_owned).collect()),
            consent: own_opt(self.consent),
            eids: self
                .eids
                .map(|v| v.into_iter().map(Eid::into_owned).collect()),
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}

/// Data about the user or the content from one data provider.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct Data<'a> {
    /// Exchange-specific ID for the data provider.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<Cow<'a, str>>,
    /// Exchange-specific name for the data provider.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<Cow<'a, str>>,
    /// Array of Segment (Section 3.2.22) objects that contain the actual data values.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub segment: Option<Vec<Segment<'a>>>,
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

impl Data<'_> {
    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> Data<'static> {
        Data {
            id: own_opt(self.id),
            name: own_opt(self.name),
            segment: self
                .segment
                .map(|v| v.into_iter().map(Segment::into_owned).collect()),
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}

/// One data segment of a data provider: a key, a name and a value.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct Segment<'a> {
    /// ID of the data segment specific to the data provider.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<Cow<'a, str>>,
    /// Name of the data segment specific to the data provider.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<Cow<'a, str>>,
    /// String representation of the data segment value.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub value: Option<Cow<'a, str>>,
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

impl Segment<'_> {
    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> Segment<'static> {
        Segment {
            id: own_opt(self.id),
            name: own_opt(self.name),
            value: own_opt(self.value),
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}

/// Extended identifiers of the user from one source (an identity provider).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct Eid<'a> {
    /// The canonical domain name of the entity that caused the ID array element to be added.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub inserter: Option<Cow<'a, str>>,
    /// Technology providing the match method as defined in mm.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub matcher: Option<Cow<'a, str>>,
    /// Match method used by the matcher.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mm: Option<MatchMethod>,
    /// Canonical domain of the ID.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub source: Option<Cow<'a, str>>,
    /// Array of extended ID UID objects from the given source.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub uids: Option<Vec<Uid<'a>>>,
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

impl Eid<'_> {
    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> Eid<'static> {
        Eid {
            inserter: own_opt(self.inserter),
            matcher: own_opt(self.matcher),
            mm: self.mm,
            source: own_opt(self.source),
            uids: self
                .uids
                .map(|v| v.into_iter().map(Uid::into_owned).collect()),
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}

/// One extended identifier of the user, from an [`Eid`]'s source.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct Uid<'a> {
    /// The identifier for the user.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<Cow<'a, str>>,
    /// Type of user agent the ID is from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub atype: Option<AgentType>,
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

impl Uid<'_> {
    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> Uid<'static> {
        Uid {
            id: own_opt(self.id),
            atype: self.atype,
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}
