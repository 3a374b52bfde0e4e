//! Checks for what OpenRTB 2.6 requires of a bid request beyond its JSON types: the
//! members it marks required, which the model keeps optional so that requests that omit
//! them still round-trip.

use crate::openrtb::validate::{ValidationError, ValidationErrorKind};

use super::{BidRequest, Imp, Source, UserAgent};

/// Collects the errors of a request in document order, as paths from its root.
struct Report {
    errors: Vec<ValidationError>,
}

impl Report {
    fn error(&mut self, path: String, kind: ValidationErrorKind) {
        self.errors.push(ValidationError::new(path, kind));
    }

    /// Reports `path` missing when `present` is false.
    fn require(&mut self, present: bool, path: impl FnOnce() -> String) {
        if !present {
            self.error(path(), ValidationErrorKind::MissingMember);
        }
    }
}

impl BidRequest<'_> {
    /// Checks what the spec requires beyond the JSON types: a non-empty `id`, at least one
    /// `imp`, a non-empty `id` on each, and the members the spec marks required in the
    /// objects that are present: `video.mimes`, `audio.mimes`, `native.request` (a string),
    /// `metric.type` and `metric.value`, `deal.id`, `qty.multiplier`, the supply chain's
    /// `complete`, `nodes` and `ver` and each node's `asi`, `sid` and `hp`, and `brand` in
    /// the structured user agent.
    ///
    /// # Errors
    ///
    /// The first rule broken, in document order, with the path of the member.
    ///
    /// ```
    /// use pooled_serialize::openrtb::{BidRequest, ValidationErrorKind};
    ///
    /// let req = BidRequest::from_json(r#"{"id":"r","imp":[{"id":"1"},{"id":"2","video":{"w":640}}]}"#)?;
    /// let err = req.validate().unwrap_err();
    /// assert_eq!(err.path(), "imp[1].video.mimes");
    /// assert_eq!(err.kind(), ValidationErrorKind::MissingMember);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn validate(&self) -> Result<(), ValidationError> {
        self.validation_errors()
            .into_iter()
            .next()
            .map_or(Ok(()), Err)
    }

    /// Every rule broken, in document order; empty when the request is valid.
    pub fn validation_errors(&self) -> Vec<ValidationError> {
        let mut r = Report { errors: Vec::new() };
        if self.id.is_empty() {
            r.error("id".into(), ValidationErrorKind::EmptyId);
        }
        if self.imp.is_empty() {
            r.error("imp".into(), ValidationErrorKind::EmptyImp);
        }
        for (i, imp) in self.imp.iter().enumerate() {
            imp.check(&format!("imp[{i}]"), &mut r);
        }
        if let Some(sua) = self.device.as_ref().and_then(|d| d.sua.as_ref()) {
            sua.check("device.sua", &mut r);
        }
        if let Some(source) = &self.source {
            source.check("source", &mut r);
        }
        r.errors
    }
}

impl Imp<'_> {
    fn check(&self, at: &str, r: &mut Report) {
        if self.id.is_empty() {
            r.error(format!("{at}.id"), ValidationErrorKind::EmptyId);
        }
        for (m, metric) in self.metric.iter().flatten().enumerate() {
            r.require(metric.r#type.is_some(), || format!("{at}.metric[{m}].type"));
            r.require(metric.value.is_some(), || format!("{at}.metric[{m}].value"));
        }
        if let Some(video) = &self.video {
            r.require(video.mimes.is_some(), || format!("{at}.video.mimes"));
        }
        if let Some(audio) = &self.audio {
            r.require(audio.mimes.is_some(), || format!("{at}.audio.mimes"));
        }
        if let Some(native) = &self.native {
            if native.request.is_none() {
                let kind = if native.unknown.contains_key("request") {
                    ValidationErrorKind::NotAString
                } else {
                    ValidationErrorKind::MissingMember
                };
                r.error(format!("{at}.native.request"), kind);
            }
        }
        let deals = self.pmp.iter().flat_map(|p| p.deals.iter().flatten());
        for (d, deal) in deals.enumerate() {
            r.require(deal.id.is_some(), || format!("{at}.pmp.deals[{d}].id"));
        }
        if let Some(qty) = &self.qty {
            r.require(qty.multiplier.is_some(), || format!("{at}.qty.multiplier"));
        }
    }
}

impl UserAgent<'_> {
    fn check(&self, at: &str, r: &mut Report) {
        for (b, browser) in self.browsers.iter().flatten().enumerate() {
            r.require(browser.brand.is_some(), || {
                format!("{at}.browsers[{b}].brand")
            });
        }
        if let Some(platform) = &self.platform {
            r.require(platform.brand.is_some(), || format!("{at}.platform.brand"));
        }
    }
}

impl Source<'_> {
    fn check(&self, at: &str, r: &mut Report) {
        let Some(schain) = &self.schain else {
            return;
        };
        r.require(schain.complete.is_some(), || {
            format!("{at}.schain.complete")
        });
        r.require(schain.nodes.is_some(), || format!("{at}.schain.nodes"));
        r.require(schain.ver.is_some(), || format!("{at}.schain.ver"));
        for (n, node) in schain.nodes.iter().flatten().enumerate() {
            r.require(node.asi.is_some(), || format!("{at}.schain.nodes[{n}].asi"));
            r.require(node.sid.is_some(), || format!("{at}.schain.nodes[{n}].sid"));
            r.require(node.hp.is_some(), || format!("{at}.schain.nodes[{n}].hp"));
        }
    }
}
