//! Broken models, one problem each, in `tests/broken/`: a `<stem>.json` file, or a `<stem>/`
//! folder when the problem needs several files. Each must be refused with an error (never
//! generated, never a panic), and the exact error text is pinned by the insta snapshot
//! `tests/snapshots/broken_models__<stem>.snap`.
//!
//! Update the snapshots after an intended change with `INSTA_UPDATE=always cargo test -p
//! chatsmith-codegen --test broken_models`, then review the diff of `tests/snapshots/`.
//!
//! `tests/regressions/not_refused/` holds models that were once generated although they should
//! be refused (each file's service documentation says why); they must be refused now.

mod snapshot_support;

use chatsmith_codegen::diag::ModelErrors;
use chatsmith_codegen::model::ModelSource;
use chatsmith_codegen::{Request, generate};
use snapshot_support::{catch, constraint_traits, package_dir, source};

/// Models generated as if `--service` named this service.
const SERVICE_ARGUMENT: &[(&str, &str)] = &[("service_not_found", "example.broken#NoSuchService")];

/// Models generated without `models/chatsmith/constraints.json`.
const WITHOUT_TRAIT_DEFINITIONS: &[&str] = &["trait_definitions_not_loaded"];

/// One test per broken model; the list must name every entry of `tests/broken/`.
macro_rules! broken {
    ($($stem:ident),* $(,)?) => {
        const BROKEN: &[&str] = &[$(stringify!($stem)),*];
        $(
            #[test]
            fn $stem() {
                let errors = refuse(stringify!($stem));
                insta::assert_snapshot!(stringify!($stem), errors.to_string());
            }
        )*
    };
}

broken!(
    allowed_values_empty,
    apply_to_unknown_shape,
    constraint_trait_on_shape,
    empty_union,
    enum_values_same_variant,
    error_without_error_trait,
    event_stream_union,
    invalid_json,
    invalid_length_value,
    invalid_pattern_inline_flags,
    invalid_pattern_lookahead,
    invalid_pattern_nesting,
    invalid_pattern_property,
    invalid_shape_id,
    label_member_not_in_uri,
    label_member_not_required,
    malformed_uri,
    member_name_not_identifier,
    member_targets_operation,
    members_same_rust_name,
    missing_smithy_version,
    missing_target,
    multiple_errors,
    no_protocol,
    no_service,
    not_an_object,
    operation_without_http,
    operations_same_module,
    range_bound_not_a_number,
    service_not_found,
    several_services,
    shape_defined_twice,
    trait_definitions_not_loaded,
    type_clash,
    unknown_constraint_trait,
    unknown_key_in_trait,
    unknown_shape_type,
    unknown_target_suggestion,
    unsupported_protocol,
    unsupported_smithy_version,
    uri_label_without_member,
    uri_without_slash,
    when_missing_sibling,
    when_rule_without_constraint,
    when_sibling_not_a_string,
    when_value_not_in_enum,
);

/// The model files of `tests/broken/<stem>.json`, or of every `.json` file in `tests/broken/<stem>/`,
/// named by their path relative to `codegen/`.
fn model_sources(stem: &str) -> Vec<ModelSource> {
    let dir = package_dir().join("tests/broken").join(stem);
    if !dir.is_dir() {
        return vec![source(&format!("tests/broken/{stem}.json"))];
    }
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("a readable folder")
        .map(|entry| entry.expect("a folder entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json"))
        .collect();
    names.sort();
    assert!(names.len() > 1, "tests/broken/{stem}/ should hold several model files");
    names.iter().map(|name| source(&format!("tests/broken/{stem}/{name}"))).collect()
}

fn request(stem: &str, sources: Vec<ModelSource>) -> Request {
    let mut sources = sources;
    if !WITHOUT_TRAIT_DEFINITIONS.contains(&stem) {
        sources.push(constraint_traits());
    }
    Request {
        sources,
        service: SERVICE_ARGUMENT.iter().find(|(s, _)| *s == stem).map(|(_, id)| (*id).to_owned()),
        crate_name: "broken".into(),
        source_label: format!("tests/broken/{stem}"),
        runtime_path: "../runtime".into(),
        standalone: true,
    }
}

/// The errors the generator gives for `tests/broken/<stem>`; fails if it generates or panics.
fn refuse(stem: &str) -> ModelErrors {
    let request = request(stem, model_sources(stem));
    match catch(|| generate(&request)) {
        Ok(Err(errors)) => errors,
        Ok(Ok(files)) => panic!("tests/broken/{stem} was generated ({} files) instead of refused", files.len()),
        Err(panic) => panic!("the generator panicked on tests/broken/{stem} instead of reporting an error: {panic}"),
    }
}

#[test]
fn every_broken_model_has_a_test() {
    let mut found: Vec<String> = std::fs::read_dir(package_dir().join("tests/broken"))
        .expect("tests/broken/ is readable")
        .map(|entry| entry.expect("a folder entry").path())
        .filter(|path| path.is_dir() || path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| path.file_stem().expect("a name").to_string_lossy().into_owned())
        .collect();
    found.sort();
    let mut listed: Vec<&str> = BROKEN.to_vec();
    listed.sort_unstable();
    assert_eq!(found, listed, "add the new broken model to `broken!` in tests/broken_models.rs");
}

#[test]
fn several_problems_of_one_model_are_reported_in_one_run() {
    let errors = refuse("multiple_errors");
    let messages: Vec<String> = errors.0.iter().map(|d| d.message.clone()).collect();
    let expected = [
        "cannot become a Rust identifier",
        "unknown shape example.broken#ChatContnt",
        "URI label {ItemId} has no input member",
        "@httpLabel member Id has no {Id} in the URI",
        "not a structure with @error",
    ];
    for part in expected {
        assert!(messages.iter().any(|m| m.contains(part)), "no error containing {part:?} in:\n{errors}");
    }
}

/// `type_clash` is refused; the same model with the service's `rename` map generates.
#[test]
fn type_clash_is_resolved_by_a_rename() {
    let mut sources = model_sources("type_clash");
    let mut model: serde_json::Value = serde_json::from_str(&sources[0].text).expect("type_clash.json is JSON");
    model["shapes"]["example.broken#BrokenService"]["rename"] =
        serde_json::json!({ "example.other#Widget": "OtherWidget" });
    sources[0].text = model.to_string();
    let request = request("type_clash", sources);
    let files = match catch(|| generate(&request)) {
        Ok(Ok(files)) => files,
        Ok(Err(errors)) => panic!("the renamed type_clash model is still refused:\n{errors}"),
        Err(panic) => panic!("the generator panicked on the renamed type_clash model: {panic}"),
    };
    for path in ["src/types/_widget.rs", "src/types/_other_widget.rs"] {
        assert!(files.contains_key(path), "no {path} among {:?}", files.keys().collect::<Vec<_>>());
    }
}

/// The models of `tests/regressions/not_refused/`: once generated by mistake, refused now.
#[test]
fn regression_models_are_refused() {
    let mut generated = Vec::new();
    for stem in snapshot_support::json_stems("tests/regressions/not_refused") {
        let file = format!("tests/regressions/not_refused/{stem}.json");
        let mut request = request(&stem, vec![source(&file)]);
        request.source_label = file.clone();
        match catch(|| generate(&request)) {
            Ok(Err(_)) => {}
            Ok(Ok(_)) => generated.push(file),
            Err(panic) => panic!("the generator panicked on {file}: {panic}"),
        }
    }
    assert!(generated.is_empty(), "generated instead of refused: {}", generated.join(", "));
}
