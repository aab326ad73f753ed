//! Response parsing: the output from a success, the operation's error from anything else.

use super::values::{field_from_member, format, id};
use crate::emit::rust_types::{default_value, ident};
use crate::ir::{Binding, Field, Operation, Presence, Service, Structure, TimestampFormat, Type};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// `fn parse(response)` and `fn error(response)` of an operation.
pub fn parse(service: &Service, op: &Operation) -> TokenStream {
    let (module, output) = (ident(&op.module), ident(&op.output.name));
    let error = format_ident!("{}Error", op.name);
    let fields = &op.output.fields;
    // The body members are read in one pass over the body, without building its object.
    let body_members: Vec<&Field> = fields.iter().filter(|f| f.binding == Binding::Body).collect();
    let member_var = |i: usize| format_ident!("member_{}", i);
    let object = (!body_members.is_empty()).then(|| {
        let vars = (0..body_members.len()).map(member_var);
        let names = body_members.iter().map(|f| &f.wire_name);
        quote! {
            let [#(#vars),*] = restjson::parse_json_members(&response.body, [#(#names),*])
                .map_err(ResponseFailure::Malformed)?;
        }
    });
    let mut body_index = 0;
    let reads: Vec<TokenStream> = fields
        .iter()
        .map(|f| {
            let id = id(f);
            let member = member_var(body_index);
            body_index += usize::from(f.binding == Binding::Body);
            let read = output_member(f, &member);
            quote!(#id: #read,)
        })
        .collect();
    let arms = op.errors.iter().filter_map(|name| service.errors.iter().find(|e| &e.name == name)).map(|e| {
        let (variant, code) = (ident(&e.name), &e.name);
        let parser = format_ident!("{}", crate::names::snake(&e.name));
        quote!(Some(#code) => crate::operation::#module::#error::#variant(crate::protocol::errors::#parser(&error, response)),)
    });
    quote! {
        /// The output of a 2xx response; any other status is the operation's error.
        pub(crate) fn parse(
            response: &RawResponse,
        ) -> Result<crate::operation::#module::#output, ResponseFailure<crate::operation::#module::#error>> {
            if !(200..300).contains(&response.status) {
                return Err(ResponseFailure::Service(error(response)));
            }
            #object
            Ok(crate::operation::#module::#output {
                #(#reads)*
                request_id: restjson::request_id(&response.headers),
            })
        }

        /// The modelled error named by the response (header, then body `code`, then `__type`),
        /// else `Unhandled` with all the response said.
        fn error(response: &RawResponse) -> crate::operation::#module::#error {
            let error = restjson::parse_error(response);
            match error.code.as_deref() {
                #(#arms)*
                _ => {
                    let (code, message, meta) = error.into_parts();
                    crate::operation::#module::#error::Unhandled(chatsmith_runtime::Unhandled::new(code, message, meta))
                }
            }
        }
    }
}

/// How an output member is read: body (from `member`, the variable holding it), header,
/// prefix headers, status code or payload.
fn output_member(f: &Field, member: &proc_macro2::Ident) -> TokenStream {
    let read = match &f.binding {
        Binding::Header(name) => header_read(f, name),
        Binding::PrefixHeaders(prefix) => quote!(text::prefix_headers(&response.headers, #prefix)),
        Binding::ResponseCode => quote!(Some(i32::from(response.status))),
        Binding::Payload => payload_read(f),
        // Query strings and labels belong to requests: in a response such a member stays unset.
        Binding::Query(_) | Binding::QueryParams | Binding::Label { .. } => quote!(None),
        Binding::Body => return field_from_member(f, member),
    };
    match (f.presence, default_value(f)) {
        (Presence::Optional, Some(default)) => quote!(#read.or_else(|| Some(#default))),
        (Presence::Optional, None) => read,
        (Presence::Required, _) => quote!(#read.unwrap_or_default()),
    }
}

fn header_read(f: &Field, name: &str) -> TokenStream {
    let lower = name.to_ascii_lowercase();
    // Headers carry timestamps as http-dates unless the model says otherwise.
    let timestamps = format(f.timestamp_format.unwrap_or(TimestampFormat::HttpDate));
    match &f.ty {
        Type::String if f.media_type.is_some() => quote!(text::base64_header(&response.headers, #lower)?),
        Type::List(_) => quote!(text::header_list(&response.headers, #lower, #timestamps)?),
        _ => quote!(text::header(&response.headers, #lower, #timestamps)?),
    }
}

fn payload_read(f: &Field) -> TokenStream {
    match &f.ty {
        Type::Blob => quote!(
            (!response.body.is_empty()).then(|| chatsmith_runtime::primitives::Blob::new(response.body.to_vec()))
        ),
        Type::String => quote! {
            if response.body.is_empty() {
                None
            } else {
                Some(String::from_utf8(response.body.to_vec()).map_err(|_| ResponseFailure::Malformed("the response body is not UTF-8 text".into()))?)
            }
        },
        Type::Enum(_) => {
            quote!((!response.body.is_empty()).then(|| String::from_utf8_lossy(&response.body).as_ref().into()))
        }
        _ => quote! {
            if response.body.iter().all(u8::is_ascii_whitespace) {
                None
            } else {
                let value: Value = serde_json::from_slice(restjson::json_body(&response.body))
                    .map_err(|e| ResponseFailure::Malformed(restjson::describe_json_error(&e)))?;
                Some(json::FromJson::from_json(&value)?)
            }
        },
    }
}

/// `fn <exception>(error, response)`: the exception's members from the error response, leniently
/// (a member of the wrong type is dropped rather than hiding the error itself).
pub fn exception_parser(s: &Structure) -> TokenStream {
    let name = ident(&s.name);
    let parser = format_ident!("{}", crate::names::snake(&s.name));
    let members = s.fields.iter().map(|f| {
        let id = id(f);
        let is_message = f.model_name.eq_ignore_ascii_case("message") && f.ty == Type::String;
        let read = match &f.binding {
            _ if is_message => quote!(error.message.clone()),
            Binding::Header(name) => {
                let lower = name.to_ascii_lowercase();
                let timestamps = format(f.timestamp_format.unwrap_or(TimestampFormat::HttpDate));
                match &f.ty {
                    Type::List(_) => quote!(text::header_list(&response.headers, #lower, #timestamps).ok().flatten()),
                    _ => quote!(text::header(&response.headers, #lower, #timestamps).ok().flatten()),
                }
            }
            Binding::ResponseCode => quote!(Some(i32::from(response.status))),
            _ => {
                let wire = &f.wire_name;
                match (&f.ty, f.timestamp_format) {
                    (Type::Timestamp, Some(ts)) => {
                        let ts = format(ts);
                        quote!(json::timestamp_field(&error.body, #wire, #ts).ok().flatten())
                    }
                    _ => quote!(json::field(&error.body, #wire).ok().flatten()),
                }
            }
        };
        match default_value(f) {
            Some(default) => quote!(#id: #read.or_else(|| Some(#default)),),
            None => quote!(#id: #read,),
        }
    });
    let uses_response = s.fields.iter().any(|f| matches!(f.binding, Binding::Header(_) | Binding::ResponseCode));
    let response = if uses_response { quote!(response) } else { quote!(_response) };
    let doc = format!(" [`{0}`](crate::types::error::{0}) from an error response.", s.name);
    quote! {
        #[doc = #doc]
        pub(crate) fn #parser(error: &restjson::ErrorResponse, #response: &RawResponse) -> crate::types::error::#name {
            crate::types::error::#name {
                #(#members)*
                meta: error.meta.clone(),
            }
        }
    }
}

/// `RetryClassify` of an operation error, from `@retryable`.
pub fn retry_classify(service: &Service, op: &Operation) -> TokenStream {
    let (module, error) = (ident(&op.module), format_ident!("{}Error", op.name));
    let arms: Vec<TokenStream> = op
        .errors
        .iter()
        .filter_map(|name| service.errors.iter().find(|e| &e.name == name))
        .filter_map(|e| {
            let variant = ident(&e.name);
            let kind = match e.error.as_ref()?.retryable? {
                true => quote!(RetryKind::Throttling),
                false => quote!(RetryKind::Transient),
            };
            Some(quote!(crate::operation::#module::#error::#variant(_) => Some(#kind),))
        })
        .collect();
    let body = if arms.is_empty() { quote!(None) } else { quote!(match self { #(#arms)* _ => None }) };
    quote! {
        impl RetryClassify for crate::operation::#module::#error {
            fn retry_kind(&self) -> Option<RetryKind> {
                #body
            }
        }
    }
}
