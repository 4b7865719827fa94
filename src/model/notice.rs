//! The console's latest result line, kept as what it says rather than as
//! text, so it reads in whichever language the console shows now: switching
//! language after "Loaded 320 users." shows it in Chinese too.

use std::fmt::Display;

use crate::i18n::{tf, Lang, T};
use crate::model::{ApiError, FieldError, PlanError};

/// What the result line says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Notice {
    /// Nothing yet.
    #[default]
    None,
    /// A catalogue text and its values, written out when it was made
    /// (counts, ids, times: the same in every language).
    Text(T, Vec<(&'static str, String)>),
    /// What an API error means.
    Api(ApiError),
    /// Why nothing could be planned.
    Plan(PlanError),
    /// Why a user could not be staged.
    Field(FieldError),
}

impl Notice {
    /// A catalogue text with its `{name}` values.
    pub fn text(key: T, args: &[(&'static str, &dyn Display)]) -> Self {
        Self::Text(key, args.iter().map(|(k, v)| (*k, v.to_string())).collect())
    }

    /// The line in `lang`.
    pub fn text_in(&self, lang: Lang) -> String {
        match self {
            Self::None => String::new(),
            Self::Text(key, args) => {
                let args: Vec<(&str, &dyn Display)> =
                    args.iter().map(|(k, v)| (*k, v as &dyn Display)).collect();
                tf(lang, *key, &args)
            }
            Self::Api(e) => e.message_in(lang),
            Self::Plan(e) => e.message_in(lang),
            Self::Field(e) => e.message_in(lang),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notice_reads_in_the_language_shown_now() {
        let n = Notice::text(T::Loaded, &[("n", &320)]);
        assert_eq!(n.text_in(Lang::En), "Loaded 320 users.");
        assert_eq!(n.text_in(Lang::Zh), "已加载 320 个用户。");
        let e = Notice::Api(ApiError::network("reset"));
        assert_ne!(e.text_in(Lang::En), e.text_in(Lang::Zh));
        assert_eq!(Notice::None.text_in(Lang::Zh), "");
    }
}
