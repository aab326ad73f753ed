//! The interpreter: rules in order, conditions with `assign`, expressions, templates.
//!
//! Each rule opens a scope; names its conditions assign are visible to its later conditions
//! and to its sub-rules, and are dropped when the rule is done. A `tree` rule whose
//! conditions hold must produce a result: when none of its rules matches, resolution fails.

use super::endpoint::ResolvedEndpoint;
use super::error::{ResolveError, ResolveErrorKind};
use super::functions;
use super::syntax::{EndpointTemplate, Expr, Literal, PathPart, Rule, RuleKind, Template, TemplatePart};
use super::value::Value;
use std::collections::BTreeMap;

/// What a matching rule produced.
pub(crate) enum Outcome {
    Endpoint(ResolvedEndpoint),
    Error(String),
}

/// Evaluates `rules` with `scope` holding the parameters that have values.
pub(crate) fn evaluate<'a>(rules: &'a [Rule], scope: Vec<(&'a str, Value)>) -> Result<Outcome, ResolveError> {
    let mut evaluator = Evaluator { scope };
    for rule in rules {
        if let Some(outcome) = evaluator.rule(rule)? {
            return Ok(outcome);
        }
    }
    Err(ResolveError::new(ResolveErrorKind::NoMatch, "no rule of the endpoint ruleset matched the parameters"))
}

struct Evaluator<'a> {
    scope: Vec<(&'a str, Value)>,
}

impl<'a> Evaluator<'a> {
    fn rule(&mut self, rule: &'a Rule) -> Result<Option<Outcome>, ResolveError> {
        let marker = self.scope.len();
        let result = self.rule_in_scope(rule);
        self.scope.truncate(marker);
        result
    }

    fn rule_in_scope(&mut self, rule: &'a Rule) -> Result<Option<Outcome>, ResolveError> {
        for condition in &rule.conditions {
            let value = self.expr(&condition.expr).map_err(|why| evaluation(why, &condition.pointer))?;
            match value {
                None | Some(Value::Bool(false)) => return Ok(None),
                Some(value) => {
                    if let Some(name) = &condition.assign {
                        self.scope.push((name, value));
                    }
                }
            }
        }
        match &rule.kind {
            RuleKind::Endpoint(endpoint) => self
                .endpoint(endpoint)
                .map(|e| Some(Outcome::Endpoint(e)))
                .map_err(|why| evaluation(why, &rule.pointer)),
            RuleKind::Error(message) => match self.expr(message).map_err(|why| evaluation(why, &rule.pointer))? {
                Some(Value::String(message)) => Ok(Some(Outcome::Error(message))),
                other => Err(evaluation(format!("the error message is {}", describe(other.as_ref())), &rule.pointer)),
            },
            RuleKind::Tree(rules) => {
                for sub_rule in rules {
                    if let Some(outcome) = self.rule(sub_rule)? {
                        return Ok(Some(outcome));
                    }
                }
                Err(ResolveError::new(
                    ResolveErrorKind::NoMatch,
                    format!("no rule inside the tree rule at {} matched the parameters", rule.pointer),
                ))
            }
        }
    }

    fn endpoint(&mut self, endpoint: &'a EndpointTemplate) -> Result<ResolvedEndpoint, String> {
        let url = match self.expr(&endpoint.url)? {
            Some(Value::String(url)) => url,
            other => return Err(format!("the endpoint URL is {}", describe(other.as_ref()))),
        };
        let mut headers = BTreeMap::new();
        for (name, values) in &endpoint.headers {
            let values = values
                .iter()
                .map(|value| match self.expr(value)? {
                    Some(Value::String(s)) => Ok(s),
                    other => Err(format!("a value of header `{name}` is {}", describe(other.as_ref()))),
                })
                .collect::<Result<Vec<_>, String>>()?;
            headers.insert(name.clone(), values);
        }
        let properties = endpoint
            .properties
            .iter()
            .map(|(name, literal)| Ok((name.clone(), self.literal(literal)?)))
            .collect::<Result<BTreeMap<_, _>, String>>()?;
        Ok(ResolvedEndpoint { url, headers, properties })
    }

    fn expr(&mut self, expr: &'a Expr) -> Result<Option<Value>, String> {
        match expr {
            Expr::Literal(literal) => self.literal(literal).map(Some),
            Expr::Ref(name) => Ok(self.lookup(name)),
            Expr::GetAttr(target, path) => match self.expr(target)? {
                None => Ok(None),
                Some(value) => get_attr(value, path),
            },
            Expr::Call(func, args) => {
                let args = args.iter().map(|arg| self.expr(arg)).collect::<Result<Vec<_>, _>>()?;
                functions::call(*func, args)
            }
        }
    }

    fn literal(&mut self, literal: &'a Literal) -> Result<Value, String> {
        Ok(match literal {
            Literal::Str(template) => Value::String(self.template(template)?),
            Literal::Bool(b) => Value::Bool(*b),
            Literal::Int(n) => Value::Int(*n),
            Literal::Array(items) => Value::Array(items.iter().map(|i| self.literal(i)).collect::<Result<_, _>>()?),
            Literal::Record(fields) => Value::Record(
                fields.iter().map(|(k, v)| Ok((k.clone(), self.literal(v)?))).collect::<Result<_, String>>()?,
            ),
        })
    }

    fn template(&mut self, template: &'a Template) -> Result<String, String> {
        let mut out = String::new();
        for part in &template.parts {
            match part {
                TemplatePart::Text(text) => out.push_str(text),
                TemplatePart::Dynamic { raw, expr } => match self.expr(expr)? {
                    Some(Value::String(s)) => out.push_str(&s),
                    other => return Err(format!("`{{{raw}}}` in a template is {}", describe(other.as_ref()))),
                },
            }
        }
        Ok(out)
    }

    fn lookup(&self, name: &str) -> Option<Value> {
        self.scope.iter().rev().find(|(n, _)| *n == name).map(|(_, v)| v.clone())
    }
}

/// `getAttr`: follows `path` into records and arrays; a missing field or index is unset.
fn get_attr(mut value: Value, path: &[PathPart]) -> Result<Option<Value>, String> {
    for part in path {
        value = match (part, value) {
            (PathPart::Key(key), Value::Record(mut fields)) => match fields.remove(key) {
                Some(v) => v,
                None => return Ok(None),
            },
            (PathPart::Index(i), Value::Array(mut items)) => {
                if *i >= items.len() {
                    return Ok(None);
                }
                items.swap_remove(*i)
            }
            (PathPart::Key(key), other) => {
                return Err(format!("getAttr cannot read field `{key}` of a {}", other.type_name()));
            }
            (PathPart::Index(i), other) => {
                return Err(format!("getAttr cannot read element [{i}] of a {}", other.type_name()));
            }
        };
    }
    Ok(Some(value))
}

/// "unset", "a boolean, not a string", ... for error messages.
fn describe(value: Option<&Value>) -> String {
    match value {
        None => "unset".to_owned(),
        Some(v) => format!("a {}, not a string", v.type_name()),
    }
}

fn evaluation(why: String, pointer: &str) -> ResolveError {
    ResolveError::new(ResolveErrorKind::Evaluation, format!("{why} (at {pointer})"))
}
