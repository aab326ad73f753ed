//! Errors: exception structs, one enum per operation, and the service-wide `Error`.

use super::docs::doc;
use super::rust_types::ident;
use crate::ir::{Fault, Service, Structure, Type};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// What an exception struct has beyond a structure: its code, `message()`, `Display`, `Error`.
pub fn exception_impls(s: &Structure) -> TokenStream {
    let name = ident(&s.name);
    let code = &s.name;
    let info = s.error.as_ref().expect("exceptions have error info");
    let status = proc_macro2::Literal::u16_unsuffixed(info.status);
    let fault = if info.fault == Fault::Server { "server" } else { "client" };
    let retryable = info.retryable.is_some();
    let throttling = info.retryable == Some(true);
    let message = message_of(s, &quote!(self));
    let show_message = message.as_ref().map(|message| {
        quote! {
            if let Some(message) = #message {
                write!(f, ": {message}")?;
            }
        }
    });
    let message = message.unwrap_or_else(|| quote!(None));
    let has_message_getter = s.fields.iter().any(|f| crate::names::unraw(&f.ident) == "message");
    let message_getter = (!has_message_getter).then(|| {
        quote! {
            /// The error message, when the service sent one.
            pub fn message(&self) -> Option<&str> {
                #message
            }
        }
    });
    let status_doc = format!(" The HTTP status the model gives this error ({status}, a {fault} fault).");
    quote! {
        impl #name {
            /// The error code that identifies this error on the wire.
            pub const CODE: &'static str = #code;
            #[doc = #status_doc]
            pub const STATUS: u16 = #status;
            /// Whether the model marks this error retryable.
            pub const RETRYABLE: bool = #retryable;
            /// Whether the model marks this error as throttling.
            pub const THROTTLING: bool = #throttling;

            #message_getter

            /// The HTTP status and request id of the response.
            pub fn meta(&self) -> &chatsmith_runtime::ErrorMetadata {
                &self.meta
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(Self::CODE)?;
                #show_message
                self.meta.fmt_suffix(f)
            }
        }

        impl std::error::Error for #name {}
    }
}

/// The message of exception `s` held by `receiver`: its string `Message` member, unless the
/// exception has none or it is sensitive.
fn message_of(s: &Structure, receiver: &TokenStream) -> Option<TokenStream> {
    let field = s.fields.iter().find(|f| f.model_name.eq_ignore_ascii_case("message") && f.ty == Type::String);
    let field = field.filter(|f| !f.sensitive)?;
    let id = ident(&field.ident);
    Some(quote!(#receiver.#id.as_deref()))
}

/// An error enum over `variants` (exception names) plus `Unhandled`.
fn error_enum(name: &proc_macro2::Ident, docs: &str, variants: &[&Structure]) -> TokenStream {
    let docs = doc(docs);
    let ids: Vec<_> = variants.iter().map(|s| ident(&s.name)).collect();
    let variant_docs = variants.iter().map(|s| {
        let first = s.docs.split("\n\n").next().unwrap_or_default();
        let status = s.error.as_ref().map_or(0, |e| e.status);
        doc(&if first.contains(&status.to_string()) { first.to_owned() } else { format!("{first} (HTTP {status})") })
    });
    let message_arms = variants.iter().map(|s| {
        let id = ident(&s.name);
        match message_of(s, &quote!(e)) {
            Some(message) => quote!(Self::#id(e) => #message,),
            None => quote!(Self::#id(_) => None,),
        }
    });
    let predicates = variants.iter().map(|s| {
        let id = ident(&s.name);
        let method = format_ident!("is_{}", crate::names::snake(&s.name));
        let doc = format!(" Whether the error is [`{0}`](crate::types::error::{0}).", s.name);
        quote! {
            #[doc = #doc]
            pub fn #method(&self) -> bool {
                matches!(self, Self::#id(_))
            }
        }
    });
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(Clone, Debug, PartialEq)]
        pub enum #name {
            #( #variant_docs #ids(crate::types::error::#ids), )*
            /// An error the model does not know, with everything the service said about it.
            Unhandled(chatsmith_runtime::Unhandled),
        }

        impl #name {
            /// The error code: the exception's name, or the code of an unhandled error.
            pub fn code(&self) -> Option<&str> {
                match self {
                    #( Self::#ids(_) => Some(crate::types::error::#ids::CODE), )*
                    Self::Unhandled(e) => e.code(),
                }
            }

            /// The error message, when the service sent one.
            pub fn message(&self) -> Option<&str> {
                match self {
                    #(#message_arms)*
                    Self::Unhandled(e) => e.message(),
                }
            }

            /// The HTTP status and request id of the response.
            pub fn meta(&self) -> &chatsmith_runtime::ErrorMetadata {
                match self {
                    #( Self::#ids(e) => e.meta(), )*
                    Self::Unhandled(e) => e.meta(),
                }
            }

            /// Whether the model marks the error retryable.
            pub fn is_retryable(&self) -> bool {
                match self {
                    #( Self::#ids(_) => crate::types::error::#ids::RETRYABLE, )*
                    Self::Unhandled(_) => false,
                }
            }

            /// Whether the model marks the error as throttling.
            pub fn is_throttling(&self) -> bool {
                match self {
                    #( Self::#ids(_) => crate::types::error::#ids::THROTTLING, )*
                    Self::Unhandled(_) => false,
                }
            }

            #(#predicates)*
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    #( Self::#ids(e) => e.fmt(f), )*
                    Self::Unhandled(e) => e.fmt(f),
                }
            }
        }

        // `Display` already shows the wrapped error, so `source()` stays `None`: error reporters
        // that walk the chain would otherwise print the same text twice.
        impl std::error::Error for #name {}
    }
}

/// The error enum of one operation, and its conversion into the service-wide `Error`.
pub fn operation_error(service: &Service, op: &crate::ir::Operation) -> TokenStream {
    let name = format_ident!("{}Error", op.name);
    let variants: Vec<&Structure> =
        op.errors.iter().filter_map(|e| service.errors.iter().find(|s| &s.name == e)).collect();
    let docs = format!("An error of the `{}` operation.", op.name);
    let body = error_enum(&name, &docs, &variants);
    let ids: Vec<_> = variants.iter().map(|s| ident(&s.name)).collect();
    quote! {
        #body

        impl From<#name> for crate::Error {
            fn from(error: #name) -> Self {
                match error {
                    #( #name::#ids(e) => Self::#ids(e), )*
                    #name::Unhandled(e) => Self::Unhandled(e),
                }
            }
        }
    }
}

/// The service-wide `Error`, which every operation's error converts into.
pub fn service_error(service: &Service) -> TokenStream {
    let variants: Vec<&Structure> = service.errors.iter().collect();
    let docs = format!(
        "Any error of {}: every operation's error converts into it, so code that calls several operations can use one error type.",
        service.title
    );
    error_enum(&format_ident!("Error"), &docs, &variants)
}
