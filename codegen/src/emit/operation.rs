//! One operation's module: input, output and error, each in its own file.

use super::builder::builder;
use super::docs::inner_doc;
use super::errors::operation_error;
use super::example::input_example;
use super::structure::structure;
use super::validate::structure_validator;
use super::{Eq, Files, rust};
use crate::ir::{Operation, Service};
use quote::{format_ident, quote};

/// Adds `src/operation/<op>/{mod,input,output,error}.rs`.
pub fn operation(service: &Service, op: &Operation, eq: &Eq, files: &mut Files) {
    let dir = format!("src/operation/{}", op.module.trim_start_matches("r#"));
    let input = &op.input;
    let example = input_example(service, input, &op.module);
    let input_docs =
        if input.docs.is_empty() { format!("The input of [`{}`](super).\n\n{example}", op.name) } else { example };
    let input_tokens = {
        let (s, b, v) = (
            structure(input, eq.of(input), &input_docs),
            builder(input, eq.of(input)),
            structure_validator(&input.name, &input.fields),
        );
        quote!(#s #b #v)
    };
    rust(files, format!("{dir}/input.rs"), input_tokens);
    let output = &op.output;
    let output_docs =
        if output.docs.is_empty() { format!("The output of [`{}`](super).", op.name) } else { String::new() };
    let (s, b) = (structure(output, eq.of(output), &output_docs), builder(output, eq.of(output)));
    rust(files, format!("{dir}/output.rs"), quote!(#s #b));
    rust(files, format!("{dir}/error.rs"), operation_error(service, op));

    let module_docs = inner_doc(&operation_docs(op));
    let (input_name, output_name, error_name) =
        (format_ident!("{}", input.name), format_ident!("{}", output.name), format_ident!("{}Error", op.name));
    let (input_builder, output_builder) =
        (format_ident!("{}Builder", input.name), format_ident!("{}Builder", output.name));
    let fluent_builder = format_ident!("{}FluentBuilder", op.name);
    let paginator = op.pagination.is_some().then(|| {
        quote!(
            #[cfg(feature = "client")]
            pub mod paginator;
        )
    });
    rust(
        files,
        format!("{dir}/mod.rs"),
        quote! {
            #module_docs

            mod error;
            #[cfg(feature = "client")]
            mod fluent;
            #paginator
            mod input;
            mod output;

            pub use error::#error_name;
            pub use input::#input_name;
            pub use output::#output_name;

            /// Builders of this operation's input and output.
            pub mod builders {
                #[cfg(feature = "client")]
                pub use super::fluent::#fluent_builder;
                pub use super::input::#input_builder;
                pub use super::output::#output_builder;
            }
        },
    );
}

/// Module docs: the model's words, the HTTP request, the errors.
fn operation_docs(op: &Operation) -> String {
    let mut out = if op.docs.is_empty() { format!("The `{}` operation.", op.name) } else { op.docs.clone() };
    out.push_str(&format!("\n\n**HTTP:** `{} {}`, `{}` on success.", op.method, op.uri, op.success_code));
    if !op.signed {
        out.push_str(" Requests are not signed with SigV4.");
    }
    if let Some(note) = &op.deprecated {
        out.push_str(&format!("\n\n**Deprecated:** {note}"));
    }
    if !op.errors.is_empty() {
        out.push_str(&format!(
            "\n\n**Errors** (variants of [`{0}Error`](crate::operation::{1}::{0}Error)):",
            op.name, op.module
        ));
        for e in &op.errors {
            out.push_str(&format!("\n- [`{e}`](crate::types::error::{e})"));
        }
    }
    out.push_str(&format!(
        "\n\nBuild the request with [`{0}::builder()`](crate::operation::{1}::{0}::builder); see its example.",
        op.input.name, op.module
    ));
    out
}
