//! What is sent: the operations and their inputs, the same as the official SDK's reference
//! captures in `../shared/reference-wire/`, and what the server answers.

use std::sync::LazyLock;

/// The connection token of the captures.
pub const CONNECTION_TOKEN: &str = "tok";
/// The message content of the captures.
pub const CONTENT: &str = "hello";
/// The channel of the SendChannelMessage capture.
pub const CHANNEL_ARN: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a/channel/b";
/// The sender of the SendChannelMessage capture.
pub const CHIME_BEARER: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a/user/u1";
/// The content of a read receipt.
pub const READ_RECEIPT: &str = r#"{"messageId":"8d6b3f1e-3c2a-4f7b-9e41-0c5d2a7f9b10"}"#;
/// The request id every canned response carries.
pub const REQUEST_ID: &str = "0b7c4b6e-5d33-4c7e-8f4a-3a0f6a1c2d90";
/// Fake credentials for the signed (Chime) requests: the server does not check signatures.
pub const ACCESS_KEY_ID: &str = "AKIDEXAMPLE";
pub const SECRET_ACCESS_KEY: &str = "bench-secret-access-key";
/// The region every client is configured with.
pub const REGION: &str = "us-east-1";

/// The longest text/plain SendMessage content: 1,024 characters.
static LONG_MESSAGE: LazyLock<String> = LazyLock::new(|| text(1024));
/// The largest STANDARD SendChannelMessage content: 4 KB (4,096 bytes).
static LONG_CHANNEL_MESSAGE: LazyLock<String> = LazyLock::new(|| text(4096));

/// `len` bytes of ASCII prose.
fn text(len: usize) -> String {
    let sentence = "Thanks for waiting: your parcel left the depot this morning and arrives tomorrow. ";
    sentence.chars().cycle().take(len).collect()
}

/// One benchmarked call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(clippy::enum_variant_names, reason = "the variants are named after the operations")]
pub enum Op {
    /// SendMessage, `text/plain`.
    SendMessage,
    /// SendMessage, `text/plain`, 1,024 characters (the longest allowed before 2025).
    SendMessageLong,
    /// SendEvent, a typing event (no content).
    SendEventTyping,
    /// SendEvent, a read receipt (`{"messageId": ...}`, checked as JSON by validation).
    SendEventRead,
    /// SendChannelMessage, STANDARD and PERSISTENT; signed with SigV4.
    SendChannelMessage,
    /// SendChannelMessage with 4 KB of content (the STANDARD limit).
    SendChannelMessageLong,
}

impl Op {
    pub const ALL: [Op; 6] = [
        Op::SendMessage,
        Op::SendMessageLong,
        Op::SendEventTyping,
        Op::SendEventRead,
        Op::SendChannelMessage,
        Op::SendChannelMessageLong,
    ];

    /// The message content of SendMessage and SendChannelMessage.
    pub fn content(self) -> &'static str {
        match self {
            Op::SendMessageLong => &LONG_MESSAGE,
            Op::SendChannelMessageLong => &LONG_CHANNEL_MESSAGE,
            _ => CONTENT,
        }
    }

    /// The content type of SendEvent.
    pub fn event_content_type(self) -> &'static str {
        match self {
            Op::SendEventRead => "application/vnd.amazonaws.connect.event.message.read",
            _ => "application/vnd.amazonaws.connect.event.typing",
        }
    }

    /// The content of SendEvent, if any.
    pub fn event_content(self) -> Option<&'static str> {
        (self == Op::SendEventRead).then_some(READ_RECEIPT)
    }

    /// The name in reports.
    pub fn label(self) -> &'static str {
        match self {
            Op::SendMessage => "SendMessage",
            Op::SendMessageLong => "SendMessage, 1,024 characters",
            Op::SendEventTyping => "SendEvent (typing)",
            Op::SendEventRead => "SendEvent (read receipt)",
            Op::SendChannelMessage => "SendChannelMessage (SigV4)",
            Op::SendChannelMessageLong => "SendChannelMessage, 4 KB (SigV4)",
        }
    }

    /// The name on the command line of a client process.
    pub fn arg(self) -> &'static str {
        match self {
            Op::SendMessage => "send-message",
            Op::SendMessageLong => "send-message-long",
            Op::SendEventTyping => "send-event-typing",
            Op::SendEventRead => "send-event-read",
            Op::SendChannelMessage => "send-channel-message",
            Op::SendChannelMessageLong => "send-channel-message-long",
        }
    }

    pub fn from_arg(arg: &str) -> Option<Op> {
        Op::ALL.into_iter().find(|op| op.arg() == arg)
    }

    /// The status and body a service answers with, for in-process connectors and the loopback
    /// server alike.
    pub fn response(self) -> (u16, &'static str) {
        match self {
            Op::SendMessage | Op::SendMessageLong => {
                (200, r#"{"Id":"8d6b3f1e-3c2a-4f7b-9e41-0c5d2a7f9b10","AbsoluteTime":"2026-11-22T03:25:58.214Z"}"#)
            }
            Op::SendEventTyping | Op::SendEventRead => {
                (200, r#"{"Id":"c2f0a9d4-7e61-4b8a-a3d5-91b4e6f20c37","AbsoluteTime":"2026-11-22T03:25:58.377Z"}"#)
            }
            Op::SendChannelMessage | Op::SendChannelMessageLong => (
                201,
                r#"{"ChannelArn":"arn:aws:chime:us-east-1:123456789012:app-instance/a/channel/b","MessageId":"6e1f7b0c9a2d4e5f8a3b1c0d9e8f7a6b","Status":{"Value":"SENT"}}"#,
            ),
        }
    }
}
