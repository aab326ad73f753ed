//! Compile-time check: every public type can cross threads (`Send + Sync`) and be stored
//! anywhere (`'static`), as users of async runtimes need. Fails to compile, not at run time.

use chatsmith_chime_sdk_messaging as chime;
use chatsmith_connectparticipant as connect;

fn assert_send_sync<T: Send + Sync + 'static>() {}

#[test]
fn connect_participant_public_types_are_send_and_sync() {
    use connect::operation::send_event::{SendEventError, SendEventInput, SendEventOutput, builders as event};
    use connect::operation::send_message::{
        SendMessageError, SendMessageInput, SendMessageOutput, builders as message,
    };
    use connect::types::{MessageProcessingMetadata, MessageProcessingStatus, builders as types};

    assert_send_sync::<SendMessageInput>();
    assert_send_sync::<message::SendMessageInputBuilder>();
    assert_send_sync::<SendMessageOutput>();
    assert_send_sync::<message::SendMessageOutputBuilder>();
    assert_send_sync::<SendMessageError>();
    assert_send_sync::<SendEventInput>();
    assert_send_sync::<event::SendEventInputBuilder>();
    assert_send_sync::<SendEventOutput>();
    assert_send_sync::<event::SendEventOutputBuilder>();
    assert_send_sync::<SendEventError>();
    assert_send_sync::<MessageProcessingMetadata>();
    assert_send_sync::<types::MessageProcessingMetadataBuilder>();
    assert_send_sync::<MessageProcessingStatus>();
    assert_send_sync::<connect::types::error::AccessDeniedException>();
    assert_send_sync::<connect::types::error::builders::AccessDeniedExceptionBuilder>();
    assert_send_sync::<connect::types::error::ThrottlingException>();
    assert_send_sync::<connect::Error>();
    assert_send_sync::<connect::error::BuildError>();
    assert_send_sync::<connect::error::ValidationErrors>();
    assert_send_sync::<connect::error::Violation>();
    assert_send_sync::<connect::error::Rule>();
    assert_send_sync::<connect::error::LengthUnit>();
    assert_send_sync::<connect::error::ErrorMetadata>();
    assert_send_sync::<connect::error::Unhandled>();
}

#[test]
fn chime_sdk_messaging_public_types_are_send_and_sync() {
    use chime::operation::send_channel_message::{
        SendChannelMessageError, SendChannelMessageInput, SendChannelMessageOutput, builders,
    };
    use chime::types::*;

    assert_send_sync::<SendChannelMessageInput>();
    assert_send_sync::<builders::SendChannelMessageInputBuilder>();
    assert_send_sync::<SendChannelMessageOutput>();
    assert_send_sync::<builders::SendChannelMessageOutputBuilder>();
    assert_send_sync::<SendChannelMessageError>();
    assert_send_sync::<ChannelMessagePersistenceType>();
    assert_send_sync::<ChannelMessageStatus>();
    assert_send_sync::<ChannelMessageStatusStructure>();
    assert_send_sync::<ChannelMessageType>();
    assert_send_sync::<ErrorCode>();
    assert_send_sync::<MessageAttributeValue>();
    assert_send_sync::<PushNotificationConfiguration>();
    assert_send_sync::<PushNotificationType>();
    assert_send_sync::<Target>();
    assert_send_sync::<builders::SendChannelMessageInputBuilder>();
    assert_send_sync::<chime::types::builders::TargetBuilder>();
    assert_send_sync::<chime::types::builders::PushNotificationConfigurationBuilder>();
    assert_send_sync::<chime::types::builders::MessageAttributeValueBuilder>();
    assert_send_sync::<chime::types::builders::ChannelMessageStatusStructureBuilder>();
    assert_send_sync::<chime::types::error::ThrottledClientException>();
    assert_send_sync::<chime::types::error::builders::ThrottledClientExceptionBuilder>();
    assert_send_sync::<chime::Error>();
}
