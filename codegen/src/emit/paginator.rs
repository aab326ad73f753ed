//! Paginators (feature `client`): for `@paginated` operations, pages one `next_page().await` at
//! a time, and, when the model names the items, the items of every page one `next().await` at a time.

use super::rust_types::{ident, value_type};
use super::{Files, rust};
use crate::ir::{Operation, Pagination};
use quote::{format_ident, quote};

/// `src/operation/<op>/paginator.rs`, for paginated operations.
pub fn paginator(op: &Operation, files: &mut Files) {
    let Some(pagination) = &op.pagination else { return };
    let Pagination { input_token, output_token, items, page_size } = pagination;
    let (input_token, output_token) = (ident(input_token), ident(output_token));
    let pages = format_ident!("{}Paginator", op.name);
    let fluent = format_ident!("{}FluentBuilder", op.name);
    let (output, error) = (ident(&op.output.name), format_ident!("{}Error", op.name));
    let page_doc = format!(
        " The pages of `{}`: each [`next_page`](Self::next_page) sends one request with the token \
         the previous page returned. Made by `into_paginator()` on the request.",
        op.name
    );
    let page_size = page_size.as_ref().map(|member| {
        let member = ident(member);
        quote! {
            /// Sets how many results a page may hold.
            pub fn page_size(mut self, size: i32) -> Self {
                self.request = self.request.#member(size);
                self
            }
        }
    });
    let items = items.as_ref().map(|(member, item)| {
        let (member, item) = (ident(member), value_type(item));
        let name = format_ident!("{}Items", op.name);
        let doc = format!(" Every item of every page of `{}`, in order.", op.name);
        quote! {
            impl #pages {
                /// The items of every page, one at a time.
                pub fn items(self) -> #name {
                    #name { pages: self, buffer: std::collections::VecDeque::new() }
                }
            }

            #[doc = #doc]
            #[derive(Debug)]
            pub struct #name {
                pages: #pages,
                buffer: std::collections::VecDeque<#item>,
            }

            impl #name {
                /// The next item, or `None` after the last one (or after an error).
                pub async fn next(&mut self) -> Option<Result<#item, chatsmith_runtime::SdkError<super::#error>>> {
                    loop {
                        if let Some(item) = self.buffer.pop_front() {
                            return Some(Ok(item));
                        }
                        match self.pages.next_page().await? {
                            Ok(page) => self.buffer.extend(page.#member.into_iter().flatten()),
                            Err(error) => return Some(Err(error)),
                        }
                    }
                }
            }
        }
    });
    rust(
        files,
        format!("src/operation/{}/paginator.rs", op.module),
        quote! {
            //! Paging through the results.

            #[doc = #page_doc]
            #[derive(Debug)]
            pub struct #pages {
                request: super::builders::#fluent,
                next_token: Option<String>,
                done: bool,
            }

            impl #pages {
                pub(crate) fn new(request: super::builders::#fluent) -> Self {
                    Self { request, next_token: None, done: false }
                }

                #page_size

                /// The next page, or `None` after the last one (or after an error).
                pub async fn next_page(&mut self) -> Option<Result<super::#output, chatsmith_runtime::SdkError<super::#error>>> {
                    if self.done {
                        return None;
                    }
                    let sent = self.next_token.take();
                    let request = match &sent {
                        Some(token) => self.request.clone().#input_token(token.clone()),
                        None => self.request.clone(),
                    };
                    match request.send().await {
                        Ok(page) => {
                            let next = page.#output_token.clone().filter(|token| !token.is_empty());
                            // A service that hands back the token it was sent would page forever.
                            self.done = next.is_none() || next == sent;
                            self.next_token = next;
                            Some(Ok(page))
                        }
                        Err(error) => {
                            self.done = true;
                            Some(Err(error))
                        }
                    }
                }
            }

            #items
        },
    );
}
