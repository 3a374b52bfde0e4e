//! Integration with serde_json (feature `serde_json`): `PooledSerialize` for
//! `serde_json::Value`, and the bridge that runs serde's `serialize_with` functions.

use serde_json::{Map, Number, Value};

use crate::{Error, PooledSerialize, Writer};

impl PooledSerialize for Value {
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        self.write_json_prefixed("", w)
    }

    fn write_json_prefixed(&self, prefix: &str, w: &mut Writer) -> Result<(), Error> {
        match self {
            Value::Null => w.write_prefixed_raw(prefix, "null"),
            Value::Bool(value) => {
                w.write_prefixed_raw(prefix, if *value { "true" } else { "false" })
            }
            Value::Number(number) => return number.write_json_prefixed(prefix, w),
            Value::String(text) => w.write_prefixed_str(prefix, text),
            Value::Array(items) => {
                w.write_raw(prefix);
                return w.write_seq(items);
            }
            Value::Object(map) => return map.write_json_prefixed(prefix, w),
        }
        Ok(())
    }
}

impl PooledSerialize for Number {
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        self.write_json_prefixed("", w)
    }

    fn write_json_prefixed(&self, prefix: &str, w: &mut Writer) -> Result<(), Error> {
        write_number_prefixed(self, prefix, w)
    }
}

/// The body of `Number`'s impl, inlined where the prefix is a constant (the `:` of a
/// map entry), so the prefix is stored with a fixed-size write.
#[inline(always)]
fn write_number_prefixed(number: &Number, prefix: &str, w: &mut Writer) -> Result<(), Error> {
    if let Some(value) = number.as_u64() {
        w.write_prefixed_int_small_first(prefix, value);
    } else if let Some(value) = number.as_i64() {
        w.write_prefixed_int(prefix, value);
    } else if let Some(value) = number.as_f64() {
        // A `Number` never holds a non-finite float, so this cannot fail.
        w.write_prefixed_f64(prefix, value)?;
    } else {
        // Only reachable with serde_json's `arbitrary_precision`, whose text is
        // already validated JSON.
        w.write_raw(prefix);
        w.write_raw(&number.to_string());
    }
    Ok(())
}

impl PooledSerialize for Map<String, Value> {
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        self.write_json_prefixed("", w)
    }

    fn write_json_prefixed(&self, prefix: &str, w: &mut Writer) -> Result<(), Error> {
        w.write_raw(prefix);
        // Keys are always strings here: each is written fused with the comma before it,
        // and each value fused with its colon.
        let start = w.position();
        for (key, value) in self {
            w.write_prefixed_str(",", key);
            // Leaves are written here rather than through a recursive call: `ext` objects
            // are mostly strings and numbers.
            match value {
                Value::String(text) => w.write_prefixed_str(":", text),
                Value::Bool(flag) => {
                    w.write_prefixed_raw(":", if *flag { "true" } else { "false" })
                }
                Value::Null => w.write_prefixed_raw(":", "null"),
                // A `Number` never holds a non-finite float: this cannot fail.
                Value::Number(number) => write_number_prefixed(number, ":", w)?,
                _ => {
                    if let Err(error) = value.write_json_prefixed(":", w) {
                        return Err(error.in_key(key));
                    }
                }
            }
        }
        w.close_list(start, b'{', b'}');
        Ok(())
    }
}

/// Writes a value through serde's `Serialize`, into the writer's own buffer: what
/// generated code calls for `#[serde(serialize_with = "...")]` and `#[serde(with = "...")]`.
///
/// serde_json writes non-finite floats as `null`; that is serde's behaviour, kept as is.
///
/// # Errors
///
/// serde_json's error, as [`ErrorKind::Custom`](crate::ErrorKind::Custom). Bytes the
/// serializer wrote before failing are removed.
///
/// ```
/// use pooled_serialize_runtime::{write_with_serde, Writer};
///
/// let mut w = Writer::default();
/// write_with_serde(&mut w, |s| serde::Serialize::serialize(&[1, 2], s)).unwrap();
/// assert_eq!(w.as_bytes(), b"[1,2]");
/// ```
pub fn write_with_serde<F>(w: &mut Writer, serialize: F) -> Result<(), Error>
where
    F: FnOnce(&mut serde_json::Serializer<&mut Vec<u8>>) -> Result<(), serde_json::Error>,
{
    let start = w.len();
    let result = serialize(&mut serde_json::Serializer::new(w.buf_vec()));
    result.map_err(|error| {
        w.truncate(start);
        Error::custom(error)
    })
}

/// Writes `value` as JSON with its serde `Serialize` impl, for types that have no
/// `PooledSerialize` impl of their own.
///
/// # Errors
///
/// serde_json's error, as [`ErrorKind::Custom`](crate::ErrorKind::Custom).
pub fn write_serde<T: serde::Serialize + ?Sized>(w: &mut Writer, value: &T) -> Result<(), Error> {
    write_with_serde(w, |s| value.serialize(s))
}
