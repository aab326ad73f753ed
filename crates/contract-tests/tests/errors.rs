//! Service errors: per-operation enums, the service-wide `Error`, what they say and what they are.

use chatsmith_chime_sdk_messaging as chime;
use chatsmith_connectparticipant as connect;

use chime::operation::send_channel_message::SendChannelMessageError;
use chime::types::ErrorCode;
use chime::types::error::{BadRequestException, ThrottledClientException};
use connect::error::{ErrorMetadata, Unhandled};
use connect::operation::send_event::SendEventError;
use connect::operation::send_message::SendMessageError;
use connect::types::error::{
    AccessDeniedException, ConflictException, InternalServerException, ThrottlingException, ValidationException,
};

fn meta(status: u16, request_id: &str) -> ErrorMetadata {
    ErrorMetadata::new(Some(status), Some(request_id.to_owned()))
}

fn access_denied() -> SendMessageError {
    SendMessageError::AccessDeniedException(
        AccessDeniedException::builder().message("You do not have sufficient access").meta(meta(403, "req-1")).build(),
    )
}

/// Compile-time: what `?` into `Box<dyn Error + Send + Sync>`, anyhow and tokio tasks need.
fn assert_error<E: std::error::Error + Send + Sync + 'static>() {}

#[test]
fn every_error_type_is_a_send_sync_static_std_error() {
    assert_error::<connect::Error>();
    assert_error::<SendMessageError>();
    assert_error::<SendEventError>();
    assert_error::<AccessDeniedException>();
    assert_error::<ConflictException>();
    assert_error::<InternalServerException>();
    assert_error::<ThrottlingException>();
    assert_error::<ValidationException>();
    assert_error::<Unhandled>();
    assert_error::<connect::error::BuildError>();
    assert_error::<connect::error::ValidationErrors>();
    assert_error::<chime::Error>();
    assert_error::<SendChannelMessageError>();
    assert_error::<ThrottledClientException>();
    assert_error::<BadRequestException>();
    assert_error::<chime::types::error::ConflictException>();
    assert_error::<chime::types::error::ForbiddenException>();
    assert_error::<chime::types::error::ServiceFailureException>();
    assert_error::<chime::types::error::ServiceUnavailableException>();
    assert_error::<chime::types::error::UnauthorizedClientException>();
}

#[test]
fn operation_error_reports_code_message_and_metadata() {
    let error = access_denied();
    assert!(error.is_access_denied_exception());
    assert_eq!(error.code(), Some("AccessDeniedException"));
    assert_eq!(error.message(), Some("You do not have sufficient access"));
    assert_eq!(error.meta().status, Some(403));
    assert_eq!(error.meta().request_id.as_deref(), Some("req-1"));
    assert!(!error.is_throttling());
    assert!(!error.is_retryable());
}

#[test]
fn display_says_code_message_status_and_request_id() {
    let text = access_denied().to_string();
    for part in ["AccessDeniedException", "You do not have sufficient access", "403", "req-1"] {
        assert!(text.contains(part), "{text:?} should contain {part:?}");
    }
    assert_eq!(text, "AccessDeniedException: You do not have sufficient access (HTTP 403, request id req-1)");
}

#[test]
fn display_leaves_out_what_is_unknown() {
    let bare = SendMessageError::InternalServerException(InternalServerException::builder().build());
    assert_eq!(bare.to_string(), "InternalServerException");
    let status_only = SendMessageError::ValidationException(
        ValidationException::builder().message("bad").meta(ErrorMetadata::new(Some(400), None)).build(),
    );
    assert_eq!(status_only.to_string(), "ValidationException: bad (HTTP 400)");
}

#[test]
fn operation_errors_convert_into_the_service_error() {
    let error: connect::Error = access_denied().into();
    assert!(matches!(error, connect::Error::AccessDeniedException(_)));
    assert!(error.is_access_denied_exception());
    assert_eq!(error.code(), Some("AccessDeniedException"));
    assert_eq!(error.message(), Some("You do not have sufficient access"));
    assert_eq!(error.meta().request_id.as_deref(), Some("req-1"));
    assert_eq!(error.to_string(), access_denied().to_string());

    let conflict =
        SendEventError::ConflictException(ConflictException::builder().message("supervisor barged in").build());
    let error = connect::Error::from(conflict);
    assert!(error.is_conflict_exception());
    assert_eq!(error.message(), Some("supervisor barged in"));
}

#[test]
fn question_mark_converts_operation_errors() {
    fn send() -> Result<(), SendMessageError> {
        Err(access_denied())
    }
    fn send_event() -> Result<(), SendEventError> {
        Err(SendEventError::ThrottlingException(ThrottlingException::builder().build()))
    }
    fn both() -> Result<(), connect::Error> {
        send_event().or_else(|e| if e.is_throttling() { Ok(()) } else { Err(e) })?;
        send()?;
        Ok(())
    }
    assert!(both().expect_err("access denied").is_access_denied_exception());

    fn boxed() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        send()?;
        Ok(())
    }
    assert!(boxed().expect_err("access denied").to_string().contains("req-1"));
}

#[test]
fn connect_throttling_exception_is_throttling_and_retryable() {
    let error = SendMessageError::ThrottlingException(
        ThrottlingException::builder().message("Rate exceeded").meta(meta(429, "req-2")).build(),
    );
    assert!(error.is_throttling());
    assert!(error.is_retryable());
    assert!(error.is_throttling_exception());
    let error: connect::Error = error.into();
    assert!(error.is_throttling());
    assert!(error.is_retryable());
    assert_eq!(error.to_string(), "ThrottlingException: Rate exceeded (HTTP 429, request id req-2)");
}

#[test]
fn other_connect_errors_are_not_throttling() {
    let errors = [
        access_denied(),
        SendMessageError::InternalServerException(InternalServerException::builder().build()),
        SendMessageError::ValidationException(ValidationException::builder().build()),
        SendMessageError::Unhandled(Unhandled::default()),
    ];
    for error in errors {
        assert!(!error.is_throttling(), "{error:?}");
    }
}

#[test]
fn chime_throttled_client_exception_is_throttling_and_retryable() {
    let exception = ThrottledClientException::builder()
        .code(ErrorCode::Throttled)
        .message("Slow down")
        .meta(ErrorMetadata::new(Some(429), Some("req-3".into())))
        .build();
    // The modelled `Code` member is the Chime error code enum, distinct from the wire error code.
    assert_eq!(exception.code(), Some(&ErrorCode::Throttled));
    let error = SendChannelMessageError::ThrottledClientException(exception);
    assert!(error.is_throttling());
    assert!(error.is_retryable());
    assert_eq!(error.code(), Some("ThrottledClientException"));
    assert_eq!(error.message(), Some("Slow down"));
    let error: chime::Error = error.into();
    assert!(error.is_throttling());
    assert!(error.is_throttled_client_exception());
    let text = error.to_string();
    for part in ["ThrottledClientException", "Slow down", "429", "req-3"] {
        assert!(text.contains(part), "{text:?} should contain {part:?}");
    }
}

#[test]
fn chime_bad_request_is_not_throttling() {
    let error = SendChannelMessageError::BadRequestException(
        BadRequestException::builder().code(ErrorCode::BadRequest).message("nope").build(),
    );
    assert!(!error.is_throttling());
    assert!(!error.is_retryable());
    assert_eq!(chime::Error::from(error).code(), Some("BadRequestException"));
}

#[test]
fn unhandled_errors_keep_code_message_and_status() {
    let unhandled = Unhandled::new(
        Some("ServiceQuotaExceededException".to_owned()),
        Some("Too many chats".to_owned()),
        meta(402, "req-4"),
    );
    let error = SendMessageError::Unhandled(unhandled.clone());
    assert_eq!(error.code(), Some("ServiceQuotaExceededException"));
    assert_eq!(error.message(), Some("Too many chats"));
    assert_eq!(error.meta().status, Some(402));
    assert!(!error.is_throttling());
    assert!(!error.is_retryable());
    let text = error.to_string();
    for part in ["ServiceQuotaExceededException", "Too many chats", "402", "req-4"] {
        assert!(text.contains(part), "{text:?} should contain {part:?}");
    }

    let error: connect::Error = error.into();
    assert_eq!(error, connect::Error::Unhandled(unhandled));
    assert_eq!(error.code(), Some("ServiceQuotaExceededException"));
    assert_eq!(error.meta().request_id.as_deref(), Some("req-4"));

    let chime_error =
        chime::Error::from(SendChannelMessageError::Unhandled(Unhandled::new(None, None, meta(503, "req-5"))));
    assert_eq!(chime_error.code(), None);
    assert!(chime_error.to_string().contains("503"), "{chime_error}");
}

#[test]
fn both_crates_share_error_metadata_and_unhandled() {
    let unhandled: chime::error::Unhandled = Unhandled::default();
    let _: &chime::error::ErrorMetadata = unhandled.meta();
}

#[test]
fn error_chain_does_not_repeat_itself() {
    let error: connect::Error = access_denied().into();
    let mut chain = Vec::new();
    let mut at: Option<&(dyn std::error::Error + 'static)> = Some(&error);
    while let Some(e) = at {
        chain.push(e.to_string());
        at = e.source();
    }
    for pair in chain.windows(2) {
        assert_ne!(pair[0], pair[1], "an error and its source say the same thing: {chain:?}");
    }
}
