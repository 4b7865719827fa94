//! Identifiers that validate: project and config ids, user ids and names.
//! Input is trimmed; an invalid value never becomes a request.

use std::fmt;

use crate::i18n::{t, tf, Lang, T};

/// Longest id or name the API takes, in characters.
pub const MAX_LEN: usize = 128;

/// Which input a validation failure is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The project id path segment.
    ProjectId,
    /// The configuration id path segment.
    ConfigId,
    /// A user's id.
    UserId,
    /// A user's name.
    UserName,
}

impl Field {
    /// How a person calls this field.
    pub fn label(self) -> &'static str {
        self.label_in(Lang::En)
    }

    /// The field's name in `lang`.
    pub fn label_in(self, lang: Lang) -> &'static str {
        t(
            lang,
            match self {
                Field::ProjectId => T::ProjectId,
                Field::ConfigId => T::ConfigId,
                Field::UserId => T::UserId,
                Field::UserName => T::UserName,
            },
        )
    }
}

/// The rule a value broke.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// Nothing but white space.
    Empty,
    /// More than [`MAX_LEN`] characters after trimming.
    TooLong {
        /// Characters found.
        len: usize,
    },
    /// A control character such as NUL, tab or a line break.
    ControlCharacter {
        /// 1-based character position in the trimmed value.
        position: usize,
    },
    /// An invisible formatting character (zero-width, bidirectional override).
    InvisibleCharacter {
        /// 1-based character position in the trimmed value.
        position: usize,
        /// The code point.
        code: u32,
    },
}

/// A value that failed validation: which field and which rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub struct FieldError {
    /// The field.
    pub field: Field,
    /// The broken rule.
    pub rule: Rule,
}

impl FieldError {
    /// A specific, human message.
    pub fn message(&self) -> String {
        self.message_in(Lang::En)
    }

    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        let field = self.field.label_in(lang);
        match &self.rule {
            Rule::Empty => tf(lang, T::FieldEmpty, &[("field", &field)]),
            Rule::TooLong { len } => tf(
                lang,
                T::FieldTooLong,
                &[("field", &field), ("len", len), ("max", &MAX_LEN)],
            ),
            Rule::ControlCharacter { position } => tf(
                lang,
                T::FieldControl,
                &[("field", &field), ("position", position)],
            ),
            Rule::InvisibleCharacter { position, code } => tf(
                lang,
                T::FieldInvisible,
                &[
                    ("field", &field),
                    ("position", position),
                    ("code", &format!("{code:04X}")),
                ],
            ),
        }
    }
}

fn is_invisible(c: char) -> bool {
    matches!(c as u32, 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x2069 | 0xFEFF)
}

/// Trims `raw` and checks it against every rule for `field`.
pub fn validate(field: Field, raw: &str) -> Result<String, FieldError> {
    let value = raw.trim();
    let err = |rule| FieldError { field, rule };
    if value.is_empty() {
        return Err(err(Rule::Empty));
    }
    for (i, c) in value.chars().enumerate() {
        if c.is_control() {
            return Err(err(Rule::ControlCharacter { position: i + 1 }));
        }
        if is_invisible(c) {
            return Err(err(Rule::InvisibleCharacter {
                position: i + 1,
                code: c as u32,
            }));
        }
    }
    let len = value.chars().count();
    if len > MAX_LEN {
        return Err(err(Rule::TooLong { len }));
    }
    Ok(value.to_string())
}

macro_rules! validated_id {
    ($(#[$doc:meta])* $name:ident, $field:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// Trims and validates `raw`.
            pub fn parse(raw: &str) -> Result<Self, FieldError> {
                validate($field, raw).map(Self)
            }

            /// The validated value.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

validated_id!(
    /// A project id (1..=128 characters).
    ProjectId,
    Field::ProjectId
);
validated_id!(
    /// A hotspot session migration configuration id (1..=128 characters).
    ConfigId,
    Field::ConfigId
);
validated_id!(
    /// A user id (1..=128 characters).
    UserId,
    Field::UserId
);
validated_id!(
    /// A user name (1..=128 characters).
    UserName,
    Field::UserName
);

/// A user whose id and name both validated.
pub fn valid_user(id: &str, name: &str) -> Result<crate::model::UserInfo, FieldError> {
    let id = UserId::parse(id)?;
    let name = UserName::parse(name)?;
    Ok(crate::model::UserInfo::new(id.0, name.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_accepts() {
        assert_eq!(UserId::parse("  u-1 \n").unwrap().as_str(), "u-1");
        assert_eq!(UserName::parse("张三").unwrap().as_str(), "张三");
    }

    #[test]
    fn empty_is_rejected_with_field_label() {
        let e = ProjectId::parse("   ").unwrap_err();
        assert_eq!(e.rule, Rule::Empty);
        assert_eq!(e.to_string(), "Project ID is empty.");
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        assert!(UserName::parse(&"名".repeat(128)).is_ok());
        let e = UserName::parse(&"名".repeat(129)).unwrap_err();
        assert_eq!(e.rule, Rule::TooLong { len: 129 });
        assert!(e.to_string().contains("129 characters"));
    }

    #[test]
    fn control_characters_are_rejected_with_position() {
        let e = UserId::parse("ab\0c").unwrap_err();
        assert_eq!(e.rule, Rule::ControlCharacter { position: 3 });
        assert!(ConfigId::parse("a\tb").is_err());
        assert!(UserName::parse("a\nb").is_err());
    }

    #[test]
    fn invisible_characters_are_rejected() {
        let e = UserName::parse("evil\u{202E}gpj.exe").unwrap_err();
        assert_eq!(
            e.rule,
            Rule::InvisibleCharacter {
                position: 5,
                code: 0x202E
            }
        );
        assert!(e.to_string().contains("U+202E"));
        assert!(UserId::parse("a\u{200B}b").is_err());
    }

    #[test]
    fn markup_is_just_text() {
        assert_eq!(
            UserName::parse("<script>alert(1)</script>")
                .unwrap()
                .as_str(),
            "<script>alert(1)</script>"
        );
    }

    #[test]
    fn valid_user_checks_both_fields() {
        assert_eq!(
            valid_user(" u ", " n ").unwrap(),
            crate::model::UserInfo::new("u", "n")
        );
        assert_eq!(valid_user("u", "").unwrap_err().field, Field::UserName);
        assert_eq!(valid_user("", "n").unwrap_err().field, Field::UserId);
    }
}
