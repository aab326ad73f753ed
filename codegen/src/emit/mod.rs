//! Step 4 of the pipeline: emit Rust for the IR, one concern per function, into an ordered map.

mod builder;
mod client;
mod crate_root;
mod docs;
mod enums;
mod errors;
mod example;
mod operation;
mod paginator;
mod pattern;
mod rust_types;
mod structure;
mod unions;
mod validate;
mod wire;

use crate::ir::{Service, Structure, Type};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// One output file before formatting.
#[derive(Clone, Debug)]
pub enum FileBody {
    /// Rust source, formatted by prettyplease.
    Rust(TokenStream),
    /// Any other text (`Cargo.toml`), written as is.
    Text(String),
}

/// Output files by path relative to the crate folder; ordered, so output never depends on hashing.
pub type Files = BTreeMap<String, FileBody>;

fn rust(files: &mut Files, path: String, tokens: TokenStream) {
    files.insert(path, FileBody::Rust(tokens));
}

/// Every file of the crate for `service`.
pub fn emit(service: &Service, runtime_path: &str, header: &str, standalone: bool) -> Files {
    let mut files = Files::new();
    let eq = Eq::new(service);
    files
        .insert("Cargo.toml".into(), FileBody::Text(crate_root::cargo_toml(service, runtime_path, header, standalone)));
    crate_root::lib_rs(service, standalone, &mut files);
    crate_root::error_rs(service, &mut files);
    crate_root::operation_mod(service, &mut files);
    for op in &service.operations {
        operation::operation(service, op, &eq, &mut files);
        client::fluent(op, &mut files);
        paginator::paginator(op, &mut files);
    }
    client::client(service, &mut files);
    wire::wire(service, &mut files);
    types(service, &eq, &mut files);
    errors(service, &eq, &mut files);
    if let Some(module) = pattern::patterns_module(&service.patterns) {
        rust(&mut files, "src/patterns.rs".into(), module);
    }
    files
}

fn types(service: &Service, eq: &Eq, files: &mut Files) {
    let mut entries = Vec::new();
    for s in &service.structures {
        let (def, b) = (structure::structure(s, eq.of(s), ""), builder::builder(s, eq.of(s)));
        let validator = s.validated.then(|| validate::structure_validator(&s.name, &s.fields));
        rust(files, type_path("src/types", &s.name), quote!(#def #b #validator));
        entries.push((s.name.clone(), true));
    }
    for e in &service.enums {
        rust(files, type_path("src/types", &e.name), enums::enumeration(e));
        entries.push((e.name.clone(), false));
    }
    for u in &service.unions {
        let def = unions::union(u, !eq.floats.contains(&u.name));
        let validator = u.validated.then(|| validate::union_validator(u));
        rust(files, type_path("src/types", &u.name), quote!(#def #validator));
        entries.push((u.name.clone(), false));
    }
    entries.sort();
    let index = crate_root::type_index(
        "Structures, enums and unions that operations share.",
        &entries,
        quote!(
            pub mod error;
        ),
    );
    rust(files, "src/types/mod.rs".into(), index);
}

fn errors(service: &Service, eq: &Eq, files: &mut Files) {
    let mut entries = Vec::new();
    for s in &service.errors {
        let (def, b, extra) =
            (structure::structure(s, eq.of(s), ""), builder::builder(s, eq.of(s)), errors::exception_impls(s));
        rust(files, type_path("src/types/error", &s.name), quote!(#def #b #extra));
        entries.push((s.name.clone(), true));
    }
    let index = crate_root::type_index("The exceptions operations return, one struct each.", &entries, quote!());
    rust(files, "src/types/error/mod.rs".into(), index);
}

fn type_path(dir: &str, name: &str) -> String {
    format!("{dir}/_{}.rs", crate::names::snake(name))
}

/// Which types can derive `Eq`: those holding no floats or documents, however deep.
pub struct Eq {
    floats: BTreeSet<String>,
}

impl Eq {
    fn new(service: &Service) -> Self {
        let mut floats = BTreeSet::new();
        loop {
            let before = floats.len();
            let holds = |ty: &Type, floats: &BTreeSet<String>| !rust_types::is_eq(ty, &|name| floats.contains(name));
            for s in service.structures.iter().chain(&service.errors) {
                if s.fields.iter().any(|f| holds(&f.ty, &floats)) {
                    floats.insert(s.name.clone());
                }
            }
            for u in &service.unions {
                if u.variants.iter().any(|f| holds(&f.ty, &floats)) {
                    floats.insert(u.name.clone());
                }
            }
            if floats.len() == before {
                return Self { floats };
            }
        }
    }

    fn of(&self, s: &Structure) -> bool {
        !s.fields.iter().any(|f| !rust_types::is_eq(&f.ty, &|name| self.floats.contains(name)))
    }
}
