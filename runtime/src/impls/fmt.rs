//! `fmt::Arguments`, and the adapter that writes any `Display` value as a JSON string
//! straight into the output (serde's `collect_str`), with no intermediate `String`.

use std::fmt::{self, Display, Write as _};

use crate::{Error, MapKey, PooledSerialize, Writer};

/// Escapes each piece `Display` produces into the output; escaping is per character,
/// so escaping the pieces one by one gives the same bytes as escaping their sum.
struct Contents<'a>(&'a mut Writer);

impl fmt::Write for Contents<'_> {
    #[inline]
    fn write_str(&mut self, piece: &str) -> fmt::Result {
        self.0.write_str_contents(piece);
        Ok(())
    }
}

/// Appends `value`'s `Display` output as a quoted, escaped JSON string.
pub(crate) fn write_display<T: Display + ?Sized>(w: &mut Writer, value: &T) {
    w.write_raw("\"");
    // `Contents` never fails; an error here could only come from a `Display` impl that
    // reports one on its own, which std's impls used here do not.
    let _ = write!(Contents(w), "{value}");
    w.write_raw("\"");
}

impl PooledSerialize for fmt::Arguments<'_> {
    /// The formatted text, as a string (serde's `collect_str`).
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        match self.as_str() {
            Some(text) => w.write_str(text),
            None => write_display(w, self),
        }
        Ok(())
    }
}

impl MapKey for fmt::Arguments<'_> {
    fn write_key(&self, w: &mut Writer) -> Result<(), Error> {
        self.write_json(w)
    }
}
