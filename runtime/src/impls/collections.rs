//! `BinaryHeap`: a sequence in its iteration order, as serde writes it.

use std::collections::BinaryHeap;

use crate::{Error, PooledSerialize, Writer};

impl<T: PooledSerialize> PooledSerialize for BinaryHeap<T> {
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        w.write_seq(self)
    }
}
