//! IP and socket addresses, as the strings serde writes for human-readable formats
//! (`"10.0.0.1"`, `"[::1]:443"`): std's `Display` text, which is serde's too. They are
//! strings, so they are map keys as well.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};

use super::fmt::write_display;
use crate::{Error, MapKey, PooledSerialize, Writer};

macro_rules! display_impls {
    ($($ty:ty)*) => {$(
        impl PooledSerialize for $ty {
            #[inline]
            fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
                write_display(w, self)
            }
        }

        impl MapKey for $ty {
            #[inline]
            fn write_key(&self, w: &mut Writer) -> Result<(), Error> {
                write_display(w, self)
            }
        }
    )*};
}

display_impls!(IpAddr Ipv4Addr Ipv6Addr SocketAddr SocketAddrV4 SocketAddrV6);
