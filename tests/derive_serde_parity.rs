//! Shapes serde serializes that the derive must match byte for byte: each type derives both
//! serde's `Serialize` and `PooledSerialize`, and the two outputs are compared.

#![deny(deprecated)]
#![allow(dead_code)]

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::marker::PhantomData;

use pooled_serialize::PooledSerialize;
use serde::{Serialize, Serializer};

/// Both write the same bytes.
fn same<T: Serialize + PooledSerialize + ?Sized>(value: &T) {
    let expected = serde_json::to_string(value).expect("serde_json serializes it");
    let actual = pooled_serialize::to_string(value).expect("pooled_serialize serializes it");
    assert_eq!(actual, expected);
}

/// Both refuse the value.
fn both_refuse<T: Serialize + PooledSerialize + ?Sized>(value: &T) {
    assert!(
        serde_json::to_string(value).is_err(),
        "serde_json refuses it"
    );
    assert!(
        pooled_serialize::to_string(value).is_err(),
        "pooled_serialize refuses it"
    );
}

/// The same bytes, or both refuse the value.
fn agree<T: Serialize + PooledSerialize + ?Sized>(value: &T) {
    match serde_json::to_string(value) {
        Ok(expected) => {
            let actual = pooled_serialize::to_string(value).expect("serde_json accepts it");
            assert_eq!(actual, expected);
        }
        Err(_) => assert!(
            pooled_serialize::to_string(value).is_err(),
            "serde_json refuses it"
        ),
    }
}

// ---- flatten of `()`, unit structs, newtypes and transparent wrappers ----

#[derive(Serialize, PooledSerialize)]
struct Response<T> {
    id: u32,
    #[serde(flatten)]
    extra: T,
}

#[derive(Serialize, PooledSerialize)]
struct UnitStruct;

#[derive(Serialize, PooledSerialize, Clone)]
struct Fields {
    a: u8,
    b: &'static str,
}

#[derive(Serialize, PooledSerialize)]
struct NewtypeOfFields(Fields);

#[derive(Serialize, PooledSerialize)]
struct NewtypeOfMap(BTreeMap<String, u8>);

#[derive(Serialize, PooledSerialize)]
#[serde(transparent)]
struct Transparent {
    inner: Fields,
    #[serde(skip)]
    note: u8,
}

#[derive(Serialize, PooledSerialize)]
enum External {
    Unit,
    Newtype(u8),
    Tuple(u8, u8),
    Struct { x: u8 },
}

#[derive(Serialize, PooledSerialize)]
#[serde(tag = "t")]
enum Tagged {
    Unit(()),
    UnitStruct(UnitStruct),
    Newtype(NewtypeOfFields),
    Transparent(Transparent),
    Map(BTreeMap<String, u8>),
    External(External),
    Option(Option<Fields>),
    OptionInNewtype(OptionNewtype),
    Internal(InnerInternal),
    Adjacent(InnerAdjacent),
}

#[derive(Serialize, PooledSerialize)]
#[serde(tag = "kind")]
enum InnerInternal {
    Unit,
    Struct { x: u8 },
}

#[derive(Serialize, PooledSerialize)]
#[serde(tag = "tag", content = "content")]
enum InnerAdjacent {
    Unit,
    Newtype(u8),
}

#[derive(Serialize, PooledSerialize)]
struct OptionNewtype(Option<Fields>);

fn fields() -> Fields {
    Fields { a: 1, b: "x" }
}

#[test]
fn flatten_unit_generic() {
    same(&Response { id: 1, extra: () });
    same(&Response {
        id: 1,
        extra: UnitStruct,
    });
}

#[test]
fn flatten_through_newtype_and_transparent() {
    same(&Response {
        id: 1,
        extra: NewtypeOfFields(fields()),
    });
    same(&Response {
        id: 1,
        extra: NewtypeOfMap(BTreeMap::from([("k".to_owned(), 2)])),
    });
    same(&Response {
        id: 1,
        extra: Transparent {
            inner: fields(),
            note: 0,
        },
    });
}

#[test]
fn internally_tagged_newtype_contents() {
    same(&Tagged::Unit(()));
    same(&Tagged::UnitStruct(UnitStruct));
    same(&Tagged::Newtype(NewtypeOfFields(fields())));
    same(&Tagged::Transparent(Transparent {
        inner: fields(),
        note: 0,
    }));
    same(&Tagged::Map(BTreeMap::from([("k".to_owned(), 2)])));
    same(&Tagged::External(External::Unit));
    same(&Tagged::External(External::Newtype(3)));
    same(&Tagged::External(External::Tuple(3, 4)));
    same(&Tagged::External(External::Struct { x: 5 }));
    same(&Tagged::Internal(InnerInternal::Unit));
    same(&Tagged::Internal(InnerInternal::Struct { x: 6 }));
    same(&Tagged::Adjacent(InnerAdjacent::Unit));
    same(&Tagged::Adjacent(InnerAdjacent::Newtype(7)));
}

#[test]
fn internally_tagged_newtype_of_option_is_an_error() {
    both_refuse(&Tagged::Option(None));
    both_refuse(&Tagged::Option(Some(fields())));
    both_refuse(&Tagged::OptionInNewtype(OptionNewtype(None)));
}

// ---- flatten with serialize_with ----

fn as_fields<S: Serializer>(value: &u8, s: S) -> Result<S::Ok, S::Error> {
    Fields { a: *value, b: "w" }.serialize(s)
}

fn as_nothing<S: Serializer>(_: &u8, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_none()
}

fn as_integer<S: Serializer>(value: &u8, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u8(*value)
}

#[derive(Serialize, PooledSerialize)]
struct FlattenWith {
    id: u8,
    #[serde(flatten, serialize_with = "as_fields")]
    first: u8,
    #[serde(flatten, serialize_with = "as_nothing")]
    second: u8,
    last: u8,
}

#[derive(Serialize, PooledSerialize)]
struct FlattenWithInteger {
    #[serde(flatten, serialize_with = "as_integer")]
    value: u8,
}

#[test]
fn flatten_with_serialize_with() {
    same(&FlattenWith {
        id: 1,
        first: 2,
        second: 3,
        last: 4,
    });
    both_refuse(&FlattenWithInteger { value: 1 });
}

// ---- transparent with PhantomData ----

#[derive(Serialize, PooledSerialize)]
#[serde(transparent)]
struct TransparentPhantom<T> {
    value: u32,
    marker: PhantomData<T>,
}

#[test]
fn transparent_ignores_phantom_data() {
    same(&TransparentPhantom::<String> {
        value: 7,
        marker: PhantomData,
    });
}

// ---- bound inference ----

trait HasId {
    type Id;
}

struct Ids;

impl HasId for Ids {
    type Id = u64;
}

/// `T` itself has no impl: only `T::Id` is bounded.
#[derive(Serialize, PooledSerialize)]
struct Associated<T: HasId> {
    id: T::Id,
}

#[derive(Serialize, PooledSerialize)]
struct CowField<'a, T: ?Sized + ToOwned + 'a> {
    value: Cow<'a, T>,
}

macro_rules! id_type {
    () => {
        u16
    };
}

#[derive(Serialize, PooledSerialize)]
struct MacroField<T> {
    value: id_type!(),
    marker: PhantomData<T>,
}

#[derive(Serialize, PooledSerialize)]
struct EmptyArray<T> {
    values: [T; 0],
}

#[derive(Serialize, PooledSerialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Key {
    A,
    B,
}

#[derive(Serialize, PooledSerialize)]
struct GenericKeys<K, V> {
    ordered: BTreeMap<K, V>,
    hashed: HashMap<K, u8>,
}

struct NotSerializable;

#[test]
fn bounds_inferred_like_serde() {
    same(&Associated::<Ids> { id: 9 });
    same(&CowField::<str> {
        value: Cow::Borrowed("text"),
    });
    same(&CowField::<[u8]> {
        value: Cow::Owned(vec![1, 2]),
    });
    same(&MacroField::<NotSerializable> {
        value: 3,
        marker: PhantomData,
    });
    same(&EmptyArray::<u8> { values: [] });
    same(&GenericKeys {
        ordered: BTreeMap::from([(Key::A, 1), (Key::B, 2)]),
        hashed: HashMap::from([(Key::B, 3)]),
    });
}

// ---- #[repr(packed)] ----

#[derive(Serialize, PooledSerialize)]
#[repr(C, packed)]
struct Packed {
    a: u8,
    b: u32,
    #[serde(skip_serializing_if = "is_zero")]
    c: u16,
}

#[derive(Serialize, PooledSerialize)]
#[repr(C, packed(2))]
struct PackedTuple(u8, u64);

#[derive(Serialize, PooledSerialize)]
#[repr(C, packed)]
struct PackedNewtype(u64);

fn is_zero(value: &u16) -> bool {
    *value == 0
}

#[test]
fn packed_structs() {
    same(&Packed { a: 1, b: 2, c: 0 });
    same(&Packed { a: 1, b: 2, c: 3 });
    same(&PackedTuple(1, 2));
    same(&PackedNewtype(3));
}

// ---- `with` inside macro_rules! ----

mod hex {
    use serde::Serializer;

    pub fn serialize<S: Serializer>(value: &u32, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{value:x}"))
    }
}

macro_rules! with_struct {
    ($name:ident, $tuple:ident, $with:literal, $skip:literal) => {
        #[derive(Serialize, PooledSerialize)]
        struct $name {
            #[serde(with = $with)]
            value: u32,
            #[serde(skip_serializing_if = $skip)]
            other: Option<u8>,
        }

        #[derive(Serialize, PooledSerialize)]
        struct $tuple(#[serde(with = $with)] u32);
    };
}

with_struct!(FromMacro, FromMacroTuple, "hex", "Option::is_none");

#[test]
fn with_inside_macro_rules() {
    same(&FromMacro {
        value: 255,
        other: None,
    });
    same(&FromMacro {
        value: 16,
        other: Some(1),
    });
    same(&FromMacroTuple(171));
}

// ---- #[deprecated] items under #![deny(deprecated)] ----

#[derive(Serialize, PooledSerialize)]
#[deprecated]
struct DeprecatedStruct {
    a: u8,
}

#[derive(Serialize, PooledSerialize)]
#[deprecated]
enum DeprecatedEnum {
    A,
}

#[derive(Serialize, PooledSerialize)]
enum DeprecatedVariant {
    #[deprecated]
    Old,
    New(u8),
}

#[derive(Serialize, PooledSerialize)]
struct DeprecatedField {
    #[deprecated]
    old: u8,
    new: u8,
}

#[test]
#[allow(deprecated)]
fn deprecated_items() {
    same(&DeprecatedStruct { a: 1 });
    same(&DeprecatedEnum::A);
    same(&DeprecatedVariant::Old);
    same(&DeprecatedField { old: 1, new: 2 });
}

// ---- a newtype variant whose field is skipped is a unit variant ----

#[derive(Serialize, PooledSerialize)]
enum SkippedExternal {
    V(#[serde(skip_serializing)] u8),
}

#[derive(Serialize, PooledSerialize)]
#[serde(tag = "t")]
enum SkippedInternal {
    V(#[serde(skip_serializing)] u8),
}

#[derive(Serialize, PooledSerialize)]
#[serde(tag = "t", content = "c")]
enum SkippedAdjacent {
    V(#[serde(skip_serializing)] u8),
}

#[derive(Serialize, PooledSerialize)]
#[serde(untagged)]
enum SkippedUntagged {
    V(#[serde(skip_serializing)] u8),
}

#[test]
fn newtype_variant_with_skipped_field() {
    same(&SkippedExternal::V(1));
    same(&SkippedInternal::V(1));
    same(&SkippedAdjacent::V(1));
    same(&SkippedUntagged::V(1));
    same(&Response {
        id: 1,
        extra: SkippedInternal::V(1),
    });
}

// ---- serialize_with / with on a whole variant ----

fn unit_as_zero<S: Serializer>(s: S) -> Result<S::Ok, S::Error> {
    s.serialize_i8(0)
}

fn newtype_as_bool<S: Serializer>(value: &i32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_bool(*value > 0)
}

fn pair_as_string<S: Serializer>(f1: &str, f2: &u8, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&format_args!("{f1};{f2:?}"))
}

fn pair_as_object<S: Serializer>(f1: &str, f2: &u8, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap as _;
    let mut map = s.serialize_map(Some(2))?;
    map.serialize_entry("f1", f1)?;
    map.serialize_entry("f2", f2)?;
    map.end()
}

mod unit_module {
    use serde::Serializer;

    pub fn serialize<S: Serializer>(s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str("from module")
    }
}

macro_rules! variant_with_enum {
    ($name:ident $(, $attr:meta)?) => {
        #[derive(Serialize, PooledSerialize)]
        $(#[$attr])?
        enum $name {
            #[serde(serialize_with = "unit_as_zero")]
            Unit,
            #[serde(with = "unit_module")]
            UnitModule,
            #[serde(serialize_with = "newtype_as_bool")]
            Newtype(i32),
            #[serde(serialize_with = "pair_as_string")]
            Tuple(String, u8),
            #[serde(serialize_with = "pair_as_string")]
            Struct { f1: String, f2: u8 },
            #[serde(serialize_with = "pair_as_object")]
            Object { f1: String, f2: u8 },
            Plain(u8),
        }

        impl $name {
            fn all() -> Vec<Self> {
                vec![
                    Self::Unit,
                    Self::UnitModule,
                    Self::Newtype(123),
                    Self::Tuple("hello".into(), 0),
                    Self::Struct { f1: "world".into(), f2: 1 },
                    Self::Object { f1: "o".into(), f2: 2 },
                    Self::Plain(3),
                ]
            }
        }
    };
}

variant_with_enum!(ExternalWith);
variant_with_enum!(AdjacentWith, serde(tag = "t", content = "c"));
variant_with_enum!(UntaggedWith, serde(untagged));

#[derive(Serialize, PooledSerialize)]
#[serde(tag = "t")]
enum InternalWith {
    #[serde(serialize_with = "pair_as_object")]
    Object { f1: String, f2: u8 },
    #[serde(serialize_with = "pair_as_string")]
    NotAnObject { f1: String, f2: u8 },
}

/// Flattenable: no untagged newtype variant over a type that is not an object.
#[derive(Serialize, PooledSerialize)]
#[serde(untagged)]
enum FlatUntaggedWith {
    #[serde(serialize_with = "pair_as_object")]
    Object { f1: String, f2: u8 },
    #[serde(serialize_with = "pair_as_string")]
    NotAnObject { f1: String, f2: u8 },
}

#[test]
fn serialize_with_on_a_variant() {
    for value in ExternalWith::all() {
        same(&value);
    }
    for value in AdjacentWith::all() {
        same(&value);
    }
    for value in UntaggedWith::all() {
        same(&value);
    }
    same(&InternalWith::Object {
        f1: "a".into(),
        f2: 1,
    });
    both_refuse(&InternalWith::NotAnObject {
        f1: "c".into(),
        f2: 3,
    });
    same(&Response {
        id: 1,
        extra: InternalWith::Object {
            f1: "a".into(),
            f2: 1,
        },
    });
    // Flattened: the function's output takes the place of the variant's members.
    for extra in ExternalWith::all() {
        agree(&Response { id: 1, extra });
    }
    for extra in AdjacentWith::all() {
        agree(&Response { id: 1, extra });
    }
    same(&Response {
        id: 1,
        extra: FlatUntaggedWith::Object {
            f1: "u".into(),
            f2: 4,
        },
    });
    both_refuse(&Response {
        id: 1,
        extra: FlatUntaggedWith::NotAnObject {
            f1: "u".into(),
            f2: 5,
        },
    });
}

// ---- remote definitions, used through `with` ----

mod remote {
    pub struct Point {
        pub x: i32,
        y: i32,
    }

    impl Point {
        pub fn new(x: i32, y: i32) -> Self {
            Point { x, y }
        }

        pub fn y(&self) -> i32 {
            self.y
        }
    }

    pub enum Shape {
        Dot,
        Line(i32),
    }
}

#[derive(Serialize, PooledSerialize)]
#[serde(remote = "remote::Point")]
struct PointDef {
    x: i32,
    #[serde(getter = "remote::Point::y")]
    y: i32,
}

#[derive(Serialize, PooledSerialize)]
#[serde(remote = "remote::Shape")]
enum ShapeDef {
    Dot,
    Line(i32),
}

#[derive(Serialize, PooledSerialize)]
struct UsesRemote {
    #[serde(with = "PointDef")]
    point: remote::Point,
    #[serde(with = "ShapeDef")]
    shape: remote::Shape,
}

#[test]
fn remote_through_with() {
    same(&UsesRemote {
        point: remote::Point::new(1, 2),
        shape: remote::Shape::Line(3),
    });
    same(&UsesRemote {
        point: remote::Point::new(-1, 0),
        shape: remote::Shape::Dot,
    });
}

// ---- bounds: the container's `bound` and the fields' together; skipped fields ----

trait SerializeWith {
    fn serialize_with<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error>;
}

impl SerializeWith for i32 {
    fn serialize_with<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bool(*self == 123)
    }
}

#[derive(Serialize, PooledSerialize)]
#[serde(bound = "D: SerializeWith")]
#[pooled(bound = "D: SerializeWith")]
struct WithTraits<D, E> {
    #[serde(serialize_with = "SerializeWith::serialize_with")]
    d: D,
    #[serde(
        serialize_with = "SerializeWith::serialize_with",
        bound = "E: SerializeWith"
    )]
    #[pooled(bound = "E: SerializeWith")]
    e: E,
}

trait DeserializeWith {}

impl DeserializeWith for i32 {}

/// serde's own bounds only: they name no serde trait here, so they apply as written.
#[derive(Serialize, PooledSerialize)]
#[serde(bound = "D: SerializeWith + DeserializeWith")]
struct WithTraitsSerdeBound<D, E> {
    #[serde(serialize_with = "SerializeWith::serialize_with")]
    d: D,
    #[serde(
        serialize_with = "SerializeWith::serialize_with",
        bound = "E: SerializeWith + DeserializeWith"
    )]
    e: E,
}

#[derive(Serialize, PooledSerialize)]
#[serde(bound(serialize = "D: SerializeWith", deserialize = "D: DeserializeWith"))]
enum VariantWithTraits<D, E> {
    #[serde(serialize_with = "SerializeWith::serialize_with")]
    D(D),
    #[serde(
        serialize_with = "SerializeWith::serialize_with",
        bound(serialize = "E: SerializeWith")
    )]
    E(E),
}

type PhantomDataAlias<T> = PhantomData<T>;

/// `bound = ""`: no bound on `T`, which the alias hides from inference.
#[derive(Serialize, PooledSerialize)]
#[serde(bound = "")]
struct PhantomDataWrapper<T> {
    field: PhantomDataAlias<T>,
}

/// serde's `Serialize` in a bound reads as `PooledSerialize`.
#[derive(Serialize, PooledSerialize)]
#[serde(bound = "T: Serialize")]
struct SerdeTraitBound<T> {
    value: std::rc::Rc<T>,
}

/// One `bound` for both of serde's derives: the deserialize half is dropped.
#[derive(Serialize, serde::Deserialize, PooledSerialize)]
#[serde(bound = "T: Serialize + serde::de::DeserializeOwned")]
struct BothDirectionsBound<T> {
    value: Box<T>,
}

#[derive(Serialize, PooledSerialize)]
enum WithSkippedVariantField {
    OneWithSkipped(#[serde(skip_serializing)] NotSerializable),
    Other(u8),
}

#[derive(Serialize, PooledSerialize)]
struct EmptyArrayOfNothing {
    empty: [NotSerializable; 0],
}

trait Pair<C> {
    type First;
    type Second;
}

impl Pair<u8> for u8 {
    type First = String;
    type Second = i64;
}

#[derive(Serialize, PooledSerialize)]
enum PartiallyUntagged<A, B, C>
where
    A: Pair<C, Second = B>,
{
    Tagged(A::First),
    #[serde(skip)]
    Marker(PhantomData<(B, C)>),
    #[serde(untagged)]
    Untagged(A::Second),
}

trait TwoAssoc<T> {
    type Assoc;
    type Assoc2;
}

impl<T> TwoAssoc<T> for () {
    type Assoc = T;
    type Assoc2 = bool;
}

#[derive(Serialize, PooledSerialize)]
enum PartiallyUntaggedSerde<A, B, C>
where
    A: TwoAssoc<C, Assoc2 = B>,
{
    A(A::Assoc),
    #[serde(untagged)]
    B(A::Assoc2),
}

#[test]
fn bounds_container_and_fields() {
    same(&PartiallyUntaggedSerde::<(), bool, u32>::A(5));
    same(&PartiallyUntaggedSerde::<(), bool, u32>::B(true));
    same(&WithTraits { d: 123, e: 1 });
    same(&WithTraitsSerdeBound { d: 123, e: 1 });
    same(&VariantWithTraits::<i32, i32>::D(123));
    same(&VariantWithTraits::<i32, i32>::E(1));
    same(&PhantomDataWrapper::<NotSerializable> { field: PhantomData });
    same(&BothDirectionsBound {
        value: Box::new(6u8),
    });
    same(&SerdeTraitBound {
        value: std::rc::Rc::new(5u8),
    });
    same(&WithSkippedVariantField::OneWithSkipped(NotSerializable));
    same(&WithSkippedVariantField::Other(1));
    same(&EmptyArrayOfNothing { empty: [] });
    same(&PartiallyUntagged::<u8, i64, u8>::Tagged("a".into()));
    same(&PartiallyUntagged::<u8, i64, u8>::Untagged(-5));
}
