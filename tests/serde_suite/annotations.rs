//! serde-rs/serde `test_suite/tests/test_annotations.rs`: serde's attributes. Values only
//! deserialized upstream are written too where their type serializes; types that exist
//! only to test deserialization (`default` without a `Serialize` derive, `try_from`,
//! `alias`-only containers, identifiers) keep their shape with `Serialize` added.

#![allow(
    clippy::from_over_into,
    clippy::trivially_copy_pass_by_ref,
    clippy::type_repetition_in_bounds
)]

use std::collections::HashMap;
use std::marker::PhantomData;

use pooled_serialize::PooledSerialize;
use serde::{Serialize, Serializer};

use crate::assert_same;

trait MyDefault: Sized {
    fn my_default() -> Self;
}

trait ShouldSkip: Sized {
    fn should_skip(&self) -> bool;
}

trait SerializeWith: Sized {
    fn serialize_with<S>(&self, ser: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer;
}

impl MyDefault for i32 {
    fn my_default() -> Self {
        123
    }
}

impl ShouldSkip for i32 {
    fn should_skip(&self) -> bool {
        *self == 123
    }
}

impl SerializeWith for i32 {
    fn serialize_with<S>(&self, ser: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
    {
        if *self == 123 {
            true.serialize(ser)
        } else {
            false.serialize(ser)
        }
    }
}

#[derive(Serialize, PooledSerialize)]
struct DefaultStruct<A, B, C, D, E>
where
    C: MyDefault,
    E: MyDefault,
{
    a1: A,
    #[serde(default)]
    a2: B,
    #[serde(default = "MyDefault::my_default")]
    a3: C,
    #[serde(skip_deserializing)]
    a4: D,
    #[serde(skip_deserializing, default = "MyDefault::my_default")]
    a5: E,
}

#[derive(Serialize, PooledSerialize)]
struct DefaultTupleStruct<A, B, C>(
    A,
    #[serde(default)] B,
    #[serde(default = "MyDefault::my_default")] C,
)
where
    C: MyDefault;

#[derive(Serialize, PooledSerialize)]
struct CollectOther {
    a: u32,
    b: u32,
    #[serde(flatten)]
    extra: HashMap<String, u32>,
}

#[derive(Serialize, PooledSerialize)]
enum DefaultStructVariant<A, B, C, D, E>
where
    C: MyDefault,
    E: MyDefault,
{
    Struct {
        a1: A,
        #[serde(default)]
        a2: B,
        #[serde(default = "MyDefault::my_default")]
        a3: C,
        #[serde(skip_deserializing)]
        a4: D,
        #[serde(skip_deserializing, default = "MyDefault::my_default")]
        a5: E,
    },
}

#[derive(Serialize, PooledSerialize)]
enum DefaultTupleVariant<A, B, C>
where
    C: MyDefault,
{
    Tuple(
        A,
        #[serde(default)] B,
        #[serde(default = "MyDefault::my_default")] C,
    ),
}

#[test]
fn default_struct_and_tuple() {
    assert_same(&DefaultStruct {
        a1: 1,
        a2: 2,
        a3: 3,
        a4: 0,
        a5: 123,
    });
    assert_same(&DefaultTupleStruct(1, 2, 3));
    assert_same(&DefaultTupleStruct(1, 0, 123));
    assert_same(&DefaultStructVariant::Struct {
        a1: 1,
        a2: 2,
        a3: 3,
        a4: 0,
        a5: 123,
    });
    assert_same(&DefaultTupleVariant::Tuple(1, 2, 3));
    assert_same(&DefaultTupleVariant::Tuple(1, 0, 123));
}

/// Does not implement `std::default::Default`.
#[derive(Serialize, PooledSerialize)]
struct NoStdDefault(i8);

impl MyDefault for NoStdDefault {
    fn my_default() -> Self {
        NoStdDefault(123)
    }
}

#[derive(Serialize, PooledSerialize)]
struct ContainsNoStdDefault<A: MyDefault> {
    #[serde(default = "MyDefault::my_default")]
    a: A,
}

#[test]
fn no_std_default() {
    assert_same(&ContainsNoStdDefault {
        a: NoStdDefault(123),
    });
}

#[derive(Serialize, PooledSerialize)]
#[serde(deny_unknown_fields)]
struct DenyUnknown {
    a1: i32,
}

#[test]
fn ignore_unknown() {
    assert_same(&DefaultStruct {
        a1: 1,
        a2: 2,
        a3: 3,
        a4: 0,
        a5: 123,
    });
    assert_same(&DenyUnknown { a1: 1 });
}

#[derive(Serialize, PooledSerialize)]
#[serde(rename = "Superhero")]
struct RenameStruct {
    a1: i32,
    #[serde(rename = "a3")]
    a2: i32,
}

#[derive(Serialize, PooledSerialize)]
#[serde(rename(serialize = "SuperheroSer", deserialize = "SuperheroDe"))]
struct RenameStructSerializeDeserialize {
    a1: i32,
    #[serde(rename(serialize = "a4", deserialize = "a5"))]
    a2: i32,
}

#[derive(Serialize, PooledSerialize)]
#[serde(deny_unknown_fields)]
struct AliasStruct {
    a1: i32,
    #[serde(alias = "a3")]
    a2: i32,
    #[serde(alias = "a5", rename = "a6")]
    a4: i32,
}

#[test]
fn rename_struct() {
    assert_same(&RenameStruct { a1: 1, a2: 2 });
    assert_same(&RenameStructSerializeDeserialize { a1: 1, a2: 2 });
    assert_same(&AliasStruct {
        a1: 1,
        a2: 2,
        a4: 3,
    });
}

#[derive(Serialize, PooledSerialize)]
#[serde(rename = "Superhero")]
enum RenameEnum {
    #[serde(rename = "bruce_wayne")]
    Batman,
    #[serde(rename = "clark_kent")]
    Superman(i8),
    #[serde(rename = "diana_prince")]
    WonderWoman(i8, i8),
    #[serde(rename = "barry_allan")]
    Flash {
        #[serde(rename = "b")]
        a: i32,
    },
}

#[derive(Serialize, PooledSerialize)]
#[serde(rename(serialize = "SuperheroSer", deserialize = "SuperheroDe"))]
enum RenameEnumSerializeDeserialize<A> {
    #[serde(rename(serialize = "dick_grayson", deserialize = "jason_todd"))]
    Robin {
        a: i8,
        #[serde(rename(serialize = "c"))]
        #[serde(rename(deserialize = "d"))]
        b: A,
    },
}

#[derive(Serialize, PooledSerialize)]
#[serde(deny_unknown_fields)]
enum AliasEnum {
    #[serde(rename = "sailor_moon", alias = "usagi_tsukino")]
    SailorMoon {
        a: i8,
        #[serde(alias = "c")]
        b: i8,
        #[serde(alias = "e", rename = "f")]
        d: i8,
    },
}

#[test]
fn rename_enum() {
    assert_same(&RenameEnum::Batman);
    assert_same(&RenameEnum::Superman(0));
    assert_same(&RenameEnum::WonderWoman(0, 1));
    assert_same(&RenameEnum::Flash { a: 1 });
    assert_same(&RenameEnumSerializeDeserialize::Robin {
        a: 0,
        b: String::new(),
    });
    assert_same(&AliasEnum::SailorMoon { a: 0, b: 1, d: 2 });
}

#[derive(Serialize, PooledSerialize)]
struct SkipSerializingStruct<'a, B, C>
where
    C: ShouldSkip,
{
    a: &'a i8,
    #[serde(skip_serializing)]
    b: B,
    #[serde(skip_serializing_if = "ShouldSkip::should_skip")]
    c: C,
}

#[test]
fn skip_serializing_struct() {
    let a = 1;
    assert_same(&SkipSerializingStruct { a: &a, b: 2, c: 3 });
    assert_same(&SkipSerializingStruct {
        a: &a,
        b: 2,
        c: 123,
    });
}

#[derive(Serialize, PooledSerialize)]
struct SkipSerializingTupleStruct<'a, B, C>(
    &'a i8,
    #[serde(skip_serializing)] B,
    #[serde(skip_serializing_if = "ShouldSkip::should_skip")] C,
)
where
    C: ShouldSkip;

#[test]
fn skip_serializing_tuple_struct() {
    let a = 1;
    assert_same(&SkipSerializingTupleStruct(&a, 2, 3));
    assert_same(&SkipSerializingTupleStruct(&a, 2, 123));
}

#[derive(Serialize, PooledSerialize)]
struct SkipStruct<B> {
    a: i8,
    #[serde(skip)]
    b: B,
}

#[test]
fn skip_struct() {
    assert_same(&SkipStruct { a: 1, b: 2 });
}

#[derive(Serialize, PooledSerialize)]
enum SkipSerializingEnum<'a, B, C>
where
    C: ShouldSkip,
{
    Struct {
        a: &'a i8,
        #[serde(skip_serializing)]
        _b: B,
        #[serde(skip_serializing_if = "ShouldSkip::should_skip")]
        c: C,
    },
    Tuple(
        &'a i8,
        #[serde(skip_serializing)] B,
        #[serde(skip_serializing_if = "ShouldSkip::should_skip")] C,
    ),
}

#[test]
fn skip_serializing_enum() {
    let a = 1;
    assert_same(&SkipSerializingEnum::Struct { a: &a, _b: 2, c: 3 });
    assert_same(&SkipSerializingEnum::Struct {
        a: &a,
        _b: 2,
        c: 123,
    });
    assert_same(&SkipSerializingEnum::Tuple(&a, 2, 3));
    assert_same(&SkipSerializingEnum::Tuple(&a, 2, 123));
}

struct NotSerializeStruct(i8);

enum NotSerializeEnum {
    Trouble,
}

impl SerializeWith for NotSerializeEnum {
    fn serialize_with<S>(&self, ser: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
    {
        "trouble".serialize(ser)
    }
}

#[derive(Serialize, PooledSerialize)]
struct ContainsNotSerialize<'a, B, C, D>
where
    B: 'a,
    D: SerializeWith,
{
    a: &'a Option<i8>,
    #[serde(skip_serializing)]
    b: &'a B,
    #[serde(skip_serializing)]
    c: Option<C>,
    #[serde(serialize_with = "SerializeWith::serialize_with")]
    d: D,
}

#[test]
fn elt_not_serialize() {
    let a = 1;
    assert_same(&ContainsNotSerialize {
        a: &Some(a),
        b: &NotSerializeStruct(2),
        c: Some(NotSerializeEnum::Trouble),
        d: NotSerializeEnum::Trouble,
    });
}

#[derive(Serialize, PooledSerialize)]
struct SerializeWithStruct<'a, B>
where
    B: SerializeWith,
{
    a: &'a i8,
    #[serde(serialize_with = "SerializeWith::serialize_with")]
    b: B,
}

#[test]
fn serialize_with_struct() {
    let a = 1;
    assert_same(&SerializeWithStruct { a: &a, b: 2 });
    assert_same(&SerializeWithStruct { a: &a, b: 123 });
}

#[derive(Serialize, PooledSerialize)]
enum SerializeWithEnum<'a, B>
where
    B: SerializeWith,
{
    Struct {
        a: &'a i8,
        #[serde(serialize_with = "SerializeWith::serialize_with")]
        b: B,
    },
}

#[test]
fn serialize_with_enum() {
    let a = 1;
    assert_same(&SerializeWithEnum::Struct { a: &a, b: 2 });
    assert_same(&SerializeWithEnum::Struct { a: &a, b: 123 });
}

mod with_variant {
    use pooled_serialize::PooledSerialize;
    use serde::{Serialize, Serializer};

    use super::SerializeWith;
    use crate::assert_same;

    #[derive(Serialize, PooledSerialize)]
    enum WithVariant {
        #[serde(serialize_with = "serialize_unit_variant_as_i8")]
        Unit,

        #[serde(serialize_with = "SerializeWith::serialize_with")]
        Newtype(i32),

        #[serde(serialize_with = "serialize_variant_as_string")]
        Tuple(String, u8),

        #[serde(serialize_with = "serialize_variant_as_string")]
        Struct { f1: String, f2: u8 },
    }

    fn serialize_unit_variant_as_i8<S>(serializer: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
    {
        serializer.serialize_i8(0)
    }

    fn serialize_variant_as_string<S>(f1: &str, f2: &u8, serializer: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
    {
        serializer.collect_str(&format_args!("{};{:?}", f1, f2))
    }

    #[test]
    fn serialize_with_variant() {
        assert_same(&WithVariant::Unit);
        assert_same(&WithVariant::Newtype(123));
        assert_same(&WithVariant::Tuple("hello".into(), 0));
        assert_same(&WithVariant::Struct {
            f1: "world".into(),
            f2: 1,
        });
    }
}

/// Upstream derives only `Deserialize`; serializing ignores `deserialize_with`.
#[derive(Serialize, PooledSerialize)]
struct DeserializeWithStruct<B> {
    a: i8,
    #[serde(deserialize_with = "DeserializeWith::deserialize_with")]
    b: B,
}

#[derive(Serialize, PooledSerialize)]
enum DeserializeWithEnum<B> {
    Struct {
        a: i8,
        #[serde(deserialize_with = "DeserializeWith::deserialize_with")]
        b: B,
    },
}

#[test]
fn deserialize_with_struct_and_enum() {
    assert_same(&DeserializeWithStruct { a: 1, b: 2 });
    assert_same(&DeserializeWithStruct { a: 1, b: 123 });
    assert_same(&DeserializeWithEnum::Struct { a: 1, b: 2 });
    assert_same(&DeserializeWithEnum::Struct { a: 1, b: 123 });
}

#[derive(Serialize, PooledSerialize)]
enum InvalidLengthEnum {
    A(i32, i32, i32),
    B(#[serde(skip_deserializing)] i32, i32, i32),
}

#[test]
fn invalid_length_enum() {
    assert_same(&InvalidLengthEnum::A(1, 2, 3));
    assert_same(&InvalidLengthEnum::B(1, 2, 3));
}

#[derive(Clone, Serialize, PooledSerialize)]
#[serde(into = "EnumToU32", from = "EnumToU32")]
struct StructFromEnum(Option<u32>);

impl Into<EnumToU32> for StructFromEnum {
    fn into(self) -> EnumToU32 {
        match self {
            StructFromEnum(v) => v.into(),
        }
    }
}

#[derive(Clone, Serialize, PooledSerialize)]
#[serde(into = "Option<u32>", from = "Option<u32>")]
enum EnumToU32 {
    One,
    Two,
    Three,
    Four,
    Nothing,
}

impl Into<Option<u32>> for EnumToU32 {
    fn into(self) -> Option<u32> {
        match self {
            EnumToU32::One => Some(1),
            EnumToU32::Two => Some(2),
            EnumToU32::Three => Some(3),
            EnumToU32::Four => Some(4),
            EnumToU32::Nothing => None,
        }
    }
}

impl From<Option<u32>> for EnumToU32 {
    fn from(v: Option<u32>) -> Self {
        match v {
            Some(1) => EnumToU32::One,
            Some(2) => EnumToU32::Two,
            Some(3) => EnumToU32::Three,
            Some(4) => EnumToU32::Four,
            _ => EnumToU32::Nothing,
        }
    }
}

#[derive(Clone, Serialize, PooledSerialize)]
#[serde(try_from = "u32")]
enum TryFromU32 {
    One,
    Two,
}

#[test]
fn from_into_traits() {
    assert_same(&EnumToU32::One);
    assert_same(&EnumToU32::Two);
    assert_same(&EnumToU32::Nothing);
    assert_same(&StructFromEnum(Some(5)));
    assert_same(&StructFromEnum(None));
    assert_same(&StructFromEnum(Some(2)));
    assert_same(&TryFromU32::Two);
}

#[test]
fn collect_other() {
    let extra = HashMap::from([("c".into(), 3)]);
    assert_same(&CollectOther { a: 1, b: 2, extra });
}

#[test]
fn partially_untagged_enum() {
    #[derive(Serialize, PooledSerialize)]
    enum Exp {
        Lambda(u32, Box<Exp>),
        #[serde(untagged)]
        App(Box<Exp>, Box<Exp>),
        #[serde(untagged)]
        Var(u32),
    }
    use Exp::*;

    assert_same(&Lambda(
        0,
        Box::new(App(Box::new(Var(0)), Box::new(Var(0)))),
    ));
}

#[test]
fn partially_untagged_enum_generic() {
    trait Trait<T> {
        type Assoc;
        type Assoc2;
    }

    #[derive(Serialize, PooledSerialize)]
    enum E<A, B, C>
    where
        A: Trait<C, Assoc2 = B>,
    {
        A(A::Assoc),
        #[serde(untagged)]
        B(A::Assoc2),
    }

    impl<T> Trait<T> for () {
        type Assoc = T;
        type Assoc2 = bool;
    }

    type MyE = E<(), bool, u32>;

    assert_same::<MyE>(&E::B(true));
    assert_same::<MyE>(&E::A(5));
}

#[test]
fn partially_untagged_enum_desugared() {
    #[derive(Serialize, PooledSerialize)]
    enum Test {
        A(u32, u32),
        B(u32),
        #[serde(untagged)]
        C(u32),
        #[serde(untagged)]
        D(u32, u32),
    }
    use Test::*;

    mod desugared {
        use pooled_serialize::PooledSerialize;
        use serde::Serialize;

        #[derive(Serialize, PooledSerialize)]
        pub(super) enum Test {
            A(u32, u32),
            B(u32),
        }
    }
    use desugared::Test as TestTagged;

    #[derive(Serialize, PooledSerialize)]
    #[serde(untagged)]
    enum TestUntagged {
        Tagged(TestTagged),
        C(u32),
        D(u32, u32),
    }

    impl From<Test> for TestUntagged {
        fn from(test: Test) -> Self {
            match test {
                A(x, y) => TestUntagged::Tagged(TestTagged::A(x, y)),
                B(x) => TestUntagged::Tagged(TestTagged::B(x)),
                C(x) => TestUntagged::C(x),
                D(x, y) => TestUntagged::D(x, y),
            }
        }
    }

    fn assert_same_desugared(value: Test) {
        assert_same(&value);
        let sugared = serde_json::to_vec(&value).unwrap();
        let desugared: TestUntagged = value.into();
        assert_same(&desugared);
        assert_eq!(serde_json::to_vec(&desugared).unwrap(), sugared);
    }

    assert_same_desugared(A(0, 1));
    assert_same_desugared(B(1));
    assert_same_desugared(C(2));
    assert_same_desugared(D(3, 5));
}

#[test]
fn partially_untagged_internally_tagged_enum() {
    #[derive(Serialize, PooledSerialize)]
    #[serde(tag = "t")]
    enum Data {
        A,
        B,
        #[serde(untagged)]
        Var(u32),
    }

    assert_same(&Data::A);
    assert_same(&Data::B);
    assert_same(&Data::Var(42));
}

#[test]
fn transparent_struct() {
    #[derive(Serialize, PooledSerialize)]
    #[serde(transparent)]
    struct Transparent {
        #[serde(skip)]
        a: bool,
        b: u32,
        #[serde(skip)]
        c: bool,
        d: PhantomData<()>,
    }

    assert_same(&Transparent {
        a: false,
        b: 1,
        c: false,
        d: PhantomData,
    });
}

#[test]
fn transparent_tuple_struct() {
    #[derive(Serialize, PooledSerialize)]
    #[serde(transparent)]
    struct Transparent(
        #[serde(skip)] bool,
        u32,
        #[serde(skip)] bool,
        PhantomData<()>,
    );

    assert_same(&Transparent(false, 1, false, PhantomData));

    #[derive(Serialize, PooledSerialize)]
    #[serde(transparent)]
    struct TransparentWithoutPhantom(#[serde(skip)] bool, u32, #[serde(skip)] bool);

    assert_same(&TransparentWithoutPhantom(false, 1, false));
}

#[test]
fn expecting_message() {
    #[derive(Serialize, PooledSerialize)]
    #[serde(expecting = "something strange...")]
    struct Unit;

    #[derive(Serialize, PooledSerialize)]
    #[serde(expecting = "something strange...")]
    struct Newtype(bool);

    #[derive(Serialize, PooledSerialize)]
    #[serde(expecting = "something strange...")]
    struct Tuple(u32, bool);

    #[derive(Serialize, PooledSerialize)]
    #[serde(expecting = "something strange...")]
    struct Struct {
        question: String,
        answer: u32,
    }

    #[derive(Serialize, PooledSerialize)]
    #[serde(expecting = "something strange...")]
    enum Enum {
        ExternallyTagged,
    }

    assert_same(&Unit);
    assert_same(&Newtype(true));
    assert_same(&Tuple(1, false));
    assert_same(&Struct {
        question: "?".into(),
        answer: 42,
    });
    assert_same(&Enum::ExternallyTagged);
}

// `test_expecting_message_identifier_enum` is not ported: serde refuses to derive
// `Serialize` for `field_identifier` and `variant_identifier` enums.

mod flatten {
    use std::collections::{BTreeMap, HashMap};

    use pooled_serialize::PooledSerialize;
    use serde::Serialize;

    use super::AliasStruct;
    use crate::assert_same;

    #[test]
    fn complex() {
        #[derive(Serialize, PooledSerialize)]
        struct Outer {
            y: u32,
            #[serde(flatten)]
            first: First,
            #[serde(flatten)]
            second: Second,
            z: u32,
        }

        #[derive(Serialize, PooledSerialize)]
        struct First {
            a: u32,
            b: bool,
            c: Vec<String>,
            d: String,
            e: Option<u64>,
        }

        #[derive(Serialize, PooledSerialize)]
        struct Second {
            f: u32,
        }

        assert_same(&Outer {
            y: 0,
            first: First {
                a: 1,
                b: true,
                c: vec!["a".into(), "b".into()],
                d: "c".into(),
                e: Some(2),
            },
            second: Second { f: 3 },
            z: 4,
        });
    }

    #[test]
    fn map_twice() {
        #[derive(Serialize, PooledSerialize)]
        struct Outer {
            #[serde(flatten)]
            first: BTreeMap<String, String>,
            #[serde(flatten)]
            between: Inner,
            #[serde(flatten)]
            second: BTreeMap<String, String>,
        }

        #[derive(Serialize, PooledSerialize)]
        struct Inner {
            y: String,
        }

        // Duplicate keys, as serde writes them.
        assert_same(&Outer {
            first: BTreeMap::from([
                ("x".to_owned(), "X".to_owned()),
                ("y".to_owned(), "Y".to_owned()),
            ]),
            between: Inner { y: "Y".to_owned() },
            second: BTreeMap::from([("x".to_owned(), "X".to_owned())]),
        });
    }

    #[test]
    fn unknown_field() {
        #[derive(Serialize, PooledSerialize)]
        #[serde(deny_unknown_fields)]
        struct Outer {
            dummy: String,
            #[serde(flatten)]
            inner: Inner,
        }

        #[derive(Serialize, PooledSerialize)]
        struct Inner {
            foo: HashMap<String, u32>,
        }

        assert_same(&Outer {
            dummy: "23".into(),
            inner: Inner {
                foo: HashMap::from([("a".into(), 1)]),
            },
        });
    }

    #[test]
    fn non_string_keys() {
        #[derive(Serialize, PooledSerialize)]
        struct TestStruct {
            age: u32,
            #[serde(flatten)]
            mapping: HashMap<u32, u32>,
        }

        assert_same(&TestStruct {
            age: 3,
            mapping: HashMap::from([(0, 42)]),
        });
    }

    #[test]
    fn lifetime_propagation() {
        #[derive(Serialize, PooledSerialize)]
        struct A<T> {
            #[serde(flatten)]
            t: T,
        }

        #[derive(Serialize, PooledSerialize)]
        struct B<'a> {
            #[serde(flatten, borrow)]
            t: HashMap<&'a str, u32>,
        }

        assert_same(&A {
            t: HashMap::from([("x".to_string(), 42u32)]),
        });
        assert_same(&B {
            t: HashMap::from([("x", 42u32)]),
        });
    }

    /// A map keyed by byte slices: serde_json refuses the key at run time, and our
    /// `MapKey` bound refuses it at compile time (pinned in the UI suite).
    #[test]
    fn lifetime_propagation_bytes_key() {
        #[derive(Serialize)]
        struct C<'a> {
            #[serde(flatten, borrow)]
            t: HashMap<&'a [u8], u32>,
        }

        let value = C {
            t: HashMap::from([(&b"x"[..], 42u32)]),
        };
        assert!(serde_json::to_vec(&value).is_err());
    }

    #[test]
    fn enum_tuple_and_struct() {
        #[derive(Serialize, PooledSerialize)]
        enum Outer {
            Tuple(f64, i32),
            Flatten {
                #[serde(flatten)]
                nested: Nested,
            },
        }

        #[derive(Serialize, PooledSerialize)]
        struct Nested {
            a: i32,
            b: i32,
        }

        assert_same(&Outer::Tuple(1.2, 3));
        assert_same(&Outer::Flatten {
            nested: Nested { a: 1, b: 2 },
        });
    }

    #[test]
    fn option() {
        #[derive(Serialize, PooledSerialize)]
        struct Outer {
            #[serde(flatten)]
            inner1: Option<Inner1>,
            #[serde(flatten)]
            inner2: Option<Inner2>,
        }

        #[derive(Serialize, PooledSerialize)]
        struct Inner1 {
            inner1: i32,
        }

        #[derive(Serialize, PooledSerialize)]
        struct Inner2 {
            inner2: i32,
        }

        assert_same(&Outer {
            inner1: Some(Inner1 { inner1: 1 }),
            inner2: Some(Inner2 { inner2: 2 }),
        });
        assert_same(&Outer {
            inner1: Some(Inner1 { inner1: 1 }),
            inner2: None,
        });
        assert_same(&Outer {
            inner1: None,
            inner2: Some(Inner2 { inner2: 2 }),
        });
        assert_same(&Outer {
            inner1: None,
            inner2: None,
        });
    }

    #[test]
    fn flatten_after_flatten_struct() {
        #[derive(Serialize, PooledSerialize)]
        struct Outer {
            #[serde(flatten)]
            inner: Inner,
            #[serde(flatten)]
            extra: BTreeMap<String, i32>,
        }

        #[derive(Serialize, PooledSerialize)]
        struct Inner {
            inner: i32,
        }

        assert_same(&Outer {
            inner: Inner { inner: 0 },
            extra: BTreeMap::from([("extra".into(), 1)]),
        });
    }

    #[test]
    fn alias() {
        #[derive(Serialize, PooledSerialize)]
        struct Outer {
            #[serde(flatten)]
            a: AliasStruct,
            b: i32,
        }

        assert_same(&Outer {
            a: AliasStruct {
                a1: 1,
                a2: 2,
                a4: 4,
            },
            b: 7,
        });
    }

    #[derive(Serialize, PooledSerialize)]
    struct Response<T> {
        #[serde(flatten)]
        data: T,
        status: usize,
    }

    #[derive(Serialize, PooledSerialize)]
    struct Unit;

    #[test]
    fn unit() {
        assert_same(&Response {
            data: (),
            status: 0,
        });
    }

    #[test]
    fn unit_struct() {
        assert_same(&Response {
            data: Unit,
            status: 0,
        });
    }

    #[test]
    fn enum_externally_tagged() {
        #[derive(Serialize, PooledSerialize)]
        enum Data {
            A {
                a: i32,
                #[serde(flatten)]
                flat: Flat,
            },
        }

        #[derive(Serialize, PooledSerialize)]
        struct Flat {
            b: i32,
        }

        assert_same(&Data::A {
            a: 0,
            flat: Flat { b: 0 },
        });

        #[derive(Serialize, PooledSerialize)]
        struct Flatten {
            #[serde(flatten)]
            data: Enum,
            #[serde(flatten)]
            extra: HashMap<String, String>,
        }

        #[derive(Serialize, PooledSerialize)]
        enum Enum {
            Unit,
            Newtype(HashMap<String, String>),
            Tuple(u32, u32),
            Struct { index: u32, value: u32 },
        }

        let extra = || HashMap::from([("extra_key".into(), "extra value".into())]);
        assert_same(&Flatten {
            data: Enum::Unit,
            extra: extra(),
        });
        assert_same(&Flatten {
            data: Enum::Newtype(HashMap::from([("key".into(), "value".into())])),
            extra: extra(),
        });
        assert_same(&Flatten {
            data: Enum::Tuple(0, 42),
            extra: extra(),
        });
        assert_same(&Flatten {
            data: Enum::Struct {
                index: 0,
                value: 42,
            },
            extra: extra(),
        });
    }

    #[test]
    fn enum_adjacently_tagged_through_newtype() {
        #[derive(Serialize, PooledSerialize)]
        struct Flatten {
            outer: u32,
            #[serde(flatten)]
            data: NewtypeWrapper,
        }

        #[derive(Serialize, PooledSerialize)]
        struct NewtypeWrapper(pub Enum);

        #[derive(Serialize, PooledSerialize)]
        #[serde(tag = "tag", content = "content")]
        enum Enum {
            Unit,
            Newtype(NewtypeVariant),
            Struct { index: u32, value: u32 },
        }

        #[derive(Serialize, PooledSerialize)]
        struct NewtypeVariant {
            value: u32,
        }

        assert_same(&Flatten {
            outer: 42,
            data: NewtypeWrapper(Enum::Unit),
        });
        assert_same(&Flatten {
            outer: 42,
            data: NewtypeWrapper(Enum::Newtype(NewtypeVariant { value: 23 })),
        });
        assert_same(&Flatten {
            outer: 42,
            data: NewtypeWrapper(Enum::Struct {
                index: 0,
                value: 42,
            }),
        });
    }

    #[test]
    fn enum_internally_tagged() {
        #[derive(Serialize, PooledSerialize)]
        struct Flatten {
            #[serde(flatten)]
            x: X,
            #[serde(flatten)]
            y: Y,
        }

        #[derive(Serialize, PooledSerialize)]
        #[serde(tag = "typeX")]
        enum X {
            A { a: i32 },
            B { b: i32 },
        }

        #[derive(Serialize, PooledSerialize)]
        #[serde(tag = "typeY")]
        enum Y {
            C { c: i32 },
            D { d: i32 },
        }

        assert_same(&Flatten {
            x: X::B { b: 1 },
            y: Y::D { d: 2 },
        });
        assert_same(&Flatten {
            x: X::A { a: 1 },
            y: Y::C { c: 2 },
        });

        #[derive(Serialize, PooledSerialize)]
        struct FlattenUnit {
            #[serde(flatten)]
            x: XUnit,
            #[serde(flatten)]
            y: YStruct,
        }

        #[derive(Serialize, PooledSerialize)]
        #[serde(tag = "typeX")]
        enum XUnit {
            A,
        }

        #[derive(Serialize, PooledSerialize)]
        #[serde(tag = "typeY")]
        enum YStruct {
            B { c: u32 },
        }

        assert_same(&FlattenUnit {
            x: XUnit::A,
            y: YStruct::B { c: 0 },
        });
    }

    #[test]
    fn enum_untagged() {
        #[derive(Serialize, PooledSerialize)]
        struct Flatten {
            #[serde(flatten)]
            data: Enum,
        }

        #[derive(Serialize, PooledSerialize)]
        #[serde(untagged)]
        enum Enum {
            Struct { a: i32 },
        }

        assert_same(&Flatten {
            data: Enum::Struct { a: 0 },
        });
    }
}
