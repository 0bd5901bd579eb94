//! Accounts, roles and the rules for what people type when they register.

use serde::{Deserialize, Serialize};

use crate::ValidationError;

crate::coded_enum! {
    /// Who is using the service.
    pub enum Role {
        Seeker = ("seeker", "求職者", "Job seeker"),
        Employer = ("employer", "求人者", "Employer"),
        Staff = ("staff", "職員", "Staff"),
        Admin = ("admin", "管理者", "Administrator"),
    }
}

/// Where to go after logging in, when a page asked for the login: a path
/// on this site only (`/jobs/…`), never another host (`//evil`, `http:`).
pub fn safe_next(next: &str) -> Option<&str> {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && next.len() <= 300
        && !next
            .chars()
            .any(|c| c.is_control() || c == '\\' || c.is_whitespace());
    ok.then_some(next)
}

/// The longest e-mail address accepted (RFC 5321's path limit).
pub const MAX_EMAIL_CHARS: usize = 254;
pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 128;

/// Trims and lower-cases an e-mail address and checks its shape: one `@`,
/// a local part, a domain with a dot, no spaces.
pub fn normalize_email(raw: &str) -> Result<String, ValidationError> {
    let email = raw.trim().to_lowercase();
    if email.is_empty() {
        return Err(ValidationError::Required);
    }
    if email.chars().count() > MAX_EMAIL_CHARS {
        return Err(ValidationError::TooLong {
            max: MAX_EMAIL_CHARS,
        });
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Err(ValidationError::Email);
    };
    let bad_char = |c: char| c.is_whitespace() || c.is_control() || c == '@' || c == ',';
    if local.is_empty()
        || domain.len() < 3
        || !domain.contains('.')
        || domain.starts_with('.')
        || domain.ends_with('.')
        || domain.contains("..")
        || email.chars().any(|c| c != '@' && bad_char(c))
        || domain.contains('@')
    {
        return Err(ValidationError::Email);
    }
    Ok(email)
}

/// A password is at least [`MIN_PASSWORD_CHARS`] characters and not one
/// character repeated or a run of digits only.
pub fn check_password(password: &str) -> Result<(), ValidationError> {
    let n = password.chars().count();
    if n > MAX_PASSWORD_CHARS {
        return Err(ValidationError::TooLong {
            max: MAX_PASSWORD_CHARS,
        });
    }
    let first = password.chars().next();
    if n < MIN_PASSWORD_CHARS
        || password.chars().all(|c| Some(c) == first)
        || password.chars().all(|c| c.is_ascii_digit())
    {
        return Err(ValidationError::WeakPassword);
    }
    Ok(())
}

/// A reading (フリガナ) in full-width katakana; spaces between family and
/// given name are allowed and normalised to one ideographic space.
pub fn normalize_kana(raw: &str) -> Result<String, ValidationError> {
    let words: Vec<&str> = raw
        .split(|c: char| c.is_whitespace() || c == '\u{3000}')
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return Err(ValidationError::Required);
    }
    let katakana = |c: char| matches!(c, '\u{30A1}'..='\u{30FA}' | 'ー' | 'ヽ' | 'ヾ');
    if !words.iter().all(|w| w.chars().all(katakana)) {
        return Err(ValidationError::Kana);
    }
    Ok(words.join("\u{3000}"))
}

/// A reading as [`normalize_kana`] makes it, of at most `max` characters.
pub fn kana_text(raw: &str, max: usize) -> Result<String, ValidationError> {
    let kana = normalize_kana(raw)?;
    if kana.chars().count() > max {
        return Err(ValidationError::TooLong { max });
    }
    Ok(kana)
}

/// A required single-line text of at most `max` characters, trimmed.
pub fn required_text(raw: &str, max: usize) -> Result<String, ValidationError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(ValidationError::Required);
    }
    if text.chars().count() > max {
        return Err(ValidationError::TooLong { max });
    }
    if text.chars().any(|c| c.is_control()) {
        return Err(ValidationError::Required);
    }
    Ok(text.to_owned())
}

/// What the client knows of the logged-in user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i32,
    pub role: Role,
    pub display_name: String,
    /// Whether the account's address is verified (docs/domain.md,
    /// "Accounts"); until then the MyPage asks for it.
    pub email_verified: bool,
}

/// A staff or admin account as the admin screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffAccountView {
    pub id: i32,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub office_code: Option<String>,
    /// YYYY-MM-DD in Japan, if the account ever logged in.
    pub last_login_on: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_of_this_site_are_followed_after_login() {
        assert_eq!(
            safe_next("/jobs/13010-09990001"),
            Some("/jobs/13010-09990001")
        );
        assert_eq!(
            safe_next("/jobs?q=%E4%BB%8B&pref=13"),
            Some("/jobs?q=%E4%BB%8B&pref=13")
        );
        for bad in [
            "",
            "jobs",
            "//evil.example",
            "/\\evil.example",
            "https://evil.example/",
            "/a\nb",
            "/a b",
            "/\\\\x",
        ] {
            assert_eq!(safe_next(bad), None, "{bad:?}");
        }
        assert_eq!(safe_next(&format!("/{}", "a".repeat(400))), None);
    }

    #[test]
    fn kana_texts_are_readings_within_their_limit() {
        assert_eq!(
            kana_text("ヤマダ タロウ", 50).unwrap(),
            "ヤマダ\u{3000}タロウ"
        );
        assert_eq!(kana_text("やまだ", 50), Err(ValidationError::Kana));
        assert_eq!(
            kana_text(&"ア".repeat(51), 50),
            Err(ValidationError::TooLong { max: 50 })
        );
    }

    #[test]
    fn emails() {
        assert_eq!(
            normalize_email("  Seeker@Example.JP ").unwrap(),
            "seeker@example.jp"
        );
        for bad in [
            "",
            "seeker",
            "@example.jp",
            "seeker@",
            "seeker@jp",
            "a b@example.jp",
            "a@b@example.jp",
            "a@.example.jp",
            "a@example..jp",
            "a@example.jp.",
        ] {
            assert!(normalize_email(bad).is_err(), "{bad}");
        }
        assert_eq!(
            normalize_email(&format!("{}@example.jp", "a".repeat(250))),
            Err(ValidationError::TooLong {
                max: MAX_EMAIL_CHARS
            })
        );
    }

    #[test]
    fn passwords() {
        assert!(check_password("demo-password-1").is_ok());
        assert!(check_password("パスワードは十文字以上").is_ok());
        for weak in ["short", "aaaaaaaaaaaa", "12345678901234", ""] {
            assert_eq!(
                check_password(weak),
                Err(ValidationError::WeakPassword),
                "{weak}"
            );
        }
        assert!(check_password(&"x1".repeat(100)).is_err());
    }

    #[test]
    fn kana() {
        assert_eq!(
            normalize_kana("ヤマダ タロウ").unwrap(),
            "ヤマダ\u{3000}タロウ"
        );
        assert_eq!(
            normalize_kana("ヤマダ　　タロウ ").unwrap(),
            "ヤマダ\u{3000}タロウ"
        );
        assert_eq!(normalize_kana("やまだ"), Err(ValidationError::Kana));
        assert_eq!(normalize_kana("山田"), Err(ValidationError::Kana));
        assert_eq!(normalize_kana("Yamada"), Err(ValidationError::Kana));
        assert_eq!(normalize_kana("  "), Err(ValidationError::Required));
    }

    #[test]
    fn texts() {
        assert_eq!(
            required_text("  株式会社あおば ", 20).unwrap(),
            "株式会社あおば"
        );
        assert_eq!(required_text(" ", 20), Err(ValidationError::Required));
        assert_eq!(
            required_text("あいう", 2),
            Err(ValidationError::TooLong { max: 2 })
        );
    }
}
