//! Interior mutability and weak pointers: the value inside, read the way serde reads
//! it; a value that cannot be read right now is an error, as it is for serde.

use std::cell::{Cell, RefCell};
use std::sync::{Mutex, RwLock};
use std::{rc, sync};

use crate::{Error, MapKey, PooledSerialize, Writer};

const BORROWED: &str = "RefCell is already mutably borrowed";
const MUTEX_POISONED: &str = "Mutex is poisoned: a thread panicked while holding it";
const RWLOCK_POISONED: &str = "RwLock is poisoned: a thread panicked while holding it";

impl<T: PooledSerialize + Copy> PooledSerialize for Cell<T> {
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        self.get().write_json(w)
    }
}

impl<T: PooledSerialize + ?Sized> PooledSerialize for RefCell<T> {
    /// # Errors
    ///
    /// [`ErrorKind::Unserializable`](crate::ErrorKind::Unserializable) while the cell is
    /// mutably borrowed.
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        match self.try_borrow() {
            Ok(value) => value.write_json(w),
            Err(_) => Err(Error::unserializable(BORROWED)),
        }
    }
}

// `RefCell<K>` is `Ord` when `K` is, so it can key a `BTreeMap`.
impl<K: MapKey + ?Sized> MapKey for RefCell<K> {
    #[inline]
    fn write_key(&self, w: &mut Writer) -> Result<(), Error> {
        match self.try_borrow() {
            Ok(key) => key.write_key(w),
            Err(_) => Err(Error::unserializable(BORROWED)),
        }
    }
}

impl<T: PooledSerialize + ?Sized> PooledSerialize for Mutex<T> {
    /// Locks the mutex for the write; like serde, this deadlocks or panics if the
    /// current thread already holds it.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unserializable`](crate::ErrorKind::Unserializable) when the mutex
    /// is poisoned.
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        match self.lock() {
            Ok(value) => value.write_json(w),
            Err(_) => Err(Error::unserializable(MUTEX_POISONED)),
        }
    }
}

impl<T: PooledSerialize + ?Sized> PooledSerialize for RwLock<T> {
    /// Takes a read lock for the write.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unserializable`](crate::ErrorKind::Unserializable) when the lock is
    /// poisoned.
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        match self.read() {
            Ok(value) => value.write_json(w),
            Err(_) => Err(Error::unserializable(RWLOCK_POISONED)),
        }
    }
}

macro_rules! weak_impls {
    ($($ty:ty),*) => {$(
        impl<T: PooledSerialize + ?Sized> PooledSerialize for $ty {
            /// The value if it is still alive, `null` once dropped (serde's `rc` feature
            /// writes `self.upgrade()`, an `Option`).
            #[inline]
            fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
                match self.upgrade() {
                    Some(value) => value.write_json(w),
                    None => {
                        w.write_null();
                        Ok(())
                    }
                }
            }
        }
    )*};
}

weak_impls!(rc::Weak<T>, sync::Weak<T>);
