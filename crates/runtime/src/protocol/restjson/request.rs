//! What a request gets after its body is written: `Content-MD5` (`@httpChecksumRequired`),
//! compression (`@requestCompression`), and the host prefix of `@endpoint`.

use crate::client::{HttpRequestParts, InvalidInput};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use http::HeaderValue;
use http::header::CONTENT_ENCODING;

/// `Content-MD5`: the base64 of the MD5 digest of `body`.
pub fn content_md5(body: &[u8]) -> HeaderValue {
    let digest = md5::compute(body);
    HeaderValue::try_from(BASE64.encode(digest.0)).expect("base64 is a valid header value")
}

/// Bodies shorter than this are sent uncompressed (the Smithy default of
/// `requestMinCompressionSizeBytes`).
pub const MIN_COMPRESSION_SIZE: usize = 10_240;

/// Compresses the body with the first of `encodings` this runtime supports (`gzip`, with the
/// `compression` feature), and appends the encoding to `Content-Encoding` (after any the
/// caller set: `custom, gzip`). Bodies below [`MIN_COMPRESSION_SIZE`] and runtimes without the
/// feature send the body as it is, which the protocol allows.
pub fn compress(parts: &mut HttpRequestParts, encodings: &[&str]) -> Result<(), InvalidInput> {
    if parts.body.len() < MIN_COMPRESSION_SIZE {
        return Ok(());
    }
    #[cfg(feature = "compression")]
    if encodings.contains(&"gzip") {
        use std::io::Write as _;
        let failed = |e: std::io::Error| InvalidInput::serialization("(body)", format!("gzip failed: {e}"));
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(&parts.body).map_err(failed)?;
        parts.body = encoder.finish().map_err(failed)?.into();
        let encoding = match parts.headers.get(CONTENT_ENCODING).and_then(|v| v.to_str().ok()) {
            Some(given) if !given.trim().is_empty() => format!("{given}, gzip"),
            _ => "gzip".to_owned(),
        };
        parts.headers.insert(
            CONTENT_ENCODING,
            HeaderValue::try_from(encoding)
                .map_err(|_| InvalidInput::serialization("Content-Encoding", "not a valid header value"))?,
        );
    }
    #[cfg(not(feature = "compression"))]
    let _ = (encodings, CONTENT_ENCODING);
    Ok(())
}

/// A `@hostLabel` value of `member`: it becomes part of a host name, so it must be a non-empty
/// run of letters, digits, `-` and `.`, neither starting nor ending with `-` or `.`.
pub fn host_label<'a>(member: &'static str, value: &'a str) -> Result<&'a str, InvalidInput> {
    let valid = !value.is_empty()
        && value.len() <= 253
        && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        && !value.starts_with(['-', '.'])
        && !value.ends_with(['-', '.'])
        && !value.contains("..");
    if valid {
        Ok(value)
    } else {
        Err(InvalidInput::serialization(
            member,
            "a host label must be letters, digits, `-` and `.` (it becomes part of the host name)",
        ))
    }
}

/// The base64 text of a `@mediaType` string sent in a header.
pub fn base64_text(value: &str) -> String {
    BASE64.encode(value.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn md5_of_the_protocol_test_body() {
        // RestJsonHttpChecksumRequired, as the client writes the body
        let body = br#"{"foo":"base64 encoded md5 checksum"}"#;
        assert_eq!(content_md5(body), "iB0/3YSo7maijL0IGOgA9g==");
    }

    #[test]
    fn host_labels() {
        assert_eq!(host_label("Label", "bar").unwrap(), "bar");
        for bad in ["", "a b", "-a", "a.", "a/b", "a..b"] {
            assert!(host_label("Label", bad).unwrap_err().to_string().contains("Label"), "{bad}");
        }
        assert_eq!(base64_text("true"), "dHJ1ZQ==");
    }

    #[test]
    fn small_bodies_stay_uncompressed() {
        let mut parts = HttpRequestParts::new(http::Method::POST, "/");
        parts.body = bytes::Bytes::from_static(b"small");
        compress(&mut parts, &["gzip"]).unwrap();
        assert_eq!(parts.body.as_ref(), b"small");
        assert!(parts.headers.get(CONTENT_ENCODING).is_none());
    }

    #[cfg(feature = "compression")]
    #[test]
    fn gzip_appends_to_the_given_encoding() {
        use std::io::Read as _;
        let mut parts = HttpRequestParts::new(http::Method::POST, "/");
        let body = "x".repeat(MIN_COMPRESSION_SIZE);
        parts.body = body.clone().into();
        parts.headers.insert(CONTENT_ENCODING, HeaderValue::from_static("custom"));
        compress(&mut parts, &["gzip"]).unwrap();
        assert_eq!(parts.headers[CONTENT_ENCODING], "custom, gzip");
        let mut plain = String::new();
        flate2::read::GzDecoder::new(parts.body.as_ref()).read_to_string(&mut plain).unwrap();
        assert_eq!(plain, body);
    }
}
