//! `Duration` and `SystemTime`, as the structs serde writes for them.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::{Error, PooledSerialize, Writer};

/// `{"<secs>":secs,"<nanos>":nanos}`, with the keys already written into `keys`.
#[inline]
fn write_parts(w: &mut Writer, keys: [&str; 2], duration: Duration) {
    w.write_prefixed_int(keys[0], duration.as_secs());
    w.write_prefixed_int(keys[1], duration.subsec_nanos());
    w.write_raw("}");
}

impl PooledSerialize for Duration {
    /// `{"secs":u64,"nanos":u32}`.
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        write_parts(w, ["{\"secs\":", ",\"nanos\":"], *self);
        Ok(())
    }
}

impl PooledSerialize for SystemTime {
    /// `{"secs_since_epoch":u64,"nanos_since_epoch":u32}`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unserializable`](crate::ErrorKind::Unserializable) for a time before
    /// the UNIX epoch, which serde cannot write either.
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        let since_epoch = self
            .duration_since(UNIX_EPOCH)
            .map_err(|_| Error::unserializable("SystemTime is before the UNIX epoch"))?;
        write_parts(
            w,
            ["{\"secs_since_epoch\":", ",\"nanos_since_epoch\":"],
            since_epoch,
        );
        Ok(())
    }
}
