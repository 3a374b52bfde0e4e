use std::borrow::Cow;
use std::fmt::Debug;
use std::marker::PhantomData;

use pooled_serialize::PooledSerialize;

#[derive(PooledSerialize)]
struct Page<'a, 'b: 'a, T, U = u8, const N: usize = 2>
where
    T: Debug + ?Sized,
{
    title: Cow<'a, str>,
    items: &'b [U; N],
    first: &'a T,
    marker: PhantomData<fn(&'b ())>,
}

#[derive(PooledSerialize)]
enum Either<L, R> {
    Left(L),
    Right { value: R },
}

// `T` is only in a skipped field: no bound, so a non-serializable `T` is fine.
#[derive(PooledSerialize)]
struct Tagged<T> {
    #[serde(skip)]
    _tag: PhantomData<T>,
    id: u32,
}

struct NotSerializable;

fn main() {
    let items = [1u8, 2];
    let page = Page::<str> {
        title: Cow::Borrowed("t"),
        items: &items,
        first: "f",
        marker: PhantomData,
    };
    assert_eq!(
        pooled_serialize::to_string(&page).unwrap(),
        r#"{"title":"t","items":[1,2],"first":"f","marker":null}"#
    );
    let either: Either<u8, &str> = Either::Right { value: "r" };
    assert_eq!(
        pooled_serialize::to_string(&either).unwrap(),
        r#"{"Right":{"value":"r"}}"#
    );
    let tagged = Tagged::<NotSerializable> {
        _tag: PhantomData,
        id: 1,
    };
    assert_eq!(pooled_serialize::to_string(&tagged).unwrap(), r#"{"id":1}"#);
}
