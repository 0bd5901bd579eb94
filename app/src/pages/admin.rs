//! The admin's part of `/admin`: staff and admin accounts.

use leptos::prelude::*;
use madoguchi_shared::account::Role;
use madoguchi_shared::label::Label;

use crate::api::admin::{AddStaffAccount, offices, staff_accounts};
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;

#[component]
pub fn StaffAccounts() -> impl IntoView {
    let i18n = use_i18n();
    let add = ServerAction::<AddStaffAccount>::new();
    // Reloads after every successful addition.
    let accounts = Resource::new(move || add.version().get(), |_| staff_accounts());
    let office_list = Resource::new(|| (), |_| offices());
    let error = move || add.value().get().and_then(|r| r.err());
    let invalid = move |name: &'static str| {
        move || match error() {
            Some(AppError::Field { field, .. }) if field == name => "true",
            _ => "false",
        }
    };
    let lang = move || crate::domain_lang(i18n);
    view! {
        <section class="admin-section" aria-labelledby="staff-heading">
            <h2 id="staff-heading">{t!(i18n, admin_staff_heading)}</h2>
            <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    match accounts.await {
                        Ok(list) => view! {
                            <div class="table-scroll">
                                <table class="data-table">
                                    <thead>
                                        <tr>
                                            <th scope="col">{t!(i18n, admin_office)}</th>
                                            <th scope="col">{t!(i18n, admin_name)}</th>
                                            <th scope="col">{t!(i18n, login_email)}</th>
                                            <th scope="col">{t!(i18n, account_role)}</th>
                                            <th scope="col">{t!(i18n, admin_last_login)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {list
                                            .into_iter()
                                            .map(|a| {
                                                let role = a.role;
                                                view! {
                                                    <tr>
                                                        <td>{a.office_code.unwrap_or_else(|| "—".to_owned())}</td>
                                                        <td>{a.display_name}</td>
                                                        <td>{a.email}</td>
                                                        <td>{move || role.label(lang())}</td>
                                                        <td>{a.last_login_on.unwrap_or_else(|| "—".to_owned())}</td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Suspense>
            <h3>{t!(i18n, admin_add_heading)}</h3>
            <ActionForm action=add attr:class="stack-form">
                <label for="staff-name">{t!(i18n, admin_name)}</label>
                <input id="staff-name" name="name" required maxlength="50" aria-invalid=invalid("name") />
                <label for="staff-email">{t!(i18n, login_email)}</label>
                <input id="staff-email" name="email" type="email" required maxlength="254" autocomplete="off" aria-invalid=invalid("email") />
                <label for="staff-role">{t!(i18n, account_role)}</label>
                <select id="staff-role" name="role" aria-invalid=invalid("role")>
                    <option value="staff">{move || Role::Staff.label(lang())}</option>
                    <option value="admin">{move || Role::Admin.label(lang())}</option>
                </select>
                <label for="staff-office">{t!(i18n, admin_office)}</label>
                <select id="staff-office" name="office" aria-invalid=invalid("office")>
                    <option value="">{t!(i18n, admin_office_none)}</option>
                    <Suspense>
                        {move || Suspend::new(async move {
                            office_list
                                .await
                                .unwrap_or_default()
                                .into_iter()
                                .map(|o| view! { <option value=o.code.clone()>{format!("{} {}", o.code, o.name)}</option> })
                                .collect_view()
                        })}
                    </Suspense>
                </select>
                <label for="staff-password">{t!(i18n, admin_initial_password)}</label>
                <input id="staff-password" name="password" type="password" autocomplete="new-password" required minlength="10" maxlength="128" aria-describedby="staff-password-hint" aria-invalid=invalid("password") />
                <small id="staff-password-hint">{t!(i18n, admin_initial_password_hint)}</small>
                <button type="submit" class="primary">{t!(i18n, admin_add_submit)}</button>
            </ActionForm>
            {move || match add.value().get() {
                Some(Ok(_)) => Some(view! { <p role="status">{t!(i18n, admin_added)}</p> }.into_any()),
                Some(Err(error)) => Some(view! { <ErrorMessage error /> }.into_any()),
                None => None,
            }}
        </section>
    }
}
