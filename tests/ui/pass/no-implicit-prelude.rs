//! The generated code names everything by absolute path, so it compiles in a module
//! without the prelude.

#![no_implicit_prelude]

mod model {
    #![no_implicit_prelude]

    extern crate pooled_serialize;
    extern crate std;

    use pooled_serialize::PooledSerialize;
    use std::collections::BTreeMap;
    use std::option::Option;
    use std::string::String;
    use std::vec::Vec;

    pub fn is_zero(v: &u32) -> bool {
        *v == 0
    }

    pub fn write_twice(
        v: &u32,
        w: &mut pooled_serialize::Writer,
    ) -> std::result::Result<(), pooled_serialize::Error> {
        w.write_u32(*v * 2);
        std::result::Result::Ok(())
    }

    #[derive(PooledSerialize)]
    #[serde(rename_all = "camelCase", tag = "kind")]
    #[pooled(skip_serializing_none)]
    pub struct Bid<'a, T> {
        pub imp_id: &'a str,
        pub price: f64,
        pub nurl: Option<String>,
        #[serde(skip_serializing_if = "is_zero")]
        pub w: u32,
        #[pooled(write_with = "write_twice")]
        pub h: u32,
        #[pooled(skip_serializing_default)]
        pub cat: Vec<String>,
        pub ext: T,
        #[serde(flatten)]
        pub rest: BTreeMap<String, u8>,
        #[serde(flatten)]
        pub inner: Inner,
    }

    #[derive(PooledSerialize)]
    pub struct Inner {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub a: Option<u8>,
    }

    #[derive(PooledSerialize)]
    pub struct Tuple(pub u8, pub String);

    #[derive(PooledSerialize)]
    pub struct Unit;

    #[derive(PooledSerialize, PartialEq, Eq, PartialOrd, Ord)]
    pub struct Key(pub String);

    #[derive(PooledSerialize, PartialEq, Eq, PartialOrd, Ord)]
    pub enum Color {
        Red,
        #[serde(skip)]
        Hidden,
    }

    #[derive(PooledSerialize, Clone, Copy)]
    #[pooled(repr)]
    #[repr(u8)]
    pub enum Protocol {
        Vast2 = 2,
        Vast3,
    }

    #[derive(PooledSerialize)]
    pub enum External {
        A,
        B(u8),
        C(u8, u8),
        D { x: u8 },
    }

    #[derive(PooledSerialize)]
    #[serde(tag = "t", content = "c")]
    pub enum Adjacent {
        A,
        B(u8),
        D { x: u8 },
    }

    #[derive(PooledSerialize)]
    #[serde(tag = "t")]
    pub enum Internal {
        A,
        B(Inner),
        D { x: u8 },
    }

    #[derive(PooledSerialize)]
    #[serde(untagged)]
    pub enum Untagged {
        A,
        B(u8),
        D { x: u8 },
    }

    #[derive(PooledSerialize)]
    pub struct Keys {
        pub by_key: BTreeMap<Key, u8>,
        pub by_color: BTreeMap<Color, u8>,
    }
}

fn main() {
    let bid = model::Bid {
        imp_id: "1",
        price: 0.5,
        nurl: ::std::option::Option::None,
        w: 0,
        h: 2,
        cat: ::std::vec::Vec::new(),
        ext: model::Tuple(
            1,
            <::std::string::String as ::std::convert::From<&str>>::from("x"),
        ),
        rest: ::std::collections::BTreeMap::new(),
        inner: model::Inner {
            a: ::std::option::Option::Some(3),
        },
    };
    let json = ::pooled_serialize::to_string(&bid).unwrap();
    ::std::assert_eq!(
        json,
        r#"{"kind":"Bid","impId":"1","price":0.5,"h":4,"ext":[1,"x"],"a":3}"#
    );
    let _ = ::pooled_serialize::to_string(&(
        model::Unit,
        model::Protocol::Vast3,
        model::External::C(1, 2),
        model::Adjacent::D { x: 1 },
        model::Internal::B(model::Inner {
            a: ::std::option::Option::None,
        }),
        model::Untagged::A,
    ))
    .unwrap();
    let _ = ::pooled_serialize::to_string(&model::Keys {
        by_key: ::std::collections::BTreeMap::new(),
        by_color: ::std::collections::BTreeMap::new(),
    })
    .unwrap();
}
