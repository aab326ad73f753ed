//! The rules engine on rulesets of our own: every rule kind and library function, scoping of
//! `assign`, every kind of error, and malformed rulesets and parameters (never a panic).

use chatsmith_runtime::endpoint_rules::{Params, ResolveErrorKind, RuleSet, Value};
use serde_json::{Value as Json, json};

/// A ruleset that uses every rule kind and library function.
const KITCHEN_SINK: &str = r#"{
  "version": "1.3",
  "parameters": {
    "Region": {"type": "string", "builtIn": "AWS::Region", "required": false},
    "UseFIPS": {"type": "boolean", "builtIn": "AWS::UseFIPS", "required": true, "default": false},
    "Endpoint": {"type": "string", "builtIn": "SDK::Endpoint", "required": false},
    "Bucket": {"type": "string", "required": false},
    "Arn": {"type": "string", "required": false},
    "Tags": {"type": "stringArray", "required": false},
    "Mode": {"type": "string", "required": true, "default": "standard", "documentation": "How fast."}
  },
  "rules": [
    {"conditions": [
        {"fn": "isSet", "argv": [{"ref": "Endpoint"}]},
        {"fn": "parseURL", "argv": [{"ref": "Endpoint"}], "assign": "Url"}
     ],
     "rules": [
        {"conditions": [{"fn": "booleanEquals", "argv": [{"fn": "getAttr", "argv": [{"ref": "Url"}, "isIp"]}, true]}],
         "endpoint": {"url": "{Url#scheme}://{Url#authority}{Url#normalizedPath}ip", "headers": {"x-ip": ["yes", "{Url#authority}"]}},
         "type": "endpoint"},
        {"conditions": [], "endpoint": {"url": "{Url#scheme}://{Url#authority}{Url#path}"}, "type": "endpoint"}
     ],
     "type": "tree"},
    {"conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]}], "error": "not a URL: {Endpoint}", "type": "error"},
    {"conditions": [
        {"fn": "aws.parseArn", "argv": [{"ref": "Arn"}], "assign": "ParsedArn"},
        {"fn": "getAttr", "argv": [{"ref": "ParsedArn"}, "resourceId[1]"], "assign": "Second"}
     ],
     "endpoint": {
        "url": "https://{Second}.{ParsedArn#service}.{ParsedArn#region}.amazonaws.com",
        "properties": {"authSchemes": [{"name": "sigv4", "signingRegion": "{ParsedArn#region}", "disableDoubleEncoding": true}], "count": 2}
     },
     "type": "endpoint"},
    {"conditions": [{"fn": "isSet", "argv": [{"ref": "Arn"}]}], "error": "Invalid ARN: {Arn}", "type": "error"},
    {"conditions": [{"fn": "isSet", "argv": [{"ref": "Bucket"}]}, {"fn": "isSet", "argv": [{"ref": "Region"}]}],
     "rules": [
        {"conditions": [
            {"fn": "aws.isVirtualHostableS3Bucket", "argv": [{"ref": "Bucket"}, false]},
            {"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}
         ],
         "endpoint": {"url": "https://{Bucket}.s3.{Region}.{P#dnsSuffix}"}, "type": "endpoint"},
        {"conditions": [
            {"fn": "substring", "argv": [{"ref": "Bucket"}, 0, 3, false], "assign": "Prefix"},
            {"fn": "uriEncode", "argv": [{"ref": "Bucket"}], "assign": "Encoded"}
         ],
         "endpoint": {"url": "https://s3.{Region}.amazonaws.com/{Prefix}/{{braces}}/{Encoded}"}, "type": "endpoint"}
     ],
     "type": "tree"},
    {"conditions": [
        {"fn": "coalesce", "argv": [{"fn": "getAttr", "argv": [{"ref": "Tags"}, "[1]"]}, {"fn": "getAttr", "argv": [{"ref": "Tags"}, "[0]"]}], "assign": "Tag"}
     ],
     "endpoint": {"url": {"fn": "ite", "argv": [
        {"fn": "stringEquals", "argv": [{"ref": "Mode"}, "fast"]}, "https://fast.{Tag}.example.com", "https://{Tag}.example.com"
     ]}},
     "type": "endpoint"},
    {"conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}],
     "rules": [
        {"conditions": [{"fn": "not", "argv": [{"fn": "isValidHostLabel", "argv": [{"ref": "Region"}, false]}]}],
         "error": "Invalid region: {Region}", "type": "error"},
        {"conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "PartitionResult"}],
         "rules": [
            {"conditions": [{"fn": "stringEquals", "argv": [{"ref": "Region"}, "dead-end-1"]}],
             "rules": [{"conditions": [{"fn": "booleanEquals", "argv": [true, false]}], "error": "unreachable", "type": "error"}],
             "type": "tree"},
            {"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]}],
             "endpoint": {"url": "https://svc-fips.{Region}.{PartitionResult#dnsSuffix}"}, "type": "endpoint"},
            {"conditions": [], "endpoint": {"url": "https://svc.{Region}.{PartitionResult#dnsSuffix}"}, "type": "endpoint"}
         ],
         "type": "tree"}
     ],
     "type": "tree"},
    {"conditions": [], "error": "Invalid Configuration: Missing Region", "type": "error"}
  ]
}"#;

fn sink() -> RuleSet {
    RuleSet::parse(KITCHEN_SINK).expect("the kitchen-sink ruleset parses")
}

fn resolve(rules: &RuleSet, params: Json) -> Result<String, String> {
    let params = Params::from_json(&params).map_err(|e| e.to_string())?;
    rules.resolve(&params).map(|e| e.url().to_owned()).map_err(|e| e.message().to_owned())
}

#[test]
fn every_rule_kind_and_function() {
    let rules = sink();
    let cases: &[(Json, Result<&str, &str>)] = &[
        (json!({}), Err("Invalid Configuration: Missing Region")),
        (json!({"Region": "us-west-2"}), Ok("https://svc.us-west-2.amazonaws.com")),
        (json!({"Region": "cn-north-1", "UseFIPS": true}), Ok("https://svc-fips.cn-north-1.amazonaws.com.cn")),
        (json!({"Region": "eusc-de-east-1"}), Ok("https://svc.eusc-de-east-1.amazonaws.eu")),
        (json!({"Region": "us-east-1.evil.com"}), Err("Invalid region: us-east-1.evil.com")),
        (json!({"Endpoint": "https://example.com/base"}), Ok("https://example.com/base")),
        (json!({"Endpoint": "http://127.0.0.1:8080"}), Ok("http://127.0.0.1:8080/ip")),
        (json!({"Endpoint": "https://example.com?q=1"}), Err("not a URL: https://example.com?q=1")),
        (
            json!({"Arn": "arn:aws:s3-outposts:us-west-2:123:outpost/op-1/bucket"}),
            Ok("https://op-1.s3-outposts.us-west-2.amazonaws.com"),
        ),
        (json!({"Arn": "arn:aws:s3:::only-one"}), Err("Invalid ARN: arn:aws:s3:::only-one")),
        (json!({"Arn": "not-an-arn"}), Err("Invalid ARN: not-an-arn")),
        (json!({"Bucket": "my-bucket", "Region": "eu-west-1"}), Ok("https://my-bucket.s3.eu-west-1.amazonaws.com")),
        (
            json!({"Bucket": "My Bucket", "Region": "eu-west-1"}),
            Ok("https://s3.eu-west-1.amazonaws.com/My /{braces}/My%20Bucket"),
        ),
        (json!({"Tags": ["a"]}), Ok("https://a.example.com")),
        (json!({"Tags": ["a", "b"], "Mode": "fast"}), Ok("https://fast.b.example.com")),
        (json!({"Tags": []}), Err("Invalid Configuration: Missing Region")),
    ];
    for (params, want) in cases {
        let got = resolve(&rules, params.clone());
        assert_eq!(got.as_deref().map_err(String::as_str), *want, "{params}");
    }
}

#[test]
fn bucket_too_short_to_substring_falls_through_the_tree() {
    let err = sink().resolve(&Params::new().with("Bucket", "A").with("Region", "us-east-1")).unwrap_err();
    assert_eq!(err.kind(), ResolveErrorKind::NoMatch);
    assert!(err.message().contains("/rules/4"), "{err}");
}

#[test]
fn headers_and_properties_are_evaluated() {
    let rules = sink();
    let ip = rules.resolve(&Params::new().with("Endpoint", "https://10.0.0.1:443")).unwrap();
    assert_eq!(ip.headers()["x-ip"], ["yes", "10.0.0.1:443"]);
    let arn = rules.resolve(&Params::new().with("Arn", "arn:aws:s3:eu-west-3:1:a/b")).unwrap();
    assert_eq!(
        arn.properties_json(),
        json!({"authSchemes": [{"name": "sigv4", "signingRegion": "eu-west-3", "disableDoubleEncoding": true}], "count": 2})
    );
    assert_eq!(arn.properties()["count"], Value::Int(2));
    assert!(arn.headers().is_empty());
}

#[test]
fn a_tree_whose_rules_all_fail_is_an_error() {
    let err = sink().resolve(&Params::new().with("Region", "dead-end-1")).unwrap_err();
    assert_eq!(err.kind(), ResolveErrorKind::NoMatch);
    assert_eq!(
        err.to_string(),
        "endpoint resolution failed: no rule inside the tree rule at /rules/6/rules/1/rules/0 matched the parameters"
    );
}

#[test]
fn parameters_are_checked() {
    let rules = sink();
    let err = rules.resolve(&Params::new().with("UseFIPS", "yes")).unwrap_err();
    assert_eq!(err.kind(), ResolveErrorKind::InvalidParameter);
    assert_eq!(err.message(), "parameter `UseFIPS` must be a boolean, not a string");
    let err = rules.resolve(&Params::new().with("Nope", "x")).unwrap_err();
    assert_eq!(err.message(), "the ruleset declares no parameter `Nope`");
    let err = rules.resolve(&Params::new().with("Tags", vec!["a"]).with("Tags", true)).unwrap_err();
    assert_eq!(err.kind(), ResolveErrorKind::InvalidParameter);
    assert!(Params::from_json(&json!({"Region": 1.5})).is_err());
    assert!(Params::from_json(&json!(["Region"])).is_err());
    assert_eq!(Params::from_json(&json!({"Region": null})).unwrap(), Params::new());

    let required = RuleSet::parse(
        r#"{"version": "1.0", "parameters": {"Stage": {"type": "String", "required": true}},
            "rules": [{"conditions": [], "endpoint": {"url": "https://{Stage}.example.com"}, "type": "endpoint"}]}"#,
    )
    .unwrap();
    let err = required.resolve(&Params::new()).unwrap_err();
    assert_eq!(err.kind(), ResolveErrorKind::MissingParameter);
    assert_eq!(err.message(), "the required parameter `Stage` has no value");
    assert_eq!(required.resolve(&Params::new().with("Stage", "beta")).unwrap().url(), "https://beta.example.com");
    let stage = required.parameter("Stage").unwrap();
    assert!(stage.is_required() && stage.default_value().is_none() && stage.built_in().is_none());
    let mode = sink().parameter("Mode").cloned().unwrap();
    assert_eq!(mode.default_value(), Some(&Value::from("standard")));
    assert_eq!(mode.documentation(), Some("How fast."));
}

#[test]
fn evaluation_errors_name_the_place() {
    let rules = RuleSet::parse(
        r#"{"version": "1.0",
            "parameters": {"Flag": {"type": "boolean", "required": true, "default": true}, "S": {"type": "string"}},
            "rules": [
              {"conditions": [{"fn": "isSet", "argv": [{"ref": "S"}]}],
               "rules": [{"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "S"}, true]}], "error": "x", "type": "error"}],
               "type": "tree"},
              {"conditions": [], "endpoint": {"url": "https://{Flag}.example.com"}, "type": "endpoint"}
            ]}"#,
    )
    .unwrap();
    let err = rules.resolve(&Params::new()).unwrap_err();
    assert_eq!(err.kind(), ResolveErrorKind::Evaluation);
    assert_eq!(err.message(), "`{Flag}` in a template is a boolean, not a string (at /rules/1)");
    let err = rules.resolve(&Params::new().with("S", "x")).unwrap_err();
    assert_eq!(
        err.message(),
        "argument 1 of `booleanEquals` must be a boolean, not a string (at /rules/0/rules/0/conditions/0)"
    );
}

#[test]
fn assignments_are_scoped_to_their_rule() {
    let sibling = r#"{"version": "1.0", "parameters": {"R": {"type": "string"}}, "rules": [
        {"conditions": [{"fn": "aws.partition", "argv": [{"ref": "R"}], "assign": "P"}], "error": "a", "type": "error"},
        {"conditions": [], "endpoint": {"url": "https://{P#name}"}, "type": "endpoint"}]}"#;
    let err = RuleSet::parse(sibling).unwrap_err();
    assert_eq!(err.pointer(), "/rules/1/endpoint/url");
    assert!(err.problem().contains("`P` is neither a parameter nor a value assigned"), "{err}");

    let twice = r#"{"version": "1.0", "parameters": {"R": {"type": "string"}}, "rules": [
        {"conditions": [{"fn": "aws.partition", "argv": [{"ref": "R"}], "assign": "R"}], "error": "a", "type": "error"}]}"#;
    assert_eq!(
        RuleSet::parse(twice).unwrap_err().to_string(),
        "invalid endpoint ruleset at /rules/0/conditions/0/assign: `R` is already defined"
    );

    let later = r#"{"version": "1.0", "parameters": {"R": {"type": "string"}}, "rules": [
        {"conditions": [{"fn": "isSet", "argv": [{"ref": "P"}]}, {"fn": "aws.partition", "argv": [{"ref": "R"}], "assign": "P"}],
         "error": "a", "type": "error"}]}"#;
    assert_eq!(RuleSet::parse(later).unwrap_err().pointer(), "/rules/0/conditions/0/argv/0/ref");
}

#[test]
fn malformed_rulesets_are_clear_errors() {
    let cases: &[(&str, &str, &str)] = &[
        ("", "", "it is not JSON"),
        ("[]", "", "expected a JSON object"),
        (r#"{"rules": []}"#, "", "no `version`"),
        (r#"{"version": 1, "rules": []}"#, "/version", "must be a string"),
        (r#"{"version": "1.0"}"#, "", "no `rules`"),
        (r#"{"version": "1.0", "rules": {}}"#, "/rules", "must be an array"),
        (r#"{"version": "1.0", "rules": [1]}"#, "/rules/0", "expected a JSON object"),
        (r#"{"version": "1.0", "rules": [{"conditions": []}]}"#, "/rules/0", "no `type`"),
        (r#"{"version": "1.0", "rules": [{"type": "redirect"}]}"#, "/rules/0/type", "unknown rule type `redirect`"),
        (r#"{"version": "1.0", "rules": [{"type": "endpoint"}]}"#, "/rules/0", "needs the member `endpoint`"),
        (r#"{"version": "1.0", "rules": [{"type": "endpoint", "endpoint": {}}]}"#, "/rules/0/endpoint", "no `url`"),
        (
            r#"{"version": "1.0", "rules": [{"type": "endpoint", "endpoint": {"url": "{"}}]}"#,
            "/rules/0/endpoint/url",
            "unmatched `{`",
        ),
        (
            r#"{"version": "1.0", "rules": [{"type": "endpoint", "endpoint": {"url": "x}"}}]}"#,
            "/rules/0/endpoint/url",
            "unmatched `}`",
        ),
        (
            r#"{"version": "1.0", "rules": [{"type": "endpoint", "endpoint": {"url": "{Nope}"}}]}"#,
            "/rules/0/endpoint/url",
            "`Nope` is neither",
        ),
        (
            r#"{"version": "1.0", "rules": [{"type": "endpoint", "endpoint": {"url": "u", "headers": {"a": "b"}}}]}"#,
            "/rules/0/endpoint/headers/a",
            "must be an array",
        ),
        (
            r#"{"version": "1.0", "rules": [{"type": "endpoint", "endpoint": {"url": "u", "properties": {"a": null}}}]}"#,
            "/rules/0/endpoint/properties/a",
            "`null`",
        ),
        (r#"{"version": "1.0", "rules": [{"type": "error", "error": 1.5}]}"#, "/rules/0/error", "integers"),
        (r#"{"version": "1.0", "rules": [{"type": "tree"}]}"#, "/rules/0", "needs the member `rules`"),
        (
            r#"{"version": "1.0", "rules": [{"type": "tree", "rules": [{"type": "tree", "rules": 3}]}]}"#,
            "/rules/0/rules/0/rules",
            "must be an array",
        ),
        (
            r#"{"version": "1.0", "rules": [{"conditions": {}, "type": "error", "error": "e"}]}"#,
            "/rules/0/conditions",
            "must be an array",
        ),
        (
            r#"{"version": "1.0", "rules": [{"conditions": [{"ref": "X"}], "type": "error", "error": "e"}]}"#,
            "/rules/0/conditions/0",
            "must be a function call",
        ),
        (
            r#"{"version": "1.0", "rules": [{"conditions": [{"fn": "split", "argv": []}], "type": "error", "error": "e"}]}"#,
            "/rules/0/conditions/0/fn",
            "unknown function `split`",
        ),
        (
            r#"{"version": "1.0", "rules": [{"conditions": [{"fn": "isSet"}], "type": "error", "error": "e"}]}"#,
            "/rules/0/conditions/0",
            "no `argv` array",
        ),
        (
            r#"{"version": "1.0", "rules": [{"conditions": [{"fn": "not", "argv": [true, false]}], "type": "error", "error": "e"}]}"#,
            "/rules/0/conditions/0/argv",
            "takes 1 argument(s), not 2",
        ),
        (
            r#"{"version": "1.0", "rules": [{"conditions": [{"fn": "getAttr", "argv": [true]}], "type": "error", "error": "e"}]}"#,
            "/rules/0/conditions/0/argv",
            "takes 2 arguments",
        ),
        (
            r#"{"version": "1.0", "rules": [{"conditions": [{"fn": "getAttr", "argv": [true, 1]}], "type": "error", "error": "e"}]}"#,
            "/rules/0/conditions/0/argv/1",
            "must be a string",
        ),
        (
            r#"{"version": "1.0", "rules": [{"conditions": [{"fn": "getAttr", "argv": [true, "a[x]"]}], "type": "error", "error": "e"}]}"#,
            "/rules/0/conditions/0/argv/1",
            "invalid getAttr path",
        ),
        (
            r#"{"version": "1.0", "rules": [{"conditions": [{"fn": 3, "argv": []}], "type": "error", "error": "e"}]}"#,
            "/rules/0/conditions/0/fn",
            "must be a string",
        ),
        (
            r#"{"version": "1.0", "rules": [{"conditions": [{"fn": "isSet", "argv": [{"ref": 3}]}], "type": "error", "error": "e"}]}"#,
            "/rules/0/conditions/0/argv/0/ref",
            "must be a string",
        ),
        (
            r#"{"version": "1.0", "rules": [{"conditions": [{"fn": "isSet", "argv": [true], "assign": "a b"}], "type": "error", "error": "e"}]}"#,
            "/rules/0/conditions/0/assign",
            "not a valid name",
        ),
        (r#"{"version": "1.0", "parameters": [], "rules": []}"#, "/parameters", "expected a JSON object"),
        (r#"{"version": "1.0", "parameters": {"A": {}}, "rules": []}"#, "/parameters/A", "no `type`"),
        (
            r#"{"version": "1.0", "parameters": {"A": {"type": "int"}}, "rules": []}"#,
            "/parameters/A/type",
            "unknown parameter type `int`",
        ),
        (
            r#"{"version": "1.0", "parameters": {"A": {"type": "boolean", "default": "no"}}, "rules": []}"#,
            "/parameters/A/default",
            "not a boolean",
        ),
        (
            r#"{"version": "1.0", "parameters": {"A": {"type": "string", "required": "yes"}}, "rules": []}"#,
            "/parameters/A/required",
            "must be a boolean",
        ),
        (
            r#"{"version": "1.0", "parameters": {"A": {"type": "string", "builtIn": 1}}, "rules": []}"#,
            "/parameters/A/builtIn",
            "must be a string",
        ),
        (
            r#"{"version": "1.0", "parameters": {"a/b": {"type": "string"}}, "rules": []}"#,
            "/parameters/a~1b",
            "not a valid parameter name",
        ),
    ];
    for (text, pointer, problem) in cases {
        let err = RuleSet::parse(text).expect_err(text);
        assert_eq!(err.pointer(), *pointer, "{text}: {err}");
        assert!(err.problem().contains(problem), "{text}: {err}");
    }
}

#[test]
fn an_empty_ruleset_matches_nothing() {
    let rules = RuleSet::parse(r#"{"version": "1.0", "parameters": {}, "rules": []}"#).unwrap();
    assert_eq!(rules.version(), "1.0");
    assert_eq!(rules.resolve(&Params::new()).unwrap_err().kind(), ResolveErrorKind::NoMatch);
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let mut expr = json!({"ref": "R"});
    for _ in 0..200 {
        expr = json!({"fn": "not", "argv": [expr]});
    }
    let doc = json!({"version": "1.0", "parameters": {"R": {"type": "boolean"}},
        "rules": [{"conditions": [expr], "error": "deep", "type": "error"}]});
    let err = RuleSet::from_json(&doc).unwrap_err();
    assert!(err.problem().contains("nest more than"), "{err}");
}

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Replaces, removes or duplicates one random node of `doc`.
fn mutate(doc: &mut Json, rng: &mut Rng) {
    const REPLACEMENTS: &[&str] = &[
        "null",
        "true",
        "false",
        "0",
        "-1",
        "3",
        "1.5",
        "\"\"",
        "\"{\"",
        "\"}\"",
        "\"{Region}\"",
        "\"{Region#x[9]}\"",
        "[]",
        "{}",
        "[1, \"a\"]",
        r#"{"ref": "Region"}"#,
        r#"{"ref": "Nope"}"#,
        r#"{"fn": "isSet", "argv": []}"#,
        r#"{"fn": "getAttr", "argv": [{"ref": "Region"}, "a.b[0]"]}"#,
        r#"{"fn": "substring", "argv": ["abc", 2, 1, true]}"#,
        r#"{"fn": "aws.partition", "argv": [true]}"#,
        r#"{"conditions": [], "type": "tree", "rules": []}"#,
        r#"{"conditions": [], "type": "error", "error": {"ref": "UseFIPS"}}"#,
        r#"{"conditions": [], "type": "endpoint", "endpoint": {"url": {"ref": "Tags"}}}"#,
    ];
    let mut node = doc;
    loop {
        let children = match node {
            Json::Array(items) if !items.is_empty() => items.len(),
            Json::Object(fields) if !fields.is_empty() => fields.len(),
            _ => 0,
        };
        if children == 0 || rng.below(4) == 0 {
            break;
        }
        let pick = rng.below(children);
        if rng.below(6) == 0 {
            match node {
                Json::Array(items) => {
                    items.remove(pick);
                }
                Json::Object(fields) => {
                    let key = fields.keys().nth(pick).cloned().unwrap_or_default();
                    fields.remove(&key);
                }
                _ => {}
            }
            return;
        }
        node = match node {
            Json::Array(items) => &mut items[pick],
            Json::Object(fields) => fields.values_mut().nth(pick).expect("child"),
            _ => unreachable!(),
        };
    }
    *node = serde_json::from_str(REPLACEMENTS[rng.below(REPLACEMENTS.len())]).expect("replacement");
}

fn param_sets() -> Vec<Params> {
    vec![
        Params::new(),
        Params::new().with("Region", "us-east-1").with("UseFIPS", true),
        Params::new().with("Region", "").with("Mode", "fast"),
        Params::new().with("Endpoint", "https://[::1]:9/x").with("Bucket", "a.b"),
        Params::new().with("Arn", "arn:aws:s3:::").with("Tags", vec!["x", "y", "z"]),
        Params::new().with("Bucket", "Ünïcode").with("Region", "cn-north-1"),
    ]
}

#[test]
fn mutated_rulesets_never_panic() {
    let original: Json = serde_json::from_str(KITCHEN_SINK).unwrap();
    let params = param_sets();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut parsed, mut resolved) = (0, 0);
    for _ in 0..3000 {
        let mut doc = original.clone();
        for _ in 0..=rng.below(3) {
            mutate(&mut doc, &mut rng);
        }
        if let Ok(rules) = RuleSet::from_json(&doc) {
            parsed += 1;
            for p in &params {
                resolved += usize::from(rules.resolve(p).is_ok());
            }
        }
    }
    println!("endpoint rules fuzz: 3000 mutated rulesets, {parsed} parsed, {resolved} resolutions succeeded");
    assert!(parsed > 100, "the mutations should leave many rulesets valid");
}

#[test]
fn damaged_texts_never_panic() {
    let bytes = KITCHEN_SINK.as_bytes();
    for cut in (0..bytes.len()).step_by(7) {
        let _ = RuleSet::parse(&String::from_utf8_lossy(&bytes[..cut]));
    }
    let mut rng = Rng(42);
    for _ in 0..2000 {
        let mut damaged = bytes.to_vec();
        for _ in 0..=rng.below(4) {
            let at = rng.below(damaged.len());
            const NOISE: &[u8] = b"{}[]\",:#.01aZ-\\ ";
            damaged[at] = NOISE[rng.below(NOISE.len())];
        }
        if let Ok(rules) = RuleSet::parse(&String::from_utf8_lossy(&damaged)) {
            for p in &param_sets() {
                let _ = rules.resolve(p);
            }
        }
    }
}
