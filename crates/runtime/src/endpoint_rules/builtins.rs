//! The SDK settings that fill a ruleset's built-in parameters.

use super::params::Params;
use super::ruleset::RuleSet;

/// What the client configuration says about endpoints. Each value goes to the parameter that
/// declares the matching `builtIn`, whatever the parameter's name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BuiltIns {
    /// `AWS::Region`: the configured region.
    pub region: Option<String>,
    /// `AWS::UseFIPS`: send to FIPS endpoints.
    pub use_fips: bool,
    /// `AWS::UseDualStack`: send to dual-stack (IPv4 and IPv6) endpoints.
    pub use_dual_stack: bool,
    /// `SDK::Endpoint`: the configured endpoint URL that replaces the resolved one.
    pub endpoint: Option<String>,
}

impl BuiltIns {
    /// The `builtIn` name of the region.
    pub const REGION: &'static str = "AWS::Region";
    /// The `builtIn` name of the FIPS switch.
    pub const USE_FIPS: &'static str = "AWS::UseFIPS";
    /// The `builtIn` name of the dual-stack switch.
    pub const USE_DUAL_STACK: &'static str = "AWS::UseDualStack";
    /// The `builtIn` name of the endpoint URL override.
    pub const ENDPOINT: &'static str = "SDK::Endpoint";

    /// The parameters of `ruleset` these settings fill. Other built-ins
    /// (`AWS::UseGlobalEndpoint`, `AWS::S3::*`, ...) stay unset and take their defaults.
    pub fn params_for(&self, ruleset: &RuleSet) -> Params {
        let mut params = Params::new();
        for parameter in ruleset.parameters() {
            let name = parameter.name();
            match parameter.built_in() {
                Some(Self::REGION) => {
                    if let Some(region) = &self.region {
                        params.set(name, region.as_str());
                    }
                }
                Some(Self::USE_FIPS) => params.set(name, self.use_fips),
                Some(Self::USE_DUAL_STACK) => params.set(name, self.use_dual_stack),
                Some(Self::ENDPOINT) => {
                    if let Some(endpoint) = &self.endpoint {
                        params.set(name, endpoint.as_str());
                    }
                }
                _ => {}
            }
        }
        params
    }
}
