//! The device (`Device`, its `Geo` and structured user agent `UserAgent` / `BrandVersion`).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::openrtb::de;
use crate::PooledSerialize;

use super::{own_opt, own_vec};
use crate::openrtb::codes::{
    ConnectionType, DeviceType, IpLocationService, LocationType, UserAgentSource,
};

/// The device the impression will be delivered to.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct Device<'a> {
    /// Location of the device assumed to be the user’s current location defined by a Geo object
    /// (Section 3.2.19).
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub geo: Option<Geo<'a>>,
    /// Standard “Do Not Track” flag as set in the header by the browser, where 0 = tracking is
    /// unrestricted, 1 = do not track.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dnt: Option<i32>,
    /// "Limit Ad Tracking" signal (iOS, Android), where 0 = tracking is unrestricted, 1 =
    /// tracking must be limited.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lmt: Option<i32>,
    /// Browser user agent string.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub ua: Option<Cow<'a, str>>,
    /// Structured user agent information defined by a UserAgent object (see Section 3.2.29).
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub sua: Option<UserAgent<'a>>,
    /// IPv4 address closest to device.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub ip: Option<Cow<'a, str>>,
    /// IP address closest to device as IPv6.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub ipv6: Option<Cow<'a, str>>,
    /// The general type of device.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub devicetype: Option<DeviceType>,
    /// Device make (e.g., “Apple”).
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub make: Option<Cow<'a, str>>,
    /// Device model (e.g., “iPhone”).
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub model: Option<Cow<'a, str>>,
    /// Device operating system (e.g., “iOS”).
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub os: Option<Cow<'a, str>>,
    /// Device operating system version (e.g., “3.1.2”).
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub osv: Option<Cow<'a, str>>,
    /// Hardware version of the device (e.g., “5S” for iPhone 5S).
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub hwv: Option<Cow<'a, str>>,
    /// Physical height of the screen in pixels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub h: Option<i64>,
    /// Physical width of the screen in pixels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub w: Option<i64>,
    /// Screen size as pixels per linear inch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ppi: Option<i64>,
    /// The ratio of physical pixels to device independent pixels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pxratio: Option<f64>,
    /// Support for JavaScript, where 0 = no, 1 = yes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub js: Option<i32>,
    /// Indicates if the geolocation API will be available to JavaScript code running in the
    /// banner, where 0 = no, 1 = yes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geofetch: Option<i32>,
    /// Version of Flash supported by the browser.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub flashver: Option<Cow<'a, str>>,
    /// Browser language using ISO-639-1-alpha-2; only one of `language` or `langb` should be
    /// present.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub language: Option<Cow<'a, str>>,
    /// Browser language using IETF BCP 47; only one of `language` or `langb` should be present.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub langb: Option<Cow<'a, str>>,
    /// Carrier or ISP (e.g., “VERIZON”) using exchange curated string names which should be
    /// published to bidders a priori.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub carrier: Option<Cow<'a, str>>,
    /// Mobile carrier as the concatenated MCC-MNC code (e.g., "310-005" identifies Verizon
    /// Wireless CDMA in the USA).
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub mccmnc: Option<Cow<'a, str>>,
    /// Network connection type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connectiontype: Option<ConnectionType>,
    /// ID sanctioned for advertiser use in the clear (not hashed).
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub ifa: Option<Cow<'a, str>>,
    /// Hardware device ID (for example IMEI), hashed via SHA1. Deprecated in OpenRTB 2.6.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub didsha1: Option<Cow<'a, str>>,
    /// Hardware device ID (for example IMEI), hashed via MD5. Deprecated in OpenRTB 2.6.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub didmd5: Option<Cow<'a, str>>,
    /// Platform device ID (for example Android ID), hashed via SHA1. Deprecated in OpenRTB 2.6.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub dpidsha1: Option<Cow<'a, str>>,
    /// Platform device ID (for example Android ID), hashed via MD5. Deprecated in OpenRTB 2.6.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub dpidmd5: Option<Cow<'a, str>>,
    /// MAC address of the device, hashed via SHA1. Deprecated in OpenRTB 2.6.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub macsha1: Option<Cow<'a, str>>,
    /// MAC address of the device, hashed via MD5. Deprecated in OpenRTB 2.6.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub macmd5: Option<Cow<'a, str>>,
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

impl Device<'_> {
    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> Device<'static> {
        Device {
            geo: self.geo.map(Geo::into_owned),
            dnt: self.dnt,
            lmt: self.lmt,
            ua: own_opt(self.ua),
            sua: self.sua.map(UserAgent::into_owned),
            ip: own_opt(self.ip),
            ipv6: own_opt(self.ipv6),
            devicetype: self.devicetype,
            make: own_opt(self.make),
            model: own_opt(self.model),
            os: own_opt(self.os),
            osv: own_opt(self.osv),
            hwv: own_opt(self.hwv),
            h: self.h,
            w: self.w,
            ppi: self.ppi,
            pxratio: self.pxratio,
            js: self.js,
            geofetch: self.geofetch,
            flashver: own_opt(self.flashver),
            language: own_opt(self.language),
            langb: own_opt(self.langb),
            carrier: own_opt(self.carrier),
            mccmnc: own_opt(self.mccmnc),
            connectiontype: self.connectiontype,
            ifa: own_opt(self.ifa),
            didsha1: own_opt(self.didsha1),
            didmd5: own_opt(self.didmd5),
            dpidsha1: own_opt(self.dpidsha1),
            dpidmd5: own_opt(self.dpidmd5),
            macsha1: own_opt(self.macsha1),
            macmd5: own_opt(self.macmd5),
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}

/// The browser or agent, as User-Agent Client Hints describe it (structured user agent).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct UserAgent<'a> {
    /// BrandVersion objects identifying the browser or similar software component.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub browsers: Option<Vec<BrandVersion<'a>>>,
    /// A BrandVersion object that identifies the user agent's execution platform or OS.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub platform: Option<BrandVersion<'a>>,
    /// 1 if the agent prefers a "mobile" version of the content, if available.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mobile: Option<i32>,
    /// Device's major binary architecture (for example `x86` or `arm`).
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub architecture: Option<Cow<'a, str>>,
    /// Device's bitness (for example `64` for a 64-bit architecture).
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub bitness: Option<Cow<'a, str>>,
    /// Device model.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub model: Option<Cow<'a, str>>,
    /// The source of data used to create this object.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<UserAgentSource>,
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

impl UserAgent<'_> {
    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> UserAgent<'static> {
        UserAgent {
            browsers: self
                .browsers
                .map(|v| v.into_iter().map(BrandVersion::into_owned).collect()),
            platform: self.platform.map(BrandVersion::into_owned),
            mobile: self.mobile,
            architecture: own_opt(self.architecture),
            bitness: own_opt(self.bitness),
            model: own_opt(self.model),
            source: self.source,
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}

/// A browser or platform brand and its version, as User-Agent Client Hints give it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct BrandVersion<'a> {
    /// A brand identifier, for example, "Chrome" or "Windows". Required by the spec;
    /// [`BidRequest::validate`](super::BidRequest::validate) reports it missing.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub brand: Option<Cow<'a, str>>,
    /// A sequence of version components, in descending hierarchical order (major, minor,
    /// micro...).
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub version: Option<Vec<Cow<'a, str>>>,
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

impl BrandVersion<'_> {
    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> BrandVersion<'static> {
        BrandVersion {
            brand: own_opt(self.brand),
            version: own_vec(self.version),
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}

/// A location: the device's current position or the user's home base.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct Geo<'a> {
    /// Latitude from -90.0 to +90.0, where negative is south.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude from -180.0 to +180.0, where negative is west.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// Source of location data; recommended when passing `lat` and `lon`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r#type: Option<LocationType>,
    /// Estimated location accuracy in meters; recommended when `lat` and `lon` come from the
    /// device's location services.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accuracy: Option<i64>,
    /// Number of seconds since this geolocation fix was established.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lastfix: Option<i64>,
    /// Service or provider used to determine geolocation from IP address if applicable (i.e.,
    /// type = 2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ipservice: Option<IpLocationService>,
    /// Country code using ISO-3166-1-alpha-3.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub country: Option<Cow<'a, str>>,
    /// Region code using ISO-3166-2; 2-letter state code if USA.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub region: Option<Cow<'a, str>>,
    /// Region of a country using FIPS 10-4 notation.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub regionfips104: Option<Cow<'a, str>>,
    /// Google metro code; similar to but not exactly Nielsen DMAs.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub metro: Option<Cow<'a, str>>,
    /// City using United Nations Code for Trade & Transport Locations.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub city: Option<Cow<'a, str>>,
    /// Zip or postal code.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub zip: Option<Cow<'a, str>>,
    /// Local time as the number +/- of minutes from UTC.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utcoffset: Option<i64>,
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

impl Geo<'_> {
    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> Geo<'static> {
        Geo {
            lat: self.lat,
            lon: self.lon,
            r#type: self.r#type,
            accuracy: self.accuracy,
            lastfix: self.lastfix,
            ipservice: self.ipservice,
            country: own_opt(self.country),
            region: own_opt(self.region),
            regionfips104: own_opt(self.regionfips104),
            metro: own_opt(self.metro),
            city: own_opt(self.city),
            zip: own_opt(self.zip),
            utcoffset: self.utcoffset,
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}
