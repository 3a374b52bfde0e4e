//! `Range*`, `Bound` and `Result`: the structs and externally tagged enums serde
//! writes for them (`{"start":1,"end":5}`, `{"Included":3}`, `"Unbounded"`, `{"Ok":1}`).

use std::ops::{Bound, Range, RangeFrom, RangeInclusive, RangeTo};

use crate::{Error, PooledSerialize, Writer};

/// Writes `{"name":value}` (one member, the shape of a struct with one field and of an
/// externally tagged newtype variant), with the name on the error path.
#[inline]
fn write_one<T: PooledSerialize + ?Sized>(
    w: &mut Writer,
    key: &'static str,
    prefix: &str,
    value: &T,
) -> Result<(), Error> {
    value
        .write_json_prefixed(prefix, w)
        .map_err(|error| error.in_field(key))?;
    w.write_raw("}");
    Ok(())
}

/// Writes `{"start":start,"end":end}`.
#[inline]
fn write_bounds<T: PooledSerialize>(w: &mut Writer, start: &T, end: &T) -> Result<(), Error> {
    start
        .write_json_prefixed("{\"start\":", w)
        .map_err(|error| error.in_field("start"))?;
    write_one(w, "end", ",\"end\":", end)
}

impl<T: PooledSerialize> PooledSerialize for Range<T> {
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        write_bounds(w, &self.start, &self.end)
    }
}

impl<T: PooledSerialize> PooledSerialize for RangeInclusive<T> {
    /// `{"start":..,"end":..}`, like `Range`: serde writes no `exhausted` flag, so an
    /// iterated-out range looks like the one it came from.
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        write_bounds(w, self.start(), self.end())
    }
}

impl<T: PooledSerialize> PooledSerialize for RangeFrom<T> {
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        write_one(w, "start", "{\"start\":", &self.start)
    }
}

impl<T: PooledSerialize> PooledSerialize for RangeTo<T> {
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        write_one(w, "end", "{\"end\":", &self.end)
    }
}

impl<T: PooledSerialize> PooledSerialize for Bound<T> {
    /// `"Unbounded"`, `{"Included":value}` or `{"Excluded":value}`.
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        match self {
            Bound::Unbounded => {
                w.write_raw("\"Unbounded\"");
                Ok(())
            }
            Bound::Included(value) => write_one(w, "Included", "{\"Included\":", value),
            Bound::Excluded(value) => write_one(w, "Excluded", "{\"Excluded\":", value),
        }
    }
}

impl<T: PooledSerialize, E: PooledSerialize> PooledSerialize for Result<T, E> {
    /// `{"Ok":value}` or `{"Err":error}`.
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        match self {
            Ok(value) => write_one(w, "Ok", "{\"Ok\":", value),
            Err(error) => write_one(w, "Err", "{\"Err\":", error),
        }
    }
}
