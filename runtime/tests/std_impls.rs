//! The std impls beyond scalars and collections (ranges, time, addresses, paths, C and
//! OS strings, cells, locks, numeric wrappers, atomics) against serde_json byte for byte;
//! the values serde_json refuses, refused here too with a clear `Error` and a clean
//! buffer; and the serde bridge's refusal of non-finite floats at any depth.

mod common;

use std::cell::{Cell, RefCell};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap};
use std::ffi::{CString, OsStr, OsString};
use std::fmt::Debug;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};
use std::num::{NonZeroI128, NonZeroI64, NonZeroI8, NonZeroU16, NonZeroU32, NonZeroUsize};
use std::num::{Saturating, Wrapping};
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::atomic::{
    AtomicBool, AtomicI16, AtomicI32, AtomicI64, AtomicI8, AtomicIsize, AtomicU16, AtomicU32,
    AtomicU64, AtomicU8, AtomicUsize,
};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use proptest::prelude::*;
use serde::Serialize;

use pooled_serialize_runtime::{pool, to_pooled_json, Error, ErrorKind, PooledSerialize};

use pooled_serialize_test_alloc::{allocations_during, CountingAllocator};

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

#[track_caller]
fn assert_same<T: PooledSerialize + Serialize + ?Sized + Debug>(value: &T) {
    let expected = serde_json::to_vec(value).expect("serde_json serializes it");
    let ours = to_pooled_json(value).expect("pooled serializes it");
    assert_eq!(
        ours.as_str(),
        String::from_utf8_lossy(&expected),
        "value: {value:?}"
    );
}

/// Both refuse `value`; ours says `message` at `path`, and the pooled buffer went back
/// to the pool cleared.
#[track_caller]
fn assert_refused<T: PooledSerialize + Serialize + ?Sized>(value: &T, message: &str, path: &str) {
    assert!(
        serde_json::to_vec(value).is_err(),
        "serde_json refuses it too"
    );
    let before = pool::thread_stats();
    let err: Error = to_pooled_json(value).unwrap_err();
    let after = pool::thread_stats();
    assert!(
        matches!(err.kind(), ErrorKind::Unserializable(_)),
        "{err:?}"
    );
    assert_eq!(err.kind().to_string(), message);
    assert_eq!(err.path(), path);
    assert_eq!(after.since(&before).acquires(), 1);
    assert_eq!(after.since(&before).returned, 1, "the buffer went back");
    assert!(pool::acquire().is_empty(), "and was cleared");
}

#[test]
fn ranges_and_bounds() {
    assert_same(&(1..5));
    assert_same(&(-3i64..=7));
    assert_same(&(0.5f64..2.25));
    assert_same(&(9u8..));
    assert_same(&(..-1i32));
    assert_same(&("a".to_owned().."b".to_owned()));
    let mut exhausted = 1..=2u8;
    exhausted.by_ref().for_each(drop);
    assert_same(&exhausted);
    assert_same(&[Bound::Included(1), Bound::Excluded(2), Bound::Unbounded]);
    assert_same(&(Bound::Included(3u8), Bound::<u8>::Unbounded));
    let nan = to_pooled_json(&(0.0..f64::NAN)).unwrap_err();
    assert_eq!(nan.path(), "end");
    let nested = to_pooled_json(&Bound::Excluded(f32::INFINITY)).unwrap_err();
    assert_eq!(nested.path(), "Excluded");
}

#[test]
fn results() {
    assert_same(&Ok::<u8, String>(1));
    assert_same(&Err::<u8, String>("bad \"input\"".to_owned()));
    assert_same(&vec![Ok(Some(1.5)), Err(()), Ok(None)]);
    assert_eq!(
        to_pooled_json(&Ok::<f64, ()>(f64::NAN)).unwrap_err().path(),
        "Ok"
    );
}

#[test]
fn durations_and_system_times() {
    assert_same(&Duration::ZERO);
    assert_same(&Duration::MAX);
    assert_same(&Duration::from_nanos(1_500_000_001));
    assert_same(&UNIX_EPOCH);
    assert_same(&(UNIX_EPOCH + Duration::new(1_700_000_000, 999_999_999)));
    // Miri's isolation has no wall clock.
    if !cfg!(miri) {
        assert_same(&SystemTime::now());
    }
}

#[test]
fn net_addresses_are_strings() {
    let v4 = Ipv4Addr::new(192, 168, 0, 1);
    let v6 = Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1);
    assert_same(&v4);
    assert_same(&Ipv4Addr::UNSPECIFIED);
    assert_same(&Ipv4Addr::BROADCAST);
    assert_same(&v6);
    assert_same(&Ipv6Addr::UNSPECIFIED);
    assert_same(&Ipv6Addr::LOCALHOST);
    assert_same(&v4.to_ipv6_mapped());
    assert_same(&[IpAddr::V4(v4), IpAddr::V6(v6)]);
    assert_same(&SocketAddrV4::new(v4, 443));
    assert_same(&SocketAddrV6::new(v6, 8080, 7, 0));
    assert_same(&SocketAddrV6::new(v6, 8080, 0, 3));
    assert_same(&[SocketAddr::from((v4, 0)), SocketAddr::from((v6, 65535))]);
}

#[test]
fn paths_c_strings_and_os_strings() {
    assert_same(Path::new("/srv/data/bids \"today\".json"));
    assert_same(&PathBuf::from("relative/ünïcode\n"));
    assert_same(c"hi\xff");
    assert_same(&CString::new("").unwrap());
    assert_same(OsStr::new("os"));
    assert_same(&OsString::from("é\t"));
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        assert_same(OsStr::from_bytes(b"\xff\xfe"));
    }
}

#[test]
fn cells_locks_and_weak_pointers() {
    assert_same(&Cell::new(7u8));
    assert_same(&RefCell::new(vec!["a"]));
    assert_same(&Mutex::new(Some(1.5)));
    assert_same(&RwLock::new("read"));
    let rc: Rc<str> = Rc::from("alive");
    let weak = Rc::downgrade(&rc);
    assert_same(&weak);
    drop(rc);
    assert_same(&weak);
    let arc: Arc<[u8]> = Arc::from(&[1u8, 2][..]);
    let weak = Arc::downgrade(&arc);
    assert_same(&weak);
    drop(arc);
    assert_same(&weak);
    assert_same(&std::sync::Weak::<u8>::new());
}

#[test]
fn numeric_wrappers_and_atomics() {
    assert_same(&[NonZeroU32::MIN, NonZeroU32::MAX]);
    assert_same(&[NonZeroI8::MIN, NonZeroI8::MAX]);
    assert_same(&NonZeroI128::MIN);
    assert_same(&NonZeroUsize::MAX);
    assert_same(&(Wrapping(u8::MAX) + Wrapping(1)));
    assert_same(&(Saturating(i16::MAX) + Saturating(1)));
    assert_same(&Reverse("r"));
    assert_same(&Wrapping(0.25));
    assert_same(&AtomicBool::new(true));
    assert_same(&(AtomicI8::new(-8), AtomicU8::new(8)));
    assert_same(&(AtomicI16::new(i16::MIN), AtomicU16::new(u16::MAX)));
    assert_same(&(AtomicI32::new(-32), AtomicU32::new(32)));
    assert_same(&(AtomicI64::new(i64::MIN), AtomicU64::new(u64::MAX)));
    assert_same(&(AtomicIsize::new(-1), AtomicUsize::new(usize::MAX)));
}

#[test]
fn collections_pointers_and_formatting() {
    let heap: BinaryHeap<i32> = [3, 1, 4, 1, 5, 9, 2, 6].into_iter().collect();
    assert_same(&heap);
    assert_same(&BinaryHeap::<u8>::new());
    let empty: [u8; 0] = [];
    assert_same(&empty);
    assert_same(&[[1u8; 3]; 2]);
    let boxed: Box<str> = "boxed".into();
    assert_same(&boxed);
    let rc: Rc<str> = "rc".into();
    assert_same(&rc);
    let arc: Arc<[u16]> = Arc::from(vec![1, 2]);
    assert_same(&arc);
    assert_same(&std::borrow::Cow::Borrowed(&[1.5, 2.5][..]));
    assert_same(&std::borrow::Cow::<[u8]>::Owned(vec![1]));
    assert_same(&std::borrow::Cow::Borrowed(Path::new("p")));
    // Tuples implement `Debug` only up to 12 elements.
    let sixteen = (
        1u8,
        2i8,
        3u16,
        4i16,
        5u32,
        6i32,
        7u64,
        8i64,
        9.0,
        'x',
        "s",
        (),
        None::<u8>,
        true,
        [0u8; 0],
        16u128,
    );
    assert_eq!(
        to_pooled_json(&sixteen).unwrap().as_str(),
        serde_json::to_string(&sixteen).unwrap()
    );
    for args in [format_args!("plain"), format_args!("{}\"{:>4}\n", 1, "é")] {
        assert_eq!(
            to_pooled_json(&args).unwrap().as_str(),
            serde_json::to_string(&args).unwrap()
        );
    }
}

/// A `Display` impl that fails on its own, which serde_json answers with a panic.
struct FailingDisplay;

impl std::fmt::Display for FailingDisplay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("partial")?;
        Err(std::fmt::Error)
    }
}

#[test]
fn failing_display_is_an_error() {
    let err = to_pooled_json(&format_args!("{FailingDisplay}")).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::Unserializable(_)),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "a formatting trait implementation returned an error"
    );
}

#[test]
fn map_keys_where_serde_json_takes_them() {
    let v4 = Ipv4Addr::new(10, 0, 0, 1);
    let v6 = Ipv6Addr::LOCALHOST;
    assert_same(&BTreeMap::from([
        (NonZeroU16::MIN, 1),
        (NonZeroU16::MAX, 2),
    ]));
    assert_same(&BTreeMap::from([(NonZeroI64::MIN, "min")]));
    assert_same(&BTreeMap::from([(Wrapping(3u8), 'a'), (Wrapping(4), 'b')]));
    assert_same(&BTreeMap::from([(Saturating(-1i32), ())]));
    assert_same(&BTreeMap::from([(Reverse(true), 0), (Reverse(false), 1)]));
    assert_same(&BTreeMap::from([(IpAddr::V4(v4), 1), (IpAddr::V6(v6), 2)]));
    assert_same(&BTreeMap::from([(v4, 1)]));
    assert_same(&BTreeMap::from([(v6, 1)]));
    assert_same(&HashMap::from([(SocketAddr::from((v4, 80)), "http")]));
    assert_same(&BTreeMap::from([(SocketAddrV4::new(v4, 1), 1)]));
    assert_same(&BTreeMap::from([(SocketAddrV6::new(v6, 1, 0, 9), 1)]));
    assert_same(&BTreeMap::from([
        (PathBuf::from("a\"b"), 1),
        ("c".into(), 2),
    ]));
    assert_same(&BTreeMap::from([(Path::new("k"), 1)]));
    assert_same(&BTreeMap::from([(RefCell::new("cell".to_owned()), 1)]));
}

#[test]
fn poisoned_mutex_and_rwlock_are_errors() {
    let mutex = Arc::new(Mutex::new(1u8));
    let lock = Arc::new(RwLock::new(2u8));
    let (m, l) = (Arc::clone(&mutex), Arc::clone(&lock));
    let panicked = std::thread::spawn(move || {
        let _m = m.lock().unwrap();
        let _l = l.write().unwrap();
        panic!("poison both");
    })
    .join();
    assert!(panicked.is_err());
    assert_refused(
        &*mutex,
        "Mutex is poisoned: a thread panicked while holding it",
        "",
    );
    assert_refused(
        &*lock,
        "RwLock is poisoned: a thread panicked while holding it",
        "",
    );
    assert_refused(
        &vec![Ok(Mutex::new(0u8)), Err(Arc::clone(&mutex))],
        "Mutex is poisoned: a thread panicked while holding it",
        "[1].Err",
    );
}

// A `RefCell` key is the point: it is `Ord`, and serde_json refuses it while borrowed.
#[allow(clippy::mutable_key_type)]
#[test]
fn mutably_borrowed_refcell_is_an_error() {
    let cell = RefCell::new(vec![1u8]);
    let _guard = cell.borrow_mut();
    assert_refused(&cell, "RefCell is already mutably borrowed", "");
    assert_refused(&(0u8, &cell), "RefCell is already mutably borrowed", "[1]");
    let map = BTreeMap::from([(RefCell::new("k".to_owned()), 1)]);
    let key = map.keys().next().unwrap();
    let _key_guard = key.borrow_mut();
    let err = to_pooled_json(&map).unwrap_err();
    assert!(serde_json::to_vec(&map).is_err());
    assert_eq!(
        err.kind().to_string(),
        "RefCell is already mutably borrowed"
    );
}

#[cfg(unix)]
#[test]
fn non_utf8_path_is_an_error() {
    use std::os::unix::ffi::OsStrExt;
    let path = Path::new(OsStr::from_bytes(b"/tmp/\xff"));
    assert_refused(path, "path contains invalid UTF-8 characters", "");
    assert_refused(
        &Some(path.to_path_buf()),
        "path contains invalid UTF-8 characters",
        "",
    );
    assert_refused(
        &BTreeMap::from([(path, 1)]),
        "path contains invalid UTF-8 characters",
        "",
    );
}

#[test]
fn system_time_before_the_epoch_is_an_error() {
    let before = UNIX_EPOCH - Duration::from_nanos(1);
    assert_refused(&before, "SystemTime is before the UNIX epoch", "");
    assert_refused(&(..before), "SystemTime is before the UNIX epoch", "end");
}

#[test]
fn new_impls_allocate_nothing_after_warm_up() {
    let v6 = SocketAddrV6::new(Ipv6Addr::new(0x2001, 0xdb8, 1, 2, 3, 4, 5, 6), 443, 0, 2);
    let value = (
        UNIX_EPOCH + Duration::new(1_700_000_000, 5),
        Duration::from_millis(1500),
        [IpAddr::V4(Ipv4Addr::LOCALHOST), IpAddr::V6(*v6.ip())],
        (v6, SocketAddr::from(([1, 2, 3, 4], 5))),
        (
            Path::new("/a/b"),
            Mutex::new(1..=3),
            RefCell::new(Bound::Included(2)),
        ),
        (
            NonZeroU32::MAX,
            Wrapping(3i8),
            AtomicU64::new(9),
            Ok::<u8, u8>(1),
        ),
        BTreeMap::from([(Ipv4Addr::BROADCAST, 1), (Ipv4Addr::UNSPECIFIED, 2)]),
    );
    assert_same(&value);
    drop(to_pooled_json(&value).unwrap());
    let rounds = if cfg!(miri) { 3 } else { 200 };
    let allocations = allocations_during(|| {
        for _ in 0..rounds {
            drop(to_pooled_json(&value).unwrap());
        }
    });
    assert_eq!(allocations, 0);
}

/// Finite doubles of every magnitude.
fn finite_f64() -> impl Strategy<Value = f64> {
    any::<f64>().prop_filter("finite", |value| value.is_finite())
}

proptest! {
    #![proptest_config(common::proptest_config(256))]

    #[test]
    fn durations(secs in any::<u64>(), nanos in 0u32..1_000_000_000) {
        assert_same(&Duration::new(secs, nanos));
    }

    #[test]
    fn system_times(secs in 0u64..1 << 40, nanos in 0u32..1_000_000_000) {
        assert_same(&(UNIX_EPOCH + Duration::new(secs, nanos)));
    }

    #[test]
    fn addresses(v4 in any::<u32>(), v6 in any::<u128>(), port in any::<u16>(), flow in any::<u32>(), scope in any::<u32>()) {
        let (v4, v6) = (Ipv4Addr::from(v4), Ipv6Addr::from(v6));
        assert_same(&(v4, v6, IpAddr::V4(v4), IpAddr::V6(v6)));
        assert_same(&(SocketAddrV4::new(v4, port), SocketAddrV6::new(v6, port, flow, scope)));
        assert_same(&BTreeMap::from([(SocketAddr::from((v6, port)), 1), (SocketAddr::from((v4, port)), 2)]));
    }

    #[test]
    fn non_zero(unsigned in 1u64.., signed in any::<i64>().prop_filter("non-zero", |v| *v != 0)) {
        let unsigned = std::num::NonZeroU64::new(unsigned).unwrap();
        let signed = NonZeroI64::new(signed).unwrap();
        assert_same(&(unsigned, signed));
        assert_same(&BTreeMap::from([(signed, unsigned)]));
    }

    #[test]
    fn int_and_float_ranges(a in any::<i64>(), b in any::<u128>(), x in finite_f64(), y in finite_f64()) {
        assert_same(&(a..a, b..=b, a.., ..b));
        assert_same(&(x..y, x..=y, y.., ..x));
        assert_same(&[Bound::Included(x), Bound::Excluded(y), Bound::Unbounded]);
        assert_same(&[Ok(a), Err(x)]);
    }

    #[test]
    fn path_text(text in "\\PC{0,24}") {
        assert_same(Path::new(&text));
        assert_same(&BTreeMap::from([(PathBuf::from(&text), 0)]));
        assert_same(&CString::new(text.replace('\0', "")).unwrap());
        assert_same(OsStr::new(&text));
    }
}

#[cfg(feature = "serde_json")]
mod bridge {
    //! Values written through serde (`write_serde`, and `write_with_serde` as generated
    //! code calls it for `serialize_with`): serde_json's bytes for finite values, and an
    //! error naming the float for a non-finite one, where serde_json writes `null`.

    use std::collections::BTreeMap;

    use serde::{Serialize, Serializer};

    use pooled_serialize_runtime::{write_serde, write_with_serde, ErrorKind, Writer};

    #[derive(Serialize)]
    struct Outer {
        id: &'static str,
        items: Vec<Inner>,
        by_name: BTreeMap<&'static str, Option<f32>>,
    }

    #[derive(Serialize)]
    enum Inner {
        Unit,
        Newtype(f64),
        Tuple(u8, f64),
        Struct { price: f64 },
    }

    fn outer(poison: f64) -> Outer {
        Outer {
            id: "x",
            items: vec![
                Inner::Unit,
                Inner::Newtype(1.0),
                Inner::Tuple(1, 2.5),
                Inner::Struct { price: poison },
            ],
            by_name: BTreeMap::from([("a", Some(1.5)), ("b", None)]),
        }
    }

    /// A `serialize_with` function, called as the derive calls it.
    fn as_pair<S: Serializer>(value: &f64, s: S) -> Result<S::Ok, S::Error> {
        (value, [*value]).serialize(s)
    }

    #[test]
    fn finite_values_match_serde_json() {
        let value = outer(0.125);
        let mut w = Writer::default();
        write_serde(&mut w, &value).unwrap();
        assert_eq!(w.as_bytes(), serde_json::to_vec(&value).unwrap());
        let mut w = Writer::default();
        write_with_serde(&mut w, |s| as_pair(&-0.5, s)).unwrap();
        assert_eq!(w.as_bytes(), b"[-0.5,[-0.5]]");
    }

    #[test]
    fn non_finite_floats_anywhere_are_errors() {
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let value = outer(bad);
            assert!(
                serde_json::to_string(&value).unwrap().contains("null"),
                "serde_json writes null"
            );
            let mut w = Writer::default();
            w.write_raw("[");
            let err = write_serde(&mut w, &value).unwrap_err();
            assert!(
                matches!(err.kind(), ErrorKind::NonFiniteFloat(_)),
                "{err:?}"
            );
            assert_eq!(err.path(), "items[3].price");
            assert_eq!(w.as_bytes(), b"[", "the partial write is removed");

            let err = write_with_serde(&mut w, |s| as_pair(&bad, s)).unwrap_err();
            assert_eq!(err.path(), "[0]");
            assert_eq!(err.to_string(), format!("non-finite float {bad} at [0]"));
        }
        let mut w = Writer::default();
        let cases: [&dyn erased::Value; 5] = [
            &Inner::Newtype(f64::NAN),
            &Inner::Tuple(0, f64::NAN),
            &Some(f32::NAN),
            &BTreeMap::from([("k", f32::INFINITY)]),
            &BTreeMap::from([(1u8, vec![(0.0, f64::NAN)])]),
        ];
        for case in cases {
            let err = case.write(&mut w).unwrap_err();
            assert!(
                matches!(err.kind(), ErrorKind::NonFiniteFloat(_)),
                "{err:?}"
            );
            assert!(w.is_empty());
        }
    }

    /// A value whose form depends on the serializer: serde_json is human-readable.
    struct ReadableOrNot;

    impl Serialize for ReadableOrNot {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            if s.is_human_readable() {
                s.serialize_str("readable")
            } else {
                s.serialize_u8(0)
            }
        }
    }

    /// A map written key by key (`serialize_key` then `serialize_value`), as hand-written
    /// `Serialize` impls often do instead of `serialize_entry`.
    fn key_by_key<S: Serializer>(price: &f64, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(None)?;
        map.serialize_key("price")?;
        map.serialize_value(price)?;
        map.serialize_key("form")?;
        map.serialize_value(&ReadableOrNot)?;
        map.end()
    }

    #[test]
    fn maps_written_key_by_key_and_readable_forms_match_serde_json() {
        let mut expected = Vec::new();
        key_by_key(&1.5, &mut serde_json::Serializer::new(&mut expected)).unwrap();
        let mut w = Writer::default();
        write_with_serde(&mut w, |s| key_by_key(&1.5, s)).unwrap();
        assert_eq!(w.as_bytes(), expected);
        assert_eq!(w.as_bytes(), br#"{"price":1.5,"form":"readable"}"#);

        let mut w = Writer::default();
        let err = write_with_serde(&mut w, |s| key_by_key(&f64::NAN, s)).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::NonFiniteFloat(_)),
            "{err:?}"
        );
        assert!(w.is_empty());
    }

    #[test]
    fn the_bridge_serializers_name_themselves_in_debug_output() {
        use serde::ser::SerializeSeq;
        let mut w = Writer::default();
        write_with_serde(&mut w, |s| {
            assert!(format!("{s:?}").starts_with("FiniteSerializer"), "{s:?}");
            let seq = s.serialize_seq(Some(0))?;
            assert!(format!("{seq:?}").starts_with("Compound"), "{seq:?}");
            seq.end()
        })
        .unwrap();
        assert_eq!(w.as_bytes(), b"[]");
    }

    mod erased {
        //! One `write_serde` call for values of different types in one array.
        use pooled_serialize_runtime::{write_serde, Error, Writer};

        pub trait Value {
            fn write(&self, w: &mut Writer) -> Result<(), Error>;
        }

        impl<T: serde::Serialize> Value for T {
            fn write(&self, w: &mut Writer) -> Result<(), Error> {
                write_serde(w, self)
            }
        }
    }

    #[test]
    fn bridge_allocates_nothing_after_warm_up() {
        let value = outer(2.0);
        let mut w = Writer::new(Vec::with_capacity(4096));
        let rounds = if cfg!(miri) { 3 } else { 200 };
        let allocations = super::allocations_during(|| {
            for _ in 0..rounds {
                write_serde(&mut w, &value).unwrap();
                write_with_serde(&mut w, |s| as_pair(&1.0, s)).unwrap();
                w.truncate(0);
            }
        });
        assert_eq!(allocations, 0);
    }
}
