//! The header-signed cases of the AWS SigV4 test suite whose settings are ours (path normalized,
//! session token signed, no `x-amz-content-sha256`), checked step by step: canonical request,
//! string to sign, signature.
//!
//! The inputs and expected outputs are copied as data from the suite that the AWS SDKs test
//! against (aws-c-auth's `tests/aws-signing-test-suite/v4`, shipped with the `aws-sigv4` crate as
//! `aws-signing-test-suite/v4/<case>/{request.txt,context.json,header-canonical-request.txt,
//! header-string-to-sign.txt,header-signature.txt}`; Apache-2.0). Every case uses the suite's
//! example key pair. Left out: the `*-unnormalized` cases and `post-sts-header-after` (S3-style
//! settings), `post-x-www-form-urlencoded*` (they sign `x-amz-content-sha256`), `get-space-*`,
//! `get-utf8` and `get-vanilla-utf8-query` (their request lines are not valid URIs, or expect a
//! single-encoded path), `get-header-value-multiline` (an obs-folded header, which `http` cannot
//! hold) and `double-encode-path` (signed with a key pair the suite does not give; its
//! canonical path is checked in `tests.rs`). `double-url-encode` is the suite's case for the
//! double encoding our services need.

use super::canonical::{AddedHeaders, canonical_request};
use super::{Signer, ToSign, date};
use crate::client::Credentials;
use bytes::Bytes;

pub(super) const ACCESS_KEY_ID: &str = "AKIDEXAMPLE";
pub(super) const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

struct Case {
    name: &'static str,
    /// RFC 3339.
    time: &'static str,
    region: &'static str,
    service: &'static str,
    method: &'static str,
    /// Path and query, as on the request line.
    target: &'static str,
    /// As in the request, in order (names in their case, values with the space after `:`).
    headers: &'static [(&'static str, &'static str)],
    body: &'static str,
    session_token: Option<&'static str>,
    canonical_request: &'static str,
    string_to_sign: &'static str,
    signature: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: "get-header-key-duplicate",
        time: "2015-08-30T12:36:00Z",
        region: "us-east-1",
        service: "service",
        method: "GET",
        target: "/",
        headers: &[("Host", "example.amazonaws.com"), ("My-Header1", "value2"), ("My-Header1", "value2"), ("My-Header1", "value1")],
        body: "",
        session_token: None,
        canonical_request: "GET
/

host:example.amazonaws.com
my-header1:value2,value2,value1
x-amz-date:20150830T123600Z

host;my-header1;x-amz-date
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        string_to_sign: "AWS4-HMAC-SHA256
20150830T123600Z
20150830/us-east-1/service/aws4_request
dc7f04a3abfde8d472b0ab1a418b741b7c67174dad1551b4117b15527fbe966c",
        signature: "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea",
    },
    Case {
        name: "get-header-value-order",
        time: "2015-08-30T12:36:00Z",
        region: "us-east-1",
        service: "service",
        method: "GET",
        target: "/",
        headers: &[("Host", "example.amazonaws.com"), ("My-Header1", "value4"), ("My-Header1", "value1"), ("My-Header1", "value3"), ("My-Header1", "value2")],
        body: "",
        session_token: None,
        canonical_request: "GET
/

host:example.amazonaws.com
my-header1:value4,value1,value3,value2
x-amz-date:20150830T123600Z

host;my-header1;x-amz-date
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        string_to_sign: "AWS4-HMAC-SHA256
20150830T123600Z
20150830/us-east-1/service/aws4_request
31ce73cd3f3d9f66977ad3dd957dc47af14df92fcd8509f59b349e9137c58b86",
        signature: "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01",
    },
    Case {
        name: "get-header-value-trim",
        time: "2015-08-30T12:36:00Z",
        region: "us-east-1",
        service: "service",
        method: "GET",
        target: "/",
        headers: &[("Host", "example.amazonaws.com"), ("My-Header1", " value1"), ("My-Header2", r#" "a   b   c""#)],
        body: "",
        session_token: None,
        canonical_request: r#"GET
/

host:example.amazonaws.com
my-header1:value1
my-header2:"a b c"
x-amz-date:20150830T123600Z

host;my-header1;my-header2;x-amz-date
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"#,
        string_to_sign: "AWS4-HMAC-SHA256
20150830T123600Z
20150830/us-east-1/service/aws4_request
a726db9b0df21c14f559d0a978e563112acb1b9e05476f0a6a1c7d68f28605c7",
        signature: "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736",
    },
    Case {
        name: "get-relative-normalized",
        time: "2015-08-30T12:36:00Z",
        region: "us-east-1",
        service: "service",
        method: "GET",
        target: "/example/..",
        headers: &[("Host", "example.amazonaws.com")],
        body: "",
        session_token: None,
        canonical_request: "GET
/

host:example.amazonaws.com
x-amz-date:20150830T123600Z

host;x-amz-date
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        string_to_sign: "AWS4-HMAC-SHA256
20150830T123600Z
20150830/us-east-1/service/aws4_request
bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
        signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    },
    Case {
        name: "get-relative-relative-normalized",
        time: "2015-08-30T12:36:00Z",
        region: "us-east-1",
        service: "service",
        method: "GET",
        target: "/example1/example2/../..",
        headers: &[("Host", "example.amazonaws.com")],
        body: "",
        session_token: None,
        canonical_request: "GET
/

host:example.amazonaws.com
x-amz-date:20150830T123600Z

host;x-amz-date
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        string_to_sign: "AWS4-HMAC-SHA256
20150830T123600Z
20150830/us-east-1/service/aws4_request
bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
        signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    },
    Case {
        name: "get-slash-dot-slash-normalized",
        time: "2015-08-30T12:36:00Z",
        region: "us-east-1",
        service: "service",
        method: "GET",
        target: "/./",
        headers: &[("Host", "example.amazonaws.com")],
        body: "",
        session_token: None,
        canonical_request: "GET
/

host:example.amazonaws.com
x-amz-date:20150830T123600Z

host;x-amz-date
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        string_to_sign: "AWS4-HMAC-SHA256
20150830T123600Z
20150830/us-east-1/service/aws4_request
bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
        signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    },
    Case {
        name: "get-slash-normalized",
        time: "2015-08-30T12:36:00Z",
        region: "us-east-1",
        service: "service",
        method: "GET",
        target: "//",
        headers: &[("Host", "example.amazonaws.com")],
        body: "",
        session_token: None,
        canonical_request: "GET
/

host:example.amazonaws.com
x-amz-date:20150830T123600Z

host;x-amz-date
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        string_to_sign: "AWS4-HMAC-SHA256
20150830T123600Z
20150830/us-east-1/service/aws4_request
bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
        signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    },
    Case {
        name: "get-slash-pointless-dot-normalized",
        time: "2015-08-30T12:36:00Z",
        region: "us-east-1",
        service: "service",
        method: "GET",
        target: "/./example",
        headers: &[("Host", "example.amazonaws.com")],
        body: "",
        session_token: None,
        canonical_request: "GET
/example

host:example.amazonaws.com
x-amz-date:20150830T123600Z

host;x-amz-date
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        string_to_sign: "AWS4-HMAC-SHA256
20150830T123600Z
20150830/us-east-1/service/aws4_request
214d50c111a8edc4819da6a636336472c916b5240f51e9a51b5c3305180cf702",
        signature: "ef75d96142cf21edca26f06005da7988e4f8dc83a165a80865db7089db637ec5",
    },
    Case {
        name: "get-slashes-normalized",
        time: "2015-08-30T12:36:00Z",
        region: "us-east-1",
        service: "service",
        method: "GET",
        target: "//example//",
        headers: &[("Host", "example.amazonaws.com")],
        body: "",
        session_token: None,
        canonical_request: "GET
/example/

host:example.amazonaws.com
x-amz-date:20150830T123600Z

host;x-amz-date
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        string_to_sign: "AWS4-HMAC-SHA256
20150830T123600Z
20150830/us-east-1/service/aws4_request
cb96b4ac96d501f7c5c15bc6d67b3035061cfced4af6585ad927f7e6c985c015",
        signature: "9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84",
    },
    Case {
        name: "get-unreserved",
        time: "2015-08-30T12:36:00Z",
        region: "us-east-1",
        service: "service",
        method: "GET",
        target: "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        headers: &[("Host", "example.amazonaws.com")],
        body: "",
        session_token: None,
        canonical_request: "GET
/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz

host:example.amazonaws.com
x-amz-date:20150830T123600Z

host;x-amz-date
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        string_to_sign: "AWS4-HMAC-SHA256
20150830T123600Z
20150830/us-east-1/service/aws4_request
6a968768eefaa713e2a6b16b589a8ea192661f098f37349f4e2c0082757446f9",
        signature: "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f",
    },
    Case {
        name: "get-vanilla",
        time: "2015-08-30T12:36:00Z",
        region: "us-east-1",
        service: "service",
        method: "GET",
        target: "/",
        headers: &[("Host", "example.amazonaws.com")],
        body: "",
        session_token: None,
        canonical_request: "GET
/

host:example.amazonaws.com
x-amz-date:20150830T123600Z

host;x-amz-date
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        string_to_sign: "AWS4-HMAC-SHA256
20150830T123600Z
20150830/us-east-1/service/aws4_request
bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
        signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    },
    Case {
        name: "get-vanilla-empty-query-key",
        time: "2015-08-30T12:36:00Z",
        region: "us-east-1",
        service: "service",
        method: "GET",
        target: "/?Param1=value1",
        headers: &[("Host", "example.amazonaws.com")],
        body: "",
        session_token: None,
        canonical_request: "GET
/
Param1=value1
host:example.amazonaws.com
x-amz-date:20150830T123600Z

host;x-amz-date
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        string_to_sign: "AWS4-HMAC-SHA256
20150830T123600Z
20150830/us-east-1/service/aws4_request
1e24db194ed7d0eec2de28d7369675a243488e08526e8c1c73571282f7c517ab",
        signature: "a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb",
    },
    Case {
        name: "get-vanilla-query",
        time: "2015-08-30T12:36:00Z",
        region: "us-east-1",
        service: "service",
        method: "GET",
        target: "/",
        headers: &[("Host", "example.amazonaws.com")],
        body: "",
        session_token: None,
        canonical_request: "GET
/

host:example.amazonaws.com
x-amz-date:20150830T123600Z

host;x-amz-date
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        string_to_sign: "AWS4-HMAC-SHA256
20150830T123600Z
20150830/us-east-1/service/aws4_request
bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
        signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    },
    Case {
        name: "get-vanilla-query-order-encoded",
        time: "2015-08-30T12:36:00Z",
        region: "us-east-1",
        service: "service",
        method: "GET",
        target: "/?Param-3=Value3&Param=Value2&%E1%88%B4=Value1",
        headers: &[("Host", "example.amazonaws.com")],
        body: "",
        session_token: None,
        canonical_request: "GET
/
%E1%88%B4=Value1&Param=Value2&Param-3=Value3
host:example.amazonaws.com
x-amz-date:20150830T123600Z

host;x-amz-date
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        string_to_sign: "AWS4-HMAC-SHA256
20150830T123600Z
20150830/us-east-1/service/aws4_request
868294f5c38bd141c4972a373a76654f1418a8e4fc18b2e7903ae45e8ae0ec71",
        signature: "371d3713e185cc334048618a97f809c9ffe339c62934c032af5a0e595648fcac",
    },
    Case {
        name: "get-vanilla-query-order-key-case",
        time: "2015-08-30T12:36:00Z",
        region: "us-east-1",
        service: "service",
        method: "GET",
        target: "/?Param2=value2&Param1=value1",
        headers: &[("Host", "example.amazonaws.com")],
        body: "",
        session_token: None,
        canonical_request: "GET
/
Param1=value1&Param2=value2
host:example.amazonaws.com
x-amz-date:20150830T123600Z

host;x-amz-date
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        string_to_sign: "AWS4-HMAC-SHA256
20150830T123600Z
20150830/us-east-1/service/aws4_request
816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0",
        signature: "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
    },
    Case {
        name: "get-vanilla-query-unreserved",
        time: "2015-08-30T12:36:00Z",
        region: "us-east-1",
        service: "service",
        method: "GET",
        target: "/?-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        headers: &[("Host", "example.amazonaws.com")],
        body: "",
        session_token: None,
        canonical_request: "GET
/
-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz
host:example.amazonaws.com
x-amz-date:20150830T123600Z

host;x-amz-date
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        string_to_sign: "AWS4-HMAC-SHA256
20150830T123600Z
20150830/us-east-1/service/aws4_request
c30d4703d9f799439be92736156d47ccfb2d879ddf56f5befa6d1d6aab979177",
        signature: "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197",
    },
    Case {
        name: "get-vanilla-with-session-token",
        time: "2015-08-30T12:36:00Z",
        region: "us-east-1",
        service: "service",
        method: "GET",
        target: "/",
        headers: &[("Host", "example.amazonaws.com")],
        body: "",
        session_token: Some("6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267"),
        canonical_request: "GET
/

host:example.amazonaws.com
x-amz-date:20150830T123600Z
x-amz-security-token:6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267

host;x-amz-date;x-amz-security-token
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        string_to_sign: "AWS4-HMAC-SHA256
20150830T123600Z
20150830/us-east-1/service/aws4_request
067b36aa60031588cea4a4cde1f21215227a047690c72247f1d70b32fbbfad2b",
        signature: "07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8",
    },
    Case {
        name: "post-header-key-case",
        time: "2015-08-30T12:36:00Z",
        region: "us-east-1",
        service: "service",
        method: "POST",
        target: "/",
        headers: &[("Host", "example.amazonaws.com")],
        body: "",
        session_token: None,
        canonical_request: "POST
/

host:example.amazonaws.com
x-amz-date:20150830T123600Z

host;x-amz-date
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        string_to_sign: "AWS4-HMAC-SHA256
20150830T123600Z
20150830/us-east-1/service/aws4_request
553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87",
        signature: "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b",
    },
    Case {
        name: "post-header-key-sort",
        time: "2015-08-30T12:36:00Z",
        region: "us-east-1",
        service: "service",
        method: "POST",
        target: "/",
        headers: &[("Host", "example.amazonaws.com"), ("My-Header1", "value1")],
        body: "",
        session_token: None,
        canonical_request: "POST
/

host:example.amazonaws.com
my-header1:value1
x-amz-date:20150830T123600Z

host;my-header1;x-amz-date
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        string_to_sign: "AWS4-HMAC-SHA256
20150830T123600Z
20150830/us-east-1/service/aws4_request
9368318c2967cf6de74404b30c65a91e8f6253e0a8659d6d5319f1a812f87d65",
        signature: "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c",
    },
    Case {
        name: "post-header-value-case",
        time: "2015-08-30T12:36:00Z",
        region: "us-east-1",
        service: "service",
        method: "POST",
        target: "/",
        headers: &[("Host", "example.amazonaws.com"), ("My-Header1", "VALUE1")],
        body: "",
        session_token: None,
        canonical_request: "POST
/

host:example.amazonaws.com
my-header1:VALUE1
x-amz-date:20150830T123600Z

host;my-header1;x-amz-date
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        string_to_sign: "AWS4-HMAC-SHA256
20150830T123600Z
20150830/us-east-1/service/aws4_request
d51ced243e649e3de6ef63afbbdcbca03131a21a7103a1583706a64618606a93",
        signature: "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d",
    },
    Case {
        name: "post-sts-header-before",
        time: "2015-08-30T12:36:00Z",
        region: "us-east-1",
        service: "service",
        method: "POST",
        target: "/",
        headers: &[("Host", "example.amazonaws.com")],
        body: "",
        session_token: Some("AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="),
        canonical_request: "POST
/

host:example.amazonaws.com
x-amz-date:20150830T123600Z
x-amz-security-token:AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==

host;x-amz-date;x-amz-security-token
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        string_to_sign: "AWS4-HMAC-SHA256
20150830T123600Z
20150830/us-east-1/service/aws4_request
c237e1b440d4c63c32ca95b5b99481081cb7b13c7e40434868e71567c1a882f6",
        signature: "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead",
    },
    Case {
        name: "post-vanilla",
        time: "2015-08-30T12:36:00Z",
        region: "us-east-1",
        service: "service",
        method: "POST",
        target: "/",
        headers: &[("Host", "example.amazonaws.com")],
        body: "",
        session_token: None,
        canonical_request: "POST
/

host:example.amazonaws.com
x-amz-date:20150830T123600Z

host;x-amz-date
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        string_to_sign: "AWS4-HMAC-SHA256
20150830T123600Z
20150830/us-east-1/service/aws4_request
553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87",
        signature: "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b",
    },
    Case {
        name: "post-vanilla-empty-query-value",
        time: "2015-08-30T12:36:00Z",
        region: "us-east-1",
        service: "service",
        method: "POST",
        target: "/?Param1=value1",
        headers: &[("Host", "example.amazonaws.com")],
        body: "",
        session_token: None,
        canonical_request: "POST
/
Param1=value1
host:example.amazonaws.com
x-amz-date:20150830T123600Z

host;x-amz-date
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        string_to_sign: "AWS4-HMAC-SHA256
20150830T123600Z
20150830/us-east-1/service/aws4_request
9d659678c1756bb3113e2ce898845a0a79dbbc57b740555917687f1b3340fbbd",
        signature: "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11",
    },
    Case {
        name: "post-vanilla-query",
        time: "2015-08-30T12:36:00Z",
        region: "us-east-1",
        service: "service",
        method: "POST",
        target: "/?Param1=value1",
        headers: &[("Host", "example.amazonaws.com")],
        body: "",
        session_token: None,
        canonical_request: "POST
/
Param1=value1
host:example.amazonaws.com
x-amz-date:20150830T123600Z

host;x-amz-date
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        string_to_sign: "AWS4-HMAC-SHA256
20150830T123600Z
20150830/us-east-1/service/aws4_request
9d659678c1756bb3113e2ce898845a0a79dbbc57b740555917687f1b3340fbbd",
        signature: "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11",
    },
    Case {
        name: "double-url-encode",
        time: "2021-05-11T15:40:45Z",
        region: "us-east-2",
        service: "lambda",
        method: "POST",
        target: "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-west-2%3A892717189312%3Afunction%3Amy-rusty-fun/invocations",
        headers: &[("Host", "lambda.us-east-2.amazonaws.com"), ("X-Amz-Date", "20210511T154045Z")],
        body: "",
        session_token: None,
        canonical_request: "POST
/2015-03-31/functions/arn%253Aaws%253Alambda%253Aus-west-2%253A892717189312%253Afunction%253Amy-rusty-fun/invocations

host:lambda.us-east-2.amazonaws.com
x-amz-date:20210511T154045Z

host;x-amz-date
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        string_to_sign: "AWS4-HMAC-SHA256
20210511T154045Z
20210511/us-east-2/lambda/aws4_request
684dbb3c92a8b6b1e452e23e523c1ea941c713a4c13500bb9f3bdad1e19afaf7",
        signature: "4b93abbcc68be32bd64c18e2c71150660ab4c29bbd6c32a383a7517a88fc1804",
    },
];

fn request(case: &Case) -> http::Request<Bytes> {
    let mut builder = http::Request::builder().method(case.method).uri(case.target);
    for (name, value) in case.headers {
        builder = builder.header(*name, *value);
    }
    builder.body(Bytes::from_static(case.body.as_bytes())).unwrap()
}

fn time(case: &Case) -> std::time::SystemTime {
    crate::time::parse(case.time, crate::time::TimestampFormat::DateTime).and_then(|t| t.to_system_time()).unwrap()
}

#[test]
fn canonical_requests_match_the_suite() {
    for case in CASES {
        let amz_date = date::amz_date_time(time(case));
        let added = AddedHeaders { amz_date: &amz_date, session_token: case.session_token };
        let canonical = canonical_request(&request(case), &added).unwrap();
        assert_eq!(canonical.text, case.canonical_request, "{}", case.name);
        let signed = case.canonical_request.lines().rev().nth(1).unwrap();
        assert_eq!(canonical.signed_headers, signed, "{}", case.name);
    }
}

#[test]
fn strings_to_sign_and_signatures_match_the_suite() {
    let signer = Signer::new();
    for case in CASES {
        let credentials = Credentials::new(ACCESS_KEY_ID, SECRET, case.session_token.map(str::to_owned));
        let mut request = request(case);
        let to_sign = ToSign::new(&request, &credentials, case.region, case.service, time(case)).unwrap();
        assert_eq!(to_sign.string_to_sign, case.string_to_sign, "{}", case.name);
        signer.sign(&mut request, &credentials, case.region, case.service, time(case)).unwrap();
        let authorization = request.headers()["authorization"].to_str().unwrap();
        let date = &case.string_to_sign.lines().nth(2).unwrap();
        let signed = case.canonical_request.lines().rev().nth(1).unwrap();
        assert_eq!(
            authorization,
            format!(
                "AWS4-HMAC-SHA256 Credential={ACCESS_KEY_ID}/{date}, SignedHeaders={signed}, Signature={}",
                case.signature
            ),
            "{}",
            case.name
        );
        assert_eq!(request.headers()["x-amz-date"], case.string_to_sign.lines().nth(1).unwrap(), "{}", case.name);
        assert_eq!(
            request.headers().get("x-amz-security-token").map(|v| v.to_str().unwrap()),
            case.session_token,
            "{}",
            case.name
        );
    }
}
