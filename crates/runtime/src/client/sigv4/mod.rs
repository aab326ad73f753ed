//! SigV4 signing (feature `sigv4`), on `ring`'s SHA-256 and HMAC-SHA256.
//!
//! The client signs after every header is final and before it adds the per-attempt
//! `amz-sdk-*` headers. The rules are those the AWS SDKs apply to services other than S3: the
//! canonical path is normalized and percent-encoded a second time; every header is signed but
//! `authorization`, `user-agent`, `x-amzn-trace-id` and `transfer-encoding`; no
//! `x-amz-content-sha256` header; a session token is signed as `x-amz-security-token`. The
//! algorithm is that of the AWS documentation ("Create a signed AWS API request"):
//!
//! 1. the canonical request (method, path, query, signed headers, hex SHA-256 of the body);
//! 2. the string to sign: `AWS4-HMAC-SHA256`, the time, the scope
//!    `date/region/service/aws4_request` and the hex SHA-256 of the canonical request;
//! 3. the signature: HMAC-SHA256 of that with a key derived from the secret and the scope.
//!
//! [`Signer`] keeps the last signing key it derived, so that a client's requests of one day
//! derive it once; [`sign_request`] derives it every time.

mod canonical;
mod date;
mod key;
#[cfg(test)]
mod suite_tests;
#[cfg(test)]
mod tests;

use super::{ConfigError, ConfigErrorKind, Credentials};
use bytes::Bytes;
use canonical::{AddedHeaders, canonical_request};
use http::HeaderValue;
use key::{KeyCache, Scope};
use ring::{digest, hmac};
use std::fmt::Write as _;
use std::time::SystemTime;

const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// Signs `request` in place: adds `x-amz-date`, `authorization` and, for temporary
/// credentials, `x-amz-security-token` (both marked sensitive, so `Debug` hides them).
///
/// `signing_name` is the service's SigV4 name (`chime`), `time` the signing time (the client
/// passes its clock corrected for skew). Every header must be visible ASCII. The signing key is
/// derived anew; [`Signer::sign`] reuses it.
pub fn sign_request(
    request: &mut http::Request<Bytes>,
    credentials: &Credentials,
    region: &str,
    signing_name: &str,
    time: SystemTime,
) -> Result<(), ConfigError> {
    Signer::new().sign(request, credentials, region, signing_name, time)
}

/// A SigV4 signer that remembers the last signing key it derived (with the secret, date,
/// region and service it came from), so that requests signed with the same on the same day
/// skip the four HMACs of deriving it. Shareable between threads; `Debug` shows no key.
#[derive(Debug, Default)]
pub struct Signer {
    keys: KeyCache,
}

impl Signer {
    /// A signer with no key yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Signs `request` in place, as [`sign_request`] does.
    pub fn sign(
        &self,
        request: &mut http::Request<Bytes>,
        credentials: &Credentials,
        region: &str,
        signing_name: &str,
        time: SystemTime,
    ) -> Result<(), ConfigError> {
        let failed =
            |why: String| ConfigError::new(ConfigErrorKind::SigningFailed, format!("cannot sign the request: {why}"));
        let to_sign = ToSign::new(request, credentials, region, signing_name, time).map_err(failed)?;
        let scope = Scope { date: date::date_of(&to_sign.amz_date), region, service: signing_name };
        let key = self.keys.key(credentials.secret_access_key(), scope);
        let signature = hex(hmac::sign(&key, to_sign.string_to_sign.as_bytes()).as_ref());

        let authorization = format!(
            "{ALGORITHM} Credential={}/{}, SignedHeaders={}, Signature={signature}",
            credentials.access_key_id(),
            to_sign.credential_scope,
            to_sign.signed_headers
        );
        let header = |value: String, what: &str| {
            HeaderValue::try_from(value).map_err(|_| failed(format!("{what} is not a valid header value")))
        };
        let amz_date = header(to_sign.amz_date, "the signing time")?;
        let mut authorization = header(authorization, "the authorization header")?;
        authorization.set_sensitive(true);
        let token = match credentials.session_token() {
            Some(token) => {
                let mut value = header(token.to_owned(), "the session token")?;
                value.set_sensitive(true);
                Some(value)
            }
            None => None,
        };
        let headers = request.headers_mut();
        headers.insert("x-amz-date", amz_date);
        headers.insert(http::header::AUTHORIZATION, authorization);
        if let Some(token) = token {
            headers.insert("x-amz-security-token", token);
        }
        Ok(())
    }
}

/// Everything of a signature but the key: the string to sign and what the headers carry.
struct ToSign {
    /// `20150830T123600Z`.
    amz_date: String,
    /// `20150830/us-east-1/service/aws4_request`.
    credential_scope: String,
    /// `host;x-amz-date`.
    signed_headers: String,
    string_to_sign: String,
}

impl ToSign {
    /// Fails, with a reason that quotes no secret, when a part of the request or of the scope
    /// cannot be signed.
    fn new(
        request: &http::Request<Bytes>,
        credentials: &Credentials,
        region: &str,
        signing_name: &str,
        time: SystemTime,
    ) -> Result<Self, String> {
        for (what, value) in [("region", region), ("signing name", signing_name)] {
            if !is_scope_word(value) {
                return Err(format!("the {what} {value:?} {NOT_A_SCOPE_WORD}"));
            }
        }
        if !is_scope_word(credentials.access_key_id()) {
            return Err(format!("the access key id {NOT_A_SCOPE_WORD}"));
        }
        let amz_date = date::amz_date_time(time);
        let added = AddedHeaders { amz_date: &amz_date, session_token: credentials.session_token() };
        let canonical = canonical_request(request, &added)?;
        let credential_scope = format!("{}/{region}/{signing_name}/aws4_request", date::date_of(&amz_date));
        let mut string_to_sign = String::with_capacity(ALGORITHM.len() + amz_date.len() + credential_scope.len() + 67);
        let _ = write!(string_to_sign, "{ALGORITHM}\n{amz_date}\n{credential_scope}\n");
        string_to_sign.push_str(&hex(digest::digest(&digest::SHA256, canonical.text.as_bytes()).as_ref()));
        Ok(Self { amz_date, credential_scope, signed_headers: canonical.signed_headers, string_to_sign })
    }
}

const NOT_A_SCOPE_WORD: &str = "is empty, or not visible ASCII, or has a space, `/` or `,`";

/// Whether `value` can be a part of the `Credential=` of the `authorization` header (the access
/// key id, region and signing name): visible ASCII, without the `/` and `,` that delimit it.
fn is_scope_word(value: &str) -> bool {
    !value.is_empty() && value.bytes().all(|b| b.is_ascii_graphic() && b != b'/' && b != b',')
}

/// Lower-case hex.
fn hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &byte in bytes {
        out.push(HEX[usize::from(byte >> 4)] as char);
        out.push(HEX[usize::from(byte & 0xF)] as char);
    }
    out
}
