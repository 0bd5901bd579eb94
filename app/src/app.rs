//! The document shell and the routes.

use leptos::prelude::*;
use leptos_meta::{Meta, MetaTags, provide_meta_context};
use leptos_router::SsrMode;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::layout::{SiteFooter, SiteHeader};
use crate::i18n::*;
use crate::pages::account::{AdminHome, EmployerHome, SeekerHome, StaffHome};
use crate::pages::{
    home::HomePage,
    jobs::JobsPage,
    login::LoginPage,
    not_found::NotFound,
    register::{EmployerRegisterPage, RegisterPage},
};

/// The HTML document around every page. The bundle's file names carry a
/// content hash (`output_name` is set by the server from the build), so the
/// browser can cache them for good and a deploy never mixes old and new.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let stylesheet = format!("/{}/{}.css", options.site_pkg_dir, options.output_name);
    #[cfg(feature = "ssr")]
    if let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) && let Ok(policy) = http::HeaderValue::from_str(&page_policy(&nonce))
    {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, policy);
    }
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#0a4f9c" />
                <link rel="stylesheet" href=stylesheet />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="manifest" href="/manifest.webmanifest" />
                // Deferred: the bundle loads once the page is idle, so it does
                // not compete with the first paint; forms work before it.
                <HydrationScripts options defer=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The policy of a rendered page: its scripts are the bundle and the
/// inline ones Leptos writes with this response's `nonce` (hydration and
/// streamed resources); WebAssembly may compile (`'wasm-unsafe-eval'`),
/// nothing may `eval`; styles and everything else come from the site only.
/// The hash is that of an empty script, which the rendered body ends with.
#[cfg(feature = "ssr")]
pub fn page_policy(nonce: &str) -> String {
    const EMPTY_SCRIPT: &str = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' {EMPTY_SCRIPT} 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    crate::live::provide_live();
    view! {
        <I18nContextProvider>
            <Description />
            <Router>
                <SiteHeader />
                <main id="main" tabindex="-1">
                    <Routes fallback=NotFound>
                        // In order: the newest postings arrive inside the first
                        // response, so nothing shifts when they appear.
                        <Route path=path!("") view=HomePage ssr=SsrMode::InOrder />
                        // In order: results are in the first response, so search works
                        // without JavaScript and for crawlers.
                        <Route path=path!("/jobs") view=JobsPage ssr=SsrMode::InOrder />
                        <Route path=path!("/jobs/:number") view=crate::pages::posting::PostingPage ssr=SsrMode::Async />
                        <Route path=path!("/jobs/:number/print") view=crate::pages::posting::PostingPrintPage ssr=SsrMode::Async />
                        <Route path=path!("/jobs/:number/apply") view=crate::pages::apply::ApplyPage ssr=SsrMode::Async />
                        <Route path=path!("/login") view=LoginPage />
                        <Route path=path!("/register") view=RegisterPage />
                        <Route path=path!("/register/employer") view=EmployerRegisterPage />
                        <Route path=path!("/register/sent") view=crate::pages::account_links::RegisterSentPage />
                        <Route path=path!("/verify/:token") view=crate::pages::account_links::VerifyPage ssr=SsrMode::Async />
                        <Route path=path!("/password-reset") view=crate::pages::account_links::PasswordResetRequestPage />
                        <Route path=path!("/reset/:token") view=crate::pages::account_links::ResetPasswordPage ssr=SsrMode::Async />
                        <Route path=path!("/mypage") view=SeekerHome ssr=SsrMode::InOrder />
                        <Route path=path!("/mypage/profile") view=crate::pages::profile::ProfilePage ssr=SsrMode::Async />
                        <Route path=path!("/mypage/applications/:id") view=crate::pages::applications::ApplicationPage ssr=SsrMode::Async />
                        <Route path=path!("/mypage/applications/:id/letter") view=crate::pages::applications::ReferralLetterPage ssr=SsrMode::Async />
                        <Route path=path!("/mypage/referrals/:id/apply") view=crate::pages::referrals::ReferralApplyPage ssr=SsrMode::Async />
                        <Route path=path!("/employer") view=EmployerHome ssr=SsrMode::InOrder />
                        <Route path=path!("/employer/applicants") view=crate::pages::applicants::ApplicantsPage ssr=SsrMode::Async />
                        <Route path=path!("/employer/applicants/:id") view=crate::pages::applicants::ApplicantPage ssr=SsrMode::Async />
                        <Route path=path!("/employer/establishment") view=crate::pages::establishment::EstablishmentPage ssr=SsrMode::Async />
                        <Route path=path!("/employer/users") view=crate::pages::est_users::EstablishmentUsersPage ssr=SsrMode::Async />
                        <Route path=path!("/invite/:token") view=crate::pages::est_users::InvitePage ssr=SsrMode::Async />
                        <Route path=path!("/employer/postings") view=crate::pages::own_postings::OwnPostingsPage ssr=SsrMode::Async />
                        <Route path=path!("/employer/postings/new") view=crate::pages::posting_editor::NewPostingPage ssr=SsrMode::Async />
                        <Route path=path!("/employer/postings/:id/edit") view=crate::pages::posting_editor::EditPostingPage ssr=SsrMode::Async />
                        <Route path=path!("/employer/postings/:id/preview") view=crate::pages::posting_editor::PreviewPostingPage ssr=SsrMode::Async />
                        <Route path=path!("/employer/postings/:id/requests") view=crate::pages::direct::DirectRequestPage ssr=SsrMode::Async />
                        <Route path=path!("/account/email") view=crate::pages::email::EmailPreferencesPage ssr=SsrMode::Async />
                        <Route path=path!("/messages") view=crate::pages::messages::ThreadsPage ssr=SsrMode::Async />
                        <Route path=path!("/messages/:id") view=crate::pages::messages::ThreadPage ssr=SsrMode::Async />
                        <Route path=path!("/staff") view=StaffHome ssr=SsrMode::InOrder />
                        <Route path=path!("/staff/seekers") view=crate::pages::staff::StaffSeekersPage ssr=SsrMode::Async />
                        <Route path=path!("/staff/seekers/:id") view=crate::pages::staff::StaffSeekerPage ssr=SsrMode::Async />
                        <Route path=path!("/staff/seekers/:id/profile") view=crate::pages::staff::StaffSeekerProfilePage ssr=SsrMode::Async />
                        <Route path=path!("/staff/postings/:id") view=crate::pages::staff::StaffPostingPage ssr=SsrMode::Async />
                        <Route path=path!("/staff/establishments/:id") view=crate::pages::staff::StaffEstablishmentPage ssr=SsrMode::Async />
                        <Route path=path!("/staff/follow-up") view=crate::pages::staff::FollowUpPage ssr=SsrMode::Async />
                        <Route path=path!("/staff/statistics") view=crate::pages::staff::StatisticsPage ssr=SsrMode::Async />
                        <Route path=path!("/staff/notices") view=crate::pages::notices::StaffNoticesPage ssr=SsrMode::Async />
                        <Route path=path!("/staff/postings/:id/preview") view=crate::pages::posting_editor::StaffPreviewPage ssr=SsrMode::Async />
                        <Route path=path!("/admin") view=AdminHome ssr=SsrMode::InOrder />
                    </Routes>
                </main>
                <SiteFooter />
            </Router>
        </I18nContextProvider>
    }
}

#[component]
fn Description() -> impl IntoView {
    let i18n = use_i18n();
    view! { <Meta name="description" content=move || t_string!(i18n, meta_description) /> }
}
