//! Text that goes into HTML outside the view macros' own escaping.

/// JSON made safe inside a `<script>` element (JSON-LD): `<`, `>` and `&`
/// become `\u003c`, `\u003e` and `\u0026`, and the line and paragraph
/// separators their escapes, so no text of a posting can end the script,
/// open a comment or a new tag. In JSON they occur only inside strings,
/// where the escapes read back as the same characters.
pub fn json_for_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn no_text_can_end_the_script() {
        let text = "</script><script>alert(1)</script><!-- &amp; \u{2028}";
        let json = serde_json::json!({ "description": text }).to_string();
        let safe = json_for_script(&json);
        for bad in ["<", ">", "&", "\u{2028}"] {
            assert!(!safe.contains(bad), "{safe}");
        }
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["description"], text);
    }

    proptest! {
        #[test]
        fn any_text_reads_back_unchanged(text in any::<String>()) {
            let json = serde_json::json!({ "t": text }).to_string();
            let safe = json_for_script(&json);
            prop_assert!(!safe.to_ascii_lowercase().contains("</script"));
            let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
            prop_assert_eq!(back["t"].as_str().unwrap(), text.as_str());
        }
    }
}
