//! The pieces of the signer, one by one: path, query, headers, date, key and its cache, errors.

use super::canonical::{
    AddedHeaders, Keep, canonical_query, canonical_request, normalize_path, push_encoded, trim_spaces,
};
use super::date::{amz_date_time, date_of};
use super::key::{KeyCache, Scope, derive};
use super::suite_tests::{ACCESS_KEY_ID, SECRET};
use super::{Signer, sign_request};
use crate::client::{ConfigErrorKind, Credentials};
use bytes::Bytes;
use ring::hmac;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// 2015-08-30T12:36:00Z, the time of the AWS SigV4 test suite.
fn suite_time() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_440_938_160)
}

fn get(uri: &str) -> http::Request<Bytes> {
    http::Request::get(uri).header("host", "example.amazonaws.com").body(Bytes::new()).unwrap()
}

/// The canonical request of `request` signed at the suite's time, without a session token.
fn canonical(request: &http::Request<Bytes>) -> String {
    let added = AddedHeaders { amz_date: "20150830T123600Z", session_token: None };
    canonical_request(request, &added).unwrap().text
}

/// Line `n` (0-based) of the canonical request of `request`.
fn canonical_line(request: &http::Request<Bytes>, n: usize) -> String {
    canonical(request).lines().nth(n).unwrap().to_owned()
}

fn canonical_path(path: &str) -> String {
    let mut out = String::new();
    push_encoded(&mut out, normalize_path(path).as_bytes(), Keep::Slash);
    out
}

// --- path ------------------------------------------------------------------------------------

#[test]
fn paths_are_normalized_like_rfc_3986_with_empty_segments_dropped() {
    for (path, normalized) in [
        ("/", "/"),
        ("", "/"),
        ("/foo", "/foo"),
        ("/foo/bar/", "/foo/bar/"),
        ("foo", "/foo"),
        ("/./", "/"),
        ("/.", "/"),
        ("/..", "/"),
        ("/../foo", "/foo"),
        ("/foo/..", "/"),
        ("/example1/example2/../..", "/"),
        ("/foo/bar/.", "/foo/bar/"),
        ("/foo/bar/..", "/foo/"),
        ("/foo/./bar/../baz", "/foo/baz"),
        ("/./example", "/example"),
        ("//", "/"),
        ("//example//", "/example/"),
        ("/a//b///c", "/a/b/c"),
        ("/a.b/..c/c../.d", "/a.b/..c/c../.d"),
        // Still encoded: not dot segments.
        ("/%2E%2E/a", "/%2E%2E/a"),
    ] {
        assert_eq!(normalize_path(path), normalized, "{path:?}");
    }
}

#[test]
fn paths_are_percent_encoded_a_second_time() {
    // The suite's `double-url-encode` and `double-encode-path` canonical paths.
    assert_eq!(
        canonical_path(
            "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-west-2%3A892717189312%3Afunction%3Amy-rusty-fun/invocations"
        ),
        "/2015-03-31/functions/arn%253Aaws%253Alambda%253Aus-west-2%253A892717189312%253Afunction%253Amy-rusty-fun/invocations"
    );
    assert_eq!(canonical_path("/test/@connections/JBDvjfGEIAMCERw%3D"), "/test/%40connections/JBDvjfGEIAMCERw%253D");
    // Chime's channel ARN label, as the client sends it.
    assert_eq!(
        canonical_path("/channels/arn%3Aaws%3Achime%3Aus-east-1%3A1%3Aapp-instance%2Fa%2Fchannel%2Fb/messages"),
        "/channels/arn%253Aaws%253Achime%253Aus-east-1%253A1%253Aapp-instance%252Fa%252Fchannel%252Fb/messages"
    );
    assert_eq!(canonical_path("/example%20space/"), "/example%2520space/");
    assert_eq!(canonical_path("/-._~09AZaz"), "/-._~09AZaz");
    assert_eq!(
        canonical_path("/a:b,c;d=e!f$g&h'i(j)k*l+m@n"),
        "/a%3Ab%2Cc%3Bd%3De%21f%24g%26h%27i%28j%29k%2Al%2Bm%40n"
    );
    // Normalized first, then encoded: `%2E` is no dot.
    assert_eq!(canonical_path("/a/%2E%2E/b/../c"), "/a/%252E%252E/c");
    assert_eq!(canonical_line(&get("https://example.amazonaws.com/foo/../bar%2Fbaz"), 1), "/bar%252Fbaz");
}

// --- query -----------------------------------------------------------------------------------

#[test]
fn queries_are_sorted_by_key_then_value_and_encoded_per_rfc_3986() {
    assert_eq!(canonical_query(""), "");
    assert_eq!(canonical_query("Param2=value2&Param1=value1"), "Param1=value1&Param2=value2");
    assert_eq!(canonical_query("b=2&a=3&a=1&a=2"), "a=1&a=2&a=3&b=2");
    // Upper case sorts before lower case (byte order).
    assert_eq!(canonical_query("a=1&B=2"), "B=2&a=1");
    // Keys without `=` get an empty value; empty pairs are dropped.
    assert_eq!(canonical_query("flag&&x=1&"), "flag=&x=1");
    assert_eq!(canonical_query("empty="), "empty=");
    // Decoded, then encoded again: `+` is a space, reserved bytes and UTF-8 are `%XX` upper case.
    assert_eq!(canonical_query("q=a+b&r=a%20b&s=%7e%2d"), "q=a%20b&r=a%20b&s=~-");
    assert_eq!(canonical_query("k=a/b:c@d!$&l=%e1%88%b4"), "k=a%2Fb%3Ac%40d%21%24&l=%E1%88%B4");
    assert_eq!(canonical_query("%E1%88%B4=Value1&Param=Value2"), "%E1%88%B4=Value1&Param=Value2");
    // `=` in a value stays the value's.
    assert_eq!(canonical_query("a=b=c"), "a=b%3Dc");
    // A stray `%` is itself; bytes that are not UTF-8 become U+FFFD.
    assert_eq!(canonical_query("p=100%&q=%zz&r=%4"), "p=100%25&q=%25zz&r=%254");
    assert_eq!(canonical_query("x=%ff"), "x=%EF%BF%BD");
    // Sorted on the encoded pairs: `%` (0x25) sorts before letters and digits.
    assert_eq!(canonical_query("a=1&%21=2"), "%21=2&a=1");
    assert_eq!(canonical_line(&get("https://example.amazonaws.com/?b=2&a=1"), 2), "a=1&b=2");
}

// --- headers ---------------------------------------------------------------------------------

#[test]
fn header_values_are_trimmed_and_inner_runs_of_spaces_collapsed() {
    assert_eq!(trim_spaces("value"), "value");
    assert_eq!(trim_spaces("  value  "), "value");
    assert_eq!(trim_spaces("\"a   b   c\""), "\"a b c\"");
    assert_eq!(trim_spaces(" a  b c   d "), "a b c d");
    assert_eq!(trim_spaces("   "), "");
    // Only spaces: tabs are kept.
    assert_eq!(trim_spaces("\ta \t b\t"), "\ta \t b\t");
}

#[test]
fn headers_are_lowercased_sorted_and_repeated_values_folded_in_order() {
    let request = http::Request::post("https://example.amazonaws.com/")
        .header("Host", "example.amazonaws.com")
        .header("X-Zeta", "  last  ")
        .header("My-Header1", "value4")
        .header("My-Header1", " value1   and  more ")
        .header("my-header1", "value3")
        .header("Content-Type", "application/json")
        .body(Bytes::from_static(b"{}"))
        .unwrap();
    let text = canonical(&request);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[3..9],
        [
            "content-type:application/json",
            "host:example.amazonaws.com",
            "my-header1:value4,value1 and more,value3",
            "x-amz-date:20150830T123600Z",
            "x-zeta:last",
            "",
        ]
    );
    assert_eq!(lines[9], "content-type;host;my-header1;x-amz-date;x-zeta");
    // SHA-256 of `{}`.
    assert_eq!(lines[10], "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
}

#[test]
fn some_headers_are_never_signed_but_content_length_and_expect_are() {
    let request = http::Request::post("https://example.amazonaws.com/")
        .header("host", "example.amazonaws.com")
        .header("authorization", "old")
        .header("user-agent", "chatsmith/0.1.0")
        .header("x-amzn-trace-id", "Root=1-5759e988-bd862e3fe1be46a994272793")
        .header("transfer-encoding", "chunked")
        .header("content-length", "2")
        .header("expect", "100-continue")
        .header("x-amz-user-agent", "chatsmith/0.1.0")
        .body(Bytes::from_static(b"{}"))
        .unwrap();
    let added = AddedHeaders { amz_date: "20150830T123600Z", session_token: None };
    let canonical = canonical_request(&request, &added).unwrap();
    assert_eq!(canonical.signed_headers, "content-length;expect;host;x-amz-date;x-amz-user-agent");
}

#[test]
fn a_missing_host_comes_from_the_uri_without_a_default_port() {
    let no_host = |uri: &str| http::Request::get(uri).body(Bytes::new()).unwrap();
    assert_eq!(canonical_line(&no_host("https://example.amazonaws.com/"), 3), "host:example.amazonaws.com");
    assert_eq!(canonical_line(&no_host("https://example.amazonaws.com:443/"), 3), "host:example.amazonaws.com");
    assert_eq!(canonical_line(&no_host("http://example.amazonaws.com:80/"), 3), "host:example.amazonaws.com");
    assert_eq!(canonical_line(&no_host("http://127.0.0.1:8787/"), 3), "host:127.0.0.1:8787");
    assert_eq!(canonical_line(&no_host("https://example.amazonaws.com:80/"), 3), "host:example.amazonaws.com:80");
    // A host header wins over the URI.
    assert_eq!(canonical_line(&get("http://127.0.0.1:8787/"), 3), "host:example.amazonaws.com");

    let added = AddedHeaders { amz_date: "20150830T123600Z", session_token: None };
    let err = canonical_request(&no_host("/relative"), &added).err().unwrap();
    assert!(err.contains("no `host` header"), "{err}");
}

#[test]
fn the_date_and_session_token_are_signed_and_replace_any_the_request_has() {
    let request = http::Request::get("https://example.amazonaws.com/")
        .header("host", "example.amazonaws.com")
        .header("x-amz-date", "19990101T000000Z")
        .header("x-amz-security-token", "stale")
        .body(Bytes::new())
        .unwrap();
    let added = AddedHeaders { amz_date: "20150830T123600Z", session_token: Some("fresh-token") };
    let canonical = canonical_request(&request, &added).unwrap();
    assert!(canonical.text.contains("\nx-amz-date:20150830T123600Z\nx-amz-security-token:fresh-token\n\n"));
    assert!(!canonical.text.contains("stale") && !canonical.text.contains("1999"), "{}", canonical.text);
    assert_eq!(canonical.signed_headers, "host;x-amz-date;x-amz-security-token");

    let mut request = request;
    let credentials = Credentials::new(ACCESS_KEY_ID, SECRET, Some("fresh-token".to_owned()));
    sign_request(&mut request, &credentials, "us-east-1", "service", suite_time()).unwrap();
    let headers = request.headers();
    assert_eq!(headers.get_all("x-amz-date").iter().collect::<Vec<_>>(), ["20150830T123600Z"]);
    assert_eq!(headers.get_all("x-amz-security-token").iter().collect::<Vec<_>>(), ["fresh-token"]);
    assert!(headers["x-amz-security-token"].is_sensitive() && headers["authorization"].is_sensitive());
    assert!(!headers["x-amz-date"].is_sensitive());
    // Without a session token, a token header the request has is signed like any other.
    let mut request = get("https://example.amazonaws.com/");
    request.headers_mut().insert("x-amz-security-token", http::HeaderValue::from_static("callers"));
    sign_request(&mut request, &Credentials::new(ACCESS_KEY_ID, SECRET, None), "us-east-1", "service", suite_time())
        .unwrap();
    assert_eq!(request.headers()["x-amz-security-token"], "callers");
    let authorization = request.headers()["authorization"].to_str().unwrap();
    assert!(authorization.contains("SignedHeaders=host;x-amz-date;x-amz-security-token,"), "{authorization}");
}

#[test]
fn the_payload_hash_is_the_bodys_sha_256() {
    let empty = canonical(&get("https://example.amazonaws.com/"));
    assert!(empty.ends_with("\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), "{empty}");
    let request = http::Request::post("https://example.amazonaws.com/")
        .header("host", "example.amazonaws.com")
        .body(Bytes::from_static(b"Param1=value1"))
        .unwrap();
    // The suite's post-x-www-form-urlencoded body.
    assert!(canonical(&request).ends_with("\n9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e"));
}

// --- date ------------------------------------------------------------------------------------

#[test]
fn signing_times_are_written_in_basic_iso_8601_utc() {
    let at = |secs: i64| {
        if secs >= 0 {
            UNIX_EPOCH + Duration::from_secs(secs.unsigned_abs())
        } else {
            UNIX_EPOCH - Duration::from_secs(secs.unsigned_abs())
        }
    };
    for (secs, expected) in [
        (0, "19700101T000000Z"),
        (1_440_938_160, "20150830T123600Z"),
        (1_795_317_958, "20261122T032558Z"),
        // Leap days: 2000 (divisible by 400), 2024; 2100 is not a leap year.
        (951_782_400, "20000229T000000Z"),
        (951_868_799, "20000229T235959Z"),
        (951_868_800, "20000301T000000Z"),
        (1_709_164_800, "20240229T000000Z"),
        (4_107_456_000, "21000228T000000Z"),
        (4_107_542_400, "21000301T000000Z"),
        // Year ends, and the last second of 1999.
        (946_684_799, "19991231T235959Z"),
        (1_735_689_599, "20241231T235959Z"),
        (1_735_689_600, "20250101T000000Z"),
        // Before the epoch.
        (-1, "19691231T235959Z"),
        (-86_400, "19691231T000000Z"),
        (-2_208_988_800, "19000101T000000Z"),
        (-2_203_891_200, "19000301T000000Z"),
        (253_402_300_799, "99991231T235959Z"),
    ] {
        assert_eq!(amz_date_time(at(secs)), expected, "{secs}");
    }
    // The fraction of a second is dropped, also before the epoch (rounded down).
    assert_eq!(amz_date_time(at(1_440_938_160) + Duration::from_millis(999)), "20150830T123600Z");
    assert_eq!(amz_date_time(UNIX_EPOCH - Duration::from_millis(1)), "19691231T235959Z");
    assert_eq!(date_of("20150830T123600Z"), "20150830");
}

// --- key -------------------------------------------------------------------------------------

fn hex_bytes(hex: &str) -> Vec<u8> {
    (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect()
}

#[test]
fn the_signing_key_is_the_documented_one() {
    // The AWS documentation's example of deriving a signing key (secret of the examples,
    // 20120215, us-east-1, iam). ring does not show a key: compare what each signs.
    let documented = hmac::Key::new(
        hmac::HMAC_SHA256,
        &hex_bytes("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d"),
    );
    let derived = derive(SECRET, Scope { date: "20120215", region: "us-east-1", service: "iam" });
    assert_eq!(hmac::sign(&derived, b"message").as_ref(), hmac::sign(&documented, b"message").as_ref());
}

#[test]
fn the_key_cache_hits_on_the_same_secret_and_scope_and_misses_on_any_change() {
    let cache = KeyCache::default();
    let scope = Scope { date: "20150830", region: "us-east-1", service: "chime" };
    let sign = |key: hmac::Key| hmac::sign(&key, b"m").as_ref().to_vec();
    let first = sign(cache.key(SECRET, scope));
    assert_eq!(cache.derived(), 1);
    assert_eq!(sign(cache.key(SECRET, scope)), first);
    assert_eq!(cache.derived(), 1, "a hit derives nothing");

    let changes = [
        ("secret", "other-secret", scope),
        ("date", SECRET, Scope { date: "20150831", ..scope }),
        ("region", SECRET, Scope { region: "eu-west-1", ..scope }),
        ("service", SECRET, Scope { service: "execute-api", ..scope }),
    ];
    for (n, (what, secret, changed)) in changes.into_iter().enumerate() {
        let key = sign(cache.key(secret, changed));
        assert_ne!(key, first, "{what}");
        assert_eq!(key, sign(derive(secret, changed)), "{what}");
        assert_eq!(cache.derived(), 2 + 2 * n, "a new {what} derives a key");
        assert_eq!(sign(cache.key(secret, changed)), key);
        assert_eq!(cache.derived(), 2 + 2 * n, "and the next request with it does not");
        // Back to the first: the cache holds only the last key.
        assert_eq!(sign(cache.key(SECRET, scope)), first);
        assert_eq!(cache.derived(), 3 + 2 * n, "{what}");
    }
}

#[test]
fn a_signer_derives_one_key_a_day_and_signs_like_a_fresh_one() {
    let signer = Signer::new();
    let credentials = Credentials::new(ACCESS_KEY_ID, SECRET, None);
    let signed_by = |signer: &Signer, time: SystemTime| {
        let mut request = get("https://example.amazonaws.com/");
        signer.sign(&mut request, &credentials, "us-east-1", "service", time).unwrap();
        request.headers()["authorization"].to_str().unwrap().to_owned()
    };
    for (i, time) in [suite_time(), suite_time() + Duration::from_secs(60), suite_time() + Duration::from_secs(86_400)]
        .into_iter()
        .enumerate()
    {
        assert_eq!(signed_by(&signer, time), signed_by(&Signer::new(), time), "request {i}");
    }
    assert_eq!(signer.keys.derived(), 2, "the same day shares a key, the next day derives one");
    assert!(
        signed_by(&signer, suite_time()).ends_with("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    );
}

#[test]
fn debug_shows_no_key_and_no_secret() {
    let signer = Signer::new();
    let mut request = get("https://example.amazonaws.com/");
    signer
        .sign(&mut request, &Credentials::new(ACCESS_KEY_ID, SECRET, None), "us-east-1", "service", suite_time())
        .unwrap();
    let debug = format!("{signer:?}");
    assert_eq!(debug, "Signer { keys: KeyCache { .. } }");
    assert!(!format!("{request:?}").contains("Signature="), "{request:?}");
}

// --- errors ----------------------------------------------------------------------------------

fn sign_error(mut request: http::Request<Bytes>, credentials: &Credentials, region: &str, service: &str) -> String {
    let err = sign_request(&mut request, credentials, region, service, suite_time()).unwrap_err();
    assert_eq!(err.kind(), ConfigErrorKind::SigningFailed);
    let text = err.to_string();
    assert!(!text.contains(SECRET), "{text}");
    assert!(request.headers().get("authorization").is_none(), "nothing added on failure");
    text
}

#[test]
fn what_cannot_be_signed_is_named_and_nothing_panics() {
    let credentials = Credentials::new(ACCESS_KEY_ID, SECRET, None);
    let mut request = get("https://example.amazonaws.com/");
    request.headers_mut().insert("x-note", http::HeaderValue::from_bytes(b"caf\xc3\xa9 secret-value").unwrap());
    let text = sign_error(request, &credentials, "us-east-1", "service");
    assert!(text.contains("cannot sign the request: the value of header `x-note` is not visible ASCII"), "{text}");
    assert!(!text.contains("secret-value"), "{text}");

    // An unsigned header must still be sendable.
    let mut request = get("https://example.amazonaws.com/");
    request.headers_mut().insert("user-agent", http::HeaderValue::from_bytes(b"\xff").unwrap());
    assert!(sign_error(request, &credentials, "us-east-1", "service").contains("header `user-agent`"));

    let token = Credentials::new(ACCESS_KEY_ID, SECRET, Some("secret-tok\u{e9}n".to_owned()));
    let text = sign_error(get("https://example.amazonaws.com/"), &token, "us-east-1", "service");
    assert!(text.contains("the session token is not visible ASCII") && !text.contains("secret-tok"), "{text}");

    for (region, service, what) in [
        ("", "service", "the region \"\""),
        ("us east", "service", "the region \"us east\""),
        ("us-east-1", "a/b", "the signing name \"a/b\""),
        ("us-east-1", "caf\u{e9}", "the signing name"),
    ] {
        let text = sign_error(get("https://example.amazonaws.com/"), &credentials, region, service);
        assert!(text.contains(what), "{text}");
    }
    let bad_id = Credentials::new("AKID\nEXAMPLE", SECRET, None);
    let text = sign_error(get("https://example.amazonaws.com/"), &bad_id, "us-east-1", "service");
    assert!(text.contains("the access key id is empty") && !text.contains("AKID"), "{text}");

    let relative = http::Request::get("/").body(Bytes::new()).unwrap();
    assert!(sign_error(relative, &credentials, "us-east-1", "service").contains("no `host` header"));
}
