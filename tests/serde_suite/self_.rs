//! serde-rs/serde `test_suite/tests/test_self.rs`: `Self` in field types, bounds and
//! array lengths. The types are recursive through `Box<Self>` with no base case, so no
//! value exists; the derive compiling is the test.

use pooled_serialize::PooledSerialize;
use serde::Serialize;

pub trait Trait {
    type Assoc;
}

#[derive(Serialize, PooledSerialize)]
pub struct Generics<T: Trait<Assoc = Self>>
where
    Self: Trait<Assoc = Self>,
    <Self as Trait>::Assoc: Sized,
{
    _f: T,
}

impl<T: Trait<Assoc = Self>> Trait for Generics<T> {
    type Assoc = Self;
}

#[derive(Serialize, PooledSerialize)]
pub struct Struct {
    _f1: Box<Self>,
    _f2: Box<<Self as Trait>::Assoc>,
    _f4: [(); Self::ASSOC],
    _f5: [(); Self::assoc()],
}

impl Struct {
    const ASSOC: usize = 1;
    const fn assoc() -> usize {
        0
    }
}

impl Trait for Struct {
    type Assoc = Self;
}

#[derive(Serialize, PooledSerialize)]
pub struct Tuple(
    Box<Self>,
    Box<<Self as Trait>::Assoc>,
    [(); Self::ASSOC],
    [(); Self::assoc()],
);

impl Tuple {
    const ASSOC: usize = 1;
    const fn assoc() -> usize {
        0
    }
}

impl Trait for Tuple {
    type Assoc = Self;
}

#[derive(Serialize, PooledSerialize)]
pub enum Enum {
    Struct {
        _f1: Box<Self>,
        _f2: Box<<Self as Trait>::Assoc>,
        _f4: [(); Self::ASSOC],
        _f5: [(); Self::assoc()],
    },
    Tuple(
        Box<Self>,
        Box<<Self as Trait>::Assoc>,
        [(); Self::ASSOC],
        [(); Self::assoc()],
    ),
}

impl Enum {
    const ASSOC: usize = 1;
    const fn assoc() -> usize {
        0
    }
}

impl Trait for Enum {
    type Assoc = Self;
}
