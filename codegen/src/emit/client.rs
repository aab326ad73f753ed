//! The async client (feature `client`): `Client`, its service metadata, and one fluent builder
//! per operation whose `send()` runs the request.

use super::builder::{SetterTarget, setters};
use super::docs::{doc, inner_doc};
use super::rust_types::ident;
use super::{Files, rust};
use crate::ir::{Operation, Presence, Service};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// `src/client.rs`.
pub fn client(service: &Service, files: &mut Files) {
    let sdk_id = &service.sdk_id;
    let prefix =
        service.endpoint_prefix.clone().unwrap_or_else(|| crate::names::snake(&service.sdk_id).replace('_', "-"));
    let rules = match &service.endpoint_rules {
        Some(json) => {
            let text = proc_macro2::Literal::string(json);
            quote!(Some(#text))
        }
        None => quote!(None),
    };
    let meta = |signing: TokenStream| {
        quote! {
            ServiceMeta {
                sdk_id: #sdk_id,
                endpoint_prefix: #prefix,
                signing_name: #signing,
                endpoint_rules: ENDPOINT_RULES,
                crate_name: env!("CARGO_PKG_NAME"),
                crate_version: env!("CARGO_PKG_VERSION"),
            }
        }
    };
    let unsigned = meta(quote!(None));
    let signed = service.signing_name.as_ref().filter(|_| service.signs()).map(|name| {
        let meta = meta(quote!(Some(#name)));
        quote! {
            /// The service, for operations signed with SigV4.
            pub(crate) static SIGNED: ServiceMeta = #meta;
        }
    });
    let methods = service.operations.iter().map(|op| client_method(service, op));
    let krate = service.crate_name.replace('-', "_");
    let docs = inner_doc(&format!(
        "The client of {}.\n\n```no_run\n# async fn example() {{\nlet config = {krate}::Config::builder().region(\"us-east-1\").build();\nlet client = {krate}::Client::new(&config);\n# let _ = client;\n# }}\n```",
        service.title
    ));
    rust(
        files,
        "src/client.rs".into(),
        quote! {
            #docs

            use chatsmith_runtime::client::{Handle, ServiceMeta};

            pub use chatsmith_runtime::client::{
                Config, ConfigBuilder, ConnectorError, ConnectorErrorKind, Credentials, FixedToken, HttpConnector,
                IdempotencyTokenProvider, RandomToken, RetryConfig, Validation,
            };
            /// The HTTP types a custom [`HttpConnector`] and the test service speak.
            pub use chatsmith_runtime::protocol::{bytes, http};
            #[cfg(feature = "test-util")]
            pub use chatsmith_runtime::test_util;

            /// The service's endpoint rules (`smithy.rules#endpointRuleSet`), evaluated by the runtime.
            const ENDPOINT_RULES: Option<&str> = #rules;

            /// The service, for operations sent without SigV4.
            #[allow(dead_code)]
            pub(crate) static UNSIGNED: ServiceMeta = #unsigned;
            #signed

            /// A client for the service: cheap to clone, safe to share between tasks.
            ///
            /// Each operation has a method that returns a fluent builder; set the members and
            /// call `send()`. The input is validated against the model before anything is sent
            /// (unless [`Validation::Off`]), and retried as [`RetryConfig`] says.
            #[derive(Clone, Debug)]
            pub struct Client {
                handle: Handle,
            }

            impl Client {
                /// A client with this configuration.
                pub fn new(config: &Config) -> Self {
                    Self::from_conf(config.clone())
                }

                /// A client that takes ownership of the configuration.
                pub fn from_conf(config: Config) -> Self {
                    Self { handle: Handle::new(config) }
                }

                /// The configuration.
                pub fn config(&self) -> &Config {
                    self.handle.config()
                }

                #(#methods)*
            }
        },
    );
}

fn client_method(service: &Service, op: &Operation) -> TokenStream {
    let method = ident(&op.module);
    let module = ident(&op.module);
    let builder = format_ident!("{}FluentBuilder", op.name);
    let summary = op.docs.split("\n\n").next().unwrap_or_default();
    let krate = service.crate_name.replace('-', "_");
    let mut example = format!(
        "```no_run\n# async fn example(client: {krate}::Client) -> Result<(), Box<dyn std::error::Error>> {{\nlet output = client\n    .{}()\n",
        op.module
    );
    for field in op.input.fields.iter().filter(|f| f.presence == Presence::Required) {
        example.push_str(&format!("    .{}({})\n", field.ident, super::example::setter_value(service, &krate, field)));
    }
    example.push_str("    .send()\n    .await?;\n# let _ = output;\n# Ok(())\n# }\n```");
    let docs = doc(&format!(
        "{summary}\n\nSee [`{0}`](crate::operation::{1}) for the members, constraints and errors.\n\n{example}",
        op.name, op.module
    ));
    quote! {
        #docs
        pub fn #method(&self) -> crate::operation::#module::builders::#builder {
            crate::operation::#module::builders::#builder::new(self.handle.clone())
        }
    }
}

/// `src/operation/<op>/fluent.rs`: the builder `Client::<op>()` returns.
pub fn fluent(op: &Operation, files: &mut Files) {
    let (input, output, error) = (ident(&op.input.name), ident(&op.output.name), format_ident!("{}Error", op.name));
    let input_builder = format_ident!("{}Builder", op.input.name);
    let name = format_ident!("{}FluentBuilder", op.name);
    let marker = format_ident!("{}", op.name);
    let module = ident(&op.module);
    let setters = op.input.fields.iter().map(|f| setters(f, SetterTarget::Inner));
    let into_paginator = op.pagination.is_some().then(|| {
        let paginator = format_ident!("{}Paginator", op.name);
        quote! {
            /// Pages through the results instead of sending one request.
            pub fn into_paginator(self) -> super::paginator::#paginator {
                super::paginator::#paginator::new(self)
            }
        }
    });
    let doc = format!(
        " Sets up a `{}` request; [`send`](Self::send) sends it. Made by [`Client::{}`](crate::Client::{}).",
        op.name, op.module, op.module
    );
    rust(
        files,
        format!("src/operation/{}/fluent.rs", op.module),
        quote! {
            #[doc = #doc]
            #[derive(Clone, Debug)]
            pub struct #name {
                handle: chatsmith_runtime::client::Handle,
                inner: super::builders::#input_builder,
            }

            impl #name {
                pub(crate) fn new(handle: chatsmith_runtime::client::Handle) -> Self {
                    Self { handle, inner: Default::default() }
                }

                /// The input built so far.
                pub fn as_input(&self) -> &super::builders::#input_builder {
                    &self.inner
                }

                /// Sends the request: builds the input (naming any missing member), validates it
                /// against the model unless validation is off (an invalid input sends nothing),
                /// fills an unset idempotency token once, and sends it with retries, the same
                /// token and body on every attempt.
                pub async fn send(self) -> Result<super::#output, chatsmith_runtime::SdkError<super::#error>> {
                    let input: super::#input = self.inner.build()?;
                    self.handle.invoke::<crate::protocol::#module::#marker>(input).await
                }

                #into_paginator
                #(#setters)*
            }
        },
    );
}
