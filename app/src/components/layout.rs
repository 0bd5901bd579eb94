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
                    <AccountMenu />
                </ul>
            </nav>
            <LanguageSwitch />
        </header>
    }
}

/// Who is logged in, rendered by the server on every page: the user's
/// name (to the role's start page) and the logout button; the login link
/// for a visitor. The server reads the user of the request without
/// waiting and hands it to the browser with the page; in the browser it
/// is asked again after each navigation, since a login happens without a
/// reload, and forgotten at once at logout.
#[component]
fn AccountMenu() -> impl IntoView {
    use crate::api::account::{Logout, home_of};
    use madoguchi_shared::account::CurrentUser;
    let i18n = use_i18n();
    let logout = ServerAction::<Logout>::new();
    let user = RwSignal::new(
        SharedValue::<Option<CurrentUser>>::new(|| {
            #[cfg(feature = "ssr")]
            return crate::state::rendering_user();
            #[cfg(not(feature = "ssr"))]
            None
        })
        .into_inner(),
    );
    #[cfg(feature = "hydrate")]
    {
        let location = leptos_router::hooks::use_location();
        Effect::new(move |first: Option<()>| {
            let _ = location.pathname.get();
            if first.is_some() {
                leptos::task::spawn_local(async move {
                    if let Ok(now) = crate::api::account::me().await {
                        user.set(now);
                    }
                });
            }
        });
    }
    Effect::new(move |_| {
        if logout.version().get() > 0 {
            user.set(None);
        }
    });
    move || match user.get() {
        Some(u) => {
            let id = u.id;
            view! {
                <li class="who" data-testid="who">
                    <A href=home_of(u.role)>{u.display_name}</A>
                </li>
                <li>
                    <ActionForm action=logout attr:class="logout-form">
                        // What this device keeps of the user (drafts,
                        // waiting applications, pages kept offline)
                        // leaves with them.
                        <button type="submit" class="link-button" on:click=move |_| {
                            crate::offline::forget_user(id);
                            crate::live::stop();
                        }>{t!(i18n, nav_logout)}</button>
                    </ActionForm>
                </li>
            }
            .into_any()
        }
        None => view! { <li><A href="/login">{t!(i18n, nav_login)}</A></li> }.into_any(),
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
