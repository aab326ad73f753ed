//! Request serialization: method, URI (labels, query), headers and body from the HTTP traits.

use super::shapes::write;
use super::values::{id, timestamps_of, to_json, to_text};
use crate::ir::{Binding, Field, Operation, Presence, TimestampFormat, Type};
use proc_macro2::TokenStream;
use quote::quote;

/// `fn serialize(input) -> Result<HttpRequestParts, InvalidInput>`.
pub fn serialize(op: &Operation) -> TokenStream {
    let (module, input) = (crate::emit::rust_types::ident(&op.module), crate::emit::rust_types::ident(&op.input.name));
    let path = path(op);
    let query = query(op);
    let method = method(&op.method);
    let prefix_headers: Vec<TokenStream> = op.input.fields.iter().filter_map(prefix_headers).collect();
    let headers: Vec<TokenStream> = op.input.fields.iter().filter_map(header).collect();
    let body = body(op);
    let after_body = after_body(op);
    let writes_parts = !(prefix_headers.is_empty() && headers.is_empty() && body.is_empty() && after_body.is_empty());
    let parts = if writes_parts { quote!(let mut parts) } else { quote!(let parts) };
    let reads_input =
        writes_parts || !query.is_empty() || op.input.fields.iter().any(|f| matches!(f.binding, Binding::Label { .. }));
    let input_param = if reads_input { quote!(input) } else { quote!(_input) };
    quote! {
        /// The HTTP request for `input`; fails, naming the member, when a value cannot be sent.
        pub(crate) fn serialize(#input_param: &crate::operation::#module::#input) -> Result<HttpRequestParts, InvalidInput> {
            #path
            #query
            #parts = HttpRequestParts::new(#method, path);
            #(#prefix_headers)*
            #(#headers)*
            #body
            #after_body
            Ok(parts)
        }
    }
}

/// What depends on the finished body and headers: `Content-MD5` of `@httpChecksumRequired`,
/// then `@requestCompression`; and the host prefix of `@endpoint`.
fn after_body(op: &Operation) -> TokenStream {
    let mut out = Vec::new();
    if op.checksum_required {
        out.push(quote! {
            parts.headers.insert(http::HeaderName::from_static("content-md5"), restjson::content_md5(&parts.body));
        });
    }
    if !op.request_compression.is_empty() {
        let encodings = &op.request_compression;
        out.push(quote!(restjson::compress(&mut parts, &[#(#encodings),*])?;));
    }
    if let Some(prefix) = &op.host_prefix {
        out.push(host_prefix(op, prefix));
    }
    quote!(#(#out)*)
}

/// `parts.host_prefix = Some(..)`: the `@endpoint` host prefix, `{label}`s filled from the
/// `@hostLabel` members and checked.
fn host_prefix(op: &Operation, template: &str) -> TokenStream {
    let mut pieces = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let literal = &rest[..open];
        if !literal.is_empty() {
            pieces.push(quote!(prefix.push_str(#literal);));
        }
        let close = rest[open..].find('}').map_or(rest.len(), |c| c + open);
        let label = &rest[open + 1..close];
        match op.input.fields.iter().find(|f| f.model_name == label) {
            Some(field) => {
                let (value, member) = (id(field), &field.model_name);
                pieces.push(match field.presence {
                    Presence::Required => quote!(prefix.push_str(restjson::host_label(#member, &input.#value)?);),
                    Presence::Optional => quote! {
                        let value = input.#value.as_deref().ok_or_else(|| InvalidInput::serialization(#member, "a host label must be set"))?;
                        prefix.push_str(restjson::host_label(#member, value)?);
                    },
                });
            }
            None => pieces.push(quote!(prefix.push_str(#label);)),
        }
        rest = rest.get(close + 1..).unwrap_or_default();
    }
    if !rest.is_empty() {
        pieces.push(quote!(prefix.push_str(#rest);));
    }
    quote! {
        let mut prefix = String::new();
        #(#pieces)*
        parts.host_prefix = Some(prefix);
    }
}

fn method(method: &str) -> TokenStream {
    match method {
        "GET" => quote!(http::Method::GET),
        "POST" => quote!(http::Method::POST),
        "PUT" => quote!(http::Method::PUT),
        "DELETE" => quote!(http::Method::DELETE),
        "PATCH" => quote!(http::Method::PATCH),
        "HEAD" => quote!(http::Method::HEAD),
        "OPTIONS" => quote!(http::Method::OPTIONS),
        other => {
            let bytes = proc_macro2::Literal::byte_string(other.as_bytes());
            quote!(http::Method::from_bytes(#bytes).map_err(|_| InvalidInput::serialization("@http", "invalid method"))?)
        }
    }
}

/// `let path = ...;` from the URI template: literal parts, and labels percent-encoded.
fn path(op: &Operation) -> TokenStream {
    let mut pushes = Vec::new();
    let mut rest = op.uri.as_str();
    while let Some(open) = rest.find('{') {
        let literal = &rest[..open];
        if !literal.is_empty() {
            pushes.push(quote!(path.push_str(#literal);));
        }
        let close = rest[open..].find('}').map_or(rest.len(), |c| c + open);
        let label = rest[open + 1..close].trim_end_matches('+');
        if let Some(field) = op.input.fields.iter().find(|f| f.model_name == label) {
            pushes.push(label_push(field));
        }
        rest = rest.get(close + 1..).unwrap_or_default();
    }
    if !rest.is_empty() {
        pushes.push(quote!(path.push_str(#rest);));
    }
    quote! {
        let mut path = String::with_capacity(64);
        #(#pushes)*
    }
}

fn label_push(field: &Field) -> TokenStream {
    let (member, value) = (&field.model_name, id(field));
    let greedy = matches!(field.binding, Binding::Label { greedy: true });
    let encode = if greedy { quote!(restjson::greedy_label) } else { quote!(restjson::label) };
    let timestamps = timestamps_of(field, TimestampFormat::DateTime);
    match field.presence {
        Presence::Required => {
            let text = to_text(&quote!(&input.#value), &field.ty, timestamps);
            quote!(path.push_str(&#encode(#member, #text)?);)
        }
        Presence::Optional => {
            let text = to_text(&quote!(value), &field.ty, timestamps);
            quote! {
                let Some(value) = &input.#value else {
                    return Err(InvalidInput::serialization(#member, "a URI label must be set"));
                };
                path.push_str(&#encode(#member, #text)?);
            }
        }
    }
}

/// The query string: `@httpQuery` members, then `@httpQueryParams` entries they do not shadow.
fn query(op: &Operation) -> TokenStream {
    let named: Vec<&String> = op
        .input
        .fields
        .iter()
        .filter_map(|f| match &f.binding {
            Binding::Query(name) => Some(name),
            _ => None,
        })
        .collect();
    let mut pairs = Vec::new();
    for field in &op.input.fields {
        let value = id(field);
        let timestamps = timestamps_of(field, TimestampFormat::DateTime);
        let write = match (&field.binding, &field.ty) {
            (Binding::Query(name), Type::List(e)) => {
                let text = to_text(&quote!(item), &e.ty, timestamps);
                let items = if e.sparse { quote!(value.iter().flatten()) } else { quote!(value) };
                quote!(for item in #items { query.pair(#name, #text); })
            }
            (Binding::Query(name), ty) => {
                let text = to_text(&quote!(value), ty, timestamps);
                quote!(query.pair(#name, #text);)
            }
            (Binding::QueryParams, Type::Map(_, v)) => {
                let each = match &v.ty {
                    Type::List(_) => quote!(for item in values {
                        query.pair(key, item.as_str());
                    }),
                    _ => quote!(query.pair(key, values.as_str());),
                };
                quote! {
                    for (key, values) in value {
                        if ![#(#named),*].contains(&key.as_str()) {
                            #each
                        }
                    }
                }
            }
            _ => continue,
        };
        pairs.push(match field.presence {
            Presence::Required => quote!({ let value = &input.#value; #write }),
            Presence::Optional => quote!(if let Some(value) = &input.#value { #write }),
        });
    }
    if pairs.is_empty() {
        return quote!();
    }
    quote! {
        let mut query = restjson::QueryWriter::new(path);
        #(#pairs)*
        let path = query.finish();
    }
}

/// `@httpHeader`: one header; lists joined with `, `; sensitive values marked so.
fn header(field: &Field) -> Option<TokenStream> {
    let Binding::Header(name) = &field.binding else { return None };
    let (member, value, lower) = (&field.model_name, id(field), name.to_ascii_lowercase());
    let timestamps = timestamps_of(field, TimestampFormat::HttpDate);
    let text = match &field.ty {
        // A `@mediaType` string is sent as base64.
        Type::String if field.media_type.is_some() => quote!(restjson::base64_text(value).as_str()),
        // http-dates hold a comma themselves, yet a list of them is not quoted.
        Type::List(e) if e.ty == Type::Timestamp => {
            let items = if e.sparse { quote!(value.iter().flatten()) } else { quote!(value.iter()) };
            quote!(#items
                .map(|item| text::HttpText::to_http_text(item, #timestamps))
                .collect::<Vec<_>>()
                .join(", ")
                .as_str())
        }
        Type::List(e) => {
            let item = match &e.ty {
                Type::String => quote!(item.clone()),
                _ => quote!(text::HttpText::to_http_text(item, #timestamps)),
            };
            let items = if e.sparse { quote!(value.iter().flatten()) } else { quote!(value.iter()) };
            quote!(restjson::join_header_list(#items.map(|item| #item)).as_str())
        }
        Type::Blob => quote!(json::ToJson::to_json(value).as_str().unwrap_or_default()),
        ty => to_text(&quote!(value), ty, timestamps),
    };
    let encode =
        if field.sensitive { quote!(restjson::sensitive_header_value) } else { quote!(restjson::header_value) };
    // A static name: `HeaderName::from_static` outside a const context checks the name on
    // every call.
    let insert = quote! {
        static NAME: http::HeaderName = http::HeaderName::from_static(#lower);
        parts.headers.insert(NAME.clone(), #encode(#member, #text)?);
    };
    Some(match field.presence {
        Presence::Required => quote!({ let value = &input.#value; #insert }),
        Presence::Optional => quote!(if let Some(value) = &input.#value { #insert }),
    })
}

/// `@httpPrefixHeaders`: one header per map entry (explicit headers, written after, win).
fn prefix_headers(field: &Field) -> Option<TokenStream> {
    let Binding::PrefixHeaders(prefix) = &field.binding else { return None };
    let (member, value) = (&field.model_name, id(field));
    let encode =
        if field.sensitive { quote!(restjson::sensitive_header_value) } else { quote!(restjson::header_value) };
    let insert = quote! {
        for (key, item) in value {
            parts.headers.insert(restjson::prefixed_header_name(#member, #prefix, key)?, #encode(#member, item)?);
        }
    };
    Some(match field.presence {
        Presence::Required => quote!({ let value = &input.#value; #insert }),
        Presence::Optional => quote!(if let Some(value) = &input.#value { #insert }),
    })
}

/// The body: the `@httpPayload` member alone, else a JSON object of the unbound members
/// (`{}` when none is set), else nothing.
fn body(op: &Operation) -> TokenStream {
    let fields = &op.input.fields;
    if let Some(payload) = fields.iter().find(|f| f.binding == Binding::Payload) {
        return payload_body(payload);
    }
    let members: Vec<&Field> = fields.iter().filter(|f| f.binding == Binding::Body).collect();
    if members.is_empty() {
        return quote!();
    }
    let writes = members.iter().map(|f| write(f, &quote!(input)));
    quote! {
        let mut body = Vec::with_capacity(128);
        let mut object = json::ObjectWriter::new(&mut body);
        #(#writes)*
        object.finish();
        parts.headers.entry(http::header::CONTENT_TYPE).or_insert_with(|| restjson::JSON_CONTENT_TYPE.clone());
        parts.body = body.into();
    }
}

fn payload_body(payload: &Field) -> TokenStream {
    let value = id(payload);
    let member = &payload.model_name;
    let media_type = payload.media_type.as_deref();
    let (content_type, bytes) = match &payload.ty {
        Type::Blob => (media_type.unwrap_or("application/octet-stream"), quote!(value.as_bytes().to_vec())),
        Type::String => (media_type.unwrap_or("text/plain"), quote!(value.as_bytes().to_vec())),
        Type::Enum(_) => ("text/plain", quote!(value.as_str().as_bytes().to_vec())),
        ty => {
            let json = to_json(&quote!(value), ty, payload.timestamp_format);
            (
                "application/json",
                quote!(serde_json::to_vec(&#json).map_err(|e| InvalidInput::serialization(#member, e.to_string()))?),
            )
        }
    };
    // An unset structure payload is sent as `{}`; any other unset payload sends no body.
    let unset = match &payload.ty {
        Type::Struct(_) | Type::Document => quote! {
            None => Some(b"{}".to_vec()),
        },
        _ => quote!(None => None,),
    };
    let value_expr = match payload.presence {
        Presence::Required => quote!(Some(&input.#value)),
        Presence::Optional => quote!(input.#value.as_ref()),
    };
    quote! {
        let body: Option<Vec<u8>> = match #value_expr {
            Some(value) => Some(#bytes),
            #unset
        };
        if let Some(body) = body {
            parts.headers
                .entry(http::header::CONTENT_TYPE)
                .or_insert_with(|| http::HeaderValue::from_static(#content_type));
            parts.body = body.into();
        }
    }
}
