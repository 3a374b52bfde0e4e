//! serde-rs/serde `test_suite/tests/test_gen.rs`: generated code must compile with many
//! generics, non-serializable types, shadowed prelude names, attributes from macros and
//! odd field types. Upstream only checks that the impls exist; here the serializer
//! functions write real values, so most types are also compared with serde_json.

#![deny(warnings)]
#![allow(
    clippy::extra_unused_type_parameters,
    clippy::items_after_statements,
    clippy::ptr_arg,
    clippy::too_many_lines,
    clippy::trivially_copy_pass_by_ref,
    clippy::type_repetition_in_bounds
)]

use std::borrow::Cow;
use std::marker::PhantomData;
use std::option::Option as StdOption;
use std::result::Result as StdResult;

use pooled_serialize::PooledSerialize;
use serde::{Serialize, Serializer};

use crate::assert_same;

// Trip up the generated code if it does not use fully qualified paths.
struct Result;
struct Ok;
struct Err;
struct Option;
struct Some;
struct None;

fn assert_ser<T: Serialize + PooledSerialize>() {}

#[test]
fn gen() {
    #[derive(Serialize, PooledSerialize)]
    struct With<T> {
        t: T,
        #[serde(serialize_with = "ser_x", deserialize_with = "de_x")]
        x: X,
    }
    assert_same(&With { t: 1, x: X });

    #[derive(Serialize, PooledSerialize)]
    struct WithTogether<T> {
        t: T,
        #[serde(with = "both_x")]
        x: X,
    }
    assert_same(&WithTogether { t: 1, x: X });

    #[derive(Serialize, PooledSerialize)]
    struct WithRef<'a, T: 'a> {
        #[serde(skip_deserializing)]
        t: StdOption<&'a T>,
        #[serde(serialize_with = "ser_x", deserialize_with = "de_x")]
        x: X,
    }
    assert_same(&WithRef {
        t: StdOption::Some(&1),
        x: X,
    });

    #[derive(Serialize, PooledSerialize)]
    struct PhantomX {
        x: PhantomData<X>,
    }
    assert_same(&PhantomX { x: PhantomData });

    #[derive(Serialize, PooledSerialize)]
    struct PhantomT<T> {
        t: PhantomData<T>,
    }
    assert_same(&PhantomT::<X> { t: PhantomData });

    #[derive(Serialize, PooledSerialize)]
    struct NoBounds<T> {
        t: T,
        option: StdOption<T>,
        boxed: Box<T>,
        option_boxed: StdOption<Box<T>>,
    }
    assert_same(&NoBounds {
        t: 1,
        option: StdOption::Some(2),
        boxed: Box::new(3),
        option_boxed: StdOption::None,
    });

    #[derive(Serialize, PooledSerialize)]
    enum EnumWith<T> {
        Unit,
        Newtype(#[serde(serialize_with = "ser_x", deserialize_with = "de_x")] X),
        Tuple(
            T,
            #[serde(serialize_with = "ser_x", deserialize_with = "de_x")] X,
        ),
        Struct {
            t: T,
            #[serde(serialize_with = "ser_x", deserialize_with = "de_x")]
            x: X,
        },
    }
    assert_same(&EnumWith::<i32>::Unit);
    assert_same(&EnumWith::<i32>::Newtype(X));
    assert_same(&EnumWith::Tuple(1, X));
    assert_same(&EnumWith::Struct { t: 1, x: X });

    #[derive(Serialize, PooledSerialize)]
    struct MultipleRef<'a, 'b, 'c, T>
    where
        T: 'c,
        'c: 'b,
        'b: 'a,
    {
        t: T,
        rrrt: &'a &'b &'c T,
    }
    assert_same(&MultipleRef { t: 1, rrrt: &&&2 });

    #[derive(Serialize, PooledSerialize)]
    struct Newtype(#[serde(serialize_with = "ser_x", deserialize_with = "de_x")] X);
    assert_same(&Newtype(X));

    #[derive(Serialize, PooledSerialize)]
    struct Tuple<T>(
        T,
        #[serde(serialize_with = "ser_x", deserialize_with = "de_x")] X,
    );
    assert_same(&Tuple(1, X));

    #[derive(Serialize, PooledSerialize)]
    enum TreeNode<D> {
        Split {
            left: Box<TreeNode<D>>,
            right: Box<TreeNode<D>>,
        },
        Leaf {
            data: D,
        },
    }
    assert_same(&TreeNode::Split {
        left: Box::new(TreeNode::Leaf { data: 1 }),
        right: Box::new(TreeNode::Leaf { data: 2 }),
    });

    #[derive(Serialize, PooledSerialize)]
    struct ListNode<D> {
        data: D,
        next: Box<ListNode<D>>,
    }
    assert_ser::<ListNode<i32>>();

    #[derive(Serialize, PooledSerialize)]
    struct RecursiveA {
        b: Box<RecursiveB>,
    }
    assert_ser::<RecursiveA>();

    #[derive(Serialize, PooledSerialize)]
    enum RecursiveB {
        A(RecursiveA),
    }
    assert_ser::<RecursiveB>();

    #[derive(Serialize, PooledSerialize)]
    struct RecursiveGenericA<T> {
        t: T,
        b: Box<RecursiveGenericB<T>>,
    }

    #[derive(Serialize, PooledSerialize)]
    enum RecursiveGenericB<T> {
        T(T),
        A(RecursiveGenericA<T>),
    }
    assert_same(&RecursiveGenericB::A(RecursiveGenericA {
        t: 1,
        b: Box::new(RecursiveGenericB::T(2)),
    }));

    #[derive(Serialize, PooledSerialize)]
    struct OptionStatic<'a> {
        a: StdOption<&'a str>,
        b: StdOption<&'static str>,
    }
    assert_same(&OptionStatic {
        a: StdOption::Some("a"),
        b: StdOption::None,
    });

    #[derive(Serialize, PooledSerialize)]
    #[serde(bound = "D: SerializeWith + DeserializeWith")]
    struct WithTraits1<D, E> {
        #[serde(
            serialize_with = "SerializeWith::serialize_with",
            deserialize_with = "DeserializeWith::deserialize_with"
        )]
        d: D,
        #[serde(
            serialize_with = "SerializeWith::serialize_with",
            deserialize_with = "DeserializeWith::deserialize_with",
            bound = "E: SerializeWith + DeserializeWith"
        )]
        e: E,
    }
    assert_same(&WithTraits1 { d: X, e: X });

    #[derive(Serialize, PooledSerialize)]
    #[serde(bound(serialize = "D: SerializeWith", deserialize = "D: DeserializeWith"))]
    struct WithTraits2<D, E> {
        #[serde(
            serialize_with = "SerializeWith::serialize_with",
            deserialize_with = "DeserializeWith::deserialize_with"
        )]
        d: D,
        #[serde(
            serialize_with = "SerializeWith::serialize_with",
            bound(serialize = "E: SerializeWith")
        )]
        #[serde(
            deserialize_with = "DeserializeWith::deserialize_with",
            bound(deserialize = "E: DeserializeWith")
        )]
        e: E,
    }
    assert_same(&WithTraits2 { d: X, e: X });

    type PhantomDataAlias<T> = PhantomData<T>;

    #[derive(Serialize, PooledSerialize)]
    #[serde(bound = "")]
    struct PhantomDataWrapper<T> {
        #[serde(default)]
        field: PhantomDataAlias<T>,
    }
    assert_same(&PhantomDataWrapper::<X> { field: PhantomData });

    #[derive(Serialize, PooledSerialize)]
    struct CowStr<'a>(Cow<'a, str>);
    assert_same(&CowStr(Cow::Borrowed("cow")));

    #[derive(Serialize, PooledSerialize)]
    struct EmptyStruct {}
    assert_same(&EmptyStruct {});

    #[derive(Serialize, PooledSerialize)]
    enum EmptyEnumVariant {
        EmptyStruct {},
    }
    assert_same(&EmptyEnumVariant::EmptyStruct {});

    #[derive(Serialize, PooledSerialize)]
    pub struct NonAsciiIdents {
        σ: f64,
    }
    assert_same(&NonAsciiIdents { σ: 1.5 });

    #[derive(Serialize, PooledSerialize)]
    pub struct EmptyBraced {}
    assert_same(&EmptyBraced {});

    #[derive(Serialize, PooledSerialize)]
    #[serde(deny_unknown_fields)]
    pub struct EmptyBracedDenyUnknown {}
    assert_same(&EmptyBracedDenyUnknown {});

    #[derive(Serialize, PooledSerialize)]
    pub struct BracedSkipAll {
        #[serde(skip_deserializing)]
        f: u8,
    }
    assert_same(&BracedSkipAll { f: 1 });

    #[derive(Serialize, PooledSerialize)]
    #[serde(deny_unknown_fields)]
    pub struct BracedSkipAllDenyUnknown {
        #[serde(skip_deserializing)]
        f: u8,
    }
    assert_same(&BracedSkipAllDenyUnknown { f: 1 });

    #[derive(Serialize, PooledSerialize)]
    pub struct EmptyTuple();
    assert_same(&EmptyTuple());

    #[derive(Serialize, PooledSerialize)]
    #[serde(deny_unknown_fields)]
    pub struct EmptyTupleDenyUnknown();
    assert_same(&EmptyTupleDenyUnknown());

    #[derive(Serialize, PooledSerialize)]
    pub struct TupleSkipAll(#[serde(skip_deserializing)] u8);
    assert_same(&TupleSkipAll(1));

    #[derive(Serialize, PooledSerialize)]
    #[serde(deny_unknown_fields)]
    pub struct TupleSkipAllDenyUnknown(#[serde(skip_deserializing)] u8);
    assert_same(&TupleSkipAllDenyUnknown(1));

    #[derive(Serialize, PooledSerialize)]
    pub enum EmptyEnum {}
    assert_ser::<EmptyEnum>();

    #[derive(Serialize, PooledSerialize)]
    #[serde(deny_unknown_fields)]
    pub enum EmptyEnumDenyUnknown {}
    assert_ser::<EmptyEnumDenyUnknown>();

    #[derive(Serialize, PooledSerialize)]
    pub enum EnumSkipAll {
        #[serde(skip_deserializing)]
        Variant,
    }
    assert_same(&EnumSkipAll::Variant);

    #[derive(Serialize, PooledSerialize)]
    pub enum EmptyVariants {
        Braced {},
        Tuple(),
        BracedSkip {
            #[serde(skip_deserializing)]
            f: u8,
        },
        TupleSkip(#[serde(skip_deserializing)] u8),
    }
    assert_same(&EmptyVariants::Braced {});
    assert_same(&EmptyVariants::Tuple());
    assert_same(&EmptyVariants::BracedSkip { f: 1 });
    assert_same(&EmptyVariants::TupleSkip(1));

    #[derive(Serialize, PooledSerialize)]
    #[serde(deny_unknown_fields)]
    pub enum EmptyVariantsDenyUnknown {
        Braced {},
        Tuple(),
        BracedSkip {
            #[serde(skip_deserializing)]
            f: u8,
        },
        TupleSkip(#[serde(skip_deserializing)] u8),
    }
    assert_same(&EmptyVariantsDenyUnknown::Braced {});
    assert_same(&EmptyVariantsDenyUnknown::Tuple());
    assert_same(&EmptyVariantsDenyUnknown::BracedSkip { f: 1 });
    assert_same(&EmptyVariantsDenyUnknown::TupleSkip(1));

    #[derive(Serialize, PooledSerialize)]
    #[serde(deny_unknown_fields)]
    pub struct UnitDenyUnknown;
    assert_same(&UnitDenyUnknown);

    #[derive(Serialize, PooledSerialize)]
    pub struct EmptyArray {
        empty: [X; 0],
    }
    assert_same(&EmptyArray { empty: [] });

    pub struct Str<'a>(&'a str);

    #[derive(Serialize)]
    #[serde(remote = "Str")]
    struct StrDef<'a>(&'a str);

    #[derive(Serialize, PooledSerialize)]
    pub struct Remote<'a> {
        #[serde(borrow, with = "StrDef")]
        s: Str<'a>,
    }
    assert_same(&Remote { s: Str("s") });

    #[derive(Serialize, PooledSerialize)]
    pub enum BorrowVariant<'a> {
        #[serde(borrow, with = "StrDef")]
        S(Str<'a>),
        Other(&'a str),
    }
    assert_same(&BorrowVariant::S(Str("s")));
    assert_same(&BorrowVariant::Other("o"));

    mod vis {
        use serde::Serialize;

        pub struct S;

        #[derive(Serialize)]
        #[serde(remote = "S")]
        pub struct SDef;
    }

    // This would not work if `SDef::serialize` were private.
    #[derive(Serialize, PooledSerialize)]
    pub struct RemoteVisibility {
        #[serde(with = "vis::SDef")]
        s: vis::S,
    }
    assert_same(&RemoteVisibility { s: vis::S });

    #[derive(Serialize, PooledSerialize)]
    #[serde(remote = "Self")]
    pub struct RemoteSelf;

    #[derive(Serialize, PooledSerialize)]
    struct FlattenWithField {
        #[serde(flatten)]
        #[serde(serialize_with = "ser_x_map", deserialize_with = "de_x")]
        x: X,
        other: u8,
    }
    assert_same(&FlattenWithField { x: X, other: 1 });

    #[derive(Serialize, PooledSerialize)]
    pub struct Flatten<T> {
        #[serde(flatten)]
        t: T,
    }

    #[derive(Serialize, PooledSerialize)]
    #[serde(deny_unknown_fields)]
    pub struct FlattenDenyUnknown<T> {
        #[serde(flatten)]
        t: T,
    }

    #[derive(Serialize, PooledSerialize)]
    struct Flat {
        a: u8,
    }
    assert_same(&Flatten { t: Flat { a: 1 } });
    assert_same(&FlattenDenyUnknown { t: Flat { a: 1 } });

    #[derive(Serialize, PooledSerialize)]
    pub struct SkipDeserializing<T> {
        #[serde(skip_deserializing)]
        flat: T,
    }
    assert_same(&SkipDeserializing { flat: 1 });

    #[derive(Serialize, PooledSerialize)]
    #[serde(deny_unknown_fields)]
    pub struct SkipDeserializingDenyUnknown<T> {
        #[serde(skip_deserializing)]
        flat: T,
    }
    assert_same(&SkipDeserializingDenyUnknown { flat: 1 });

    #[derive(Serialize, PooledSerialize)]
    pub struct StaticStrStruct<'a> {
        a: &'a str,
        b: &'static str,
    }
    assert_same(&StaticStrStruct { a: "a", b: "b" });

    #[derive(Serialize, PooledSerialize)]
    pub struct StaticStrTupleStruct<'a>(&'a str, &'static str);
    assert_same(&StaticStrTupleStruct("a", "b"));

    #[derive(Serialize, PooledSerialize)]
    pub struct StaticStrNewtypeStruct(&'static str);
    assert_same(&StaticStrNewtypeStruct("a"));

    #[derive(Serialize, PooledSerialize)]
    pub enum StaticStrEnum<'a> {
        Struct { a: &'a str, b: &'static str },
        Tuple(&'a str, &'static str),
        Newtype(&'static str),
    }
    assert_same(&StaticStrEnum::Struct { a: "a", b: "b" });
    assert_same(&StaticStrEnum::Tuple("a", "b"));
    assert_same(&StaticStrEnum::Newtype("a"));

    #[derive(Serialize, PooledSerialize)]
    struct SkippedStaticStr {
        #[serde(skip_deserializing)]
        skipped: &'static str,
        other: isize,
    }
    assert_same(&SkippedStaticStr {
        skipped: "s",
        other: -1,
    });

    #[derive(Serialize, PooledSerialize)]
    struct BigArray {
        #[serde(serialize_with = "<[_]>::serialize")]
        array: [u8; 256],
    }
    assert_same(&BigArray { array: [7; 256] });

    trait AssocSerde {
        type Assoc;
    }

    struct NoSerdeImpl;
    impl AssocSerde for NoSerdeImpl {
        type Assoc = u32;
    }

    #[derive(Serialize, PooledSerialize)]
    struct AssocDerive<T: AssocSerde> {
        assoc: T::Assoc,
    }
    assert_same(&AssocDerive::<NoSerdeImpl> { assoc: 1 });

    #[derive(Serialize, PooledSerialize)]
    struct AssocDeriveMulti<S, T: AssocSerde> {
        s: S,
        assoc: T::Assoc,
    }
    assert_same(&AssocDeriveMulti::<i32, NoSerdeImpl> { s: 1, assoc: 2 });

    #[derive(Serialize, PooledSerialize)]
    #[serde(tag = "t", content = "c")]
    enum EmptyAdjacentlyTagged {
        Struct {},
        Tuple(),
    }
    assert_same(&EmptyAdjacentlyTagged::Struct {});
    assert_same(&EmptyAdjacentlyTagged::Tuple());

    mod restricted {
        mod inner {
            use pooled_serialize::PooledSerialize;
            use serde::Serialize;

            #[derive(Serialize, PooledSerialize)]
            struct Restricted {
                pub(super) a: usize,
                pub(in super::inner) b: usize,
            }
        }
    }

    #[derive(Serialize, PooledSerialize)]
    enum SkippedVariant<T> {
        #[serde(skip)]
        T(T),
        Unit,
    }
    assert_same(&SkippedVariant::<X>::Unit);
    crate::assert_both_fail(&SkippedVariant::T(X));

    #[derive(Serialize, PooledSerialize)]
    #[serde(untagged)]
    pub enum UntaggedNewtypeVariantWith {
        Newtype(
            #[serde(serialize_with = "ser_x")]
            #[serde(deserialize_with = "de_x")]
            X,
        ),
    }
    assert_same(&UntaggedNewtypeVariantWith::Newtype(X));

    #[derive(Serialize, PooledSerialize)]
    #[serde(transparent)]
    pub struct TransparentWith {
        #[serde(serialize_with = "ser_x")]
        #[serde(deserialize_with = "de_x")]
        x: X,
    }
    assert_same(&TransparentWith { x: X });

    #[derive(Serialize, PooledSerialize)]
    #[serde(untagged)]
    pub enum UntaggedWithBorrow<'a> {
        Single(#[serde(borrow)] RelObject<'a>),
        Many(#[serde(borrow)] Vec<RelObject<'a>>),
    }

    #[derive(Serialize, PooledSerialize)]
    pub struct RelObject<'a> {
        ty: &'a str,
        id: String,
    }
    let rel = || RelObject {
        ty: "t",
        id: "i".into(),
    };
    assert_same(&UntaggedWithBorrow::Single(rel()));
    assert_same(&UntaggedWithBorrow::Many(vec![rel(), rel()]));

    #[derive(Serialize, PooledSerialize)]
    pub struct FlattenSkipSerializing<T> {
        #[serde(flatten, skip_serializing)]
        flat: T,
    }
    assert_same(&FlattenSkipSerializing { flat: X });

    #[derive(Serialize, PooledSerialize)]
    pub struct FlattenSkipSerializingIf<T> {
        #[serde(flatten, skip_serializing_if = "StdOption::is_none")]
        flat: StdOption<T>,
    }
    assert_same(&FlattenSkipSerializingIf {
        flat: StdOption::Some(Flat { a: 1 }),
    });
    assert_same(&FlattenSkipSerializingIf::<Flat> {
        flat: StdOption::None,
    });

    #[derive(Serialize, PooledSerialize)]
    pub struct FlattenSkipDeserializing<T> {
        #[serde(flatten, skip_deserializing)]
        flat: T,
    }
    assert_same(&FlattenSkipDeserializing {
        flat: Flat { a: 1 },
    });

    #[derive(Serialize, PooledSerialize)]
    #[serde(untagged)]
    pub enum Inner<T> {
        Builder {
            s: T,
            #[serde(flatten)]
            o: T,
        },
        Default {
            s: T,
        },
    }
    assert_same(&Inner::Builder {
        s: Flat { a: 1 },
        o: Flat { a: 2 },
    });
    assert_same(&Inner::Default { s: Flat { a: 1 } });

    #[derive(Serialize, PooledSerialize)]
    pub enum Message {
        #[serde(skip)]
        String(String),
        #[serde(other)]
        Unknown,
    }
    assert_same(&Message::Unknown);
    crate::assert_both_fail(&Message::String("s".into()));

    macro_rules! deriving {
        ($field:ty) => {
            #[derive(Serialize, PooledSerialize)]
            pub struct MacroRules<'a> {
                field: $field,
            }
        };
    }

    deriving!(&'a str);
    assert_same(&MacroRules { field: "f" });

    macro_rules! mac {
        ($($tt:tt)*) => {
            $($tt)*
        };
    }

    #[derive(Serialize, PooledSerialize)]
    pub struct BorrowLifetimeInsideMacro<'a> {
        #[serde(borrow = "'a")]
        pub f: mac!(Cow<'a, str>),
    }
    assert_same(&BorrowLifetimeInsideMacro {
        f: Cow::Borrowed("f"),
    });

    #[derive(Serialize, PooledSerialize)]
    pub struct Struct {
        #[serde(serialize_with = "vec_first_element")]
        pub vec: Vec<Self>,
    }
    assert_same(&Struct {
        vec: vec![Struct { vec: vec![] }],
    });
    assert_same(&Struct { vec: vec![] });

    #[derive(Serialize, PooledSerialize)]
    pub struct GenericUnitStruct<const N: usize>;
    assert_same(&GenericUnitStruct::<3>);
}

/// Bound inference on `Cow<'a, T: ?Sized>`, type macros, associated types and packed
/// structs.
#[test]
fn gen_bounds_and_layouts() {
    #[derive(Serialize, PooledSerialize)]
    #[serde(bound(deserialize = "T::Owned: serde::de::DeserializeOwned"))]
    struct CowT<'a, T: ?Sized + 'a + ToOwned>(Cow<'a, T>);
    assert_same(&CowT::<str>(Cow::Borrowed("cow")));

    macro_rules! T {
        () => {
            ()
        };
    }

    #[derive(Serialize, PooledSerialize)]
    struct TypeMacro<T> {
        mac: T!(),
        marker: PhantomData<T>,
    }
    assert_same(&TypeMacro::<X> {
        mac: (),
        marker: PhantomData,
    });

    #[derive(Serialize, PooledSerialize)]
    #[repr(C, packed)]
    struct Packed {
        x: u8,
        y: u16,
    }
    assert_same(&Packed { x: 1, y: 2 });

    pub enum Or<A, B> {
        A(A),
        B(B),
    }

    #[derive(Serialize, PooledSerialize)]
    #[serde(untagged, remote = "Or")]
    pub enum OrDef<A, B> {
        A(A),
        B(B),
    }

    #[derive(Serialize, PooledSerialize)]
    pub struct RemoteOr {
        #[serde(with = "OrDef")]
        or: Or<u8, bool>,
    }
    assert_same(&RemoteOr { or: Or::A(1) });
    assert_same(&RemoteOr { or: Or::B(true) });
}

/// Variant-level `serialize_with` in each representation.
#[test]
fn gen_variant_with() {
    #[derive(Serialize, PooledSerialize)]
    enum ExternallyTaggedVariantWith {
        #[serde(serialize_with = "ser_x")]
        Newtype(X),

        #[serde(serialize_with = "serialize_some_other_variant")]
        Tuple(String, u8),

        #[serde(serialize_with = "ser_x")]
        Struct1 { x: X },

        #[serde(serialize_with = "serialize_some_other_variant")]
        Struct { f1: String, f2: u8 },

        #[serde(serialize_with = "serialize_some_unit_variant")]
        Unit,
    }
    assert_same(&ExternallyTaggedVariantWith::Newtype(X));
    assert_same(&ExternallyTaggedVariantWith::Tuple("a".into(), 1));
    assert_same(&ExternallyTaggedVariantWith::Struct1 { x: X });
    assert_same(&ExternallyTaggedVariantWith::Struct {
        f1: "a".into(),
        f2: 1,
    });
    assert_same(&ExternallyTaggedVariantWith::Unit);

    // As upstream: under an internal tag, serde_json fails at run time on a variant
    // written as a string, and writes the unit variant as the tag alone.
    #[derive(Serialize, PooledSerialize)]
    #[serde(tag = "t")]
    enum InternallyTaggedVariantWith {
        #[serde(serialize_with = "ser_x")]
        Newtype(X),

        #[serde(serialize_with = "ser_x")]
        Struct1 { x: X },

        #[serde(serialize_with = "serialize_some_other_variant")]
        Struct { f1: String, f2: u8 },

        #[serde(serialize_with = "serialize_some_unit_variant")]
        Unit,
    }
    crate::assert_both_fail(&InternallyTaggedVariantWith::Newtype(X));
    crate::assert_both_fail(&InternallyTaggedVariantWith::Struct1 { x: X });
    crate::assert_both_fail(&InternallyTaggedVariantWith::Struct {
        f1: "a".into(),
        f2: 1,
    });
    assert_same(&InternallyTaggedVariantWith::Unit);

    // The same variants written as maps, which the internal tag can join.
    #[derive(Serialize, PooledSerialize)]
    #[serde(tag = "t")]
    enum InternallyTaggedVariantWithMap {
        #[serde(serialize_with = "ser_x_map")]
        Newtype(X),

        #[serde(serialize_with = "ser_x_map")]
        Struct1 { x: X },
    }
    assert_same(&InternallyTaggedVariantWithMap::Newtype(X));
    assert_same(&InternallyTaggedVariantWithMap::Struct1 { x: X });

    #[derive(Serialize, PooledSerialize)]
    #[serde(tag = "t", content = "c")]
    enum AdjacentlyTaggedVariantWith {
        #[serde(serialize_with = "ser_x")]
        Newtype(X),

        #[serde(serialize_with = "serialize_some_other_variant")]
        Tuple(String, u8),

        #[serde(serialize_with = "ser_x")]
        Struct1 { x: X },

        #[serde(serialize_with = "serialize_some_other_variant")]
        Struct { f1: String, f2: u8 },

        #[serde(serialize_with = "serialize_some_unit_variant")]
        Unit,
    }
    assert_same(&AdjacentlyTaggedVariantWith::Newtype(X));
    assert_same(&AdjacentlyTaggedVariantWith::Tuple("a".into(), 1));
    assert_same(&AdjacentlyTaggedVariantWith::Struct1 { x: X });
    assert_same(&AdjacentlyTaggedVariantWith::Struct {
        f1: "a".into(),
        f2: 1,
    });
    assert_same(&AdjacentlyTaggedVariantWith::Unit);

    #[derive(Serialize, PooledSerialize)]
    #[serde(untagged)]
    enum UntaggedVariantWith {
        #[serde(serialize_with = "ser_x")]
        Newtype(X),

        #[serde(serialize_with = "serialize_some_other_variant")]
        Tuple(String, u8),

        #[serde(serialize_with = "ser_x")]
        Struct1 { x: X },

        #[serde(serialize_with = "serialize_some_other_variant")]
        Struct { f1: String, f2: u8 },

        #[serde(serialize_with = "serialize_some_unit_variant")]
        Unit,
    }
    assert_same(&UntaggedVariantWith::Newtype(X));
    assert_same(&UntaggedVariantWith::Tuple("a".into(), 1));
    assert_same(&UntaggedVariantWith::Struct1 { x: X });
    assert_same(&UntaggedVariantWith::Struct {
        f1: "a".into(),
        f2: 1,
    });
    assert_same(&UntaggedVariantWith::Unit);
}

trait SerializeWith {
    fn serialize_with<S: Serializer>(_: &Self, _: S) -> StdResult<S::Ok, S::Error>;
}

trait DeserializeWith: Sized {}

/// Implements neither `Serialize` nor `PooledSerialize`.
pub struct X;

pub fn ser_x<S: Serializer>(_: &X, serializer: S) -> StdResult<S::Ok, S::Error> {
    serializer.serialize_str("x")
}

/// `X` as a one-entry map, for the positions where serde needs an object.
pub fn ser_x_map<S: Serializer>(_: &X, serializer: S) -> StdResult<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = serializer.serialize_map(StdOption::Some(1))?;
    map.serialize_entry("x", "x")?;
    map.end()
}

mod both_x {
    pub use super::ser_x as serialize;
}

impl SerializeWith for X {
    fn serialize_with<S: Serializer>(x: &Self, serializer: S) -> StdResult<S::Ok, S::Error> {
        ser_x(x, serializer)
    }
}

impl DeserializeWith for X {}

pub fn serialize_some_unit_variant<S>(serializer: S) -> StdResult<S::Ok, S::Error>
where
    S: Serializer,
{
    serializer.serialize_unit()
}

pub fn serialize_some_other_variant<S>(
    f1: &str,
    f2: &u8,
    serializer: S,
) -> StdResult<S::Ok, S::Error>
where
    S: Serializer,
{
    serializer.collect_str(&format_args!("{f1};{f2}"))
}

fn vec_first_element<T, S>(vec: &[T], serializer: S) -> StdResult<S::Ok, S::Error>
where
    T: Serialize,
    S: Serializer,
{
    vec.first().serialize(serializer)
}

#[repr(C, packed)]
pub struct RemotePacked {
    pub a: u16,
    pub b: u32,
}

#[derive(Serialize, PooledSerialize)]
#[repr(C, packed)]
#[serde(remote = "RemotePacked")]
pub struct RemotePackedDef {
    a: u16,
    b: u32,
}

impl Drop for RemotePackedDef {
    fn drop(&mut self) {}
}
