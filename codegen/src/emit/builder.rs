//! Builders: AWS SDK style setters and a `build()` that names every missing member.

use super::rust_types::{default_value, element_type, ident, value_type};
use super::structure::builder_debug_impl;
use crate::ir::{Field, Presence, Role, Structure, Type};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The builder type of `s` and its methods.
pub fn builder(s: &Structure, eq: bool) -> TokenStream {
    let target = ident(&s.name);
    let name = format_ident!("{}Builder", s.name);
    let doc = if s.has_required() {
        format!(" A builder for [`{}`]; `build()` checks that required members are set.", s.name)
    } else {
        format!(" A builder for [`{}`].", s.name)
    };
    let slots = s.fields.iter().map(|f| {
        let (id, ty) = (ident(&f.ident), value_type(&f.ty));
        quote!(pub(crate) #id: Option<#ty>,)
    });
    let meta_slot = match s.role {
        Role::Error => quote!(pub(crate) meta: chatsmith_runtime::ErrorMetadata,),
        Role::Output => quote!(pub(crate) request_id: Option<String>,),
        _ => quote!(),
    };
    let setters = s.fields.iter().map(|f| setters(f, SetterTarget::Slot));
    let request_id_setter = (s.role == Role::Output).then(|| {
        quote! {
            /// Sets the request id (used when parsing responses and in tests).
            pub fn request_id(mut self, request_id: impl Into<String>) -> Self {
                self.request_id = Some(request_id.into());
                self
            }
        }
    });
    let meta_setter = (s.role == Role::Error).then(|| {
        quote! {
            /// Sets the HTTP status and request id (used when parsing responses and in tests).
            pub fn meta(mut self, meta: chatsmith_runtime::ErrorMetadata) -> Self {
                self.meta = meta;
                self
            }

            /// The HTTP status and request id set so far.
            pub fn get_meta(&self) -> &chatsmith_runtime::ErrorMetadata {
                &self.meta
            }
        }
    });
    let build = build_fn(s, &target);
    let derives = if eq {
        quote!(#[derive(Clone, Default, PartialEq, Eq)])
    } else {
        quote!(#[derive(Clone, Default, PartialEq)])
    };
    let debug = builder_debug_impl(s, &name, s.sensitive);
    quote! {
        #[doc = #doc]
        #[non_exhaustive]
        #derives
        pub struct #name {
            #(#slots)*
            #meta_slot
        }

        impl #name {
            #(#setters)*
            #meta_setter
            #request_id_setter
            #build
        }

        #debug
    }
}

/// Where setters store what they are given.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum SetterTarget {
    /// The builder's own `Option` slot.
    Slot,
    /// The input builder a fluent builder wraps (`self.inner`).
    Inner,
}

/// `x(value)` (append for lists, insert for maps), `set_x(Option<...>)` and `get_x()`.
pub fn setters(field: &Field, target: SetterTarget) -> TokenStream {
    let id = ident(&field.ident);
    let bare = crate::names::unraw(&field.ident);
    let set = format_ident!("set_{}", bare);
    let get = format_ident!("get_{}", bare);
    let ty = value_type(&field.ty);
    let member = &field.model_name;
    let required = if field.presence == Presence::Required { " Required." } else { "" };
    let delegate = target == SetterTarget::Inner;
    let (setter_doc, params, store) = match &field.ty {
        Type::List(element) => {
            let item = element_type(element);
            (
                format!(" Appends one item to `{member}`.{required}"),
                quote!(item: impl Into<#item>),
                if delegate {
                    quote!(self.inner = self.inner.#id(item);)
                } else {
                    quote!(self.#id.get_or_insert_with(Vec::new).push(item.into());)
                },
            )
        }
        Type::Map(key, value) => {
            let (k, v) = (value_type(&key.ty), element_type(value));
            (
                format!(" Inserts one entry into `{member}`.{required}"),
                quote!(key: impl Into<#k>, value: impl Into<#v>),
                if delegate {
                    quote!(self.inner = self.inner.#id(key, value);)
                } else {
                    quote!(self.#id.get_or_insert_with(Default::default).insert(key.into(), value.into());)
                },
            )
        }
        _ => (
            format!(" Sets `{member}`.{required}"),
            quote!(value: impl Into<#ty>),
            if delegate { quote!(self.inner = self.inner.#id(value);) } else { quote!(self.#id = Some(value.into());) },
        ),
    };
    let (set_store, get_body) = if delegate {
        (quote!(self.inner = self.inner.#set(value);), quote!(self.inner.#get()))
    } else {
        (quote!(self.#id = value;), quote!(&self.#id))
    };
    let set_doc = format!(" Sets or clears the whole of `{member}`.");
    let get_doc = format!(" The `{member}` set so far.");
    quote! {
        #[doc = #setter_doc]
        pub fn #id(mut self, #params) -> Self {
            #store
            self
        }

        #[doc = #set_doc]
        pub fn #set(mut self, value: Option<#ty>) -> Self {
            #set_store
            self
        }

        #[doc = #get_doc]
        pub fn #get(&self) -> &Option<#ty> {
            #get_body
        }
    }
}

/// `build()`: infallible when nothing is required, else a `Result` naming every missing member.
/// Inputs always return a `Result`, so adding a required member later breaks no caller.
fn build_fn(s: &Structure, target: &proc_macro2::Ident) -> TokenStream {
    let required: Vec<&Field> = s.fields.iter().filter(|f| f.presence == Presence::Required).collect();
    let assign = s.fields.iter().map(|f| {
        let id = ident(&f.ident);
        match (f.presence, f.boxed) {
            (Presence::Required, false) => quote!(#id,),
            (Presence::Required, true) => quote!(#id: Box::new(#id),),
            // A member with a `@default` the client honours is filled in when unset, except
            // in an operation input, whose unset top-level members are never sent.
            (Presence::Optional, false) => match default_value(f).filter(|_| s.role != Role::Input) {
                Some(default) => quote!(#id: self.#id.or_else(|| Some(#default)),),
                None => quote!(#id: self.#id,),
            },
            (Presence::Optional, true) => quote!(#id: self.#id.map(Box::new),),
        }
    });
    let meta = match s.role {
        Role::Error => quote!(meta: self.meta,),
        Role::Output => quote!(request_id: self.request_id,),
        _ => quote!(),
    };
    let value = quote!(#target { #(#assign)* #meta });
    let shape = &s.name;
    let fallible = !required.is_empty() || s.role == Role::Input;
    if !fallible {
        let doc = format!(" Builds the [`{shape}`].");
        return quote! {
            #[doc = #doc]
            pub fn build(self) -> #target {
                #value
            }
        };
    }
    let doc = format!(" Builds the [`{shape}`], or names every required member that is missing.");
    let sig = quote!(pub fn build(self) -> Result<#target, chatsmith_runtime::BuildError>);
    let body = match required.as_slice() {
        [] => quote!(Ok(#value)),
        [one] => {
            let id = ident(&one.ident);
            let name = &one.model_name;
            quote! {
                let Some(#id) = self.#id else {
                    return Err(chatsmith_runtime::BuildError::missing(#shape, vec![#name]));
                };
                Ok(#value)
            }
        }
        many => {
            let ids: Vec<_> = many.iter().map(|f| ident(&f.ident)).collect();
            let names = many.iter().map(|f| &f.model_name);
            quote! {
                let missing: Vec<&'static str> = [#( (#names, self.#ids.is_none()) ),*]
                    .into_iter()
                    .filter_map(|(name, absent)| absent.then_some(name))
                    .collect();
                match (#(self.#ids),*) {
                    (#(Some(#ids)),*) => Ok(#value),
                    _ => Err(chatsmith_runtime::BuildError::missing(#shape, missing)),
                }
            }
        }
    };
    quote! {
        #[doc = #doc]
        #sig {
            #body
        }
    }
}
