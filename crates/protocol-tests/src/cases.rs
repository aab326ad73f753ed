//! The compliance cases of one service, read from a Smithy JSON AST model.
//!
//! Cases live in the traits `smithy.test#httpRequestTests` (on operations) and
//! `smithy.test#httpResponseTests` (on operations and on error structures). Cases that apply to
//! servers only (`"appliesTo": "server"`) and cases of other protocols are left out;
//! `httpMalformedRequestTests` are for servers and never read.

use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::fmt;

/// The protocol whose cases are read.
pub const PROTOCOL: &str = "aws.protocols#restJson1";

/// Which trait a case comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// `smithy.test#httpRequestTests`: the client must send this request.
    Request,
    /// `smithy.test#httpResponseTests`: the client must read this response.
    Response,
}

impl Kind {
    /// `request` or `response`, the prefix of the generated test function.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Request => "request",
            Kind::Response => "response",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One client case.
#[derive(Clone, Debug)]
pub struct Case {
    /// The case id (`RestJsonAllQueryStringTypes`).
    pub id: String,
    /// Request or response.
    pub kind: Kind,
    /// The operation's shape name (`AllQueryStringTypes`): the one the case is on, or for an
    /// error structure's case, the first operation (by name) that can return the error.
    pub operation: String,
    /// For a case on an error structure: the structure's shape name.
    pub error: Option<String>,
    /// The member values: the input of a request case, the output or error of a response case.
    pub params: Map<String, Value>,
    /// What the client must send (request cases).
    pub request: Option<ExpectedRequest>,
    /// What the service answers (response cases).
    pub response: Option<GivenResponse>,
    /// `tags` of the case.
    pub tags: Vec<String>,
}

impl Case {
    /// `request RestJsonAllQueryStringTypes`.
    pub fn label(&self) -> String {
        format!("{} {}", self.kind, self.id)
    }

    /// The name of the generated test function (`request__RestJsonAllQueryStringTypes`).
    pub fn test_name(&self) -> String {
        let id: String = self.id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect();
        format!("{}__{id}", self.kind)
    }
}

/// The request a request case expects.
#[derive(Clone, Debug, Default)]
pub struct ExpectedRequest {
    /// HTTP method.
    pub method: String,
    /// The request path, percent-encoded as it must be sent, without the query.
    pub uri: String,
    /// The endpoint host the client is given (`example.com`, `example.com/custom`).
    pub host: Option<String>,
    /// The host the request must go to (`foo.example.com`).
    pub resolved_host: Option<String>,
    /// `k=v` (or bare `k`) pairs that must be in the query, already percent-encoded.
    pub query_params: Vec<String>,
    /// Query keys that must not be present.
    pub forbid_query_params: Vec<String>,
    /// Query keys that must be present.
    pub require_query_params: Vec<String>,
    /// Headers that must be present with exactly this value.
    pub headers: Vec<(String, String)>,
    /// Headers that must not be present.
    pub forbid_headers: Vec<String>,
    /// Headers that must be present, with any value.
    pub require_headers: Vec<String>,
    /// The body; `None` asserts nothing.
    pub body: Option<String>,
    /// How to compare the body: as JSON for `application/json`, else byte for byte.
    pub body_media_type: Option<String>,
}

/// The response a response case gives the client.
#[derive(Clone, Debug, Default)]
pub struct GivenResponse {
    /// HTTP status.
    pub code: u16,
    /// Response headers.
    pub headers: Vec<(String, String)>,
    /// The body (empty when absent).
    pub body: String,
}

/// Every client case of `service` in `model` (a Smithy JSON AST document), in a stable order:
/// operations by name with their request then response cases, then error structures by name.
pub fn read(model: &Value, service: &str) -> Result<Vec<Case>, String> {
    let shapes = model.get("shapes").and_then(Value::as_object).ok_or("the model has no `shapes`")?;
    let service_shape = shapes.get(service).ok_or_else(|| format!("the model has no service {service}"))?;
    let operations = service_operations(shapes, service_shape);
    let mut cases = Vec::new();
    let mut errors: BTreeSet<String> = BTreeSet::new();
    let service_errors: Vec<String> = targets(service_shape.get("errors"));
    for (op_id, op) in &operations {
        let op_name = shape_name(op_id);
        for (trait_id, kind) in
            [("smithy.test#httpRequestTests", Kind::Request), ("smithy.test#httpResponseTests", Kind::Response)]
        {
            for case in trait_cases(op, trait_id) {
                cases.push(read_case(case, kind, op_name, None).map_err(|e| format!("{op_id}: {e}"))?);
            }
        }
        errors.extend(targets(op.get("errors")));
    }
    errors.extend(service_errors.iter().cloned());
    for error_id in &errors {
        let Some(error) = shapes.get(error_id) else { continue };
        // The first operation, by name, that can return the error.
        let Some((op_id, _)) = operations
            .iter()
            .find(|(_, op)| targets(op.get("errors")).contains(error_id) || service_errors.contains(error_id))
        else {
            continue;
        };
        for case in trait_cases(error, "smithy.test#httpResponseTests") {
            let case = read_case(case, Kind::Response, shape_name(op_id), Some(shape_name(error_id)))
                .map_err(|e| format!("{error_id}: {e}"))?;
            cases.push(case);
        }
    }
    Ok(cases)
}

/// The service's operations (resources walked), sorted by shape name.
fn service_operations<'m>(shapes: &'m Map<String, Value>, service: &'m Value) -> Vec<(String, &'m Value)> {
    let mut found = std::collections::BTreeMap::new();
    let mut stack = vec![service];
    let mut seen = BTreeSet::new();
    while let Some(container) = stack.pop() {
        for id in targets(container.get("operations")) {
            if let Some(op) = shapes.get(&id) {
                found.insert((shape_name(&id).to_owned(), id.clone()), op);
            }
        }
        for id in targets(container.get("resources")) {
            if seen.insert(id.clone())
                && let Some(resource) = shapes.get(&id)
            {
                stack.push(resource);
            }
        }
    }
    found.into_iter().map(|((_, id), op)| (id, op)).collect()
}

fn targets(list: Option<&Value>) -> Vec<String> {
    list.and_then(Value::as_array)
        .map(|items| items.iter().filter_map(|r| r.get("target")?.as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

fn shape_name(id: &str) -> &str {
    id.rsplit('#').next().unwrap_or(id)
}

/// The client cases of the restJson1 protocol in trait `trait_id` of `shape`.
fn trait_cases<'m>(shape: &'m Value, trait_id: &str) -> impl Iterator<Item = &'m Value> {
    shape
        .get("traits")
        .and_then(|t| t.get(trait_id))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|case| case.get("protocol").and_then(Value::as_str) == Some(PROTOCOL))
        .filter(|case| case.get("appliesTo").and_then(Value::as_str) != Some("server"))
}

fn read_case(case: &Value, kind: Kind, operation: &str, error: Option<&str>) -> Result<Case, String> {
    let text = |key: &str| case.get(key).and_then(Value::as_str).map(str::to_owned);
    let list = |key: &str| -> Vec<String> {
        case.get(key)
            .and_then(Value::as_array)
            .map(|items| items.iter().filter_map(Value::as_str).map(str::to_owned).collect())
            .unwrap_or_default()
    };
    let headers = || -> Vec<(String, String)> {
        case.get("headers")
            .and_then(Value::as_object)
            .map(|h| h.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned())).collect())
            .unwrap_or_default()
    };
    let id = text("id").ok_or("a case without an id")?;
    let params = match case.get("params") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(params)) => params.clone(),
        Some(_) => return Err(format!("case {id}: `params` is not an object")),
    };
    let (request, response) = match kind {
        Kind::Request => (
            Some(ExpectedRequest {
                method: text("method").ok_or_else(|| format!("case {id}: no method"))?,
                uri: text("uri").ok_or_else(|| format!("case {id}: no uri"))?,
                host: text("host"),
                resolved_host: text("resolvedHost"),
                query_params: list("queryParams"),
                forbid_query_params: list("forbidQueryParams"),
                require_query_params: list("requireQueryParams"),
                headers: headers(),
                forbid_headers: list("forbidHeaders"),
                require_headers: list("requireHeaders"),
                body: text("body"),
                body_media_type: text("bodyMediaType"),
            }),
            None,
        ),
        Kind::Response => {
            let code = case.get("code").and_then(Value::as_u64).ok_or_else(|| format!("case {id}: no code"))?;
            let code = u16::try_from(code).map_err(|_| format!("case {id}: bad code {code}"))?;
            (None, Some(GivenResponse { code, headers: headers(), body: text("body").unwrap_or_default() }))
        }
    };
    Ok(Case {
        id,
        kind,
        operation: operation.to_owned(),
        error: error.map(str::to_owned),
        params,
        request,
        response,
        tags: list("tags"),
    })
}

/// Whether the list or map shape `id` is `@sparse` in `model`.
pub fn is_sparse(model: &Value, id: &str) -> bool {
    model
        .get("shapes")
        .and_then(|s| s.get(id))
        .and_then(|s| s.get("traits"))
        .is_some_and(|t| t.get("smithy.api#sparse").is_some())
}
