//! `fmt::Arguments`, and the adapter that writes any `Display` value as a JSON string
//! straight into the output (serde's `collect_str`), with no intermediate `String`.

use std::fmt::{self, Display, Write as _};

use crate::{Error, PooledSerialize, Writer};

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
///
/// # Errors
///
/// When the `Display` impl reports an error of its own (`Contents` never does); serde_json
/// panics there, which a server should not.
pub(crate) fn write_display<T: Display + ?Sized>(w: &mut Writer, value: &T) -> Result<(), Error> {
    w.write_raw("\"");
    write!(Contents(w), "{value}").map_err(|fmt::Error| {
        Error::unserializable("a formatting trait implementation returned an error")
    })?;
    w.write_raw("\"");
    Ok(())
}

// No `MapKey`: serde_json would take it, but it is neither `Hash` nor `Ord`, so no std
// map can key on it.
impl PooledSerialize for fmt::Arguments<'_> {
    /// The formatted text, as a string (serde's `collect_str`).
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        match self.as_str() {
            Some(text) => {
                w.write_str(text);
                Ok(())
            }
            None => write_display(w, self),
        }
    }
}
