//! Member paths, built on the stack while validating and rendered only when needed.

use std::fmt::Write;

/// Where a value sits inside the validated input: a chain of members, list indexes and map keys.
#[derive(Clone, Copy, Debug)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    segment: Segment<'a>,
}

#[derive(Clone, Copy, Debug)]
enum Segment<'a> {
    Root,
    Member(&'static str),
    Index(usize),
    Key(&'a str),
    RedactedKey,
}

impl<'a> Path<'a> {
    /// The validated value itself.
    pub const ROOT: Path<'static> = Path { parent: None, segment: Segment::Root };

    /// The member `name` (its model name) of the structure at `self`.
    pub fn member(&'a self, name: &'static str) -> Path<'a> {
        self.child(Segment::Member(name))
    }

    /// Element `index` of the list at `self`.
    pub fn index(&'a self, index: usize) -> Path<'a> {
        self.child(Segment::Index(index))
    }

    /// The value under `key` in the map at `self`.
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        self.child(Segment::Key(key))
    }

    /// A value under a `@sensitive` key in the map at `self`; the key is never shown.
    pub fn redacted_key(&'a self) -> Path<'a> {
        self.child(Segment::RedactedKey)
    }

    fn child(&'a self, segment: Segment<'a>) -> Path<'a> {
        Path { parent: Some(self), segment }
    }

    /// `PushNotification.Title`, `Target[0].MemberArn`, `MessageAttributes[<redacted>]`.
    pub fn render(&self) -> String {
        let mut segments = Vec::new();
        let mut at = Some(self);
        while let Some(path) = at {
            segments.push(path.segment);
            at = path.parent;
        }
        let mut out = String::new();
        for segment in segments.iter().rev() {
            match segment {
                Segment::Root => {}
                Segment::Member(name) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(name);
                }
                Segment::Index(index) => {
                    let _ = write!(out, "[{index}]");
                }
                Segment::Key(key) => {
                    let _ = write!(out, "[{key:?}]");
                }
                Segment::RedactedKey => out.push_str("[<redacted>]"),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::Path;

    #[test]
    fn renders_members_indexes_and_keys() {
        let attrs = Path::ROOT.member("MessageAttributes");
        let hidden = attrs.redacted_key();
        let values = hidden.member("StringValues");
        assert_eq!(values.index(0).render(), "MessageAttributes[<redacted>].StringValues[0]");
        let shown = attrs.key("lang");
        assert_eq!(shown.render(), "MessageAttributes[\"lang\"]");
        assert_eq!(Path::ROOT.render(), "");
    }
}
