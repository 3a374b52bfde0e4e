//! Integer code lists used by the bid request and response.
//!
//! Every list in OpenRTB 2.6 and AdCOM 1.0 is open: exchanges and vendors add their own
//! values (by convention 500 and up), and real traffic carries values that are on no list
//! at all (`"nbr": 123`). So each code is a newtype over an integer rather than a Rust
//! `enum`: it holds *any* integer, serializes as the bare number, and the named constants
//! cover the values the specification defines. An unknown code reads and writes back
//! unchanged.
//!
//! ```
//! use pooled_serialize::openrtb::NoBidReason;
//!
//! assert_eq!(NoBidReason::TECHNICAL_ERROR, NoBidReason(1));
//! assert_eq!(NoBidReason(1).name(), Some("TECHNICAL_ERROR"));
//! assert_eq!(NoBidReason(123).name(), None);
//! assert!(NoBidReason(512).is_vendor_specific());
//! ```

use core::fmt;

macro_rules! code_list {
    (
        $(#[$meta:meta])*
        $name:ident($repr:ty) {
            $( $(#[$cmeta:meta])* $konst:ident = $value:expr, )*
        }
    ) => {
        $(#[$meta])*
        ///
        /// The inner integer is public: any value is accepted and kept, including values
        /// on no list. [`name`](Self::name) returns the constant's name for listed values.
        #[derive(
            Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash,
            serde::Serialize, serde::Deserialize, crate::PooledSerialize,
        )]
        #[serde(transparent)]
        #[pooled(crate)]
        #[repr(transparent)]
        pub struct $name(pub $repr);

        impl $name {
            $( $(#[$cmeta])* pub const $konst: Self = Self($value); )*

            /// Every value this list names, in the specification's order.
            pub const KNOWN: &'static [Self] = &[$(Self::$konst),*];

            /// The name of the constant for this value, or `None` for a value the
            /// specification does not list (vendor-specific or unknown).
            pub const fn name(self) -> Option<&'static str> {
                match self.0 {
                    $( v if v == $value => Some(stringify!($konst)), )*
                    _ => None,
                }
            }

            /// Whether the value is one the specification lists.
            pub const fn is_known(self) -> bool {
                self.name().is_some()
            }

            /// Whether the value is in the range reserved for exchange- or
            /// vendor-specific codes (500 and above).
            pub const fn is_vendor_specific(self) -> bool {
                self.0 >= 500
            }

            /// The raw integer.
            pub const fn get(self) -> $repr {
                self.0
            }
        }

        impl From<$repr> for $name {
            fn from(value: $repr) -> Self {
                Self(value)
            }
        }

        impl From<$name> for $repr {
            fn from(value: $name) -> Self {
                value.0
            }
        }

        impl fmt::Display for $name {
            /// Writes the constant's name if the value is listed, and the number
            /// in either case: `TECHNICAL_ERROR (1)`, `123`.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self.name() {
                    Some(name) => write!(f, "{} ({})", name, self.0),
                    None => write!(f, "{}", self.0),
                }
            }
        }
    };
}

mod request;

pub use request::{
    AdInsertion, AgentType, AuctionType, AutoRefreshTrigger, BannerAdType, CompanionType,
    ConnectionType, ContentContext, DeliveryMethod, DeviceType, ExpandableDirection, FeedType,
    IpLocationService, LinearityMode, LocationType, MatchMethod, MultiplierSourceType,
    PlacementPosition, PlaybackCessationMode, PlaybackMethod, Plcmt, PodDedupe, PodSequence,
    ProductionQuality, StartDelay, UserAgentSource, VenueTaxonomy, VideoPlacement,
    VolumeNormalizationMode,
};

code_list! {
    /// Why a bidder did not bid (`BidResponse.nbr`; OpenRTB 2.6 list "No-Bid Reason Codes").
    NoBidReason(i32) {
        /// The bidder does not know or will not say.
        UNKNOWN_ERROR = 0,
        /// Something failed on the bidder's side.
        TECHNICAL_ERROR = 1,
        /// The request was malformed or missing something the bidder needs.
        INVALID_REQUEST = 2,
        /// The user agent is a known crawler.
        KNOWN_WEB_SPIDER = 3,
        /// The traffic looks automated.
        SUSPECTED_NON_HUMAN_TRAFFIC = 4,
        /// The request came from a cloud, data-center or proxy address.
        CLOUD_DATA_CENTER_OR_PROXY_IP = 5,
        /// The device is not one the bidder serves.
        UNSUPPORTED_DEVICE = 6,
        /// The publisher or site is blocked by the bidder.
        BLOCKED_PUBLISHER_OR_SITE = 7,
        /// The user could not be matched to the bidder's own id.
        UNMATCHED_USER = 8,
        /// The user has reached the bidder's daily cap.
        DAILY_USER_CAP_MET = 9,
        /// The domain has reached the bidder's daily cap.
        DAILY_DOMAIN_CAP_MET = 10,
        /// The seller's ads.txt authorization could not be checked.
        ADS_TXT_AUTHORIZATION_UNAVAILABLE = 11,
        /// The seller is not authorized by ads.txt.
        ADS_TXT_AUTHORIZATION_VIOLATION = 12,
        /// The ads.cert signature could not be checked.
        ADS_CERT_AUTHENTICATION_UNAVAILABLE = 13,
        /// The ads.cert signature did not verify.
        ADS_CERT_AUTHENTICATION_VIOLATION = 14,
        /// The auction left the bidder too little time.
        INSUFFICIENT_AUCTION_TIME = 15,
        /// The supply chain object was incomplete.
        INCOMPLETE_SUPPLY_CHAIN = 16,
        /// A node in the supply chain is blocked by the bidder.
        BLOCKED_SUPPLY_CHAIN_NODE = 17,
    }
}

code_list! {
    /// A property of a creative, as a buyer declares it in `Bid.attr` (AdCOM 1.0 list
    /// "Creative Attributes").
    CreativeAttribute(i32) {
        /// Audio that plays automatically.
        AUDIO_AUTO_PLAY = 1,
        /// Audio the user starts.
        AUDIO_USER_INITIATED = 2,
        /// Expands on its own.
        EXPANDABLE_AUTOMATIC = 3,
        /// Expands when clicked.
        EXPANDABLE_USER_CLICK = 4,
        /// Expands on mouse-over.
        EXPANDABLE_USER_ROLLOVER = 5,
        /// Video inside a banner that plays automatically.
        IN_BANNER_VIDEO_AUTO_PLAY = 6,
        /// Video inside a banner that the user starts.
        IN_BANNER_VIDEO_USER_INITIATED = 7,
        /// Pop-over, pop-under or pop-on-exit.
        POP = 8,
        /// Provocative or suggestive imagery.
        PROVOCATIVE_OR_SUGGESTIVE = 9,
        /// Shaking, flashing, flickering or extreme animation; smileys.
        ANNOYING = 10,
        /// A survey.
        SURVEYS = 11,
        /// Text only.
        TEXT_ONLY = 12,
        /// Interactive, such as an embedded game.
        USER_INTERACTIVE = 13,
        /// Looks like an operating-system dialog or alert.
        WINDOWS_DIALOG_OR_ALERT = 14,
        /// Has a control to turn audio on and off.
        HAS_AUDIO_ON_OFF_BUTTON = 15,
        /// Offers a skip button.
        HAS_SKIP_BUTTON = 16,
        /// Uses Adobe Flash.
        ADOBE_FLASH = 17,
        /// Resizes itself to its container (responsive, sizeless, fluid).
        RESPONSIVE = 18,
    }
}

code_list! {
    /// An API framework the markup uses (`Bid.apis`, `Bid.api`; AdCOM 1.0 list
    /// "API Frameworks").
    ApiFramework(i32) {
        /// VPAID 1.0.
        VPAID_1 = 1,
        /// VPAID 2.0.
        VPAID_2 = 2,
        /// MRAID 1.0.
        MRAID_1 = 3,
        /// ORMMA.
        ORMMA = 4,
        /// MRAID 2.0.
        MRAID_2 = 5,
        /// MRAID 3.0.
        MRAID_3 = 6,
        /// Open Measurement (OMID) 1.0.
        OMID_1 = 7,
        /// SIMID 1.0.
        SIMID_1_0 = 8,
        /// SIMID 1.1.
        SIMID_1_1 = 9,
    }
}

code_list! {
    /// The video or audio protocol of the markup (`Bid.protocol`; AdCOM 1.0 list
    /// "Creative Subtypes - Audio/Video").
    Protocol(i32) {
        /// VAST 1.0.
        VAST_1 = 1,
        /// VAST 2.0.
        VAST_2 = 2,
        /// VAST 3.0.
        VAST_3 = 3,
        /// VAST 1.0 wrapper.
        VAST_1_WRAPPER = 4,
        /// VAST 2.0 wrapper.
        VAST_2_WRAPPER = 5,
        /// VAST 3.0 wrapper.
        VAST_3_WRAPPER = 6,
        /// VAST 4.0.
        VAST_4 = 7,
        /// VAST 4.0 wrapper.
        VAST_4_WRAPPER = 8,
        /// DAAST 1.0.
        DAAST_1 = 9,
        /// DAAST 1.0 wrapper.
        DAAST_1_WRAPPER = 10,
        /// VAST 4.1.
        VAST_4_1 = 11,
        /// VAST 4.1 wrapper.
        VAST_4_1_WRAPPER = 12,
        /// VAST 4.2.
        VAST_4_2 = 13,
        /// VAST 4.2 wrapper.
        VAST_4_2_WRAPPER = 14,
    }
}

code_list! {
    /// The creative's audience rating under IQG/QAG guidelines (`Bid.qagmediarating`;
    /// AdCOM 1.0 list "Media Ratings").
    MediaRating(i32) {
        /// Fit for all audiences.
        ALL_AUDIENCES = 1,
        /// Fit for everyone over 12.
        EVERYONE_OVER_12 = 2,
        /// For mature audiences only.
        MATURE = 3,
    }
}

code_list! {
    /// The taxonomy that the codes in `Bid.cat` come from (`Bid.cattax`; AdCOM 1.0 list
    /// "Category Taxonomies"). When absent, the spec's default is
    /// [`IAB_CONTENT_1_0`](Self::IAB_CONTENT_1_0).
    CategoryTaxonomy(i32) {
        /// IAB Tech Lab Content Category Taxonomy 1.0 (deprecated).
        IAB_CONTENT_1_0 = 1,
        /// IAB Tech Lab Content Category Taxonomy 2.0 (deprecated).
        IAB_CONTENT_2_0 = 2,
        /// IAB Tech Lab Ad Product Taxonomy 1.0.
        IAB_AD_PRODUCT_1_0 = 3,
        /// IAB Tech Lab Audience Taxonomy 1.1.
        IAB_AUDIENCE_1_1 = 4,
        /// IAB Tech Lab Content Taxonomy 2.1.
        IAB_CONTENT_2_1 = 5,
        /// IAB Tech Lab Content Taxonomy 2.2.
        IAB_CONTENT_2_2 = 6,
        /// IAB Tech Lab Content Taxonomy 3.0.
        IAB_CONTENT_3_0 = 7,
        /// IAB Tech Lab Ad Product Taxonomy 2.0.
        IAB_AD_PRODUCT_2_0 = 8,
    }
}

code_list! {
    /// What kind of markup `Bid.adm` holds, so the exchange can match it to the right
    /// impression sub-object (`Bid.mtype`; OpenRTB 2.6 list "Markup Types").
    MarkupType(i32) {
        /// Banner (HTML or image).
        BANNER = 1,
        /// Video (typically VAST).
        VIDEO = 2,
        /// Audio (VAST or DAAST).
        AUDIO = 3,
        /// Native (a native-ad JSON document).
        NATIVE = 4,
    }
}

code_list! {
    /// The slot of a video or audio ad pod that a bid is restricted to
    /// (`Bid.slotinpod`; AdCOM 1.0 list "Slot Position in Pod"). Signed: the last slot
    /// is `-1`.
    SlotPositionInPod(i32) {
        /// Only the last slot.
        LAST = -1,
        /// Any slot.
        ANY = 0,
        /// Only the first slot.
        FIRST = 1,
        /// The first or the last slot.
        FIRST_OR_LAST = 2,
    }
}
