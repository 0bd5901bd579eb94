//! Header, navigation, language switch and footer.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::*;

#[component]
pub fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="skip-link" href="#main">{t!(i18n, skip_to_content)}</a>
        <header class="site-header">
            <A href="/" attr:class="brand">
                <span class="brand-name">{t!(i18n, site_name)}</span>
                <span class="brand-tagline">{t!(i18n, site_tagline)}</span>
            </A>
            <nav aria-label=move || t_string!(i18n, nav_label)>
                <ul>
                    <li><A href="/">{t!(i18n, nav_home)}</A></li>
                    <li><A href="/jobs">{t!(i18n, nav_jobs)}</A></li>
                    <li><A href="/mypage">{t!(i18n, nav_mypage)}</A></li>
                    <MessagesLink />
                    <li><A href="/login">{t!(i18n, nav_login)}</A></li>
                </ul>
            </nav>
            <LanguageSwitch />
        </header>
    }
}

/// The link to the user's threads with the live unread count, shown once
/// the count says the user has threads (a seeker or an employer).
#[component]
fn MessagesLink() -> impl IntoView {
    let i18n = use_i18n();
    let live = crate::live::use_live();
    crate::live::follow(live);
    move || {
        live.has_threads().then(|| {
            let unread = live.get().messages;
            view! {
                <li>
                    <A href="/messages">
                        {t!(i18n, nav_messages)}
                        {(unread > 0).then(|| view! {
                            " "<span class="badge unread-badge" data-testid="unread-count"
                                aria-label=move || t_string!(i18n, messages_unread_label).replace("{count}", &unread.to_string())>{unread}</span>
                        })}
                    </A>
                </li>
            }
        })
    }
}

/// Switches between Japanese and English; the choice is kept in a cookie,
/// so the server renders the next page in the same language.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let other = move || match i18n.get_locale() {
        Locale::ja => Locale::en,
        Locale::en => Locale::ja,
    };
    view! {
        <button
            type="button"
            class="lang-switch"
            data-testid="lang-switch"
            lang=move || other().as_str()
            aria-label=move || t_string!(i18n, lang_switch_label)
            on:click=move |_| i18n.set_locale(other())
        >
            {t!(i18n, lang_switch)}
        </button>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="site-footer">
            <p>{t!(i18n, footer_copyright)}</p>
        </footer>
    }
}
