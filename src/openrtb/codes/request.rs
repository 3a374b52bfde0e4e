//! Integer code lists used by the bid request (AdCOM 1.0 and OpenRTB 2.6 lists), in the
//! same open form as the response's.

use core::fmt;

code_list! {
    /// Whether server-side ad insertion is in use, and how trackers are fired (`Imp.ssai`;
    /// OpenRTB 2.6).
    AdInsertion(i32) {
        /// Status unknown.
        UNKNOWN = 0,
        /// All client-side (i.e., not server-side).
        CLIENT = 1,
        /// Assets stitched server-side but tracking pixels fired client-side.
        SERVER_STITCH_CLIENT_TRACK = 2,
        /// All server-side.
        SERVER = 3,
    }
}

code_list! {
    /// The kind of user agent an extended id comes from (`Uid.atype`; AdCOM 1.0 list "Agent
    /// Types").
    AgentType(i32) {
        /// An ID which is tied to a specific web browser or device (cookie-based, probabilistic, or other).
        WEB = 1,
        /// In-app impressions, which will typically contain a type of device ID (or rather, the privacy-compliant versions of device IDs).
        APP = 2,
        /// A person-based ID, i.e., that is the same across devices.
        PERSON = 3,
    }
}

code_list! {
    /// The auction type of a request or deal (`BidRequest.at`, `Deal.at`; OpenRTB 2.6).
    /// Exchange-specific types are 500 and up.
    AuctionType(i32) {
        /// First price: the winner pays its bid.
        FIRST_PRICE = 1,
        /// Second price plus: the winner pays the second bid plus a small amount.
        SECOND_PRICE_PLUS = 2,
        /// The `bidfloor` is the agreed deal price (only in `Deal.at`).
        DEAL_PRICE = 3,
    }
}

code_list! {
    /// What makes an ad slot refresh (`RefSettings.reftype`; AdCOM 1.0 list "Auto Refresh
    /// Triggers").
    AutoRefreshTrigger(i32) {
        /// Unknown.
        UNKNOWN = 0,
        /// Refresh triggered by user-initiated action such as scrolling.
        USER_ACTION = 1,
        /// Event-driven content change. For example, ads refresh when the football game score changes on the page.
        EVENT = 2,
        /// Time-based refresh. Ads refresh on a predefined time interval even without user activity.
        TIME = 3,
    }
}

code_list! {
    /// A kind of banner ad a placement blocks (`Banner.btype`; OpenRTB 2.6 list "Banner Ad
    /// Types").
    BannerAdType(i32) {
        /// XHTML Text Ad (usually mobile).
        XHTML_TEXT_AD = 1,
        /// XHTML Banner Ad. (usually mobile).
        XHTML_BANNER_AD = 2,
        /// JavaScript ad; must be valid XHTML (script tags included).
        JAVASCRIPT_AD = 3,
        /// Iframe.
        IFRAME = 4,
    }
}

code_list! {
    /// A markup type allowed for companion ads (`companiontype`; AdCOM 1.0 list "Companion
    /// Types").
    CompanionType(i32) {
        /// Static Resource.
        STATIC = 1,
        /// HTML Resource.
        HTML = 2,
        /// Iframe resource.
        IFRAME = 3,
    }
}

code_list! {
    /// The network connection of the device (`Device.connectiontype`; AdCOM 1.0 list
    /// "Connection Types").
    ConnectionType(i32) {
        /// Unknown.
        UNKNOWN = 0,
        /// Ethernet; wired connection.
        ETHERNET = 1,
        /// Wi-Fi.
        WIFI = 2,
        /// Cellular network, generation unknown.
        CELLULAR_UNKNOWN = 3,
        /// Cellular network, 2G.
        CELLULAR_2G = 4,
        /// Cellular network, 3G.
        CELLULAR_3G = 5,
        /// Cellular network, 4G.
        CELLULAR_4G = 6,
        /// Cellular network, 5G.
        CELLULAR_5G = 7,
    }
}

code_list! {
    /// The kind of content the user consumes (`Content.context`; AdCOM 1.0 list "Content
    /// Contexts").
    ContentContext(i32) {
        /// Video (i.e., video file or stream such as Internet TV broadcasts).
        VIDEO = 1,
        /// Game (i.e., an interactive software game).
        GAME = 2,
        /// Music (i.e., audio file or stream such as Internet radio broadcasts).
        MUSIC = 3,
        /// Application (i.e., an interactive software application).
        APP = 4,
        /// Text (i.e., primarily textual document such as a web page, eBook, or news article).
        TEXT = 5,
        /// Other (i.e., none of the other categories applies).
        OTHER = 6,
        /// Unknown.
        UNKNOWN = 7,
    }
}

code_list! {
    /// How video or audio is delivered (`delivery`; AdCOM 1.0 list "Delivery Methods").
    DeliveryMethod(i32) {
        /// Streaming.
        STREAMING = 1,
        /// Progressive.
        PROGRESSIVE = 2,
        /// Download.
        DOWNLOAD = 3,
    }
}

code_list! {
    /// The general type of device (`Device.devicetype`; AdCOM 1.0 list "Device Types").
    DeviceType(i32) {
        /// Mobile/Tablet - General.
        MOBILE = 1,
        /// Personal Computer.
        PC = 2,
        /// Connected TV.
        TV = 3,
        /// Phone.
        PHONE = 4,
        /// Tablet.
        TABLET = 5,
        /// Connected Device.
        CONNECTED = 6,
        /// Set Top Box.
        SET_TOP_BOX = 7,
        /// OOH Device.
        OOH = 8,
    }
}

code_list! {
    /// A direction an expandable banner may expand in (`Banner.expdir`; AdCOM 1.0 list
    /// "Expandable Directions").
    ExpandableDirection(i32) {
        /// Left.
        LEFT = 1,
        /// Right.
        RIGHT = 2,
        /// Up.
        UP = 3,
        /// Down.
        DOWN = 4,
        /// Full Screen.
        FULL_SCREEN = 5,
        /// Resize/Minimize (make smaller).
        RESIZE = 6,
    }
}

code_list! {
    /// The type of an audio feed (`Audio.feed`; AdCOM 1.0 list "Feed Types").
    FeedType(i32) {
        /// AOD - Music Streaming Service.
        MUSIC_SERVICE = 1,
        /// LIVE - FM/AM broadcast: Live content broadcast over the air but also available via online streaming.
        RADIO_BROADCAST = 2,
        /// AOD - Podcast: Original, pre-recorded content distributed as episodes in a series.
        PODCAST = 3,
        /// AOD - Catch-up Radio: recorded segment of a radio show that was originally broadcast live.
        CATCH_UP_RADIO = 4,
        /// LIVE - Web Radio: Live content only available via online streaming, not as AM/FM broadcast.
        WEB_RADIO = 5,
        /// MISC - Video Game: Background audio in video games.
        VIDEO_GAME = 6,
        /// MISC - Text To Speech: Audio books, website plugin that can read article.
        TEXT_TO_SPEECH = 7,
    }
}

code_list! {
    /// The service that resolved an IP address to a location (`Geo.ipservice`; AdCOM 1.0
    /// list "IP Location Services").
    IpLocationService(i32) {
        /// Ip2location.
        IP2LOCATION = 1,
        /// Neustar (Quova).
        NEUSTAR = 2,
        /// MaxMind.
        MAXMIND = 3,
        /// NetAcuity (Digital Element).
        NETACUITY = 4,
    }
}

code_list! {
    /// Whether video is linear (in-stream) or not (overlay) (`Video.linearity`; AdCOM 1.0
    /// list "Linearity Modes").
    LinearityMode(i32) {
        /// Linear (i.e., In-Stream such as Pre-Roll, Mid-Roll, Post-Roll).
        LINEAR = 1,
        /// Non-Linear (i.e., Overlay).
        NON_LINEAR = 2,
    }
}

code_list! {
    /// How a location was determined (`Geo.type`; AdCOM 1.0 list "Location Types").
    LocationType(i32) {
        /// GPS/Location Services.
        GPS = 1,
        /// IP Address.
        IP = 2,
        /// User Provided (e.g., registration data).
        USER_PROVIDED = 3,
    }
}

code_list! {
    /// How an extended id was matched to the user (`Eid.mm`; AdCOM 1.0 list "ID Match
    /// Methods").
    MatchMethod(i32) {
        /// Unknown.
        UNKNOWN = 0,
        /// No matching has occurred. The associated ID came directly from a 3rd-party cookie or OS-provided resettable device ID for advertising (IFA).
        NO_MATCH = 1,
        /// Real time cookie sync as described in Appendix C (Cookie Based ID Syncing) of OpenRTB 2.x.
        BROWSER_COOKIE_SYNC = 2,
        /// ID match was based on user authentication such as an email login or hashed PII.
        AUTHENTICATED = 3,
        /// ID match was based on a 1st party observation, but without user authentication (e.g. GUID, SharedID, Session IDs, CHIPS or other 1st party cookies contained in localStorage).
        OBSERVED = 4,
        /// ID match was inferred from linkage based on non-authenticated features across multiple browsers or devices (e.g. IP address and/or UserAgent).
        INFERENCE = 5,
    }
}

code_list! {
    /// Who measured an impression multiplier (`Qty.sourcetype`; AdCOM 1.0 list "DOOH
    /// Multiplier Measurement Source Types").
    MultiplierSourceType(i32) {
        /// Unknown.
        UNKNOWN = 0,
        /// Measured by a vendor (name it in `qty.vendor`).
        MEASUREMENT_VENDOR = 1,
        /// Provided by the publisher.
        PUBLISHER = 2,
        /// Provided by the exchange.
        EXCHANGE = 3,
    }
}

code_list! {
    /// The position of an ad on screen (`pos`; AdCOM 1.0 list "Placement Positions").
    PlacementPosition(i32) {
        /// Unknown.
        UNKNOWN = 0,
        /// Above The Fold.
        ABOVE_FOLD = 1,
        /// Locked (i.e., fixed position).
        LOCKED = 2,
        /// Below The Fold.
        BELOW_FOLD = 3,
        /// Header.
        HEADER = 4,
        /// Footer.
        FOOTER = 5,
        /// Sidebar.
        SIDE_BAR = 6,
        /// Fullscreen.
        FULL_SCREEN = 7,
    }
}

code_list! {
    /// The event that ends video playback (`Video.playbackend`; AdCOM 1.0 list "Playback
    /// Cessation Modes").
    PlaybackCessationMode(i32) {
        /// On Video Completion or when Terminated by User.
        COMPLETION = 1,
        /// On Leaving Viewport or when Terminated by User.
        LEAVING_VIEWPORT = 2,
        /// On Leaving Viewport Continues as a Floating/Slider Unit until Video Completion or when Terminated by User.
        FLOATING = 3,
    }
}

code_list! {
    /// How video playback starts (`Video.playbackmethod`; AdCOM 1.0 list "Playback
    /// Methods").
    PlaybackMethod(i32) {
        /// Initiates on Page Load with Sound On.
        PAGE_LOAD_SOUND_ON = 1,
        /// Initiates on Page Load with Sound Off by Default.
        PAGE_LOAD_SOUND_OFF = 2,
        /// Initiates on Click with Sound On.
        CLICK_SOUND_ON = 3,
        /// Initiates on Mouse-Over with Sound On.
        MOUSE_OVER_SOUND_ON = 4,
        /// Initiates on Entering Viewport with Sound On.
        VIEWPORT_SOUND_ON = 5,
        /// Initiates on Entering Viewport with Sound Off by Default.
        VIEWPORT_SOUND_OFF = 6,
        /// Continuous Playback - Media playback is set to play additional media automatically without user interaction. The media player will keep playing additional media (playlist or generated) for the user until the user actively stops this from happening.
        CONTINUOUS = 7,
    }
}

code_list! {
    /// Video placement type, per the 2023 IAB Tech Lab definitions (`Video.plcmt`; AdCOM
    /// 1.0 list "Plcmt Subtypes - Video").
    Plcmt(i32) {
        /// Instream: pre-, mid- or post-roll played before, during or after the video content the user asked for.
        INSTREAM = 1,
        /// Accompanying content: played with streaming video content, but outside of it (a floating or slider player).
        ACCOMPANYING_CONTENT = 2,
        /// Interstitial: played without video content, in a break of the page or app.
        INTERSTITIAL = 3,
        /// No content (standalone): played without streaming video content, in an article body or a feed.
        NO_CONTENT = 4,
    }
}

code_list! {
    /// A rule for deduplicating the ads of a pod (`Video.poddedupe`; AdCOM 1.0 list "Pod
    /// Deduplication").
    PodDedupe(i32) {
        /// Deduplicate by advertiser domain (`adomain`).
        ADOMAIN = 1,
        /// Deduplicate by IAB category (`cat`).
        IAB_CATEGORY = 2,
        /// Deduplicate by creative id (`crid`).
        CREATIVE_ID = 3,
        /// Deduplicate by the URL of the media file.
        MEDIAFILE_URL = 4,
    }
}

code_list! {
    /// The position of a pod in the content stream (`podseq`; AdCOM 1.0 list "Pod
    /// Sequence"). Signed: the last pod is `-1`.
    PodSequence(i32) {
        /// Last pod in the content stream.
        LAST = -1,
        /// Any pod in the content stream.
        ANY = 0,
        /// First pod in the content stream.
        FIRST = 1,
    }
}

code_list! {
    /// The production quality of content (`Content.prodq`; AdCOM 1.0 list "Production
    /// Qualities").
    ProductionQuality(i32) {
        /// Unknown.
        UNKNOWN = 0,
        /// Professionally Produced.
        PROFESSIONAL = 1,
        /// Prosumer.
        PROSUMER = 2,
        /// User Generated (UGC).
        USER = 3,
    }
}

code_list! {
    /// When an ad plays relative to the content (`startdelay`; AdCOM 1.0 list "Start Delay
    /// Modes"). Values above 0 are the mid-roll delay in seconds; the named values are
    /// negative or 0.
    StartDelay(i32) {
        /// Pre-Roll.
        PRE_ROLL = 0,
        /// Generic Mid-Roll.
        MID_ROLL = -1,
        /// Generic Post-Roll.
        POST_ROLL = -2,
    }
}

code_list! {
    /// Where the structured user agent came from (`UserAgent.source`; AdCOM 1.0 list
    /// "User-Agent Source").
    UserAgentSource(i32) {
        /// Unspecified/unknown.
        UNKNOWN = 0,
        /// User-Agent Client Hints (only low-entropy headers were available).
        LOW_ENTROPY = 1,
        /// User-Agent Client Hints (with high-entropy headers available).
        HIGH_ENTROPY = 2,
        /// Parsed from User-Agent header (the same string carried by the ua field).
        PARSED = 3,
    }
}

code_list! {
    /// The venue taxonomy a DOOH placement uses (`Dooh.venuetypetax`; AdCOM 1.0 list "DOOH
    /// Venue Taxonomies").
    VenueTaxonomy(i32) {
        /// AdCOM DOOH Venue Types (deprecated).
        ADCOM = 0,
        /// OpenOOH Venue Taxonomy 1.0.
        OPENOOH_1_0 = 1,
        /// DPAA Device Venue Types.
        DPAA = 2,
        /// DMI Categorization of Venues 1.1.
        DMI_1_1 = 3,
        /// OMA taxonomy, January 2022.
        OMA_JAN_2022 = 4,
        /// OpenOOH Venue Taxonomy 1.1.
        OPENOOH_1_1 = 5,
    }
}

code_list! {
    /// Video placement type, the older list (`Video.placement`, deprecated in OpenRTB 2.6;
    /// AdCOM 1.0 list "Placement Subtypes - Video").
    VideoPlacement(i32) {
        /// In-Stream: Played before, during or after the streaming video content that the consumer has requested (e.g., Pre-roll, Mid-roll, Post-roll).
        IN_STREAM = 1,
        /// In-Banner: Exists within a web banner that leverages the banner space to deliver a video experience as opposed to another static or rich media format. The format relies on the existence of display ad inventory on the page for its delivery.
        IN_BANNER = 2,
        /// In-Article: Loads and plays dynamically between paragraphs of editorial content; existing as a standalone branded message.
        IN_ARTICLE = 3,
        /// In-Feed: Found in content, social, or product feeds.
        IN_FEED = 4,
        /// Interstitial/Slider/Floating: Covers the entire or a portion of screen area, but is always on screen while displayed (i.e. cannot be scrolled out of view).
        ALWAYS_VISIBLE = 5,
    }
}

code_list! {
    /// How ad volume is normalized to the content (`Audio.nvol`; AdCOM 1.0 list "Volume
    /// Normalization Modes").
    VolumeNormalizationMode(i32) {
        /// None.
        NONE = 0,
        /// Ad Volume Average Normalized to Content.
        AVG = 1,
        /// Ad Volume Peak Normalized to Content.
        PEAK = 2,
        /// Ad Loudness Normalized to Content.
        LOUDNESS = 3,
        /// Custom Volume Normalization.
        CUSTOM = 4,
    }
}
