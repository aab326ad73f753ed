//! Enums: known variants plus `Unknown`, so values the model does not know are kept.

use super::docs::{deprecated, doc};
use super::rust_types::ident;
use crate::ir::Enum;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// A string enum, or an integer enum.
pub fn enumeration(e: &Enum) -> TokenStream {
    if e.int { int_enum(e) } else { string_enum(e) }
}

fn variant_docs(e: &Enum) -> Vec<TokenStream> {
    e.variants
        .iter()
        .map(|v| {
            let text = if v.docs.is_empty() { format!("`{}`", v.value) } else { format!("`{}`: {}", v.value, v.docs) };
            let (docs, dep, id) = (doc(&text), deprecated(v.deprecated.as_deref()), ident(&v.ident));
            quote!(#docs #dep #id,)
        })
        .collect()
}

fn string_enum(e: &Enum) -> TokenStream {
    let name = ident(&e.name);
    let docs = doc(&e.docs);
    let variants = variant_docs(e);
    let ids: Vec<_> = e.variants.iter().map(|v| ident(&v.ident)).collect();
    let values: Vec<&String> = e.variants.iter().map(|v| &v.value).collect();
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[allow(deprecated)]
        pub enum #name {
            #(#variants)*
            /// A value this version of the crate does not know, kept as sent.
            Unknown(String),
        }

        #[allow(deprecated)]
        impl #name {
            /// The values the model knows, as sent on the wire.
            pub const fn values() -> &'static [&'static str] {
                &[#(#values),*]
            }

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#ids => #values,)*
                    Self::Unknown(value) => value,
                }
            }
        }

        #[allow(deprecated)]
        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#values => Self::#ids,)*
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl From<String> for #name {
            fn from(value: String) -> Self {
                Self::from(value.as_str())
            }
        }

        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

fn int_enum(e: &Enum) -> TokenStream {
    let name = ident(&e.name);
    let docs = doc(&e.docs);
    let variants = variant_docs(e);
    let ids: Vec<_> = e.variants.iter().map(|v| ident(&v.ident)).collect();
    let values: Vec<Literal> =
        e.variants.iter().map(|v| Literal::i32_unsuffixed(v.value.parse().unwrap_or_default())).collect();
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[allow(deprecated)]
        pub enum #name {
            #(#variants)*
            /// A value this version of the crate does not know, kept as sent.
            Unknown(i32),
        }

        #[allow(deprecated)]
        impl #name {
            /// The values the model knows.
            pub const fn values() -> &'static [i32] {
                &[#(#values),*]
            }

            /// The value as sent on the wire.
            pub fn as_i32(&self) -> i32 {
                match self {
                    #(Self::#ids => #values,)*
                    Self::Unknown(value) => *value,
                }
            }
        }

        #[allow(deprecated)]
        impl From<i32> for #name {
            fn from(value: i32) -> Self {
                match value {
                    #(#values => Self::#ids,)*
                    other => Self::Unknown(other),
                }
            }
        }
    }
}
