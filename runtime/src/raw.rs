//! `RawJson`: JSON that was serialized elsewhere, written as it is.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, IgnoredAny};

use crate::{Error, PooledSerialize, Writer};

/// A fragment of pre-serialized JSON (a cached creative's `ext`, a partner's payload),
/// copied into the output without re-encoding.
///
/// [`RawJson::new`] checks that the text is exactly one valid JSON value (with serde_json's
/// parser), so the output stays valid; [`RawJson::new_unchecked`] skips the check for text
/// you produced yourself. The text is written byte for byte, whitespace included, as
/// serde_json writes a `RawValue`.
///
/// # Examples
///
/// ```
/// use pooled_serialize_runtime::{to_string, RawJson};
///
/// let ext = RawJson::new(r#"{"dsp":"acme"}"#).unwrap();
/// assert_eq!(to_string(&[ext]).unwrap(), r#"[{"dsp":"acme"}]"#);
///
/// let err = RawJson::new("{oops").unwrap_err();
/// assert!(err.to_string().starts_with("invalid raw JSON"));
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct RawJson<'a> {
    json: Cow<'a, str>,
}

impl<'a> RawJson<'a> {
    /// Wraps `json` after checking that it is one valid JSON value.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidRawJson`](crate::ErrorKind::InvalidRawJson) with serde_json's
    /// message (line and column of the problem).
    pub fn new(json: impl Into<Cow<'a, str>>) -> Result<Self, Error> {
        let json = json.into();
        let mut parser = serde_json::Deserializer::from_str(&json);
        IgnoredAny::deserialize(&mut parser)
            .and_then(|_| parser.end())
            .map_err(Error::invalid_raw_json)?;
        Ok(RawJson { json })
    }

    /// Wraps `json` without checking it. Invalid text here makes the whole output
    /// invalid JSON: use it only for text you serialized yourself.
    pub fn new_unchecked(json: impl Into<Cow<'a, str>>) -> Self {
        RawJson { json: json.into() }
    }

    /// The JSON text.
    pub fn get(&self) -> &str {
        &self.json
    }

    /// Detaches from borrowed text.
    pub fn into_owned(self) -> RawJson<'static> {
        RawJson {
            json: Cow::Owned(self.json.into_owned()),
        }
    }
}

impl PooledSerialize for RawJson<'_> {
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        w.write_raw(&self.json);
        Ok(())
    }
}

impl fmt::Debug for RawJson<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("RawJson").field(&self.json).finish()
    }
}

impl fmt::Display for RawJson<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.json)
    }
}
