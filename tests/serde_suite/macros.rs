//! serde-rs/serde `test_suite/tests/test_macros.rs`: generics, lifetimes, default type
//! parameters, container tags on structs, `rename_all` / `rename_all_fields`, and packed
//! structs.

#![allow(clippy::redundant_field_names)]

use std::marker::PhantomData;

use pooled_serialize::PooledSerialize;
use serde::Serialize;

use crate::assert_same;

/// The derived impl for an empty enum must not warn about its unused writer.
#[derive(Serialize, PooledSerialize)]
#[deny(unused_variables)]
enum Void {}

#[derive(Serialize, PooledSerialize)]
struct NamedUnit;

#[derive(Serialize, PooledSerialize)]
struct SerNamedTuple<'a, 'b, A: 'a, B: 'b, C>(&'a A, &'b mut B, C);

#[derive(Serialize, PooledSerialize)]
struct DeNamedTuple<A, B, C>(A, B, C);

#[derive(Serialize, PooledSerialize)]
struct SerNamedMap<'a, 'b, A: 'a, B: 'b, C> {
    a: &'a A,
    b: &'b mut B,
    c: C,
}

#[derive(Serialize, PooledSerialize)]
struct DeNamedMap<A, B, C> {
    a: A,
    b: B,
    c: C,
}

#[derive(Serialize, PooledSerialize)]
enum SerEnum<'a, B: 'a, C: 'a, D>
where
    D: 'a,
{
    Unit,
    Seq(i8, B, &'a C, &'a mut D),
    Map { a: i8, b: B, c: &'a C, d: &'a mut D },
    // Make sure we can support more than one variant.
    _Unit2,
    _Seq2(i8, B, &'a C, &'a mut D),
    _Map2 { a: i8, b: B, c: &'a C, d: &'a mut D },
}

#[derive(Serialize, PooledSerialize)]
enum DeEnum<B, C, D> {
    Unit,
    Seq(i8, B, C, D),
    Map { a: i8, b: B, c: C, d: D },
    // Make sure we can support more than one variant.
    _Unit2,
    _Seq2(i8, B, C, D),
    _Map2 { a: i8, b: B, c: C, d: D },
}

#[derive(Serialize, PooledSerialize)]
enum Lifetimes<'a> {
    LifetimeSeq(&'a i32),
    NoLifetimeSeq(i32),
    LifetimeMap { a: &'a i32 },
    NoLifetimeMap { a: i32 },
}

#[derive(Serialize, PooledSerialize)]
pub struct GenericStruct<T> {
    x: T,
}

#[derive(Serialize, PooledSerialize)]
pub struct GenericNewTypeStruct<T>(T);

#[derive(Serialize, PooledSerialize)]
pub struct GenericTupleStruct<T, U>(T, U);

#[derive(Serialize, PooledSerialize)]
pub enum GenericEnum<T, U> {
    Unit,
    NewType(T),
    Seq(T, U),
    Map { x: T, y: U },
}

trait AssociatedType {
    type X;
}

impl AssociatedType for i32 {
    type X = i32;
}

#[derive(Serialize, PooledSerialize)]
struct DefaultTyParam<T: AssociatedType<X = i32> = i32> {
    phantom: PhantomData<T>,
}

#[test]
fn named_unit() {
    assert_same(&NamedUnit);
}

#[test]
fn named_tuple() {
    let a = 5;
    let mut b = 6;
    let c = 7;
    assert_same(&SerNamedTuple(&a, &mut b, c));
    assert_same(&DeNamedTuple(5, 6, 7));
}

#[test]
fn named_map() {
    let a = 5;
    let mut b = 6;
    let c = 7;
    assert_same(&SerNamedMap {
        a: &a,
        b: &mut b,
        c: c,
    });
    assert_same(&DeNamedMap { a: 5, b: 6, c: 7 });
}

#[test]
fn ser_enum() {
    let a = 1;
    let b = 2;
    let c = 3;
    let mut d = 4;
    assert_same(&SerEnum::Unit::<u32, u32, u32>);
    assert_same(&SerEnum::Seq(a, b, &c, &mut d));
    assert_same(&SerEnum::Map {
        a: a,
        b: b,
        c: &c,
        d: &mut d,
    });
    assert_same(&SerEnum::_Unit2::<u32, u32, u32>);
    assert_same(&SerEnum::_Seq2(a, b, &c, &mut d));
    assert_same(&SerEnum::_Map2 {
        a: a,
        b: b,
        c: &c,
        d: &mut d,
    });
}

#[test]
fn de_enum() {
    assert_same(&DeEnum::Unit::<u32, u32, u32>);
    assert_same(&DeEnum::Seq(1, 2, 3, 4));
    assert_same(&DeEnum::Map {
        a: 1,
        b: 2,
        c: 3,
        d: 4,
    });
}

#[test]
fn lifetimes() {
    let value = 5;
    assert_same(&Lifetimes::LifetimeSeq(&value));
    assert_same(&Lifetimes::NoLifetimeSeq(5));
    assert_same(&Lifetimes::LifetimeMap { a: &value });
    assert_same(&Lifetimes::NoLifetimeMap { a: 5 });
}

#[test]
fn generics() {
    assert_same(&GenericStruct { x: 5u32 });
    assert_same(&GenericNewTypeStruct(5u32));
    assert_same(&GenericTupleStruct(5u32, 6u32));
    assert_same(&GenericEnum::Unit::<u32, u32>);
    assert_same(&GenericEnum::NewType::<u32, u32>(5));
    assert_same(&GenericEnum::Seq::<u32, u32>(5, 6));
    assert_same(&GenericEnum::Map::<u32, u32> { x: 5, y: 6 });
}

#[test]
fn default_ty_param() {
    assert_same(&DefaultTyParam::<i32> {
        phantom: PhantomData,
    });
}

#[test]
fn enum_state_field() {
    #[derive(Serialize, PooledSerialize)]
    enum SomeEnum {
        Key { key: char, state: bool },
    }

    assert_same(&SomeEnum::Key {
        key: 'a',
        state: true,
    });
}

#[test]
fn internally_tagged_struct() {
    #[derive(Serialize, PooledSerialize)]
    #[serde(tag = "type")]
    pub struct Struct {
        a: u8,
    }

    assert_same(&Struct { a: 1 });
}

#[test]
fn internally_tagged_braced_struct_with_zero_fields() {
    #[derive(Serialize, PooledSerialize)]
    #[serde(tag = "type")]
    struct S {}

    assert_same(&S {});
}

#[test]
fn internally_tagged_struct_with_flattened_field() {
    #[derive(Serialize, PooledSerialize)]
    #[serde(tag = "tag_struct")]
    pub struct Struct {
        #[serde(flatten)]
        pub flat: Enum,
    }

    #[derive(Serialize, PooledSerialize)]
    #[serde(tag = "tag_enum", content = "content")]
    pub enum Enum {
        A(u64),
    }

    assert_same(&Struct { flat: Enum::A(0) });
}

#[test]
fn rename_all() {
    #[derive(Serialize, PooledSerialize)]
    #[serde(rename_all = "snake_case")]
    enum E {
        #[serde(rename_all = "camelCase")]
        Serialize {
            serialize: bool,
            serialize_seq: bool,
        },
        #[serde(rename_all = "kebab-case")]
        SerializeSeq {
            serialize: bool,
            serialize_seq: bool,
        },
        #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
        SerializeMap {
            serialize: bool,
            serialize_seq: bool,
        },
    }

    #[derive(Serialize, PooledSerialize)]
    #[serde(rename_all = "PascalCase")]
    struct S {
        serialize: bool,
        serialize_seq: bool,
    }

    #[derive(Serialize, PooledSerialize)]
    #[serde(rename_all = "SCREAMING-KEBAB-CASE")]
    struct ScreamingKebab {
        serialize: bool,
        serialize_seq: bool,
    }

    assert_same(&E::Serialize {
        serialize: true,
        serialize_seq: true,
    });
    assert_same(&E::SerializeSeq {
        serialize: true,
        serialize_seq: true,
    });
    assert_same(&E::SerializeMap {
        serialize: true,
        serialize_seq: true,
    });
    assert_same(&S {
        serialize: true,
        serialize_seq: true,
    });
    assert_same(&ScreamingKebab {
        serialize: true,
        serialize_seq: true,
    });
}

#[test]
fn rename_all_fields() {
    #[derive(Serialize, PooledSerialize)]
    #[serde(rename_all_fields = "kebab-case")]
    enum E {
        V1,
        V2(bool),
        V3 {
            a_field: bool,
            another_field: bool,
            #[serde(rename = "last-field")]
            yet_another_field: bool,
        },
        #[serde(rename_all = "snake_case")]
        V4 {
            a_field: bool,
        },
    }

    assert_same(&E::V1);
    assert_same(&E::V2(false));
    assert_same(&E::V3 {
        a_field: true,
        another_field: true,
        yet_another_field: true,
    });
    assert_same(&E::V4 { a_field: true });
}

#[test]
fn packed_struct_can_derive_serialize() {
    #[derive(Copy, Clone, Serialize, PooledSerialize)]
    #[repr(packed, C)]
    struct PackedC {
        t: f32,
    }

    #[derive(Copy, Clone, Serialize, PooledSerialize)]
    #[repr(C, packed)]
    struct CPacked {
        t: f32,
    }

    #[derive(Copy, Clone, Serialize, PooledSerialize)]
    #[repr(C, packed(2))]
    struct CPacked2 {
        t: f32,
    }

    #[derive(Copy, Clone, Serialize, PooledSerialize)]
    #[repr(packed(2), C)]
    struct Packed2C {
        t: f32,
    }

    assert_same(&PackedC { t: 1.5 });
    assert_same(&CPacked { t: 1.5 });
    assert_same(&CPacked2 { t: 1.5 });
    assert_same(&Packed2C { t: 1.5 });
}
