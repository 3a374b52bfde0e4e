//! Paths, C strings and OS strings, as serde writes them: a `Path` as its UTF-8 text,
//! a C string as its bytes (`[104,105]`, without the nul), an OS string as the enum
//! `{"Unix":[bytes]}` or `{"Windows":[u16 units]}`.

use std::ffi::{CStr, CString, OsStr, OsString};
use std::path::{Path, PathBuf};

use crate::{Error, MapKey, PooledSerialize, Writer};

const NOT_UTF8: &str = "path contains invalid UTF-8 characters";

impl PooledSerialize for Path {
    /// # Errors
    ///
    /// [`ErrorKind::Unserializable`](crate::ErrorKind::Unserializable) when the path is
    /// not valid UTF-8.
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        self.write_json_prefixed("", w)
    }

    #[inline]
    fn write_json_prefixed(&self, prefix: &str, w: &mut Writer) -> Result<(), Error> {
        let text = self
            .to_str()
            .ok_or_else(|| Error::unserializable(NOT_UTF8))?;
        w.write_prefixed_str(prefix, text);
        Ok(())
    }
}

impl MapKey for Path {
    #[inline]
    fn write_key(&self, w: &mut Writer) -> Result<(), Error> {
        self.write_json(w)
    }
}

impl PooledSerialize for PathBuf {
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        self.as_path().write_json(w)
    }

    #[inline]
    fn write_json_prefixed(&self, prefix: &str, w: &mut Writer) -> Result<(), Error> {
        self.as_path().write_json_prefixed(prefix, w)
    }
}

impl MapKey for PathBuf {
    #[inline]
    fn write_key(&self, w: &mut Writer) -> Result<(), Error> {
        self.as_path().write_json(w)
    }
}

impl PooledSerialize for CStr {
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        w.write_seq(self.to_bytes())
    }
}

impl PooledSerialize for CString {
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        self.as_c_str().write_json(w)
    }
}

#[cfg(any(unix, windows))]
impl PooledSerialize for OsStr {
    #[cfg(unix)]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        use std::os::unix::ffi::OsStrExt;
        w.write_raw("{\"Unix\":");
        w.write_seq(self.as_bytes())?;
        w.write_raw("}");
        Ok(())
    }

    #[cfg(windows)]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        use std::os::windows::ffi::OsStrExt;
        // The units are written as they are decoded: no intermediate `Vec<u16>`.
        w.write_raw("{\"Windows\":");
        let list = w.position();
        for unit in self.encode_wide() {
            w.write_prefixed_int(",", unit);
        }
        w.close_list(list, b'[', b']');
        w.write_raw("}");
        Ok(())
    }
}

#[cfg(any(unix, windows))]
impl PooledSerialize for OsString {
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        self.as_os_str().write_json(w)
    }
}
