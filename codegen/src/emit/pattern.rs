//! `src/patterns.rs`: every `@pattern` of the crate once, a `static` tree of
//! `chatsmith_runtime::pattern::Node` that the validators of all members it constrains share.

use super::rust_types::ident;
use crate::ir::NamedPattern;
use crate::pattern::{Look, Node};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// The module, or `None` when the model has no pattern.
pub fn patterns_module(patterns: &[NamedPattern]) -> Option<TokenStream> {
    if patterns.is_empty() {
        return None;
    }
    let any_look = patterns.iter().any(|p| p.root.has_look());
    let names = if any_look { quote!(Look, Node, Pattern) } else { quote!(Node, Pattern) };
    let statics = patterns.iter().map(|p| {
        let doc = format!(" `@pattern` of `{}`: `{}`.", p.source, p.model.replace('`', "\\`"));
        let (name, model, root) = (ident(&p.name), &p.model, node(&p.root));
        quote! {
            #[doc = #doc]
            pub(crate) static #name: Pattern = Pattern::new(#model, #root);
        }
    });
    Some(quote! {
        //! The model's `@pattern`s, each matched by the tree the generator made of it.
        use chatsmith_runtime::pattern::{#names};
        #(#statics)*
    })
}

fn node(tree: &Node) -> TokenStream {
    match tree {
        Node::Empty => quote!(Node::Empty),
        Node::Literal(text) => {
            let text = string(text);
            quote!(Node::Literal(#text))
        }
        Node::Class(ranges) => {
            let ranges = ranges.iter().map(|&(low, high)| {
                let (low, high) = (character(low), character(high));
                quote!((#low, #high))
            });
            quote!(Node::class(&[#(#ranges),*]))
        }
        Node::Concat(nodes) => {
            let nodes = nodes.iter().map(node);
            quote!(Node::Concat(&[#(#nodes),*]))
        }
        Node::Alternate(nodes) => {
            let nodes = nodes.iter().map(node);
            quote!(Node::Alternate(&[#(#nodes),*]))
        }
        Node::Repeat { node: repeated, min, max } => {
            let repeated = node(repeated);
            let min = Literal::u32_unsuffixed(*min);
            let max = match max {
                Some(max) => {
                    let max = Literal::u32_unsuffixed(*max);
                    quote!(Some(#max))
                }
                None => quote!(None),
            };
            quote!(Node::Repeat { node: &#repeated, min: #min, max: #max })
        }
        Node::Look(look) => {
            let look = match look {
                Look::Start => quote!(Start),
                Look::End => quote!(End),
                Look::WordBoundary => quote!(WordBoundary),
                Look::NotWordBoundary => quote!(NotWordBoundary),
            };
            quote!(Node::Look(Look::#look))
        }
    }
}

/// A char literal in ASCII: anything else, and control characters, as `\u{..}` escapes.
fn character(c: char) -> Literal {
    format!("'{}'", c.escape_default()).parse().unwrap_or_else(|_| Literal::character(c))
}

/// A string literal in ASCII, like [`character`].
fn string(text: &str) -> Literal {
    format!("\"{}\"", text.escape_default()).parse().unwrap_or_else(|_| Literal::string(text))
}
