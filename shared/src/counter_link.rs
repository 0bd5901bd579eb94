//! The seeker's consent to 求職登録 of their internet-only MyPage at the
//! counter (docs/domain.md, "Registration at the counter"): MyPage shows a
//! short one-time code, the seeker reads it out or shows it, and staff can
//! link that MyPage only with it. An e-mail address alone links nothing.

use unicode_normalization::UnicodeNormalization;

use crate::ValidationError;

/// The characters of a code: digits and capitals without 0, 1, I and O,
/// which a person misreads across a counter. 32 of them, so 8 characters
/// are 40 random bits.
pub const ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/// Characters in a code.
pub const LEN: usize = 8;

/// Minutes a code stays usable after it is shown.
pub const VALID_MINUTES: i64 = 30;

/// A code as typed — full-width, lower case, with spaces or a hyphen — in
/// its one stored form, or an error when it is not [`LEN`] characters of
/// [`ALPHABET`].
pub fn normalize(typed: &str) -> Result<String, ValidationError> {
    let code: String = typed
        .nfkc()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != 'ー')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if code.is_empty() {
        return Err(ValidationError::Required);
    }
    if code.chars().count() != LEN || !code.bytes().all(|b| ALPHABET.contains(&b)) {
        return Err(ValidationError::LinkCode);
    }
    Ok(code)
}

/// A code from [`LEN`] random bytes (each taken modulo 32, which is exact).
pub fn from_random(bytes: [u8; LEN]) -> String {
    bytes
        .iter()
        .map(|b| ALPHABET[(*b as usize) % ALPHABET.len()] as char)
        .collect()
}

/// How MyPage shows a code: two groups of four, `ABCD-EFGH`.
pub fn display(code: &str) -> String {
    let (a, b) = code.split_at(code.len().min(LEN / 2));
    format!("{a}-{b}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn typed_forms_of_one_code_are_one_code() {
        for typed in [
            "ABCD-EFGH",
            "abcdefgh",
            " abcd efgh ",
            "ＡＢＣＤ－ＥＦＧＨ",
            "ABCDーEFGH",
        ] {
            assert_eq!(normalize(typed), Ok("ABCDEFGH".to_owned()), "{typed}");
        }
    }

    #[test]
    fn misreadable_short_long_and_empty_codes_are_refused() {
        assert_eq!(normalize(""), Err(ValidationError::Required));
        assert_eq!(normalize(" - "), Err(ValidationError::Required));
        for typed in [
            "ABCD-EFG0",
            "ABCDEFGI",
            "ABCDEFG",
            "ABCDEFGHJ",
            "ABCD%EFG",
            "あいうえおかきく",
        ] {
            assert_eq!(normalize(typed), Err(ValidationError::LinkCode), "{typed}");
        }
    }

    proptest! {
        #[test]
        fn every_random_code_reads_back_as_itself(bytes in any::<[u8; LEN]>()) {
            let code = from_random(bytes);
            prop_assert_eq!(code.len(), LEN);
            prop_assert_eq!(normalize(&display(&code)), Ok(code.clone()));
            prop_assert_eq!(normalize(&code.to_lowercase()), Ok(code));
        }

        #[test]
        fn any_text_is_refused_or_normalized_never_a_panic(typed in ".{0,40}") {
            if let Ok(code) = normalize(&typed) {
                prop_assert_eq!(code.len(), LEN);
                prop_assert!(code.bytes().all(|b| ALPHABET.contains(&b)));
            }
        }
    }
}
