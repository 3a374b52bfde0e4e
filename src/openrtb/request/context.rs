//! Where the impression is: a `Site`, an `App` or a DOOH screen (`Dooh`), and its `Publisher`.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::openrtb::de;
use crate::PooledSerialize;

use super::Content;
use super::{own_opt, own_vec};
use crate::openrtb::codes::{CategoryTaxonomy, VenueTaxonomy};

/// The website the impression is on (when it is not an app or a DOOH screen).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct Site<'a> {
    /// Exchange-specific site ID.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<Cow<'a, str>>,
    /// Site name (may be aliased at the publisher’s request).
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<Cow<'a, str>>,
    /// Domain of the site (e.g., “mysite.foo.com”).
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub domain: Option<Cow<'a, str>>,
    /// The taxonomy in use for `cat`, `sectioncat` and `pagecat`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cattax: Option<CategoryTaxonomy>,
    /// Array of IABTL content categories of the site.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub cat: Option<Vec<Cow<'a, str>>>,
    /// Array of IABTL content categories that describe the current section of the site.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub sectioncat: Option<Vec<Cow<'a, str>>>,
    /// Array of IABTL content categories that describe the current page or view of the site.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub pagecat: Option<Vec<Cow<'a, str>>>,
    /// URL of the page where the impression will be shown.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub page: Option<Cow<'a, str>>,
    /// Referrer URL that caused navigation to the current page
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub r#ref: Option<Cow<'a, str>>,
    /// Search string that caused navigation to the current page.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub search: Option<Cow<'a, str>>,
    /// Indicates if the site has been programmed to optimize layout when viewed on mobile
    /// devices, where 0 = no, 1 = yes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mobile: Option<i32>,
    /// Indicates if the site has a privacy policy, where 0 = no, 1 = yes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub privacypolicy: Option<i32>,
    /// Details about the Publisher (Section 3.2.15) of the site.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Publisher<'a>>,
    /// Details about the Content (Section 3.2.16) within the site.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub content: Option<Content<'a>>,
    /// Comma separated list of keywords about the site.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub keywords: Option<Cow<'a, str>>,
    /// Array of keywords about the site; only one of `keywords` or `kwarray` may be present.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub kwarray: Option<Vec<Cow<'a, str>>>,
    /// A domain to be used for inventory authorization in the case of inventory sharing
    /// arrangements between a site owner and content owner.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub inventorypartnerdomain: Option<Cow<'a, str>>,
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

impl Site<'_> {
    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> Site<'static> {
        Site {
            id: own_opt(self.id),
            name: own_opt(self.name),
            domain: own_opt(self.domain),
            cattax: self.cattax,
            cat: own_vec(self.cat),
            sectioncat: own_vec(self.sectioncat),
            pagecat: own_vec(self.pagecat),
            page: own_opt(self.page),
            r#ref: own_opt(self.r#ref),
            search: own_opt(self.search),
            mobile: self.mobile,
            privacypolicy: self.privacypolicy,
            publisher: self.publisher.map(Publisher::into_owned),
            content: self.content.map(Content::into_owned),
            keywords: own_opt(self.keywords),
            kwarray: own_vec(self.kwarray),
            inventorypartnerdomain: own_opt(self.inventorypartnerdomain),
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}

/// The non-browser application the impression is in.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct App<'a> {
    /// Exchange-specific app ID.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<Cow<'a, str>>,
    /// App name (may be aliased at the publisher’s request).
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<Cow<'a, str>>,
    /// The store ID of the app in an app store.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub bundle: Option<Cow<'a, str>>,
    /// Domain of the app (e.g., “mygame.foo.com”).
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub domain: Option<Cow<'a, str>>,
    /// App store URL for an installed app; for IQG 2.1 compliance.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub storeurl: Option<Cow<'a, str>>,
    /// The taxonomy in use for `cat`, `sectioncat` and `pagecat`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cattax: Option<CategoryTaxonomy>,
    /// Array of IAB content categories of the app.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub cat: Option<Vec<Cow<'a, str>>>,
    /// Array of IAB content categories that describe the current section of the app.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub sectioncat: Option<Vec<Cow<'a, str>>>,
    /// Array of IAB content categories that describe the current page or view of the app.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub pagecat: Option<Vec<Cow<'a, str>>>,
    /// Application version.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub ver: Option<Cow<'a, str>>,
    /// Indicates if the app has a privacy policy, where 0 = no, 1 = yes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub privacypolicy: Option<i32>,
    /// 0 = app is free, 1 = the app is a paid version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paid: Option<i32>,
    /// Details about the Publisher (Section 3.2.15) of the app.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Publisher<'a>>,
    /// Details about the Content within the app.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub content: Option<Content<'a>>,
    /// Comma separated list of keywords about the app.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub keywords: Option<Cow<'a, str>>,
    /// Array of keywords about the app; only one of `keywords` or `kwarray` may be present.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub kwarray: Option<Vec<Cow<'a, str>>>,
    /// A domain to be used for inventory authorization in the case of inventory sharing
    /// arrangements between an app owner and content owner.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub inventorypartnerdomain: Option<Cow<'a, str>>,
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

impl App<'_> {
    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> App<'static> {
        App {
            id: own_opt(self.id),
            name: own_opt(self.name),
            bundle: own_opt(self.bundle),
            domain: own_opt(self.domain),
            storeurl: own_opt(self.storeurl),
            cattax: self.cattax,
            cat: own_vec(self.cat),
            sectioncat: own_vec(self.sectioncat),
            pagecat: own_vec(self.pagecat),
            ver: own_opt(self.ver),
            privacypolicy: self.privacypolicy,
            paid: self.paid,
            publisher: self.publisher.map(Publisher::into_owned),
            content: self.content.map(Content::into_owned),
            keywords: own_opt(self.keywords),
            kwarray: own_vec(self.kwarray),
            inventorypartnerdomain: own_opt(self.inventorypartnerdomain),
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}

/// The digital out-of-home screen the impression is on.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct Dooh<'a> {
    /// Exchange provided id for a placement or logical grouping of placements.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<Cow<'a, str>>,
    /// Name of the DOOH placement.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<Cow<'a, str>>,
    /// The type of out-of-home venue, from the taxonomy named by `venuetypetax`.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub venuetype: Option<Vec<Cow<'a, str>>>,
    /// The venue taxonomy in use; the spec's default is OpenOOH Venue Taxonomy 1.0.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub venuetypetax: Option<VenueTaxonomy>,
    /// Details about the publisher of the placement.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Publisher<'a>>,
    /// Domain of the inventory owner (for example `mysite.foo.com`).
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub domain: Option<Cow<'a, str>>,
    /// Comma separated list of keywords about the DOOH placement.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub keywords: Option<Cow<'a, str>>,
    /// Details about the Content within the DOOH placement.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub content: Option<Content<'a>>,
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

impl Dooh<'_> {
    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> Dooh<'static> {
        Dooh {
            id: own_opt(self.id),
            name: own_opt(self.name),
            venuetype: own_vec(self.venuetype),
            venuetypetax: self.venuetypetax,
            publisher: self.publisher.map(Publisher::into_owned),
            domain: own_opt(self.domain),
            keywords: own_opt(self.keywords),
            content: self.content.map(Content::into_owned),
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}

/// The publisher of the site, app or DOOH placement.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct Publisher<'a> {
    /// Exchange-specific publisher ID.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<Cow<'a, str>>,
    /// Publisher name (may be aliased at the publisher’s request).
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
    /// Array of IAB content categories that describe the publisher.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub cat: Option<Vec<Cow<'a, str>>>,
    /// Highest level domain of the publisher (e.g., “publisher.com”).
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

impl Publisher<'_> {
    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> Publisher<'static> {
        Publisher {
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
