//! AWS credentials for SigV4, and where the client takes them from.

use crate::redact::Redacted;
use std::fmt;
use std::path::PathBuf;

/// An AWS access key: id, secret and, for temporary credentials, a session token.
///
/// `Debug` shows the access key id only; the secret and the session token are never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
}

impl Credentials {
    /// Credentials from their parts.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Self { access_key_id: access_key_id.into(), secret_access_key: secret_access_key.into(), session_token }
    }

    /// Reads `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and the optional `AWS_SESSION_TOKEN`.
    pub fn from_env() -> Result<Self, CredentialsError> {
        super::credentials_loader::from_env(&|name| std::env::var(name).ok())
    }

    /// Reads the static keys of a profile of the shared credentials file
    /// (`AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`); the profile is `profile`,
    /// else `AWS_PROFILE`, else `default`.
    pub fn from_profile(profile: Option<&str>) -> Result<Self, CredentialsError> {
        super::credentials_loader::from_profile(&|name| std::env::var(name).ok(), None, profile)
    }

    /// Reads the static keys (`aws_access_key_id`, `aws_secret_access_key`,
    /// `aws_session_token`) of `profile` in the credentials file at `path`.
    pub fn from_profile_file(path: impl Into<PathBuf>, profile: &str) -> Result<Self, CredentialsError> {
        super::credentials_loader::from_file(&path.into(), profile)
    }

    /// The access key id (`AKIDEXAMPLE`).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret access key. Do not log it.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    /// The session token of temporary credentials. Do not log it.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &Redacted)
            .field("session_token", &self.session_token.as_ref().map(|_| Redacted))
            .finish()
    }
}

/// Where a client takes its credentials from when an operation is signed.
///
/// Sources other than [`Static`](Self::Static) are read at the first signed request and the
/// result is kept for the life of the [`Handle`](super::Handle); a failure is not kept, so a
/// later request tries again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum CredentialsSource {
    /// These credentials.
    Static(Credentials),
    /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`.
    Environment,
    /// The static keys of a profile in the shared credentials file.
    Profile {
        /// The file; `None` for `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`.
        file: Option<PathBuf>,
        /// The profile; `None` for `AWS_PROFILE`, else `default`.
        name: Option<String>,
    },
    /// The environment when `AWS_ACCESS_KEY_ID` is set, else the profile (the default).
    #[default]
    DefaultChain,
}

/// No usable credentials were found, or a credentials file could not be read.
///
/// The text says where the client looked; it never contains a key, a secret or a file's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CredentialsError {
    problem: String,
}

impl CredentialsError {
    pub(crate) fn new(problem: impl Into<String>) -> Self {
        Self { problem: problem.into() }
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.problem)
    }
}

impl std::error::Error for CredentialsError {}
