//! The media an impression may be filled with: `Banner` (and its `Format`s), `Video`, `Audio`.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::openrtb::de;
use crate::PooledSerialize;

use super::DurFloors;
use super::{own_opt, own_vec};
use crate::openrtb::codes::{
    ApiFramework, BannerAdType, CompanionType, CreativeAttribute, DeliveryMethod,
    ExpandableDirection, FeedType, LinearityMode, PlacementPosition, PlaybackCessationMode,
    PlaybackMethod, Plcmt, PodDedupe, PodSequence, Protocol, SlotPositionInPod, StartDelay,
    VideoPlacement, VolumeNormalizationMode,
};

/// A display impression (banner, in-banner video, rich media) or a companion of a video or
/// audio impression.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct Banner<'a> {
    /// Array of format objects (Section 3.2.10) representing the banner sizes permitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<Vec<Format>>,
    /// Exact width in device-independent pixels (DIPS); recommended if no `format` objects are
    /// specified.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub w: Option<i64>,
    /// Exact height in device-independent pixels (DIPS); recommended if no `format` objects are
    /// specified.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub h: Option<i64>,
    /// Blocked banner ad types.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub btype: Option<Vec<BannerAdType>>,
    /// Blocked creative attributes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub battr: Option<Vec<CreativeAttribute>>,
    /// Ad position on screen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pos: Option<PlacementPosition>,
    /// Content MIME types supported.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub mimes: Option<Vec<Cow<'a, str>>>,
    /// Indicates if the banner is in the top frame as opposed to an iframe, where 0 = no, 1 =
    /// yes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topframe: Option<i32>,
    /// Directions in which the banner may expand.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expdir: Option<Vec<ExpandableDirection>>,
    /// List of supported API frameworks for this impression.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api: Option<Vec<ApiFramework>>,
    /// Unique identifier for this banner object; recommended when used as a companion ad.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<Cow<'a, str>>,
    /// For a companion of a video: 0 = concurrent with the video, 1 = an end card.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vcm: Option<i32>,
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

impl Banner<'_> {
    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> Banner<'static> {
        Banner {
            format: self.format,
            w: self.w,
            h: self.h,
            btype: self.btype,
            battr: self.battr,
            pos: self.pos,
            mimes: own_vec(self.mimes),
            topframe: self.topframe,
            expdir: self.expdir,
            api: self.api,
            id: own_opt(self.id),
            vcm: self.vcm,
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}

/// One permitted size of a banner: exact (`w`, `h`) or a ratio (`wratio`, `hratio`, `wmin`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct Format {
    /// Width in device independent pixels (DIPS).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub w: Option<i64>,
    /// Height in device independent pixels (DIPS).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub h: Option<i64>,
    /// Relative width when expressing size as a ratio.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wratio: Option<i64>,
    /// Relative height when expressing size as a ratio.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hratio: Option<i64>,
    /// The minimum width in device-independent pixels (DIPS) at which the ad will be displayed
    /// when the size is expressed as a ratio.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wmin: Option<i64>,
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

/// A video impression: what the player accepts (MIME types, protocols, durations, pods).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct Video<'a> {
    /// Content MIME types supported (e.g., “video/x-ms-wmv”, “video/mp4”). Required by the
    /// spec; [`BidRequest::validate`](super::BidRequest::validate) reports it missing.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub mimes: Option<Vec<Cow<'a, str>>>,
    /// Minimum video ad duration in seconds; mutually exclusive with `rqddurs`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minduration: Option<i64>,
    /// Maximum video ad duration in seconds; mutually exclusive with `rqddurs`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maxduration: Option<i64>,
    /// The start delay in seconds for pre-roll, mid-roll, or post-roll ad placements.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub startdelay: Option<StartDelay>,
    /// The maximum number of ads that may be served into a dynamic video ad pod.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maxseq: Option<i64>,
    /// The total amount of time in seconds that advertisers may fill for a dynamic video ad
    /// pod, or the dynamic portion of a hybrid pod.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub poddur: Option<i64>,
    /// Array of supported video protocols.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocols: Option<Vec<Protocol>>,
    /// Width of the video player in device independent pixels (DIPS).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub w: Option<i64>,
    /// Height of the video player in device independent pixels (DIPS).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub h: Option<i64>,
    /// Unique identifier indicating that an impression opportunity belongs to a video ad pod.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub podid: Option<Cow<'a, str>>,
    /// The sequence (position) of the video ad pod within a content stream.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub podseq: Option<PodSequence>,
    /// Precise acceptable durations for video creatives in seconds; mutually exclusive with
    /// `minduration` and `maxduration`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rqddurs: Option<Vec<i64>>,
    /// Video placement type for the impression (the older list). Deprecated in OpenRTB 2.6.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placement: Option<VideoPlacement>,
    /// Video placement type for the impression, per the 2023 IAB Tech Lab definitions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plcmt: Option<Plcmt>,
    /// Indicates if the impression must be linear, nonlinear, etc.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linearity: Option<LinearityMode>,
    /// Indicates if the player will allow the video to be skipped, where 0 = no, 1 = yes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skip: Option<i32>,
    /// Videos of total duration greater than this number of seconds can be skippable; only
    /// applicable if the ad is skippable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skipmin: Option<i64>,
    /// Number of seconds a video must play before skipping is enabled; only applicable if the
    /// ad is skippable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skipafter: Option<i64>,
    /// The sequence number of this impression when several are offered in the same request, for
    /// the coordinated delivery of several creatives. Deprecated in OpenRTB 2.6.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sequence: Option<i32>,
    /// For video ad pods, the slot positions in the pod the seller can guarantee delivery
    /// against.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slotinpod: Option<SlotPositionInPod>,
    /// Minimum CPM per second; a floor for the dynamic portion of a pod, or for dynamic
    /// durations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mincpmpersec: Option<f64>,
    /// Blocked creative attributes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub battr: Option<Vec<CreativeAttribute>>,
    /// Maximum extended ad duration if extension is allowed: blank or 0 = not allowed, -1 = no
    /// limit, above 0 = seconds beyond `maxduration`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maxextended: Option<i64>,
    /// Minimum bit rate in Kbps (kilobits per second).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minbitrate: Option<i64>,
    /// Maximum bit rate in Kbps (kilobits per second).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maxbitrate: Option<i64>,
    /// Indicates if letter-boxing of 4:3 content into a 16:9 window is allowed, where 0 = no, 1
    /// = yes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub boxingallowed: Option<i32>,
    /// Playback methods that may be in use; if none, any method may be used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub playbackmethod: Option<Vec<PlaybackMethod>>,
    /// The event that causes playback to end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub playbackend: Option<PlaybackCessationMode>,
    /// Supported delivery methods (streaming, progressive...); if none, all are supported.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery: Option<Vec<DeliveryMethod>>,
    /// Ad position on screen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pos: Option<PlacementPosition>,
    /// Banner objects describing the companion ads, if any.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub companionad: Option<Vec<Banner<'a>>>,
    /// List of supported API frameworks for this impression.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api: Option<Vec<ApiFramework>>,
    /// Supported VAST companion ad types.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub companiontype: Option<Vec<CompanionType>>,
    /// Pod deduplication settings that will be applied to bid responses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub poddedupe: Option<Vec<PodDedupe>>,
    /// Floor prices for video creatives of various durations that the buyer may bid with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub durfloors: Option<Vec<DurFloors>>,
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

impl Video<'_> {
    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> Video<'static> {
        Video {
            mimes: own_vec(self.mimes),
            minduration: self.minduration,
            maxduration: self.maxduration,
            startdelay: self.startdelay,
            maxseq: self.maxseq,
            poddur: self.poddur,
            protocols: self.protocols,
            w: self.w,
            h: self.h,
            podid: own_opt(self.podid),
            podseq: self.podseq,
            rqddurs: self.rqddurs,
            placement: self.placement,
            plcmt: self.plcmt,
            linearity: self.linearity,
            skip: self.skip,
            skipmin: self.skipmin,
            skipafter: self.skipafter,
            sequence: self.sequence,
            slotinpod: self.slotinpod,
            mincpmpersec: self.mincpmpersec,
            battr: self.battr,
            maxextended: self.maxextended,
            minbitrate: self.minbitrate,
            maxbitrate: self.maxbitrate,
            boxingallowed: self.boxingallowed,
            playbackmethod: self.playbackmethod,
            playbackend: self.playbackend,
            delivery: self.delivery,
            pos: self.pos,
            companionad: self
                .companionad
                .map(|v| v.into_iter().map(Banner::into_owned).collect()),
            api: self.api,
            companiontype: self.companiontype,
            poddedupe: self.poddedupe,
            durfloors: self.durfloors,
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}

/// An audio impression: what the player accepts (MIME types, protocols, durations, pods).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct Audio<'a> {
    /// Content MIME types supported (e.g., “audio/mp4”). Required by the spec;
    /// [`BidRequest::validate`](super::BidRequest::validate) reports it missing.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub mimes: Option<Vec<Cow<'a, str>>>,
    /// Minimum audio ad duration in seconds; mutually exclusive with `rqddurs`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minduration: Option<i64>,
    /// Maximum audio ad duration in seconds; mutually exclusive with `rqddurs`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maxduration: Option<i64>,
    /// The total amount of time in seconds that advertisers may fill for a dynamic audio ad
    /// pod, or the dynamic portion of a hybrid pod.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub poddur: Option<i64>,
    /// Array of supported audio protocols.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocols: Option<Vec<Protocol>>,
    /// The start delay in seconds for pre-roll, mid-roll, or post-roll ad placements.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub startdelay: Option<StartDelay>,
    /// Precise acceptable durations for audio creatives in seconds; mutually exclusive with
    /// `minduration` and `maxduration`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rqddurs: Option<Vec<i64>>,
    /// Unique identifier indicating that an impression opportunity belongs to an audio ad pod.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub podid: Option<Cow<'a, str>>,
    /// The sequence (position) of the audio ad pod within a content stream.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub podseq: Option<PodSequence>,
    /// The sequence number of this impression when several are offered in the same request, for
    /// the coordinated delivery of several creatives. Deprecated in OpenRTB 2.6.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sequence: Option<i64>,
    /// For audio ad pods, the slot positions in the pod the seller can guarantee delivery
    /// against.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slotinpod: Option<SlotPositionInPod>,
    /// Minimum CPM per second; a floor for the dynamic portion of a pod, or for dynamic
    /// durations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mincpmpersec: Option<f64>,
    /// Blocked creative attributes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub battr: Option<Vec<CreativeAttribute>>,
    /// Maximum extended ad duration if extension is allowed: blank or 0 = not allowed, -1 = no
    /// limit, above 0 = seconds beyond `maxduration`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maxextended: Option<i64>,
    /// Minimum bit rate in Kbps (kilobits per second).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minbitrate: Option<i64>,
    /// Maximum bit rate in Kbps (kilobits per second).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maxbitrate: Option<i64>,
    /// Supported delivery methods (streaming, progressive...); if none, all are supported.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery: Option<Vec<DeliveryMethod>>,
    /// Banner objects describing the companion ads, if any.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub companionad: Option<Vec<Banner<'a>>>,
    /// List of supported API frameworks for this impression.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api: Option<Vec<ApiFramework>>,
    /// Supported companion ad types.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub companiontype: Option<Vec<CompanionType>>,
    /// The maximum number of ads that can be played in an ad pod.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maxseq: Option<i64>,
    /// Type of audio feed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feed: Option<FeedType>,
    /// Whether the ad is stitched with the audio content or delivered independently, where 0 =
    /// no, 1 = yes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stitched: Option<i32>,
    /// Volume normalization mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nvol: Option<VolumeNormalizationMode>,
    /// Floor prices for audio creatives of various durations that the buyer may bid with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub durfloors: Option<Vec<DurFloors>>,
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

impl Audio<'_> {
    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> Audio<'static> {
        Audio {
            mimes: own_vec(self.mimes),
            minduration: self.minduration,
            maxduration: self.maxduration,
            poddur: self.poddur,
            protocols: self.protocols,
            startdelay: self.startdelay,
            rqddurs: self.rqddurs,
            podid: own_opt(self.podid),
            podseq: self.podseq,
            sequence: self.sequence,
            slotinpod: self.slotinpod,
            mincpmpersec: self.mincpmpersec,
            battr: self.battr,
            maxextended: self.maxextended,
            minbitrate: self.minbitrate,
            maxbitrate: self.maxbitrate,
            delivery: self.delivery,
            companionad: self
                .companionad
                .map(|v| v.into_iter().map(Banner::into_owned).collect()),
            api: self.api,
            companiontype: self.companiontype,
            maxseq: self.maxseq,
            feed: self.feed,
            stitched: self.stitched,
            nvol: self.nvol,
            durfloors: self.durfloors,
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}
