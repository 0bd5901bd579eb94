//! The keyword box: what a person types into the search field.

use crate::ValidationError;

/// The longest keyword text accepted, in characters.
pub const MAX_KEYWORD_CHARS: usize = 100;

/// Normalises a keyword query for display and search: ideographic spaces
/// (U+3000, what a Japanese IME types) count as spaces, runs of white space
/// collapse to one, and the ends are trimmed.
///
/// Fails when the normalised text exceeds [`MAX_KEYWORD_CHARS`].
pub fn normalize_keywords(raw: &str) -> Result<String, ValidationError> {
    let normalized = raw
        .split(|c: char| c.is_whitespace() || c == '\u{3000}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if normalized.chars().count() > MAX_KEYWORD_CHARS {
        return Err(ValidationError::TooLong {
            max: MAX_KEYWORD_CHARS,
        });
    }
    Ok(normalized)
}

/// The separate words of a normalised query (several words mean AND).
pub fn words(normalized: &str) -> impl Iterator<Item = &str> {
    normalized.split(' ').filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ideographic_spaces_separate_words() {
        let q = normalize_keywords("　介護\u{3000}\u{3000}事務  パート ").unwrap();
        assert_eq!(q, "介護 事務 パート");
        assert_eq!(words(&q).collect::<Vec<_>>(), ["介護", "事務", "パート"]);
    }

    #[test]
    fn empty_input_is_an_empty_query() {
        assert_eq!(normalize_keywords(" \u{3000} ").unwrap(), "");
        assert_eq!(words("").count(), 0);
    }

    #[test]
    fn limit_counts_characters_not_bytes() {
        let exactly = "介".repeat(MAX_KEYWORD_CHARS);
        assert_eq!(normalize_keywords(&exactly).unwrap(), exactly);
        let over = "介".repeat(MAX_KEYWORD_CHARS + 1);
        assert_eq!(
            normalize_keywords(&over),
            Err(ValidationError::TooLong {
                max: MAX_KEYWORD_CHARS
            })
        );
    }
}
