//! serde-rs/serde `test_suite/tests/test_deprecated.rs`: deriving on deprecated types,
//! variants and fields must not trip `deny(deprecated)`.

#![deny(deprecated)]

use pooled_serialize::PooledSerialize;
use serde::Serialize;

use crate::assert_same;

/// Deprecated containers: the generated impl names them, and must not trip the lint.
mod deprecated_containers {
    use pooled_serialize::PooledSerialize;
    use serde::Serialize;

    #[derive(Serialize, PooledSerialize)]
    #[deprecated]
    pub enum DeprecatedEnum {
        A,
        B,
    }

    #[derive(Serialize, PooledSerialize)]
    #[deprecated]
    pub struct DeprecatedStruct {
        pub a: bool,
    }
}

#[derive(Serialize, PooledSerialize)]
enum DeprecatedVariant {
    A,
    #[deprecated]
    B,
}

#[derive(Serialize, PooledSerialize)]
struct DeprecatedField {
    #[deprecated]
    a: bool,
}

#[test]
#[allow(deprecated)]
fn deprecated_values() {
    use deprecated_containers::{DeprecatedEnum, DeprecatedStruct};

    assert_same(&DeprecatedEnum::A);
    assert_same(&DeprecatedEnum::B);
    assert_same(&DeprecatedStruct { a: true });
    assert_same(&DeprecatedVariant::A);
    assert_same(&DeprecatedVariant::B);
    assert_same(&DeprecatedField { a: false });
}
