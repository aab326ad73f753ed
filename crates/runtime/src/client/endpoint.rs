//! Where requests go: the service's endpoint rules, or without them the configured endpoint
//! URL or the default endpoint template.

use super::{Config, ConfigError, ConfigErrorKind, InvalidInput, ServiceMeta};
use crate::endpoint_rules::{BuiltIns, ResolveError, ResolveErrorKind, RuleSet};
use http::Uri;
use http::header::{HeaderName, HeaderValue};
use http::uri::{Authority, PathAndQuery, Scheme};

/// A resolved endpoint: scheme, authority and base path (no trailing `/`), and the headers
/// the endpoint rules ask every request to carry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Endpoint {
    base: String,
    headers: Vec<(HeaderName, HeaderValue)>,
    /// `base` parsed once, so that a request URI only parses its own path (`None` when `base`
    /// does not parse: every request then fails as it would have).
    parsed: Option<ParsedBase>,
}

/// The pieces of an endpoint's `base`, and the `host` header of its requests.
///
/// Building a request URI from them instead of parsing `{base}{path}` whole saves about 2,000
/// instructions of the 64,000 a loopback SendMessage took (callgrind).
#[derive(Clone, Debug, PartialEq, Eq)]
struct ParsedBase {
    scheme: Scheme,
    authority: Authority,
    path: String,
    host: HeaderValue,
}

/// The longest URI `http` accepts (its `MAX_LEN`): a longer one fails to parse.
const MAX_URI_LEN: usize = u16::MAX as usize - 1;

impl Endpoint {
    /// The endpoint of `service` under `config`:
    /// - with endpoint rules, what they resolve to for the region, the FIPS and dual-stack
    ///   switches and the endpoint URL (their `SDK::Endpoint` parameter);
    /// - else the endpoint URL when one is configured;
    /// - else `https://{endpoint_prefix}.{region}.amazonaws.com` (`.amazonaws.com.cn` for `cn-*` regions).
    ///
    /// The path of the resulting URL becomes a prefix of every request path.
    pub(crate) fn resolve(config: &Config, service: &ServiceMeta) -> Result<Self, ConfigError> {
        if let Some(rules) = service.endpoint_rules {
            return Self::from_rules(config, service, rules);
        }
        if config.use_fips() || config.use_dual_stack() {
            return Err(ConfigError::new(
                ConfigErrorKind::InvalidEndpoint,
                format!(
                    "FIPS and dual-stack endpoints are chosen by endpoint rules, and the {} client has none: \
                     turn use_fips and use_dual_stack off or give an endpoint URL",
                    service.sdk_id
                ),
            ));
        }
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

    /// The endpoint the rules of `service` (the JSON text `rules`) resolve to.
    fn from_rules(config: &Config, service: &ServiceMeta, rules: &'static str) -> Result<Self, ConfigError> {
        let ruleset = RuleSet::cached(rules).map_err(|err| {
            ConfigError::new(
                ConfigErrorKind::InvalidEndpoint,
                format!("the endpoint rules of the {} client cannot be used: {err}", service.sdk_id),
            )
        })?;
        if let Some(region) = config.region() {
            check_region(region)?;
        }
        let built_ins = BuiltIns {
            region: config.region().map(str::to_owned),
            use_fips: config.use_fips(),
            use_dual_stack: config.use_dual_stack(),
            endpoint: config.endpoint_url().map(|url| url.trim().to_owned()),
        };
        let resolved = ruleset
            .resolve(&built_ins.params_for(&ruleset))
            .map_err(|err| Self::resolve_error(config, service, &err))?;
        let mut endpoint = Self::from_url(resolved.url())?;
        for (name, values) in resolved.headers() {
            let invalid = || {
                ConfigError::new(
                    ConfigErrorKind::InvalidEndpoint,
                    format!("the endpoint rules of {} give an invalid header `{name}`", service.sdk_id),
                )
            };
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid())?;
            for value in values {
                endpoint.headers.push((name.clone(), HeaderValue::from_str(value).map_err(|_| invalid())?));
            }
        }
        Ok(endpoint)
    }

    /// The configuration error of a failed resolution. With neither a region nor an endpoint
    /// URL, the region is what is missing, whatever the rules say.
    fn resolve_error(config: &Config, service: &ServiceMeta, err: &ResolveError) -> ConfigError {
        let sdk_id = service.sdk_id;
        if config.region().is_none() && config.endpoint_url().is_none() {
            return ConfigError::new(
                ConfigErrorKind::MissingRegion,
                format!(
                    "no region configured: set one with Config::builder().region(..) or AWS_REGION, \
                     or give an endpoint URL (the {sdk_id} endpoint rules say: {})",
                    err.message()
                ),
            );
        }
        let problem = match err.kind() {
            ResolveErrorKind::RuleError => format!("no {sdk_id} endpoint for this configuration: {}", err.message()),
            _ => format!("the endpoint rules of the {sdk_id} client failed: {err}"),
        };
        ConfigError::new(ConfigErrorKind::InvalidEndpoint, problem)
    }

    /// The headers every request to this endpoint carries.
    pub(crate) fn headers(&self) -> &[(HeaderName, HeaderValue)] {
        &self.headers
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
        Ok(Self::new(format!("{scheme}://{authority}{path}")))
    }

    /// The endpoint at `base` (`scheme://authority[/path]`, no trailing `/`), without headers.
    fn new(base: String) -> Self {
        let parsed = base.parse::<Uri>().ok().and_then(|uri| {
            let authority = uri.authority()?.clone();
            let host = HeaderValue::from_str(authority.as_str()).ok()?;
            let path = base.split_once("://")?.1.get(authority.as_str().len()..)?.to_owned();
            Some(ParsedBase { scheme: uri.scheme()?.clone(), authority, path, host })
        });
        Self { base, headers: Vec::new(), parsed }
    }

    /// `https://{endpoint_prefix}.{region}.amazonaws.com`, `.amazonaws.com.cn` in China.
    pub(crate) fn default_for(service: &ServiceMeta, region: &str) -> Result<Self, ConfigError> {
        check_region(region)?;
        if !service.endpoint_prefix.split('.').all(valid_label) {
            return Err(ConfigError::new(
                ConfigErrorKind::InvalidEndpoint,
                format!("invalid endpoint prefix of service {}", service.sdk_id),
            ));
        }
        let suffix = if region.starts_with("cn-") { "amazonaws.com.cn" } else { "amazonaws.com" };
        Ok(Self::new(format!("https://{}.{region}.{suffix}", service.endpoint_prefix)))
    }

    /// The absolute URI of a request path (`/participant/message?x=1`).
    #[cfg(test)]
    pub(crate) fn uri(&self, path_and_query: &str) -> Result<Uri, InvalidInput> {
        self.uri_with_host_prefix(None, path_and_query)
    }

    /// The absolute URI of a request path, with `host_prefix` (from `@endpoint`, labels already
    /// checked) in front of the host: `foo.` and `https://example.com` give `https://foo.example.com`.
    pub(crate) fn uri_with_host_prefix(
        &self,
        host_prefix: Option<&str>,
        path_and_query: &str,
    ) -> Result<Uri, InvalidInput> {
        if !path_and_query.starts_with('/') {
            return Err(InvalidInput::serialization("(request path)", "the path must start with `/`"));
        }
        let invalid =
            || InvalidInput::serialization("(request path)", "the path is not a valid, percent-encoded URI path");
        if let (None | Some(""), Some(parsed)) = (host_prefix, &self.parsed) {
            // The same URI as parsing `{base}{path_and_query}`, with only the path parsed.
            if self.base.len() + path_and_query.len() > MAX_URI_LEN {
                return Err(invalid());
            }
            let mut path = String::with_capacity(parsed.path.len() + path_and_query.len());
            path.push_str(&parsed.path);
            path.push_str(path_and_query);
            let mut uri = http::uri::Parts::default();
            uri.scheme = Some(parsed.scheme.clone());
            uri.authority = Some(parsed.authority.clone());
            uri.path_and_query = Some(PathAndQuery::try_from(path).map_err(|_| invalid())?);
            return Uri::from_parts(uri).map_err(|_| invalid());
        }
        let base = match (host_prefix.filter(|p| !p.is_empty()), self.base.split_once("://")) {
            (Some(prefix), Some((scheme, rest))) => format!("{scheme}://{prefix}{rest}"),
            _ => self.base.clone(),
        };
        format!("{base}{path_and_query}").parse().map_err(|_| invalid())
    }

    /// The `host` header of requests to this endpoint without a host prefix (`None` when the
    /// endpoint does not parse).
    pub(crate) fn host(&self) -> Option<&HeaderValue> {
        self.parsed.as_ref().map(|parsed| &parsed.host)
    }
}

/// Lower-case letters, digits and `-`, 1 to 63 of them.
fn valid_label(s: &str) -> bool {
    !s.is_empty() && s.len() <= 63 && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A region must be a host label: it becomes part of the endpoint host.
fn check_region(region: &str) -> Result<(), ConfigError> {
    if valid_label(region) {
        Ok(())
    } else {
        Err(ConfigError::new(
            ConfigErrorKind::InvalidRegion,
            "invalid region: a region is lower-case letters, digits and `-` (`us-east-1`)",
        ))
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
        endpoint_rules: None,
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
        let prefixed = root.uri_with_host_prefix(Some("foo.bar."), "/x").unwrap();
        assert_eq!(prefixed, "https://foo.bar.example.com/x");
        assert!(root.uri("/a b").is_err());
    }

    #[test]
    fn request_uris_are_those_of_the_whole_text() {
        let endpoints = [
            Endpoint::from_url("http://127.0.0.1:8080/custom/").unwrap(),
            Endpoint::from_url("https://example.com").unwrap(),
            Endpoint::from_url("http://[::1]:9/a%20b").unwrap(),
            Endpoint::default_for(&SERVICE, "us-east-1").unwrap(),
        ];
        let long = format!("/{}", "a".repeat(MAX_URI_LEN));
        let paths = ["/", "/x", "/a/b?c=d&e", "/a%2Fb?x=%20#frag", "/a b", "/%zz", "/\u{e9}", "/a?b=c d", &long];
        for endpoint in &endpoints {
            assert!(endpoint.parsed.is_some(), "{endpoint:?}");
            let host = endpoint.host().unwrap().to_str().unwrap();
            for path in paths {
                let whole = format!("{}{path}", endpoint.base).parse::<Uri>().ok();
                let built = endpoint.uri(path).ok();
                assert_eq!(built, whole, "{} {path}", endpoint.base);
                if let Some(uri) = built {
                    assert_eq!(uri.authority().unwrap().as_str(), host);
                    assert_eq!(uri.to_string(), whole.unwrap().to_string());
                }
            }
        }
        let edge = format!("/{}", "a".repeat(MAX_URI_LEN - endpoints[1].base.len() - 1));
        assert!(endpoints[1].uri(&edge).is_ok());
        assert!(endpoints[1].uri(&format!("{edge}a")).is_err());
    }
}
