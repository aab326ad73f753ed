//! The wire layer of a generated crate (feature `client`): restJson1 serializers and parsers,
//! in `src/protocol/`, and the `Operation` each client call runs.

mod request;
mod response;
mod shapes;
mod values;

use super::rust_types::ident;
use super::{Files, rust};
use crate::ir::{Operation, Service};
use quote::{format_ident, quote};

/// Common imports of every protocol file.
fn prelude() -> proc_macro2::TokenStream {
    quote! {
        #[allow(unused_imports)]
        use chatsmith_runtime::client::{
            HttpRequestParts, InvalidInput, Operation, RawResponse, ResponseFailure, RetryClassify, RetryKind, ServiceMeta,
        };
        #[allow(unused_imports)]
        use chatsmith_runtime::protocol::{http, json, restjson, serde_json, text};
        #[allow(unused_imports)]
        use chatsmith_runtime::time::TimestampFormat;
        #[allow(unused_imports)]
        use serde_json::{Map, Value};
    }
}

/// Adds `src/protocol/{mod,shapes,errors,<operation>}.rs`.
pub fn wire(service: &Service, files: &mut Files) {
    let modules = service.operations.iter().map(|op| ident(&op.module));
    rust(
        files,
        "src/protocol/mod.rs".into(),
        quote! {
            //! restJson1 serializers and parsers, one module per operation.

            pub(crate) mod errors;
            mod shapes;
            #(pub(crate) mod #modules;)*
        },
    );
    let prelude = prelude();
    let impls = service
        .structures
        .iter()
        .map(shapes::structure)
        .chain(service.enums.iter().map(shapes::enumeration))
        .chain(service.unions.iter().map(shapes::union));
    rust(
        files,
        "src/protocol/shapes.rs".into(),
        quote! {
            //! JSON and HTTP text of the crate's structures, enums and unions.
            #prelude
            #(#impls)*
        },
    );
    let parsers = service.errors.iter().map(response::exception_parser);
    rust(
        files,
        "src/protocol/errors.rs".into(),
        quote! {
            //! The exceptions, from error responses.
            #prelude
            #(#parsers)*
        },
    );
    for op in &service.operations {
        rust(files, format!("src/protocol/{}.rs", op.module), operation(service, op));
    }
}

/// The `Operation` of `op` with its serializer, parser and retry classification.
fn operation(service: &Service, op: &Operation) -> proc_macro2::TokenStream {
    let prelude = prelude();
    let (module, marker, name) = (ident(&op.module), format_ident!("{}", op.name), &op.name);
    let (input, output, error) = (ident(&op.input.name), ident(&op.output.name), format_ident!("{}Error", op.name));
    let meta = if op.signed && service.signing_name.is_some() { quote!(SIGNED) } else { quote!(UNSIGNED) };
    let token = op.input.fields.iter().find(|f| f.idempotency_token && f.ty == crate::ir::Type::String);
    let prepare = match token {
        Some(field) => {
            let id = ident(&field.ident);
            quote! {
                fn prepare(input: &mut Self::Input, make_token: &dyn Fn() -> String) -> Option<String> {
                    Some(input.#id.get_or_insert_with(make_token).clone())
                }
            }
        }
        None => quote! {
            fn prepare(_: &mut Self::Input, _: &dyn Fn() -> String) -> Option<String> {
                None
            }
        },
    };
    let doc = format!(" `{name}`, as the client runs it.");
    let serialize = request::serialize(op);
    let parse = response::parse(service, op);
    let retry = response::retry_classify(service, op);
    quote! {
        //! The restJson1 form of the operation.
        #prelude

        #[doc = #doc]
        pub(crate) struct #marker;

        impl Operation for #marker {
            type Input = crate::operation::#module::#input;
            type Output = crate::operation::#module::#output;
            type Error = crate::operation::#module::#error;
            const NAME: &'static str = #name;
            const SERVICE: &'static ServiceMeta = &crate::client::#meta;

            #prepare

            fn serialize(input: &Self::Input) -> Result<HttpRequestParts, InvalidInput> {
                serialize(input)
            }

            fn parse(response: &RawResponse) -> Result<Self::Output, ResponseFailure<Self::Error>> {
                parse(response)
            }
        }

        #retry
        #serialize
        #parse
    }
}
