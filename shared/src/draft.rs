//! 下書き: long text a seeker is writing (a motivation statement), kept on
//! the device as it is typed and on the server when online. When both
//! changed, neither copy is dropped: the newer by its edit time is shown,
//! and the other is offered to restore.

use serde::{Deserialize, Serialize};

/// One copy of a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub text: String,
    /// When the text was last edited, in milliseconds since 1970 (the
    /// editing device's clock).
    pub edited_at: i64,
}

/// What the form shows after comparing the device's and the server's copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// The copy in the text box.
    pub shown: Option<Draft>,
    /// The other copy, when its text differs: offered to restore.
    pub other: Option<Draft>,
    /// Whether the server's copy is behind the shown one (to be sent).
    pub server_behind: bool,
}

/// The merge rule: the newer edit wins the text box, an equal time
/// prefers the device; a differing other copy is kept, never dropped.
/// Empty copies count as absent.
pub fn merge(local: Option<Draft>, server: Option<Draft>) -> Merged {
    let local = local.filter(|d| !d.text.trim().is_empty());
    let server = server.filter(|d| !d.text.trim().is_empty());
    match (local, server) {
        (None, None) => Merged {
            shown: None,
            other: None,
            server_behind: false,
        },
        (Some(l), None) => Merged {
            shown: Some(l),
            other: None,
            server_behind: true,
        },
        (None, Some(s)) => Merged {
            shown: Some(s),
            other: None,
            server_behind: false,
        },
        (Some(l), Some(s)) => {
            if l.text == s.text {
                let server_behind = l.edited_at > s.edited_at;
                Merged {
                    shown: Some(if server_behind { l } else { s }),
                    other: None,
                    server_behind,
                }
            } else if s.edited_at > l.edited_at {
                Merged {
                    shown: Some(s),
                    other: Some(l),
                    server_behind: false,
                }
            } else {
                Merged {
                    shown: Some(l),
                    other: Some(s),
                    server_behind: true,
                }
            }
        }
    }
}

/// The longest key of a draft (a posting number or `referral-<id>`).
pub const MAX_KEY_CHARS: usize = 40;

/// Whether `key` can name a draft: a 求人番号.
pub fn valid_key(key: &str) -> bool {
    key.parse::<crate::posting::PostingNumber>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str, at: i64) -> Option<Draft> {
        Some(Draft {
            text: text.to_owned(),
            edited_at: at,
        })
    }

    #[test]
    fn the_newer_edit_is_shown_and_the_other_offered() {
        let m = merge(d("端末の文", 200), d("サーバーの文", 100));
        assert_eq!(m.shown, d("端末の文", 200));
        assert_eq!(m.other, d("サーバーの文", 100));
        assert!(m.server_behind);
        let m = merge(d("端末の文", 100), d("別の端末の文", 300));
        assert_eq!(m.shown, d("別の端末の文", 300));
        assert_eq!(m.other, d("端末の文", 100));
        assert!(!m.server_behind);
    }

    #[test]
    fn the_same_text_is_no_conflict() {
        let m = merge(d("同じ", 100), d("同じ", 300));
        assert_eq!(
            (m.shown, m.other, m.server_behind),
            (d("同じ", 300), None, false)
        );
        let m = merge(d("同じ", 300), d("同じ", 100));
        assert_eq!(
            (m.shown, m.other, m.server_behind),
            (d("同じ", 300), None, true)
        );
    }

    #[test]
    fn one_side_or_none() {
        assert_eq!(merge(None, None).shown, None);
        let m = merge(d("端末だけ", 1), None);
        assert!(m.server_behind && m.other.is_none());
        let m = merge(None, d("サーバーだけ", 1));
        assert_eq!(m.shown, d("サーバーだけ", 1));
        assert!(!m.server_behind);
        // Empty copies do not hide a real one.
        let m = merge(d("  ", 500), d("本文", 1));
        assert_eq!((m.shown, m.other), (d("本文", 1), None));
    }

    #[test]
    fn an_equal_time_prefers_the_device_and_keeps_the_server_copy() {
        let m = merge(d("端末", 100), d("サーバー", 100));
        assert_eq!((m.shown, m.other), (d("端末", 100), d("サーバー", 100)));
    }

    #[test]
    fn keys_are_posting_numbers() {
        assert!(valid_key("13010-09990001"));
        assert!(!valid_key("../etc"));
        assert!(!valid_key(""));
    }
}
