//! Where requests go: the configured endpoint URL, or the service's default endpoint.

use super::{Config, ConfigError, ConfigErrorKind, InvalidInput, ServiceMeta};
use http::Uri;

/// A resolved endpoint: scheme, authority and base path (no trailing `/`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Endpoint {
    base: String,
}

impl Endpoint {
    /// The endpoint of `service` under `config`:
    /// - the endpoint URL when one is configured; its path becomes a prefix of every request path;
    /// - else `https://{endpoint_prefix}.{region}.amazonaws.com` (`.amazonaws.com.cn` for `cn-*` regions).
    pub(crate) fn resolve(config: &Config, service: &ServiceMeta) -> Result<Self, ConfigError> {
        match config.endpoint_url() {
            Some(url) => Self::from_url(url),
            None => {
                let region = config.region().ok_or_else(|| {
                    ConfigError::new(
                        ConfigErrorKind::MissingRegion,
                        "no region configured: set one with Config::builder().region(..) or AWS_REGION, \
                         or give an endpoint URL",
                    )
                })?;
                Self::default_for(service, region)
            }
        }
    }

    fn from_url(url: &str) -> Result<Self, ConfigError> {
        let invalid =
            |why: &str| ConfigError::new(ConfigErrorKind::InvalidEndpoint, format!("invalid endpoint URL: {why}"));
        let uri: Uri = url.trim().parse().map_err(|_| invalid("it is not a URL"))?;
        let scheme = match uri.scheme_str().map(str::to_ascii_lowercase).as_deref() {
            Some("http") => "http",
            Some("https") => "https",
            _ => return Err(invalid("it must start with http:// or https://")),
        };
        let authority = uri.authority().ok_or_else(|| invalid("it has no host"))?;
        if authority.as_str().contains('@') {
            return Err(invalid("user information (`user@`) is not allowed"));
        }
        if authority.host().is_empty() {
            return Err(invalid("it has no host"));
        }
        if uri.query().is_some() {
            return Err(invalid("a query string is not allowed"));
        }
        let path = uri.path().trim_end_matches('/');
        Ok(Self { base: format!("{scheme}://{authority}{path}") })
    }

    /// `https://{endpoint_prefix}.{region}.amazonaws.com`, `.amazonaws.com.cn` in China.
    pub(crate) fn default_for(service: &ServiceMeta, region: &str) -> Result<Self, ConfigError> {
        let valid_label = |s: &str| {
            !s.is_empty()
                && s.len() <= 63
                && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        };
        if !valid_label(region) {
            return Err(ConfigError::new(
                ConfigErrorKind::InvalidRegion,
                "invalid region: a region is lower-case letters, digits and `-` (`us-east-1`)",
            ));
        }
        if !service.endpoint_prefix.split('.').all(valid_label) {
            return Err(ConfigError::new(
                ConfigErrorKind::InvalidEndpoint,
                format!("invalid endpoint prefix of service {}", service.sdk_id),
            ));
        }
        let suffix = if region.starts_with("cn-") { "amazonaws.com.cn" } else { "amazonaws.com" };
        Ok(Self { base: format!("https://{}.{region}.{suffix}", service.endpoint_prefix) })
    }

    /// The absolute URI of a request path (`/participant/message?x=1`).
    pub(crate) fn uri(&self, path_and_query: &str) -> Result<Uri, InvalidInput> {
        if !path_and_query.starts_with('/') {
            return Err(InvalidInput::serialization("(request path)", "the path must start with `/`"));
        }
        format!("{}{path_and_query}", self.base).parse().map_err(|_| {
            InvalidInput::serialization("(request path)", "the path is not a valid, percent-encoded URI path")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SERVICE: ServiceMeta = ServiceMeta {
        sdk_id: "ConnectParticipant",
        endpoint_prefix: "participant.connect",
        signing_name: None,
        crate_name: "chatsmith-connectparticipant",
        crate_version: "0.1.0",
    };

    #[test]
    fn default_endpoints() {
        let uri = Endpoint::default_for(&SERVICE, "eu-west-2").unwrap().uri("/participant/message").unwrap();
        assert_eq!(uri, "https://participant.connect.eu-west-2.amazonaws.com/participant/message");
        let cn = Endpoint::default_for(&SERVICE, "cn-north-1").unwrap();
        assert_eq!(cn.base, "https://participant.connect.cn-north-1.amazonaws.com.cn");
        assert!(Endpoint::default_for(&SERVICE, "evil.com/x").is_err());
        assert!(Endpoint::default_for(&SERVICE, "").is_err());
    }

    #[test]
    fn endpoint_urls_keep_their_base_path() {
        let e = Endpoint::from_url("http://127.0.0.1:8080/custom/").unwrap();
        assert_eq!(e.uri("/a/b?c=d").unwrap(), "http://127.0.0.1:8080/custom/a/b?c=d");
        let root = Endpoint::from_url("HTTPS://example.com").unwrap();
        assert_eq!(root.uri("/x").unwrap(), "https://example.com/x");
        for bad in ["example.com", "ftp://example.com", "http://u:p@example.com", "http://h/?q=1", ""] {
            let err = Endpoint::from_url(bad).unwrap_err();
            assert_eq!(err.kind(), ConfigErrorKind::InvalidEndpoint, "{bad}");
            assert!(!err.to_string().contains("u:p"));
        }
        assert!(root.uri("x").is_err());
        assert!(root.uri("/a b").is_err());
    }
}
