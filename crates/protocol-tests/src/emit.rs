//! Rust tests from cases: one `#[test]` function per case, for the generated crate's `tests/`.

use crate::cases::{Case, Kind};
use crate::values::{Values, ident};
use chatsmith_codegen::ir::{Operation, Service};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The endpoint host when a case names none.
pub const DEFAULT_HOST: &str = "example.com";

/// The shared code of the generated tests (`tests/support/mod.rs`).
pub const SUPPORT: &str = include_str!("support.rs");

/// One generated test function, or why the case cannot become one.
pub fn case_test(values: &Values<'_>, case: &Case) -> Result<TokenStream, String> {
    let service = values.service;
    let op = operation(service, &case.operation)?;
    let body = match case.kind {
        Kind::Request => request_test(values, op, case)?,
        Kind::Response => response_test(values, op, case)?,
    };
    let name = format_ident!("{}", case.test_name());
    let doc = format!(" `{}` ({} of `{}`).", case.id, case.kind, case.error.as_deref().unwrap_or(&case.operation));
    Ok(quote! {
        #[doc = #doc]
        #[test]
        fn #name() {
            support::run(async {
                #body
            });
        }
    })
}

/// A whole test file: the support module and the given test functions.
pub fn test_file(header: &str, tests: &[TokenStream]) -> Result<String, String> {
    let tokens = quote! {
        #![allow(non_snake_case, clippy::all, unused_mut, unused_imports)]

        mod support;

        #(#tests)*
    };
    let file = syn::parse2::<syn::File>(tokens).map_err(|e| format!("generated tests do not parse: {e}"))?;
    Ok(format!("// {header}\n\n{}", prettyplease::unparse(&file)))
}

fn operation<'s>(service: &'s Service, name: &str) -> Result<&'s Operation, String> {
    service.operations.iter().find(|op| op.name == name).ok_or_else(|| format!("no operation {name} in the IR"))
}

fn endpoint(host: Option<&str>) -> String {
    format!("https://{}", host.unwrap_or(DEFAULT_HOST))
}

fn strs(items: &[String]) -> TokenStream {
    quote!(&[#(#items),*])
}

fn pairs(items: &[(String, String)]) -> TokenStream {
    let (k, v): (Vec<&String>, Vec<&String>) = items.iter().map(|(k, v)| (k, v)).unzip();
    quote!(&[#((#k, #v)),*])
}

fn opt(value: Option<&String>) -> TokenStream {
    match value {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}

fn request_test(values: &Values<'_>, op: &Operation, case: &Case) -> Result<TokenStream, String> {
    let expected = case.request.as_ref().ok_or("a request case without a request")?;
    let method = ident(&op.module);
    let setters = values.setters(&op.input, &case.params)?;
    let endpoint = endpoint(expected.host.as_deref());
    let (verb, uri) = (&expected.method, &expected.uri);
    let resolved_host = opt(expected.resolved_host.as_ref());
    let query = strs(&expected.query_params);
    let forbid_query = strs(&expected.forbid_query_params);
    let require_query = strs(&expected.require_query_params);
    let headers = pairs(&expected.headers);
    let forbid_headers = strs(&expected.forbid_headers);
    let require_headers = strs(&expected.require_headers);
    let body = opt(expected.body.as_ref());
    let media_type = opt(expected.body_media_type.as_ref());
    let krate = &values.krate;
    Ok(quote! {
        let recorder = support::Recorder::new(support::Reply::empty_ok());
        let client = #krate::Client::from_conf(support::config(#endpoint, &recorder));
        let result = client.#method() #(#setters)* .send().await;
        let request = recorder.single_request(&result);
        support::check_request(&request, &support::Expected {
            method: #verb,
            uri: #uri,
            resolved_host: #resolved_host,
            query: #query,
            forbid_query: #forbid_query,
            require_query: #require_query,
            headers: #headers,
            forbid_headers: #forbid_headers,
            require_headers: #require_headers,
            body: #body,
            media_type: #media_type,
        });
    })
}

fn response_test(values: &Values<'_>, op: &Operation, case: &Case) -> Result<TokenStream, String> {
    let given = case.response.as_ref().ok_or("a response case without a response")?;
    let krate = &values.krate;
    let (method, module) = (ident(&op.module), ident(&op.module));
    let placeholders = values.required_placeholders(&op.input);
    let (code, headers, body) =
        (given.code, pairs(&given.headers), proc_macro2::Literal::byte_string(given.body.as_bytes()));
    let endpoint = endpoint(None);
    let send = quote! {
        let recorder = support::Recorder::new(support::Reply { status: #code, headers: #headers, body: #body });
        let client = #krate::Client::from_conf(support::config(#endpoint, &recorder));
        let result = client.#method() #(#placeholders)* .send().await;
    };
    match &case.error {
        None => {
            let output = ident(&op.output.name);
            let setters = values.setters(&op.output, &case.params)?;
            let unwrap = op.output.has_required().then(|| quote!(.unwrap()));
            Ok(quote! {
                #send
                let actual = match result {
                    Ok(output) => output,
                    Err(err) => panic!("the response was not read as the output: {err:?}"),
                };
                let mut expected = #krate::operation::#module::#output::builder() #(#setters)*;
                if let Some(id) = actual.request_id() {
                    expected = expected.request_id(id);
                }
                let expected = expected.build() #unwrap;
                support::assert_same(&expected, &actual);
            })
        }
        Some(error) => {
            let s = values
                .service
                .errors
                .iter()
                .find(|e| e.shape_id.rsplit('#').next() == Some(error.as_str()))
                .ok_or_else(|| format!("no error structure {error} in the IR"))?;
            let (name, error_enum) = (ident(&s.name), format_ident!("{}Error", op.name));
            let setters = values.setters(s, &case.params)?;
            Ok(quote! {
                #send
                let err = match result {
                    Ok(output) => panic!("expected the error {}, got the output {output:?}", stringify!(#name)),
                    Err(err) => err,
                };
                let actual = match err.into_service_error() {
                    Ok(#krate::operation::#module::#error_enum::#name(actual)) => actual,
                    Ok(other) => panic!("expected the error {}, got {other:?}", stringify!(#name)),
                    Err(err) => panic!("expected the error {}, got {err:?}", stringify!(#name)),
                };
                let expected = #krate::types::error::#name::builder() #(#setters)* .meta(actual.meta().clone()).build();
                support::assert_same(&expected, &actual);
            })
        }
    }
}
