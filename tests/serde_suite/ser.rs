//! serde-rs/serde `test_suite/tests/test_ser.rs`: the std types and the basic derived
//! shapes. serde_json is human-readable, so the `readable()` forms of the network types
//! are the ones it writes; their `compact()` token forms do not apply to JSON. serde_test
//! refuses 128-bit integers, serde_json writes them, so they are compared here.

use std::cell::RefCell;
use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ffi::CString;
use std::hash::BuildHasherDefault;
use std::net;
use std::num::{Saturating, Wrapping};
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::rc::Weak as RcWeak;
use std::sync::atomic::{
    AtomicBool, AtomicI16, AtomicI32, AtomicI8, AtomicIsize, AtomicU16, AtomicU32, AtomicU8,
    AtomicUsize,
};
#[cfg(target_has_atomic = "64")]
use std::sync::atomic::{AtomicI64, AtomicU64};
use std::sync::Arc;
use std::sync::{Mutex, RwLock, Weak as ArcWeak};
use std::time::{Duration, UNIX_EPOCH};

use pooled_serialize::PooledSerialize;
use serde::Serialize;

use crate::{assert_both_fail, assert_same};

/// A hasher other than `RandomState`, as upstream's `foldhash::fast::FixedState`.
type FixedState = BuildHasherDefault<DefaultHasher>;

#[derive(Serialize, PooledSerialize)]
struct UnitStruct;

#[derive(Serialize, PooledSerialize)]
struct TupleStruct(i32, i32, i32);

#[derive(Serialize, PooledSerialize)]
struct Struct {
    a: i32,
    b: i32,
    c: i32,
}

struct NotSerializable;

#[derive(Serialize, PooledSerialize)]
enum Enum {
    Unit,
    One(i32),
    Seq(i32, i32),
    Map {
        a: i32,
        b: i32,
    },
    #[serde(skip_serializing)]
    SkippedUnit,
    #[serde(skip_serializing)]
    SkippedOne(i32),
    #[serde(skip_serializing)]
    SkippedSeq(i32, i32),
    #[serde(skip_serializing)]
    SkippedMap {
        _a: i32,
        _b: i32,
    },
    OneWithSkipped(#[serde(skip_serializing)] NotSerializable),
}

#[test]
fn primitives() {
    assert_same(&());
    assert_same(&true);
    assert_same(&false);
    assert_same(&0i8);
    assert_same(&0i16);
    assert_same(&0i32);
    assert_same(&0i64);
    assert_same(&0u8);
    assert_same(&0u16);
    assert_same(&0u32);
    assert_same(&0u64);
    assert_same(&0f32);
    assert_same(&0f64);
    assert_same(&'a');
    assert_same(&"abc");
    assert_same(&"abc".to_owned());
}

#[test]
fn integer128() {
    assert_same(&1i128);
    assert_same(&1u128);
}

#[test]
fn option() {
    assert_same(&None::<i32>);
    assert_same(&Some(1));
}

#[test]
fn result() {
    assert_same(&Ok::<i32, i32>(0));
    assert_same(&Err::<i32, i32>(1));
}

#[test]
fn sequences() {
    assert_same(&[0][..0]);
    assert_same(&[1, 2, 3][..]);
    assert_same(&[0; 0]);
    assert_same(&[1, 2, 3]);
    assert_same(&Vec::<isize>::new());
    assert_same(&vec![vec![], vec![1], vec![2, 3]]);
    assert_same(&BTreeSet::<isize>::new());
    assert_same(&BTreeSet::from([1]));
    assert_same(&HashSet::<isize>::new());
    assert_same(&HashSet::from([1]));
    let mut with_hasher = HashSet::with_hasher(FixedState::default());
    with_hasher.insert(1);
    assert_same(&with_hasher);
    assert_same(&(1,));
    assert_same(&(1, 2, 3));
}

#[test]
fn maps() {
    assert_same(&BTreeMap::from([(1, 2)]));
    assert_same(&BTreeMap::from([(1, 2), (3, 4)]));
    assert_same(&BTreeMap::from([
        (1, BTreeMap::new()),
        (2, BTreeMap::from([(3, 4), (5, 6)])),
    ]));
    assert_same(&HashMap::<isize, isize>::new());
    assert_same(&HashMap::from([(1, 2)]));
    let mut with_hasher = HashMap::with_hasher(FixedState::default());
    with_hasher.insert(1, 2);
    assert_same(&with_hasher);
}

#[test]
fn derived_shapes() {
    assert_same(&UnitStruct);
    assert_same(&TupleStruct(1, 2, 3));
    assert_same(&Struct { a: 1, b: 2, c: 3 });
    assert_same(&Enum::Unit);
    assert_same(&Enum::One(42));
    assert_same(&Enum::Seq(1, 2));
    assert_same(&Enum::Map { a: 1, b: 2 });
}

#[test]
fn newtype_variant_with_skipped_field() {
    assert_same(&Enum::OneWithSkipped(NotSerializable));
}

#[test]
fn enum_skipped() {
    assert_both_fail(&Enum::SkippedUnit);
    assert_both_fail(&Enum::SkippedOne(42));
    assert_both_fail(&Enum::SkippedSeq(1, 2));
    assert_both_fail(&Enum::SkippedMap { _a: 1, _b: 2 });
}

#[test]
fn pointers() {
    assert_same(&Box::new(0i32));
    assert_same(&Box::new([0, 1, 2]));
    assert_same(&Rc::new(true));
    assert_same(&Arc::new(true));
    assert_same(&Rc::<str>::from("s"));
    assert_same(&Rc::<[bool]>::from(&[true][..]));
    assert_same(&Arc::<str>::from("s"));
    assert_same(&Arc::<[bool]>::from(&[true][..]));
}

#[test]
fn weak() {
    let rc = Rc::new(true);
    assert_same(&Rc::downgrade(&rc));
    assert_same(&RcWeak::<bool>::new());
    let arc = Arc::new(true);
    assert_same(&Arc::downgrade(&arc));
    assert_same(&ArcWeak::<bool>::new());
}

#[test]
fn time() {
    assert_same(&Duration::new(1, 2));
    assert_same(&(UNIX_EPOCH + Duration::new(1, 200)));
}

#[test]
fn ranges_and_bounds() {
    assert_same(&(1u32..2u32));
    assert_same(&(1u32..=2u32));
    assert_same(&(1u32..));
    assert_same(&(..2u32));
    assert_same(&Bound::Unbounded::<()>);
    assert_same(&Bound::Included(0u8));
    assert_same(&Bound::Excluded(0u8));
}

#[test]
fn paths_and_c_strings() {
    assert_same(Path::new("/usr/local/lib"));
    assert_same(&PathBuf::from("/usr/local/lib"));
    let cstring = CString::new("abc").unwrap();
    assert_same(&cstring);
    assert_same(cstring.as_c_str());
}

#[cfg(unix)]
#[test]
fn cannot_serialize_paths() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    assert_both_fail(Path::new(OsStr::from_bytes(b"Hello \xF0\x90\x80World")));
}

#[test]
fn wrapping_and_saturating() {
    assert_same(&Wrapping(1usize));
    assert_same(&Saturating(1usize));
}

#[test]
fn fmt_arguments() {
    assert_same(&format_args!("{}{}", 1, 'a'));
}

#[test]
fn atomics() {
    assert_same(&AtomicBool::new(false));
    assert_same(&AtomicBool::new(true));
    assert_same(&AtomicI8::new(63i8));
    assert_same(&AtomicI16::new(-318i16));
    assert_same(&AtomicI32::new(65792i32));
    assert_same(&AtomicIsize::new(-65792isize));
    assert_same(&AtomicU8::new(192u8));
    assert_same(&AtomicU16::new(510u16));
    assert_same(&AtomicU32::new(131072u32));
    assert_same(&AtomicUsize::new(655360usize));
}

#[cfg(target_has_atomic = "64")]
#[test]
fn atomic64() {
    assert_same(&AtomicI64::new(-4295032832i64));
    assert_same(&AtomicU64::new(12884901888u64));
}

#[test]
fn net_readable() {
    assert_same(&"1.2.3.4".parse::<net::Ipv4Addr>().unwrap());
    assert_same(&"::1".parse::<net::Ipv6Addr>().unwrap());
    assert_same(&"1.2.3.4".parse::<net::IpAddr>().unwrap());
    assert_same(&"1.2.3.4:1234".parse::<net::SocketAddr>().unwrap());
    assert_same(&"1.2.3.4:1234".parse::<net::SocketAddrV4>().unwrap());
    assert_same(&"[::1]:1234".parse::<net::SocketAddrV6>().unwrap());
    // The values of the upstream `compact()` cases, written readable as JSON does.
    assert_same(&net::Ipv4Addr::from(*b"1234"));
    assert_same(&net::Ipv6Addr::from(*b"1234567890123456"));
    assert_same(&net::IpAddr::from(*b"1234"));
    assert_same(&net::SocketAddr::from((*b"1234567890123456", 1234)));
    assert_same(&net::SocketAddrV4::new(net::Ipv4Addr::from(*b"1234"), 1234));
    assert_same(&net::SocketAddrV6::new(
        net::Ipv6Addr::from(*b"1234567890123456"),
        1234,
        0,
        0,
    ));
}

#[test]
fn cells_and_locks() {
    assert_same(&RefCell::new([true]) as &RefCell<[bool]>);
    assert_same(&Mutex::new([true]) as &Mutex<[bool]>);
    assert_same(&RwLock::new([true]) as &RwLock<[bool]>);
}

#[test]
fn cannot_serialize_mutably_borrowed_ref_cell() {
    let ref_cell = RefCell::new(42);
    let _reference = ref_cell.borrow_mut();
    assert_both_fail(&ref_cell);
}
