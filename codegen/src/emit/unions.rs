//! Unions: one variant per member, plus `Unknown` for members the model does not know.

use super::docs::{doc, field_docs};
use super::rust_types::{ident, redacted, value_type};
use crate::ir::Union;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The union enum with `as_*` accessors and a `Debug` that hides sensitive variants.
pub fn union(u: &Union, eq: bool) -> TokenStream {
    let name = ident(&u.name);
    let docs = doc(&u.docs);
    let variants = u.variants.iter().map(|v| {
        let (id, ty, docs) = (ident(&v.ident), value_type(&v.ty), doc(&field_docs(v, u.validated)));
        quote!(#docs #id(#ty),)
    });
    let accessors = u.variants.iter().map(|v| {
        let (id, ty) = (ident(&v.ident), value_type(&v.ty));
        let method = format_ident!("as_{}", crate::names::snake(&v.model_name));
        let doc = format!(" The `{}` value, if that is the member set.", v.model_name);
        quote! {
            #[doc = #doc]
            pub fn #method(&self) -> Option<&#ty> {
                match self {
                    Self::#id(value) => Some(value),
                    _ => None,
                }
            }
        }
    });
    let debug_arms = u.variants.iter().map(|v| {
        let id = ident(&v.ident);
        let label = &v.ident;
        if u.sensitive || redacted(v) {
            quote!(Self::#id(_) => f.debug_tuple(#label).field(&chatsmith_runtime::redact::Redacted).finish(),)
        } else {
            quote!(Self::#id(value) => f.debug_tuple(#label).field(value).finish(),)
        }
    });
    let derives = if eq { quote!(#[derive(Clone, PartialEq, Eq)]) } else { quote!(#[derive(Clone, PartialEq)]) };
    quote! {
        #docs
        #[non_exhaustive]
        #derives
        pub enum #name {
            #(#variants)*
            /// A member this version of the crate does not know.
            Unknown,
        }

        impl #name {
            #(#accessors)*
        }

        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    #(#debug_arms)*
                    Self::Unknown => f.write_str("Unknown"),
                }
            }
        }
    }
}
