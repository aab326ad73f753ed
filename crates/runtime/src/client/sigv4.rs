//! SigV4 signing with the `aws-sigv4` crate (feature `sigv4`).
//!
//! The client signs after every header is final and before it adds the per-attempt
//! `amz-sdk-*` headers. Settings are the AWS SDK defaults for services other than S3: the
//! canonical path is percent-encoded a second time and normalized, `user-agent` is not signed,
//! no `x-amz-content-sha256` header, a session token is signed as `x-amz-security-token`.

use super::{ConfigError, ConfigErrorKind, Credentials};
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use bytes::Bytes;
use std::time::SystemTime;

/// Signs `request` in place: adds `x-amz-date`, `authorization` and, for temporary
/// credentials, `x-amz-security-token` (both marked sensitive, so `Debug` hides them).
///
/// `signing_name` is the service's SigV4 name (`chime`), `time` the signing time (the client
/// passes its clock corrected for skew). Every header must be visible ASCII.
pub fn sign_request(
    request: &mut http::Request<Bytes>,
    credentials: &Credentials,
    region: &str,
    signing_name: &str,
    time: SystemTime,
) -> Result<(), ConfigError> {
    let failed =
        |why: String| ConfigError::new(ConfigErrorKind::SigningFailed, format!("cannot sign the request: {why}"));
    let identity: Identity = aws_credential_types::Credentials::new(
        credentials.access_key_id(),
        credentials.secret_access_key(),
        credentials.session_token().map(str::to_owned),
        None,
        "chatsmith",
    )
    .into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(signing_name)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .map_err(|err| failed(err.to_string()))?
        .into();
    let mut headers = Vec::with_capacity(request.headers().len());
    for (name, value) in request.headers() {
        let value = value.to_str().map_err(|_| failed(format!("header `{name}` is not visible ASCII")))?;
        headers.push((name.as_str(), value));
    }
    let uri = request.uri().to_string();
    let signable =
        SignableRequest::new(request.method().as_str(), uri, headers.into_iter(), SignableBody::Bytes(request.body()))
            .map_err(|err| failed(err.to_string()))?;
    let (instructions, _signature) = sign(signable, &params).map_err(|err| failed(err.to_string()))?.into_parts();
    instructions.apply_to_request_http1x(request);
    for name in [http::header::AUTHORIZATION.as_str(), "x-amz-security-token"] {
        if let Some(value) = request.headers_mut().get_mut(name) {
            value.set_sensitive(true);
        }
    }
    Ok(())
}
