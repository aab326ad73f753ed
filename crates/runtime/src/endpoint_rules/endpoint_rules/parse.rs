//! Reading a ruleset document (the JSON value of `smithy.rules#endpointRuleSet`) into
//! [`syntax`](super::syntax), checking what can be checked before evaluation: rule kinds,
//! function names and argument counts, templates, `getAttr` paths, parameter declarations and
//! that every reference names a parameter or a value assigned earlier in an enclosing rule.

use super::error::RuleSetError;
use super::parameter::{Parameter, ParameterType};
use super::syntax::{Condition, EndpointTemplate, Expr, Func, Literal, Rule, RuleKind, Template, TemplatePart};
use super::template::{is_identifier, parse_path, parse_template};
use super::value::Value;
use serde_json::{Map, Value as Json};

/// How deeply rules and expressions may nest (a bound on recursion, far above real rulesets).
const MAX_DEPTH: usize = 128;

/// The parts of a parsed ruleset.
pub(crate) struct ParsedRuleSet {
    pub(crate) version: String,
    pub(crate) parameters: Vec<Parameter>,
    pub(crate) rules: Vec<Rule>,
}

/// Parses and checks a ruleset document.
pub(crate) fn parse_ruleset(doc: &Json) -> Result<ParsedRuleSet, RuleSetError> {
    let root = object(doc, "")?;
    let version = match root.get("version") {
        Some(Json::String(v)) => v.clone(),
        Some(_) => return Err(RuleSetError::new("/version", "the version must be a string")),
        None => return Err(RuleSetError::new("", "the ruleset has no `version`")),
    };
    let parameters = match root.get("parameters") {
        None => Vec::new(),
        Some(params) => {
            let params = object(params, "/parameters")?;
            params
                .iter()
                .map(|(name, def)| parse_parameter(name, def, &format!("/parameters/{}", escape(name))))
                .collect::<Result<Vec<_>, _>>()?
        }
    };
    let rules = root.get("rules").ok_or_else(|| RuleSetError::new("", "the ruleset has no `rules`"))?;
    let mut parser = Parser { scope: parameters.iter().map(|p| p.name.clone()).collect(), depth: 0 };
    let rules = parser.rules(rules, "/rules")?;
    Ok(ParsedRuleSet { version, parameters, rules })
}

fn parse_parameter(name: &str, def: &Json, ptr: &str) -> Result<Parameter, RuleSetError> {
    if !is_identifier(name) {
        return Err(RuleSetError::new(ptr, format!("`{name}` is not a valid parameter name")));
    }
    let def = object(def, ptr)?;
    let ty = match def.get("type") {
        Some(Json::String(ty)) => ParameterType::from_name(ty).ok_or_else(|| {
            RuleSetError::new(
                format!("{ptr}/type"),
                format!("unknown parameter type `{ty}` (string, boolean, stringArray)"),
            )
        })?,
        _ => return Err(RuleSetError::new(ptr, "the parameter has no `type` string")),
    };
    let built_in = optional_string(def, "builtIn", ptr)?;
    let documentation = optional_string(def, "documentation", ptr)?;
    let required = match def.get("required") {
        None => false,
        Some(Json::Bool(b)) => *b,
        Some(_) => return Err(RuleSetError::new(format!("{ptr}/required"), "`required` must be a boolean")),
    };
    let default = match def.get("default") {
        None | Some(Json::Null) => None,
        Some(json) => {
            let value = Value::from_json(json).filter(|v| ty.admits(v)).ok_or_else(|| {
                RuleSetError::new(format!("{ptr}/default"), format!("the default is not a {}", ty.name()))
            })?;
            Some(value)
        }
    };
    let deprecated = def.get("deprecated").is_some_and(|d| !d.is_null());
    Ok(Parameter { name: name.to_owned(), ty, built_in, required, default, documentation, deprecated })
}

/// The parser's state: names in scope (parameters, then assignments of enclosing conditions).
struct Parser {
    scope: Vec<String>,
    depth: usize,
}

impl Parser {
    fn enter(&mut self, ptr: &str) -> Result<(), RuleSetError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(RuleSetError::new(ptr, format!("rules or expressions nest more than {MAX_DEPTH} deep")));
        }
        Ok(())
    }

    fn rules(&mut self, rules: &Json, ptr: &str) -> Result<Vec<Rule>, RuleSetError> {
        let Json::Array(rules) = rules else {
            return Err(RuleSetError::new(ptr, "`rules` must be an array"));
        };
        rules.iter().enumerate().map(|(i, rule)| self.rule(rule, &format!("{ptr}/{i}"))).collect()
    }

    fn rule(&mut self, rule: &Json, ptr: &str) -> Result<Rule, RuleSetError> {
        self.enter(ptr)?;
        let marker = self.scope.len();
        let result = self.rule_in_scope(rule, ptr);
        self.scope.truncate(marker);
        self.depth -= 1;
        result
    }

    fn rule_in_scope(&mut self, rule: &Json, ptr: &str) -> Result<Rule, RuleSetError> {
        let rule = object(rule, ptr)?;
        let conditions = match rule.get("conditions") {
            None => Vec::new(),
            Some(Json::Array(conditions)) => conditions
                .iter()
                .enumerate()
                .map(|(i, c)| self.condition(c, &format!("{ptr}/conditions/{i}")))
                .collect::<Result<Vec<_>, _>>()?,
            Some(_) => return Err(RuleSetError::new(format!("{ptr}/conditions"), "`conditions` must be an array")),
        };
        let kind = match rule.get("type") {
            Some(Json::String(kind)) => kind.as_str(),
            _ => return Err(RuleSetError::new(ptr, "the rule has no `type` (endpoint, error or tree)")),
        };
        let field = |name: &str| {
            rule.get(name)
                .ok_or_else(|| RuleSetError::new(ptr, format!("a rule of type `{kind}` needs the member `{name}`")))
        };
        let kind = match kind {
            "endpoint" => RuleKind::Endpoint(self.endpoint(field("endpoint")?, &format!("{ptr}/endpoint"))?),
            "error" => RuleKind::Error(self.expr(field("error")?, &format!("{ptr}/error"))?),
            "tree" => RuleKind::Tree(self.rules(field("rules")?, &format!("{ptr}/rules"))?),
            other => {
                return Err(RuleSetError::new(
                    format!("{ptr}/type"),
                    format!("unknown rule type `{other}` (endpoint, error or tree)"),
                ));
            }
        };
        Ok(Rule { pointer: ptr.to_owned(), conditions, kind })
    }

    fn condition(&mut self, condition: &Json, ptr: &str) -> Result<Condition, RuleSetError> {
        let fields = object(condition, ptr)?;
        if !fields.contains_key("fn") {
            return Err(RuleSetError::new(ptr, "a condition must be a function call (`fn` and `argv`)"));
        }
        let expr = self.expr(condition, ptr)?;
        let assign = optional_string(fields, "assign", ptr)?;
        if let Some(name) = &assign {
            if !is_identifier(name) {
                return Err(RuleSetError::new(format!("{ptr}/assign"), format!("`{name}` is not a valid name")));
            }
            if self.scope.iter().any(|n| n == name) {
                return Err(RuleSetError::new(format!("{ptr}/assign"), format!("`{name}` is already defined")));
            }
            self.scope.push(name.clone());
        }
        Ok(Condition { pointer: ptr.to_owned(), expr, assign })
    }

    fn endpoint(&mut self, endpoint: &Json, ptr: &str) -> Result<EndpointTemplate, RuleSetError> {
        let fields = object(endpoint, ptr)?;
        let url = fields.get("url").ok_or_else(|| RuleSetError::new(ptr, "the endpoint has no `url`"))?;
        let url = self.expr(url, &format!("{ptr}/url"))?;
        let mut headers = Vec::new();
        if let Some(map) = fields.get("headers").filter(|h| !h.is_null()) {
            for (name, values) in object(map, &format!("{ptr}/headers"))? {
                let hptr = format!("{ptr}/headers/{}", escape(name));
                let Json::Array(values) = values else {
                    return Err(RuleSetError::new(hptr, "header values must be an array"));
                };
                let values = values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| self.expr(v, &format!("{hptr}/{i}")))
                    .collect::<Result<Vec<_>, _>>()?;
                headers.push((name.clone(), values));
            }
        }
        let mut properties = Vec::new();
        if let Some(map) = fields.get("properties").filter(|p| !p.is_null()) {
            for (name, value) in object(map, &format!("{ptr}/properties"))? {
                properties.push((name.clone(), self.literal(value, &format!("{ptr}/properties/{}", escape(name)))?));
            }
        }
        Ok(EndpointTemplate { url, headers, properties })
    }

    fn expr(&mut self, expr: &Json, ptr: &str) -> Result<Expr, RuleSetError> {
        self.enter(ptr)?;
        let result = self.expr_inner(expr, ptr);
        self.depth -= 1;
        result
    }

    fn expr_inner(&mut self, expr: &Json, ptr: &str) -> Result<Expr, RuleSetError> {
        let Json::Object(fields) = expr else {
            return Ok(Expr::Literal(self.literal(expr, ptr)?));
        };
        if let Some(name) = fields.get("ref") {
            let Json::String(name) = name else {
                return Err(RuleSetError::new(format!("{ptr}/ref"), "`ref` must be a string"));
            };
            self.check_ref(name, &format!("{ptr}/ref"))?;
            return Ok(Expr::Ref(name.clone()));
        }
        let Some(name) = fields.get("fn") else {
            return Ok(Expr::Literal(self.literal(expr, ptr)?));
        };
        let Json::String(name) = name else {
            return Err(RuleSetError::new(format!("{ptr}/fn"), "`fn` must be a string"));
        };
        let argv = match fields.get("argv") {
            Some(Json::Array(argv)) => argv,
            _ => return Err(RuleSetError::new(ptr, format!("the call of `{name}` has no `argv` array"))),
        };
        if name == "getAttr" {
            let [target, path] = argv.as_slice() else {
                return Err(RuleSetError::new(format!("{ptr}/argv"), "`getAttr` takes 2 arguments"));
            };
            let target = self.expr(target, &format!("{ptr}/argv/0"))?;
            let Json::String(path) = path else {
                return Err(RuleSetError::new(format!("{ptr}/argv/1"), "the path of `getAttr` must be a string"));
            };
            let path = parse_path(path).map_err(|why| RuleSetError::new(format!("{ptr}/argv/1"), why))?;
            return Ok(Expr::GetAttr(Box::new(target), path));
        }
        let func = Func::from_name(name)
            .ok_or_else(|| RuleSetError::new(format!("{ptr}/fn"), format!("unknown function `{name}`")))?;
        if !func.accepts(argv.len()) {
            return Err(RuleSetError::new(
                format!("{ptr}/argv"),
                format!("`{name}` takes {} argument(s), not {}", func.arity(), argv.len()),
            ));
        }
        let args = argv
            .iter()
            .enumerate()
            .map(|(i, arg)| self.expr(arg, &format!("{ptr}/argv/{i}")))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Expr::Call(func, args))
    }

    fn literal(&mut self, literal: &Json, ptr: &str) -> Result<Literal, RuleSetError> {
        self.enter(ptr)?;
        let result = self.literal_inner(literal, ptr);
        self.depth -= 1;
        result
    }

    fn literal_inner(&mut self, literal: &Json, ptr: &str) -> Result<Literal, RuleSetError> {
        Ok(match literal {
            Json::String(text) => Literal::Str(self.template(text, ptr)?),
            Json::Bool(b) => Literal::Bool(*b),
            Json::Number(n) => {
                Literal::Int(n.as_i64().ok_or_else(|| RuleSetError::new(ptr, "numbers must be integers"))?)
            }
            Json::Array(items) => Literal::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| self.literal(item, &format!("{ptr}/{i}")))
                    .collect::<Result<_, _>>()?,
            ),
            Json::Object(fields) => Literal::Record(
                fields
                    .iter()
                    .map(|(k, v)| Ok((k.clone(), self.literal(v, &format!("{ptr}/{}", escape(k)))?)))
                    .collect::<Result<_, RuleSetError>>()?,
            ),
            Json::Null => return Err(RuleSetError::new(ptr, "`null` is not a value of the rules language")),
        })
    }

    fn template(&mut self, text: &str, ptr: &str) -> Result<Template, RuleSetError> {
        let template = parse_template(text).map_err(|why| RuleSetError::new(ptr, why))?;
        for part in &template.parts {
            if let TemplatePart::Dynamic { expr, .. } = part {
                self.check_refs(expr, ptr)?;
            }
        }
        Ok(template)
    }

    fn check_refs(&self, expr: &Expr, ptr: &str) -> Result<(), RuleSetError> {
        match expr {
            Expr::Ref(name) => self.check_ref(name, ptr),
            Expr::GetAttr(target, _) => self.check_refs(target, ptr),
            Expr::Literal(_) | Expr::Call(..) => Ok(()),
        }
    }

    fn check_ref(&self, name: &str, ptr: &str) -> Result<(), RuleSetError> {
        if self.scope.iter().any(|n| n == name) {
            Ok(())
        } else {
            Err(RuleSetError::new(
                ptr,
                format!("`{name}` is neither a parameter nor a value assigned by an enclosing rule's condition"),
            ))
        }
    }
}

fn object<'a>(value: &'a Json, ptr: &str) -> Result<&'a Map<String, Json>, RuleSetError> {
    match value {
        Json::Object(map) => Ok(map),
        _ => Err(RuleSetError::new(ptr, "expected a JSON object")),
    }
}

fn optional_string(fields: &Map<String, Json>, key: &str, ptr: &str) -> Result<Option<String>, RuleSetError> {
    match fields.get(key) {
        None | Some(Json::Null) => Ok(None),
        Some(Json::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(RuleSetError::new(format!("{ptr}/{key}"), format!("`{key}` must be a string"))),
    }
}

/// A key as a JSON pointer segment (RFC 6901).
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}
