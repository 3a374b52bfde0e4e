//! [`PooledJson`]: a pooled JSON response for axum handlers (feature `axum`).

use axum_core::body::Body;
use axum_core::response::{IntoResponse, Response};
use http::header::{self, HeaderValue};
use http::StatusCode;

use crate::{pool, to_pooled_json, Error, PooledSerialize};

/// A JSON response written into a pooled buffer: return it from an axum handler where you
/// would return `axum::Json`.
///
/// The value is serialized with [`to_pooled_json`] and answered `200` with
/// `content-type: application/json`. The buffer is handed to axum without a copy and goes
/// back to the pool of the thread that drops the body once it is sent (or abandoned).
///
/// A value that cannot be written (a non-finite float) is answered `500` with a small JSON
/// body naming where it is, such as
/// `{"error":"non-finite float NaN at seatbid[0].bid[2].price"}`; with the `tracing`
/// feature the error is also logged at `error` level.
///
/// axum's `Body` takes `Bytes` frames and boxes the body it wraps, so this costs two small
/// allocations per response (the `Bytes` owner and axum's box) plus the header map's; the
/// JSON itself is neither allocated nor copied. A hyper service that answers
/// `Response<PooledBody>` (feature `http-body`) allocates nothing for the body.
///
/// ```
/// use axum_core::response::IntoResponse;
/// use pooled_serialize::axum::PooledJson;
///
/// let response = PooledJson([1.5, 2.0]).into_response();
/// assert_eq!(response.status(), 200);
/// assert_eq!(response.headers()["content-type"], "application/json");
///
/// let response = PooledJson([f64::NAN]).into_response();
/// assert_eq!(response.status(), 500);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct PooledJson<T>(pub T);

impl<T: PooledSerialize> IntoResponse for PooledJson<T> {
    fn into_response(self) -> Response {
        match to_pooled_json(&self.0) {
            Ok(json) => json_response(StatusCode::OK, Body::from(json.into_bytes())),
            Err(error) => error_response(&error),
        }
    }
}

fn json_response(status: StatusCode, body: Body) -> Response {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

#[cold]
fn error_response(error: &Error) -> Response {
    #[cfg(feature = "tracing")]
    tracing::error!(%error, "PooledJson: the response could not be serialized");
    let message = error.to_string();
    let mut buf = pool::acquire();
    buf.writer().write_raw(r#"{"error":"#);
    // A string is always writable: escaping is the writer's, as for any response.
    buf.writer().write_str(&message);
    buf.writer().write_raw("}");
    json_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        Body::from(buf.into_bytes()),
    )
}
