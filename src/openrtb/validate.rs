//! Checks for what OpenRTB 2.6 requires of a bid response beyond its JSON types, and the
//! error both the response's and the request's checks report.

use std::fmt;

use super::response::{Bid, BidResponse, SeatBid};

/// What is wrong, without where; see [`ValidationError::path`] for where.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum ValidationErrorKind {
    /// A required id (`id`, `bid.id`, `bid.impid`) is the empty string.
    EmptyId,
    /// A seat has no bid; the spec requires at least one per `SeatBid`.
    EmptySeatBid,
    /// A price is NaN or infinite, which JSON cannot represent.
    NonFinitePrice(f64),
    /// A price is below zero.
    NegativePrice(f64),
    /// Both `language` (ISO 639-1) and `langb` (IETF BCP 47) are set; the spec allows
    /// only one of them.
    LanguageAndLangb,
    /// A member the spec requires is absent (`imp[0].video.mimes`, `source.schain.ver`).
    MissingMember,
    /// A request has no impression; the spec requires at least one `imp`.
    EmptyImp,
    /// A member the spec types as a string holds other JSON (`native.request` given as an
    /// object): the request keeps it in `unknown`, but it is not the spec's form.
    NotAString,
}

/// A rule of the spec that a response or request breaks, and the member that breaks it, as
/// a path such as `seatbid[0].bid[2].price` or `imp[1].video.mimes`.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidationError {
    path: String,
    kind: ValidationErrorKind,
}

impl ValidationError {
    pub(crate) fn new(path: String, kind: ValidationErrorKind) -> Self {
        ValidationError { path, kind }
    }

    /// Where: a path from the response, such as `seatbid[1].bid` or `seatbid[0].bid[2].id`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What.
    pub fn kind(&self) -> ValidationErrorKind {
        self.kind
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.path)?;
        match self.kind {
            ValidationErrorKind::EmptyId => f.write_str("must not be empty"),
            ValidationErrorKind::EmptySeatBid => f.write_str("a seatbid needs at least one bid"),
            ValidationErrorKind::NonFinitePrice(p) => write!(f, "price must be finite, got {p}"),
            ValidationErrorKind::NegativePrice(p) => {
                write!(f, "price must not be negative, got {p}")
            }
            ValidationErrorKind::LanguageAndLangb => {
                f.write_str("language and langb are mutually exclusive")
            }
            ValidationErrorKind::MissingMember => f.write_str("required by OpenRTB 2.6 but absent"),
            ValidationErrorKind::EmptyImp => f.write_str("a request needs at least one imp"),
            ValidationErrorKind::NotAString => f.write_str("must be a string"),
        }
    }
}

impl std::error::Error for ValidationError {}

impl BidResponse<'_> {
    /// Checks what the spec requires: a non-empty `id`; at least one bid in each seat;
    /// for each bid, non-empty `id` and `impid`, a finite, non-negative `price`, and not both
    /// `language` and `langb`.
    ///
    /// # Errors
    ///
    /// The first rule broken, in document order.
    ///
    /// ```
    /// use pooled_serialize::openrtb::{Bid, BidResponse, SeatBid, ValidationErrorKind};
    ///
    /// let resp = BidResponse::new("r1").with_seatbid(SeatBid::new(vec![
    ///     Bid::new("b1", "imp-1", 1.0),
    ///     Bid::new("b2", "imp-2", f64::NAN),
    /// ]));
    /// let err = resp.validate().unwrap_err();
    /// assert_eq!(err.path(), "seatbid[0].bid[1].price");
    /// assert!(matches!(err.kind(), ValidationErrorKind::NonFinitePrice(_)));
    /// ```
    pub fn validate(&self) -> Result<(), ValidationError> {
        let mut first = None;
        self.visit_errors(&mut |e| {
            first = Some(e);
            false
        });
        first.map_or(Ok(()), Err)
    }

    /// Every rule broken, in document order; empty when the response is valid.
    pub fn validation_errors(&self) -> Vec<ValidationError> {
        let mut all = Vec::new();
        self.visit_errors(&mut |e| {
            all.push(e);
            true
        });
        all
    }

    /// Calls `report` for each error until it returns `false`.
    fn visit_errors(&self, report: &mut dyn FnMut(ValidationError) -> bool) {
        let err = |path: String, kind| ValidationError { path, kind };
        if self.id.is_empty() && !report(err("id".into(), ValidationErrorKind::EmptyId)) {
            return;
        }
        for (s, seat) in self.seatbid.iter().flatten().enumerate() {
            if !seat.visit_errors(s, report) {
                return;
            }
        }
    }
}

impl SeatBid<'_> {
    fn visit_errors(&self, s: usize, report: &mut dyn FnMut(ValidationError) -> bool) -> bool {
        if self.bid.is_empty()
            && !report(ValidationError {
                path: format!("seatbid[{s}].bid"),
                kind: ValidationErrorKind::EmptySeatBid,
            })
        {
            return false;
        }
        for (b, bid) in self.bid.iter().enumerate() {
            for (member, kind) in bid.problems() {
                let path = format!("seatbid[{s}].bid[{b}].{member}");
                if !report(ValidationError { path, kind }) {
                    return false;
                }
            }
        }
        true
    }
}

impl Bid<'_> {
    fn problems(&self) -> impl Iterator<Item = (&'static str, ValidationErrorKind)> {
        let id = self
            .id
            .is_empty()
            .then_some(("id", ValidationErrorKind::EmptyId));
        let impid = self
            .impid
            .is_empty()
            .then_some(("impid", ValidationErrorKind::EmptyId));
        let price = if !self.price.is_finite() {
            Some(("price", ValidationErrorKind::NonFinitePrice(self.price)))
        } else if self.price < 0.0 {
            Some(("price", ValidationErrorKind::NegativePrice(self.price)))
        } else {
            None
        };
        let language = (self.language.is_some() && self.langb.is_some())
            .then_some(("langb", ValidationErrorKind::LanguageAndLangb));
        id.into_iter().chain(impid).chain(price).chain(language)
    }
}
