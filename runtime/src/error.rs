//! The error type: what failed, and where in the document it failed.
//!
//! The location is collected while the error travels back up through the writers
//! (`seatbid[0].bid[2].price`), so the happy path carries no bookkeeping at all.

use std::borrow::Cow;
use std::fmt;
use std::io;

/// A serialization failure: what went wrong and the path of the value that caused it.
///
/// `Error` is one pointer wide, so `Result<(), Error>` costs a single register on the
/// happy path; the details live behind a box that is only allocated when something fails.
///
/// # Examples
///
/// ```
/// use pooled_serialize_runtime::{to_vec, Error};
///
/// let err: Error = to_vec(&vec![1.0, f64::NAN]).unwrap_err();
/// assert_eq!(err.path(), "[1]");
/// assert_eq!(err.to_string(), "non-finite float NaN at [1]");
/// ```
pub struct Error {
    inner: Box<ErrorImpl>,
}

struct ErrorImpl {
    kind: ErrorKind,
    /// Innermost segment first: pushed while the error unwinds out of nested writers.
    path: Vec<PathSegment>,
}

/// One step of the path to the failing value.
#[derive(Debug, Clone, PartialEq, Eq)]
enum PathSegment {
    Field(Cow<'static, str>),
    Index(usize),
}

/// What went wrong.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A `NaN` or infinite float, which JSON cannot represent.
    NonFiniteFloat(f64),
    /// A map key that does not serialize as a JSON string (or a non-finite float key).
    KeyMustBeString,
    /// Text given to [`RawJson::new`](crate::RawJson::new) that is not one valid JSON value.
    InvalidRawJson(String),
    /// The `io::Write` sink of [`to_writer`](crate::to_writer) failed.
    Io(io::Error),
    /// A std value with no JSON form as it stands, where serde_json fails too: a
    /// poisoned `Mutex` or `RwLock`, a mutably borrowed `RefCell`, a `Path` that is not
    /// UTF-8, a `SystemTime` before the UNIX epoch; or a `Display` impl inside
    /// `fmt::Arguments` that fails (where serde_json panics). The text says which.
    Unserializable(&'static str),
    /// An error raised by a hand-written impl, a `write_with` function or serde's
    /// `serialize_with` bridge.
    Custom(String),
}

impl Error {
    #[cold]
    fn new(kind: ErrorKind) -> Self {
        Error {
            inner: Box::new(ErrorImpl {
                kind,
                path: Vec::new(),
            }),
        }
    }

    /// A float that is `NaN` or infinite.
    #[cold]
    pub fn non_finite_float(value: f64) -> Self {
        Self::new(ErrorKind::NonFiniteFloat(value))
    }

    /// A map key that cannot be written as a JSON string.
    #[cold]
    pub fn key_must_be_string() -> Self {
        Self::new(ErrorKind::KeyMustBeString)
    }

    /// An error with a message, for hand-written impls and `write_with` functions.
    ///
    /// ```
    /// use pooled_serialize_runtime::Error;
    ///
    /// let err = Error::custom("price below floor").in_field("price");
    /// assert_eq!(err.to_string(), "price below floor at price");
    /// ```
    #[cold]
    pub fn custom(message: impl fmt::Display) -> Self {
        Self::new(ErrorKind::Custom(message.to_string()))
    }

    #[cold]
    pub(crate) fn unserializable(message: &'static str) -> Self {
        Self::new(ErrorKind::Unserializable(message))
    }

    #[cold]
    pub(crate) fn invalid_raw_json(message: impl fmt::Display) -> Self {
        Self::new(ErrorKind::InvalidRawJson(message.to_string()))
    }

    #[cold]
    pub(crate) fn io(error: io::Error) -> Self {
        Self::new(ErrorKind::Io(error))
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.inner.kind
    }

    /// Records that the failing value sits in the field `name` of an object.
    ///
    /// Generated code calls this on the way out of each field, so the path grows from
    /// the failing leaf towards the root.
    #[cold]
    #[must_use]
    pub fn in_field(mut self, name: &'static str) -> Self {
        self.inner
            .path
            .push(PathSegment::Field(Cow::Borrowed(name)));
        self
    }

    /// Records that the failing value sits under the map key `key`.
    #[cold]
    #[must_use]
    pub fn in_key(mut self, key: &str) -> Self {
        self.inner
            .path
            .push(PathSegment::Field(Cow::Owned(key.to_owned())));
        self
    }

    /// Records that the failing value is element `index` of an array.
    #[cold]
    #[must_use]
    pub fn at_index(mut self, index: usize) -> Self {
        self.inner.path.push(PathSegment::Index(index));
        self
    }

    /// The path from the root to the failing value, such as `seatbid[0].bid[2].price`;
    /// empty when the root value itself failed.
    pub fn path(&self) -> String {
        let mut out = String::new();
        for segment in self.inner.path.iter().rev() {
            match segment {
                PathSegment::Field(name) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(name);
                }
                PathSegment::Index(index) => {
                    out.push('[');
                    out.push_str(itoa::Buffer::new().format(*index));
                    out.push(']');
                }
            }
        }
        out
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::NonFiniteFloat(value) => write!(f, "non-finite float {value}"),
            ErrorKind::KeyMustBeString => {
                f.write_str("map key must be a string or a finite number")
            }
            ErrorKind::InvalidRawJson(message) => write!(f, "invalid raw JSON: {message}"),
            ErrorKind::Io(error) => write!(f, "I/O error: {error}"),
            ErrorKind::Unserializable(message) => f.write_str(message),
            ErrorKind::Custom(message) => f.write_str(message),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.inner.kind, f)?;
        if !self.inner.path.is_empty() {
            write!(f, " at {}", self.path())?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.inner.kind)
            .field("path", &self.path())
            .finish()
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.inner.kind {
            ErrorKind::Io(error) => Some(error),
            _ => None,
        }
    }
}

impl From<Error> for io::Error {
    fn from(error: Error) -> Self {
        match error.inner.kind {
            ErrorKind::Io(error) => error,
            _ => io::Error::new(io::ErrorKind::InvalidData, error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_is_rendered_root_first() {
        let err = Error::non_finite_float(f64::INFINITY)
            .in_field("price")
            .at_index(2)
            .in_field("bid")
            .at_index(0)
            .in_field("seatbid");
        assert_eq!(err.path(), "seatbid[0].bid[2].price");
        assert_eq!(
            err.to_string(),
            "non-finite float inf at seatbid[0].bid[2].price"
        );
    }

    #[test]
    fn root_error_has_no_location_suffix() {
        let err = Error::key_must_be_string();
        assert_eq!(err.path(), "");
        assert_eq!(
            err.to_string(),
            "map key must be a string or a finite number"
        );
    }

    #[test]
    fn map_keys_and_leading_index_render() {
        let err = Error::custom("boom").in_key("a.b").at_index(3);
        assert_eq!(err.path(), "[3].a.b");
    }

    #[test]
    fn error_is_one_pointer_wide() {
        assert_eq!(
            std::mem::size_of::<Result<(), Error>>(),
            std::mem::size_of::<usize>()
        );
    }
}
