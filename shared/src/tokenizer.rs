//! The Japanese search tokenizer, used for both indexing and queries.
//!
//! Japanese has no spaces between words, and a dictionary-based analyser
//! cannot be built here, so text is split by script:
//! - runs of kanji, kana and the marks that belong to them (々, ー) become
//!   overlapping character bigrams (介護職員 → 介護 護職 職員), so that any
//!   word of two or more characters is found as a run of bigrams; a run of
//!   one character is kept as that character;
//! - runs of letters and digits become lower-cased words;
//! - everything else separates tokens.
//!
//! Text is first normalised with NFKC, so full-width ＡＢＣ１２３ and
//! half-width ｶﾀｶﾅ match their usual forms.

use unicode_normalization::UnicodeNormalization;

/// One token and its position in the token stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub position: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Cjk,
    Word,
    Separator,
}

fn class(c: char) -> Class {
    match c {
        // ・ (katakana middle dot) and ゠ separate words.
        '\u{30FB}' | '\u{30A0}' => Class::Separator,
        // Hiragana, Katakana (incl. ー U+30FC), Katakana phonetic extensions.
        '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' => Class::Cjk,
        // CJK unified ideographs and extension A, compatibility ideographs.
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' => Class::Cjk,
        // Ideographs of the supplementary planes (extension B onwards).
        '\u{20000}'..='\u{3FFFF}' => Class::Cjk,
        // 々 〆 〇 (iteration mark, shime, ideographic zero).
        '\u{3005}' | '\u{3006}' | '\u{3007}' => Class::Cjk,
        c if c.is_alphanumeric() => Class::Word,
        _ => Class::Separator,
    }
}

/// NFKC-normalises `text`, as indexing and querying both must.
pub fn normalize(text: &str) -> String {
    text.nfkc().collect()
}

/// Splits already normalised text into tokens.
pub fn tokenize_normalized(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut run: Vec<char> = Vec::new();
    let mut run_class = Class::Separator;
    let flush = |run: &mut Vec<char>, class: Class, tokens: &mut Vec<Token>| {
        match class {
            Class::Cjk if run.len() == 1 => push(tokens, run[0].to_string()),
            Class::Cjk => {
                for pair in run.windows(2) {
                    push(tokens, pair.iter().collect());
                }
            }
            Class::Word => push(tokens, run.iter().collect::<String>().to_lowercase()),
            Class::Separator => {}
        }
        run.clear();
    };
    for c in text.chars() {
        let c_class = class(c);
        if c_class != run_class {
            flush(&mut run, run_class, &mut tokens);
            run_class = c_class;
        }
        if c_class != Class::Separator {
            run.push(c);
        }
    }
    flush(&mut run, run_class, &mut tokens);
    tokens
}

fn push(tokens: &mut Vec<Token>, text: String) {
    let position = tokens.len();
    tokens.push(Token { text, position });
}

/// Normalises and tokenizes `text`: the tokens as strings.
pub fn tokens(text: &str) -> Vec<String> {
    tokenize_normalized(&normalize(text))
        .into_iter()
        .map(|t| t.text)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn kanji_and_kana_become_bigrams() {
        assert_eq!(tokens("介護職員"), ["介護", "護職", "職員"]);
        assert_eq!(tokens("事務"), ["事務"]);
        assert_eq!(tokens("パート"), ["パー", "ート"]);
    }

    #[test]
    fn a_single_ideograph_stays_a_token() {
        assert_eq!(tokens("夜 勤"), ["夜", "勤"]);
    }

    #[test]
    fn latin_and_digits_are_lower_cased_words() {
        assert_eq!(
            tokens("Webエンジニア Rust2024"),
            ["web", "エン", "ンジ", "ジニ", "ニア", "rust2024"]
        );
    }

    #[test]
    fn full_and_half_width_forms_match() {
        assert_eq!(tokens("ＡＢＣ１２３"), tokens("abc123"));
        assert_eq!(tokens("ｶﾀｶﾅ"), tokens("カタカナ"));
        assert_eq!(tokens("（株）"), tokens("(株)"));
    }

    #[test]
    fn punctuation_separates() {
        assert_eq!(tokens("介護・福祉、事務。"), ["介護", "福祉", "事務"]);
        assert!(tokens("！？ 、。・").is_empty());
    }

    #[test]
    fn iteration_mark_belongs_to_the_word() {
        assert_eq!(tokens("佐々木"), ["佐々", "々木"]);
    }

    proptest! {
        /// Any two-character CJK word inside a text is found among the
        /// text's tokens: the guarantee that keyword search relies on.
        #[test]
        fn every_cjk_pair_is_a_token(prefix in "[ぁ-んァ-ン一-龥]{0,6}", word in "[一-龥]{2}", suffix in "[ぁ-んァ-ン一-龥]{0,6}") {
            let text = format!("{prefix}{word}{suffix}");
            prop_assert!(tokens(&text).contains(&word));
        }

        /// A query's tokens are a run of consecutive tokens of any text
        /// containing it, so phrase matching finds it.
        #[test]
        fn query_tokens_appear_in_order(prefix in "[ぁ-ん一-龥 a-z]{0,8}", word in "[一-龥ァ-ン]{2,5}", suffix in "[ぁ-ん一-龥 a-z]{0,8}") {
            let text = format!("{prefix} {word} {suffix}");
            let doc = tokens(&text);
            let query = tokens(&word);
            prop_assert!(doc.windows(query.len()).any(|w| w == query.as_slice()));
        }

        /// Tokenizing never panics, and positions count up from zero.
        #[test]
        fn positions_are_consecutive(text in any::<String>()) {
            let toks = tokenize_normalized(&normalize(&text));
            for (i, t) in toks.iter().enumerate() {
                prop_assert_eq!(t.position, i);
                prop_assert!(!t.text.is_empty());
            }
        }

        /// Normalisation is idempotent, so indexing normalised text again
        /// changes nothing.
        #[test]
        fn normalizing_twice_changes_nothing(text in any::<String>()) {
            let once = normalize(&text);
            prop_assert_eq!(normalize(&once), once.clone());
        }
    }
}
