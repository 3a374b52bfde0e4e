//! serde-rs/serde `test_suite/tests/regression/*.rs` (`issue1904.rs`, `issue2371.rs`,
//! `issue2409.rs`, `issue2415.rs`, `issue2565.rs`, `issue2792.rs`, `issue2844.rs`,
//! `issue2846.rs`). Most upstream cases derive only `Deserialize`; their shapes (flatten
//! in enum variants, attributes from macro arguments) are written here.

use pooled_serialize::PooledSerialize;
use serde::Serialize;

use crate::assert_same;

/// `issue1904.rs`: flattened struct variants next to tuple variants, in each
/// representation that allows both.
mod flatten_next_to_tuple {
    use pooled_serialize::PooledSerialize;
    use serde::Serialize;

    use crate::assert_same;

    #[derive(Serialize, PooledSerialize)]
    pub struct Nested;

    #[derive(Serialize, PooledSerialize)]
    pub enum ExternallyTagged1 {
        Tuple(f64, String),
        Flatten {
            #[serde(flatten)]
            nested: Nested,
        },
    }

    #[derive(Serialize, PooledSerialize)]
    pub enum ExternallyTagged2 {
        Flatten {
            #[serde(flatten)]
            nested: Nested,
        },
        Tuple(f64, String),
    }

    #[derive(Serialize, PooledSerialize)]
    #[serde(tag = "tag", content = "content")]
    pub enum AdjacentlyTagged1 {
        Tuple(f64, String),
        Flatten {
            #[serde(flatten)]
            nested: Nested,
        },
    }

    #[derive(Serialize, PooledSerialize)]
    #[serde(tag = "tag", content = "content")]
    pub enum AdjacentlyTagged2 {
        Flatten {
            #[serde(flatten)]
            nested: Nested,
        },
        Tuple(f64, String),
    }

    #[derive(Serialize, PooledSerialize)]
    #[serde(untagged)]
    pub enum Untagged1 {
        Tuple(f64, String),
        Flatten {
            #[serde(flatten)]
            nested: Nested,
        },
    }

    #[derive(Serialize, PooledSerialize)]
    #[serde(untagged)]
    pub enum Untagged2 {
        Flatten {
            #[serde(flatten)]
            nested: Nested,
        },
        Tuple(f64, String),
    }

    #[test]
    fn issue1904() {
        assert_same(&ExternallyTagged1::Tuple(1.5, "s".into()));
        assert_same(&ExternallyTagged1::Flatten { nested: Nested });
        assert_same(&ExternallyTagged2::Tuple(1.5, "s".into()));
        assert_same(&ExternallyTagged2::Flatten { nested: Nested });
        assert_same(&AdjacentlyTagged1::Tuple(1.5, "s".into()));
        assert_same(&AdjacentlyTagged1::Flatten { nested: Nested });
        assert_same(&AdjacentlyTagged2::Tuple(1.5, "s".into()));
        assert_same(&AdjacentlyTagged2::Flatten { nested: Nested });
        assert_same(&Untagged1::Tuple(1.5, "s".into()));
        assert_same(&Untagged1::Flatten { nested: Nested });
        assert_same(&Untagged2::Tuple(1.5, "s".into()));
        assert_same(&Untagged2::Flatten { nested: Nested });
    }
}

/// `issue2371.rs`: a flattened unit struct next to a field, in every representation.
mod flatten_unit_struct_in_variant {
    use pooled_serialize::PooledSerialize;
    use serde::Serialize;

    use crate::assert_same;

    #[derive(Serialize, PooledSerialize)]
    pub struct Nested;

    #[derive(Serialize, PooledSerialize)]
    pub enum ExternallyTagged {
        Flatten {
            #[serde(flatten)]
            nested: Nested,
            string: &'static str,
        },
    }

    #[derive(Serialize, PooledSerialize)]
    #[serde(tag = "tag")]
    pub enum InternallyTagged {
        Flatten {
            #[serde(flatten)]
            nested: Nested,
            string: &'static str,
        },
    }

    #[derive(Serialize, PooledSerialize)]
    #[serde(tag = "tag", content = "content")]
    pub enum AdjacentlyTagged {
        Flatten {
            #[serde(flatten)]
            nested: Nested,
            string: &'static str,
        },
    }

    #[derive(Serialize, PooledSerialize)]
    #[serde(untagged)]
    pub enum UntaggedWorkaround {
        Flatten {
            #[serde(flatten)]
            nested: Nested,
            string: &'static str,
        },
    }

    #[test]
    fn issue2371() {
        let string = "s";
        assert_same(&ExternallyTagged::Flatten {
            nested: Nested,
            string,
        });
        assert_same(&InternallyTagged::Flatten {
            nested: Nested,
            string,
        });
        assert_same(&AdjacentlyTagged::Flatten {
            nested: Nested,
            string,
        });
        assert_same(&UntaggedWorkaround::Flatten {
            nested: Nested,
            string,
        });
    }
}

/// `issue2409.rs`: `crate = $path` from a macro argument (serde's `crate` key is accepted
/// and ignored by this derive).
macro_rules! bug {
    ($serde_path:literal) => {
        #[derive(Serialize, PooledSerialize)]
        #[serde(crate = $serde_path)]
        pub struct CratePathFromMacro;
    };
}

bug!("serde");

/// `issue2415.rs`: an empty `#[serde()]`.
#[derive(Serialize, PooledSerialize)]
#[serde()]
pub struct EmptySerdeAttribute;

#[test]
fn issue2409_issue2415() {
    assert_same(&CratePathFromMacro);
    assert_same(&EmptySerdeAttribute);
}

/// `issue2565.rs`: a flattened `()` in a struct variant.
mod flatten_unit {
    use pooled_serialize::PooledSerialize;
    use serde::Serialize;

    use crate::assert_same;

    #[derive(Serialize, PooledSerialize)]
    enum Enum {
        Simple {
            a: i32,
        },
        Flatten {
            #[serde(flatten)]
            flatten: (),
            a: i32,
        },
    }

    #[test]
    fn issue2565() {
        assert_same(&Enum::Simple { a: 42 });
        assert_same(&Enum::Flatten { flatten: (), a: 42 });
    }
}

/// `issue2792.rs`: a flattened empty struct in a variant of a `deny_unknown_fields` enum.
mod flatten_empty_struct {
    use pooled_serialize::PooledSerialize;
    use serde::Serialize;

    use crate::assert_same;

    #[derive(Serialize, PooledSerialize)]
    #[serde(deny_unknown_fields)]
    pub enum A {
        B {
            c: String,
        },
        D {
            #[serde(flatten)]
            e: E,
        },
    }

    #[derive(Serialize, PooledSerialize)]
    pub struct E {}

    #[test]
    fn issue2792() {
        assert_same(&A::B { c: "c".into() });
        assert_same(&A::D { e: E {} });
    }
}

/// `issue2844.rs` and `issue2846.rs`: `with = $with` from a macro argument, on a named
/// and on a tuple field.
mod with_from_macro {
    use pooled_serialize::PooledSerialize;
    use serde::Serialize;

    macro_rules! declare_in_macro {
        ($with:literal) => {
            #[derive(Serialize, PooledSerialize)]
            pub struct S {
                #[serde(with = $with)]
                f: i32,
            }

            #[derive(Serialize, PooledSerialize)]
            pub struct T(#[serde(with = $with)] i32);
        };
    }

    declare_in_macro!("with");

    mod with {
        use serde::Serializer;

        #[allow(clippy::trivially_copy_pass_by_ref)]
        pub fn serialize<S>(value: &i32, serializer: S) -> Result<S::Ok, S::Error>
        where
            S: Serializer,
        {
            serializer.serialize_i32(value + 1)
        }
    }

    #[test]
    fn issue2844_issue2846() {
        crate::assert_same(&S { f: 1 });
        crate::assert_same(&T(2));
    }
}
