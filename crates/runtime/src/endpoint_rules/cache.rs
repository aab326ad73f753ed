//! Parsing each embedded ruleset once per process.

use super::error::RuleSetError;
use super::ruleset::RuleSet;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

type Parsed = Result<Arc<RuleSet>, RuleSetError>;

impl RuleSet {
    /// The parsed form of `text`, a ruleset embedded in a program (a generated crate's
    /// `ServiceMeta::endpoint_rules`). The first call for a given text parses it; later calls
    /// return the same result, a parse error included. Texts are told apart by address and
    /// length, so this is meant for `'static` data, not for texts built at run time.
    pub fn cached(text: &'static str) -> Result<Arc<RuleSet>, RuleSetError> {
        static CACHE: OnceLock<Mutex<HashMap<(usize, usize), Parsed>>> = OnceLock::new();
        let key = (text.as_ptr() as usize, text.len());
        let cache = CACHE.get_or_init(Mutex::default);
        let mut cache = cache.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        cache.entry(key).or_insert_with(|| RuleSet::parse(text).map(Arc::new)).clone()
    }
}
