//! AWS restJson1: helpers for the code generated per operation.
//!
//! A generated serializer builds an [`HttpRequestParts`](crate::client::HttpRequestParts):
//!
//! ```
//! use chatsmith_runtime::client::{HttpRequestParts, InvalidInput};
//! use chatsmith_runtime::protocol::restjson::{self, QueryWriter};
//!
//! fn serialize(channel_arn: &str, bearer: &str, body: Vec<u8>) -> Result<HttpRequestParts, InvalidInput> {
//!     let path = format!("/channels/{}/messages", restjson::label("ChannelArn", channel_arn)?);
//!     let path_and_query = QueryWriter::new(path).finish();
//!     let mut parts = HttpRequestParts::new(http::Method::POST, path_and_query);
//!     parts.headers.insert("x-amz-chime-bearer", restjson::header_value("ChimeBearer", bearer)?);
//!     parts.headers.insert(http::header::CONTENT_TYPE, restjson::JSON_CONTENT_TYPE.clone());
//!     parts.body = body.into();
//!     Ok(parts)
//! }
//! let parts = serialize("arn:aws:chime:us-east-1:1:app-instance/a/channel/b", "arn:u", b"{}".to_vec()).unwrap();
//! assert_eq!(parts.path_and_query, "/channels/arn%3Aaws%3Achime%3Aus-east-1%3A1%3Aapp-instance%2Fa%2Fchannel%2Fb/messages");
//! assert!(serialize("arn", "bad\r\nvalue", vec![]).unwrap_err().to_string().contains("ChimeBearer"));
//! ```
//!
//! and a generated parser reads a [`RawResponse`](crate::client::RawResponse) with
//! [`json_body`] (an empty body is `{}`) on success, or [`parse_error`] otherwise.

mod body;
mod error;
mod header;
mod request;
mod uri;

pub use body::{JSON_CONTENT_TYPE, describe_json_error, json_body, parse_json_members, parse_json_object};
pub use error::{ErrorResponse, parse_error, request_id, sanitize_error_code};
pub use header::{header_value, join_header_list, prefixed_header_name, sensitive_header_value};
pub use request::{MIN_COMPRESSION_SIZE, base64_text, compress, content_md5, host_label};
pub use uri::{QueryWriter, encode_greedy_label, encode_label, encode_query, greedy_label, label};
