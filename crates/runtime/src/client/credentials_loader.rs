//! Reading credentials from the environment and the shared credentials file.
//!
//! Only static keys are supported: `aws_access_key_id`, `aws_secret_access_key` and
//! `aws_session_token` of a profile. Error texts name variables, files, profiles and line
//! numbers, never a value.

use super::{Credentials, CredentialsError, CredentialsSource};
use std::path::{Path, PathBuf};

/// Looks up an environment variable; injected so that tests need not touch the process env.
pub(crate) type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

const ACCESS_KEY_ID: &str = "AWS_ACCESS_KEY_ID";
const SECRET_ACCESS_KEY: &str = "AWS_SECRET_ACCESS_KEY";
const SESSION_TOKEN: &str = "AWS_SESSION_TOKEN";

/// Credentials from `source`.
#[cfg_attr(not(feature = "sigv4"), allow(dead_code))]
pub(crate) fn resolve(source: &CredentialsSource, env: Env<'_>) -> Result<Credentials, CredentialsError> {
    match source {
        CredentialsSource::Static(credentials) => Ok(credentials.clone()),
        CredentialsSource::Environment => from_env(env),
        CredentialsSource::Profile { file, name } => from_profile(env, file.as_deref(), name.as_deref()),
        CredentialsSource::DefaultChain => {
            if non_empty(env, ACCESS_KEY_ID).is_some() {
                from_env(env)
            } else {
                from_profile(env, None, None).map_err(|err| {
                    CredentialsError::new(format!(
                        "no AWS credentials found: {ACCESS_KEY_ID} is not set, and {err}; \
                         give credentials with Config::builder().credentials(..), the \
                         {ACCESS_KEY_ID}/{SECRET_ACCESS_KEY} variables or the shared credentials file"
                    ))
                })
            }
        }
    }
}

fn non_empty(env: Env<'_>, name: &str) -> Option<String> {
    env(name).filter(|value| !value.is_empty())
}

/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`.
pub(crate) fn from_env(env: Env<'_>) -> Result<Credentials, CredentialsError> {
    match (non_empty(env, ACCESS_KEY_ID), non_empty(env, SECRET_ACCESS_KEY)) {
        (Some(id), Some(secret)) => Ok(Credentials::new(id, secret, non_empty(env, SESSION_TOKEN))),
        (Some(_), None) => Err(CredentialsError::new(format!("{ACCESS_KEY_ID} is set but {SECRET_ACCESS_KEY} is not"))),
        (None, Some(_)) => Err(CredentialsError::new(format!("{SECRET_ACCESS_KEY} is set but {ACCESS_KEY_ID} is not"))),
        (None, None) => Err(CredentialsError::new(format!("{ACCESS_KEY_ID} and {SECRET_ACCESS_KEY} are not set"))),
    }
}

/// The static keys of a profile; `file` and `name` default as the AWS CLI does.
pub(crate) fn from_profile(
    env: Env<'_>,
    file: Option<&Path>,
    name: Option<&str>,
) -> Result<Credentials, CredentialsError> {
    let path = match file {
        Some(path) => path.to_path_buf(),
        None => default_file(env)?,
    };
    let profile = name.map(str::to_owned).or_else(|| non_empty(env, "AWS_PROFILE"));
    from_file(&path, profile.as_deref().unwrap_or("default"))
}

fn default_file(env: Env<'_>) -> Result<PathBuf, CredentialsError> {
    if let Some(path) = non_empty(env, "AWS_SHARED_CREDENTIALS_FILE") {
        return Ok(PathBuf::from(path));
    }
    let home = non_empty(env, "HOME").or_else(|| non_empty(env, "USERPROFILE")).ok_or_else(|| {
        CredentialsError::new(
            "the shared credentials file cannot be found: neither AWS_SHARED_CREDENTIALS_FILE nor HOME is set",
        )
    })?;
    Ok(Path::new(&home).join(".aws").join("credentials"))
}

/// The static keys of `profile` in the file at `path`.
pub(crate) fn from_file(path: &Path, profile: &str) -> Result<Credentials, CredentialsError> {
    let text = std::fs::read_to_string(path).map_err(|err| {
        if err.kind() == std::io::ErrorKind::NotFound {
            CredentialsError::new(format!("the shared credentials file {} does not exist", path.display()))
        } else {
            CredentialsError::new(format!("cannot read {}: {err}", path.display()))
        }
    })?;
    parse_profile(&text, profile).map_err(|problem| CredentialsError::new(format!("{}: {problem}", path.display())))
}

/// The static keys of `profile` in the text of a credentials file (INI: `[name]` sections,
/// `key = value` lines, `#` and `;` comments).
pub(crate) fn parse_profile(text: &str, profile: &str) -> Result<Credentials, String> {
    let mut in_profile = false;
    let mut found = false;
    let (mut id, mut secret, mut token) = (None, None, None);
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(rest) = line.strip_prefix('[') {
            let Some(name) = rest.split(']').next().filter(|_| rest.contains(']')) else {
                return Err(format!("line {}: a section header without `]`", index + 1));
            };
            in_profile = name.trim() == profile;
            found |= in_profile;
            continue;
        }
        if !in_profile {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            return Err(format!("line {}: expected `key = value`", index + 1));
        };
        let value = strip_inline_comment(value).trim().to_owned();
        match key.trim().to_ascii_lowercase().as_str() {
            "aws_access_key_id" => id = Some(value),
            "aws_secret_access_key" => secret = Some(value),
            "aws_session_token" => token = Some(value),
            _ => {}
        }
    }
    if !found {
        return Err(format!("profile `{profile}` not found"));
    }
    match (id.filter(|v| !v.is_empty()), secret.filter(|v| !v.is_empty())) {
        (Some(id), Some(secret)) => Ok(Credentials::new(id, secret, token.filter(|v| !v.is_empty()))),
        _ => Err(format!(
            "profile `{profile}` has no static keys (aws_access_key_id and aws_secret_access_key); \
             other credential sources (SSO, roles, processes) are not supported"
        )),
    }
}

/// `value ; comment` and `value # comment`: a comment starts after whitespace.
fn strip_inline_comment(value: &str) -> &str {
    let bytes = value.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if (*b == b'#' || *b == b';') && i > 0 && bytes[i - 1].is_ascii_whitespace() {
            return &value[..i];
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |name| map.get(name).cloned()
    }

    const FILE: &str = "\
# comment
[default]
aws_access_key_id = AKIDDEFAULT
aws_secret_access_key = secretdefault ; trailing comment

[dev]
AWS_ACCESS_KEY_ID=AKIDDEV
aws_secret_access_key=secret/dev+key
aws_session_token = tokendev
[role]
role_arn = arn:aws:iam::123456789012:role/x
";

    #[test]
    fn reads_static_keys_of_a_profile() {
        let creds = parse_profile(FILE, "default").unwrap();
        assert_eq!(creds.access_key_id(), "AKIDDEFAULT");
        assert_eq!(creds.secret_access_key(), "secretdefault");
        assert_eq!(creds.session_token(), None);
        let dev = parse_profile(FILE, "dev").unwrap();
        assert_eq!(dev.secret_access_key(), "secret/dev+key");
        assert_eq!(dev.session_token(), Some("tokendev"));
    }

    #[test]
    fn profile_errors_name_the_profile_not_values() {
        let missing = parse_profile(FILE, "prod").unwrap_err();
        assert!(missing.contains("`prod` not found"), "{missing}");
        let role = parse_profile(FILE, "role").unwrap_err();
        assert!(role.contains("no static keys"), "{role}");
        let broken = parse_profile("[default\naws_secret_access_key = hush", "default").unwrap_err();
        assert!(broken.contains("line 1") && !broken.contains("hush"), "{broken}");
    }

    #[test]
    fn environment_variables() {
        let env = env_of(&[
            ("AWS_ACCESS_KEY_ID", "AKIDENV"),
            ("AWS_SECRET_ACCESS_KEY", "secretenv"),
            ("AWS_SESSION_TOKEN", "tokenenv"),
        ]);
        let creds = resolve(&CredentialsSource::DefaultChain, &env).unwrap();
        assert_eq!(creds.access_key_id(), "AKIDENV");
        assert_eq!(creds.session_token(), Some("tokenenv"));

        let half = env_of(&[("AWS_ACCESS_KEY_ID", "AKIDENV")]);
        let err = resolve(&CredentialsSource::Environment, &half).unwrap_err().to_string();
        assert!(err.contains("AWS_SECRET_ACCESS_KEY is not"), "{err}");
    }

    #[test]
    fn default_chain_falls_back_to_the_profile_file() {
        let dir = std::env::temp_dir().join(format!("chatsmith-creds-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("credentials");
        std::fs::write(&file, FILE).unwrap();
        let path = file.to_string_lossy().into_owned();

        let env = env_of(&[("AWS_SHARED_CREDENTIALS_FILE", &path), ("AWS_PROFILE", "dev")]);
        let creds = resolve(&CredentialsSource::DefaultChain, &env).unwrap();
        assert_eq!(creds.access_key_id(), "AKIDDEV");

        let home = env_of(&[("HOME", "/nonexistent-home")]);
        let err = resolve(&CredentialsSource::DefaultChain, &home).unwrap_err().to_string();
        assert!(err.contains("AWS_ACCESS_KEY_ID is not set"), "{err}");
        assert!(err.contains("/nonexistent-home/.aws/credentials does not exist"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
