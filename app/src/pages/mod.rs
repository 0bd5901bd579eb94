//! One module per page.

pub mod account;
pub mod account_links;
pub mod admin;
pub mod applicants;
pub mod applications;
pub mod apply;
pub mod attention;
pub mod direct;
pub mod email;
pub mod est_users;
pub mod establishment;
pub mod favourites;
pub mod home;
pub mod jobs;
pub mod login;
pub mod messages;
pub mod not_found;
pub mod notices;
pub mod own_postings;
pub mod posting;
pub mod posting_editor;
pub mod profile;
pub mod referrals;
pub mod register;
pub mod review;
pub mod saved_searches;
pub mod staff;

/// An RFC 3339 instant as Japan's clock shows it: `2026-12-02 09:30`.
pub fn local_time(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| {
            (t.with_timezone(&chrono::Utc) + chrono::TimeDelta::hours(9))
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

/// The `:id` of the current route as a number (0, which names nothing,
/// when it is not one).
pub fn id_param() -> impl Fn() -> i32 + Copy {
    let params = leptos_router::hooks::use_params_map();
    move || {
        use leptos::prelude::Read;
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i32>().ok())
            .unwrap_or(0)
    }
}
