//! What `#[serde(flatten)]` and internally tagged newtype variants write: a value's members
//! without braces, each preceded by a comma, merged into the enclosing object. Named by
//! generated code through the facade's `__private`; not a public API.

use std::collections::{BTreeMap, HashMap};

use crate::{Error, MapKey, PooledSerialize, Writer};

/// Writes a value as object members, each preceded by a comma and without braces:
/// what `#[serde(flatten)]` merges into the enclosing object. Derived for structs with
/// named fields, unit structs, newtypes of such types and enums; implemented here for
/// maps, `()` and `Option`.
pub trait FlattenFields {
    /// Appends `,"key":value` for each member.
    fn write_fields(&self, w: &mut Writer) -> Result<(), Error>;

    /// The content of an internally tagged newtype variant (`variant` is `Enum::Variant`):
    /// the members, except that serde refuses an `Option` there, `Some` or `None`.
    #[inline]
    fn write_tagged_fields(&self, w: &mut Writer, variant: &'static str) -> Result<(), Error> {
        let _ = variant;
        self.write_fields(w)
    }

    /// The members of a value whose [`write_json`](PooledSerialize::write_json) writes an
    /// object: the object with its braces turned into a leading comma. Derived impls use
    /// it as `write_fields` rather than a second copy of every member's writer.
    #[inline]
    fn write_object_as_fields(&self, w: &mut Writer) -> Result<(), Error>
    where
        Self: PooledSerialize,
    {
        let start = w.position();
        self.write_json(w)?;
        object_to_fields(w, start);
        Ok(())
    }
}

/// Turns the object written since `start` into members: `{}` into nothing, otherwise the
/// `{` into a comma and the `}` dropped.
///
/// # Panics
///
/// If what was written since `start` is not an object.
#[inline]
fn object_to_fields(w: &mut Writer, start: usize) {
    let buf = w.buf_vec();
    match buf.get(start..) {
        Some(b"{}") => buf.truncate(start),
        Some([b'{', .., b'}']) => {
            buf[start] = b',';
            buf.pop();
        }
        _ => not_an_object(),
    }
}

#[cold]
#[inline(never)]
fn not_an_object() -> ! {
    panic!("write_object_as_fields: write_json did not write an object")
}

impl<T: FlattenFields + ?Sized> FlattenFields for &T {
    #[inline]
    fn write_fields(&self, w: &mut Writer) -> Result<(), Error> {
        (**self).write_fields(w)
    }

    #[inline]
    fn write_tagged_fields(&self, w: &mut Writer, variant: &'static str) -> Result<(), Error> {
        (**self).write_tagged_fields(w, variant)
    }
}

impl<T: FlattenFields + ?Sized> FlattenFields for Box<T> {
    #[inline]
    fn write_fields(&self, w: &mut Writer) -> Result<(), Error> {
        (**self).write_fields(w)
    }

    #[inline]
    fn write_tagged_fields(&self, w: &mut Writer, variant: &'static str) -> Result<(), Error> {
        (**self).write_tagged_fields(w, variant)
    }
}

/// No members, as with serde (a flattened `T` instantiated with `()`).
impl FlattenFields for () {
    #[inline]
    fn write_fields(&self, _: &mut Writer) -> Result<(), Error> {
        Ok(())
    }
}

/// `None` adds no members, as with serde.
impl<T: FlattenFields> FlattenFields for Option<T> {
    #[inline]
    fn write_fields(&self, w: &mut Writer) -> Result<(), Error> {
        match self {
            Some(value) => value.write_fields(w),
            None => Ok(()),
        }
    }

    fn write_tagged_fields(&self, _: &mut Writer, variant: &'static str) -> Result<(), Error> {
        Err(Error::custom(format_args!(
            "cannot serialize tagged newtype variant {variant} containing an optional"
        )))
    }
}

impl<K: MapKey, V: PooledSerialize, S> FlattenFields for HashMap<K, V, S> {
    #[inline]
    fn write_fields(&self, w: &mut Writer) -> Result<(), Error> {
        w.write_map_entries(self)
    }
}

impl<K: MapKey, V: PooledSerialize> FlattenFields for BTreeMap<K, V> {
    #[inline]
    fn write_fields(&self, w: &mut Writer) -> Result<(), Error> {
        w.write_map_entries(self)
    }
}

/// Dispatch for a flattened field: `(&Flatten(&field)).write_flattened(w)` picks
/// [`FlattenFields`] when the type has it ([`FlattenViaFields`]), and otherwise any
/// map whose `&M` iterates `(&K, &V)` pairs, such as `serde_json::Map` or `IndexMap`
/// ([`FlattenViaMap`], found one auto-ref later).
#[derive(Debug)]
pub struct Flatten<'a, T: ?Sized>(pub &'a T);

/// See [`Flatten`].
pub trait FlattenViaFields {
    /// Appends the members.
    fn write_flattened(&self, w: &mut Writer) -> Result<(), Error>;

    /// Appends the members as the content of an internally tagged newtype variant.
    fn write_tagged(&self, w: &mut Writer, variant: &'static str) -> Result<(), Error>;
}

impl<T: FlattenFields + ?Sized> FlattenViaFields for Flatten<'_, T> {
    #[inline]
    fn write_flattened(&self, w: &mut Writer) -> Result<(), Error> {
        self.0.write_fields(w)
    }

    #[inline]
    fn write_tagged(&self, w: &mut Writer, variant: &'static str) -> Result<(), Error> {
        self.0.write_tagged_fields(w, variant)
    }
}

/// See [`Flatten`].
pub trait FlattenViaMap {
    /// Appends the entries.
    fn write_flattened(&self, w: &mut Writer) -> Result<(), Error>;

    /// Appends the entries as the content of an internally tagged newtype variant.
    fn write_tagged(&self, w: &mut Writer, variant: &'static str) -> Result<(), Error>;
}

impl<'a, T, K, V> FlattenViaMap for &Flatten<'a, T>
where
    T: ?Sized,
    &'a T: IntoIterator<Item = (&'a K, &'a V)>,
    K: MapKey + ?Sized + 'a,
    V: PooledSerialize + ?Sized + 'a,
{
    #[inline]
    fn write_flattened(&self, w: &mut Writer) -> Result<(), Error> {
        w.write_map_entries(self.0)
    }

    #[inline]
    fn write_tagged(&self, w: &mut Writer, _: &'static str) -> Result<(), Error> {
        w.write_map_entries(self.0)
    }
}

/// A flattened field with `serialize_with` / `with`: the function writes the value through
/// serde_json, and its object's members are merged into the enclosing object, each with a
/// leading comma. `null` (a `None`, `()` or unit struct) adds nothing, as with serde.
///
/// # Errors
///
/// The function's error, or [`ErrorKind::Custom`](crate::ErrorKind::Custom) when it writes
/// something other than an object or `null`.
#[cfg(feature = "serde_json")]
pub fn write_flattened_with_serde<F>(w: &mut Writer, serialize: F) -> Result<(), Error>
where
    F: FnOnce(
        crate::FiniteSerializer<'_, &mut serde_json::Serializer<&mut Vec<u8>>>,
    ) -> Result<(), serde_json::Error>,
{
    let start = w.len();
    crate::write_with_serde(w, serialize)?;
    let buf = w.buf_vec();
    let written = &buf[start..];
    if written == b"null" || written == b"{}" {
        buf.truncate(start);
    } else if written.first() == Some(&b'{') {
        buf[start] = b',';
        buf.pop();
    } else {
        let what = match written.first() {
            Some(b'[') => "a sequence",
            Some(b'"') => "a string",
            Some(b't' | b'f') => "a boolean",
            _ => "a number",
        };
        buf.truncate(start);
        return Err(Error::custom(format_args!(
            "can only flatten structs and maps (got {what})"
        )));
    }
    Ok(())
}
