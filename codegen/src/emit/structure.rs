//! A structure: its type, getters and a `Debug` that hides secrets.

use super::docs::{deprecated, doc, field_docs};
use super::rust_types::{element_type, field_type, ident, is_copy, redacted, value_type};
use crate::ir::{Field, Presence, Role, Structure, Type};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The struct definition, its getters and its `Debug`.
pub fn structure(s: &Structure, eq: bool, extra_docs: &str) -> TokenStream {
    let name = ident(&s.name);
    let mut docs = s.docs.clone();
    if !extra_docs.is_empty() {
        docs = if docs.is_empty() { extra_docs.to_owned() } else { format!("{docs}\n\n{extra_docs}") };
    }
    let docs = doc(&docs);
    let in_input = s.validated;
    let fields = s.fields.iter().map(|f| {
        let (id, ty, docs, dep) =
            (ident(&f.ident), field_type(f), doc(&field_docs(f, in_input)), deprecated(f.deprecated.as_deref()));
        quote!(#docs #dep pub #id: #ty,)
    });
    let meta = match s.role {
        Role::Error => quote! {
            /// The HTTP status and request id of the response that carried this error.
            pub meta: chatsmith_runtime::ErrorMetadata,
        },
        Role::Output => quote!(pub(crate) request_id: Option<String>,),
        _ => quote!(),
    };
    let request_id = (s.role == Role::Output).then(|| {
        quote! {
            /// The request id the service gave the response (`x-amzn-requestid`), for logs and support cases.
            pub fn request_id(&self) -> Option<&str> {
                self.request_id.as_deref()
            }
        }
    });
    let getters = s.fields.iter().map(getter);
    let builder = format_ident!("{}Builder", s.name);
    let builder_doc = format!(" A builder for [`{}`].", s.name);
    let derives = if eq { quote!(#[derive(Clone, PartialEq, Eq)]) } else { quote!(#[derive(Clone, PartialEq)]) };
    let dep = deprecated(s.deprecated.as_deref());
    let debug = debug_impl(s, &name, s.sensitive);
    quote! {
        #docs
        #dep
        #[non_exhaustive]
        #derives
        pub struct #name {
            #(#fields)*
            #meta
        }

        impl #name {
            #[doc = #builder_doc]
            pub fn builder() -> #builder {
                #builder::default()
            }

            #(#getters)*
            #request_id
        }

        #debug
    }
}

/// A getter borrowing the field in its most useful form.
fn getter(field: &Field) -> TokenStream {
    let id = ident(&field.ident);
    let doc = format!(
        " The `{}` member; see [the field](#structfield.{}).",
        field.model_name,
        crate::names::unraw(&field.ident)
    );
    let dep = deprecated(field.deprecated.as_deref());
    let optional = field.presence == Presence::Optional;
    let (ret, body) = match (&field.ty, optional) {
        (Type::String, false) => (quote!(&str), quote!(&self.#id)),
        (Type::String, true) => (quote!(Option<&str>), quote!(self.#id.as_deref())),
        (Type::List(e), false) => {
            let inner = element_type(e);
            (quote!(&[#inner]), quote!(&self.#id))
        }
        (Type::List(e), true) => {
            let inner = element_type(e);
            (quote!(&[#inner]), quote!(self.#id.as_deref().unwrap_or_default()))
        }
        (ty, false) if is_copy(ty) => (value_type(ty), quote!(self.#id)),
        (ty, true) if is_copy(ty) => {
            let ty = value_type(ty);
            (quote!(Option<#ty>), quote!(self.#id))
        }
        (ty, false) => {
            let ty = value_type(ty);
            (quote!(&#ty), quote!(&self.#id))
        }
        (ty, true) => {
            let ty = value_type(ty);
            let body = if field.boxed { quote!(self.#id.as_deref()) } else { quote!(self.#id.as_ref()) };
            (quote!(Option<&#ty>), body)
        }
    };
    let list_note = matches!((&field.ty, optional), (Type::List(_), true)).then(
        || quote!(#[doc = ""] #[doc = " Empty when the member was not set; check the field to tell the two apart."]),
    );
    quote! {
        #[doc = #doc]
        #list_note
        #dep
        pub fn #id(&self) -> #ret {
            #body
        }
    }
}

/// `Debug` for a type with these fields: derived output, except that secrets print as redacted.
pub fn debug_impl(s: &Structure, name: &proc_macro2::Ident, hide_all: bool) -> TokenStream {
    debug_with(name, &s.fields, s.role == Role::Error, s.role == Role::Output, false, hide_all)
}

/// `Debug` for a builder, whose fields are all `Option`s.
pub fn builder_debug_impl(s: &Structure, name: &proc_macro2::Ident, hide_all: bool) -> TokenStream {
    debug_with(name, &s.fields, s.role == Role::Error, s.role == Role::Output, true, hide_all)
}

fn debug_with(
    name: &proc_macro2::Ident,
    fields: &[Field],
    with_meta: bool,
    output: bool,
    all_optional: bool,
    hide_all: bool,
) -> TokenStream {
    let type_name = name.to_string();
    let entries = fields.iter().map(|f| {
        let id = ident(&f.ident);
        let label = crate::names::unraw(&f.ident).to_owned();
        let optional = all_optional || f.presence == Presence::Optional;
        match (hide_all || redacted(f), optional) {
            (false, _) => quote!(.field(#label, &self.#id)),
            (true, false) => quote!(.field(#label, &chatsmith_runtime::redact::Redacted)),
            (true, true) => quote!(.field(#label, &self.#id.as_ref().map(|_| chatsmith_runtime::redact::Redacted))),
        }
    });
    let meta = match (with_meta, output) {
        (true, _) => quote!(.field("meta", &self.meta)),
        (false, true) => quote!(.field("request_id", &self.request_id)),
        _ => quote!(),
    };
    quote! {
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#type_name)
                    #(#entries)*
                    #meta
                    .finish()
            }
        }
    }
}
