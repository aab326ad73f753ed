//! Every `smithy.rules#endpointTests` case of the upstream models passes against their
//! `smithy.rules#endpointRuleSet`, read at test time from the shared reference data.

use crate::support::shared_dir;
use chatsmith_runtime::endpoint_rules::{Params, RuleSet};
use serde_json::Value as Json;

/// The upstream models and how many endpoint test cases each holds.
const MODELS: &[(&str, usize)] = &[("connectparticipant.json", 23), ("chime-sdk-messaging.json", 22)];

/// The traits of the model's service shape.
fn service_traits(model: &Json) -> &serde_json::Map<String, Json> {
    let shapes = model["shapes"].as_object().expect("shapes");
    let mut services = shapes.values().filter(|shape| shape["type"] == "service");
    let service = services.next().expect("a service shape");
    assert!(services.next().is_none(), "one service shape");
    service["traits"].as_object().expect("service traits")
}

/// Runs one case; `Err` says how the result differs from the expectation.
fn run_case(rules: &RuleSet, case: &Json) -> Result<(), String> {
    let params = Params::from_json(case.get("params").unwrap_or(&Json::Object(Default::default())))
        .map_err(|err| format!("bad params: {err}"))?;
    let expect = &case["expect"];
    let result = rules.resolve(&params);
    match (expect.get("endpoint"), expect.get("error"), result) {
        (Some(want), None, Ok(got)) => {
            let want_url = want["url"].as_str().ok_or("expected endpoint without url")?;
            if got.url() != want_url {
                return Err(format!("url {:?}, expected {want_url:?}", got.url()));
            }
            let empty = Json::Object(Default::default());
            let want_headers = want.get("headers").unwrap_or(&empty);
            let got_headers = serde_json::to_value(got.headers()).map_err(|e| e.to_string())?;
            if &got_headers != want_headers {
                return Err(format!("headers {got_headers}, expected {want_headers}"));
            }
            let want_properties = want.get("properties").unwrap_or(&empty);
            if &got.properties_json() != want_properties {
                return Err(format!("properties {}, expected {want_properties}", got.properties_json()));
            }
            Ok(())
        }
        (None, Some(Json::String(want)), Err(err)) if err.message() == want => Ok(()),
        (None, Some(want), Err(err)) => Err(format!("error {:?}, expected error {want}", err.message())),
        (_, _, Ok(got)) => Err(format!("endpoint {:?}, expected {expect}", got.url())),
        (_, _, Err(err)) => Err(format!("error {:?}, expected {expect}", err.message())),
    }
}

#[test]
fn upstream_endpoint_tests_pass() {
    let Some(shared) = shared_dir("endpoint tests") else { return };
    let mut total = 0;
    for &(file, expected_cases) in MODELS {
        let path = shared.join("upstream-models/smithy").join(file);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let model: Json = serde_json::from_str(&text).expect("model JSON");
        let traits = service_traits(&model);
        // Generated crates embed the trait's JSON text: parse that, as they will.
        let ruleset_text = serde_json::to_string(&traits["smithy.rules#endpointRuleSet"]).expect("ruleset");
        let rules = RuleSet::parse(&ruleset_text).unwrap_or_else(|err| panic!("{file}: {err}"));
        let cases = traits["smithy.rules#endpointTests"]["testCases"].as_array().expect("testCases");
        let failures: Vec<String> = cases
            .iter()
            .filter_map(|case| {
                run_case(&rules, case)
                    .err()
                    .map(|why| format!("  {}: {why}", case["documentation"].as_str().unwrap_or("?")))
            })
            .collect();
        println!("endpoint tests: {file}: {} passed, {} failed", cases.len() - failures.len(), failures.len());
        assert!(failures.is_empty(), "{file}: failing endpoint tests:\n{}", failures.join("\n"));
        assert_eq!(cases.len(), expected_cases, "{file}: the number of endpoint test cases changed");
        total += cases.len();
    }
    println!("endpoint tests: {total} passed, 0 failed, 0 skipped");
}
