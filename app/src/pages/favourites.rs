//! お気に入り on the seeker's MyPage: what they kept, closed postings
//! marked rather than dropped, each removable.

use leptos::prelude::*;
use leptos_router::components::A;
use madoguchi_shared::date::to_iso;
use madoguchi_shared::label::{Label, Lang};
use madoguchi_shared::posting::format_yen;
use madoguchi_shared::records::Favourite;

use crate::api::favourites::{RemoveFavourite, my_favourites};
use crate::error::ErrorMessage;
use crate::i18n::*;

#[component]
pub fn MyFavourites() -> impl IntoView {
    let i18n = use_i18n();
    let remove = ServerAction::<RemoveFavourite>::new();
    let list = Resource::new(move || remove.version().get(), |_| my_favourites());
    view! {
        <section class="mypage-section" data-testid="favourites">
            <h2>{t!(i18n, fav_heading)}</h2>
            {move || match remove.value().get() {
                Some(Ok(())) => Some(view! { <p role="status">{t!(i18n, fav_removed)}</p> }.into_any()),
                Some(Err(error)) => Some(view! { <ErrorMessage error /> }.into_any()),
                None => None,
            }}
            <Transition fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(items) if items.is_empty() => view! { <p>{t!(i18n, fav_none)}</p> }.into_any(),
                        Ok(items) => {
                            let count = items.len();
                            view! {
                            <p>{t!(i18n, fav_count, count = move || count)}</p>
                            <ul class="favourite-list">
                                {items
                                    .clone()
                                    .into_iter()
                                    .map(|item| view! { <FavouriteItem item remove /> })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any()
                        }
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn FavouriteItem(item: Favourite, remove: ServerAction<RemoveFavourite>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || crate::domain_lang(i18n);
    let p = item.posting;
    let number = p.number.to_string();
    let href = format!("/jobs/{number}");
    let (form, min, max) = (p.wage_form, format_yen(p.wage_min), format_yen(p.wage_max));
    let wage = move || match lang() {
        Lang::Ja => format!("{} {min}円〜{max}円", form.label(Lang::Ja)),
        Lang::En => format!("{} ¥{min}–¥{max}", form.label(Lang::En)),
    };
    let place = move || {
        let pref = if lang() == Lang::Ja {
            p.prefecture.name_ja()
        } else {
            p.prefecture.name_en()
        };
        format!("{pref} {}", p.city)
    };
    view! {
        <li class="favourite" class:closed=!item.open>
            <h3>
                {(!item.open).then(|| view! { <span class="badge closed-badge">{t!(i18n, fav_closed)}</span> " " })}
                <A href=href>{p.title}</A>
            </h3>
            <p class="meta">
                {p.establishment.map(|e| view! { <span>{e}</span> " " })}
                <span>{place}</span>
            </p>
            <p class="meta">{wage}</p>
            <p class="meta">
                {t!(i18n, posting_valid_until)}": "{to_iso(p.valid_until)}" / "
                {t!(i18n, fav_saved_on)}": "{to_iso(item.saved_on)}
            </p>
            <ActionForm action=remove attr:class="inline-form">
                <input type="hidden" name="number" value=number />
                <button type="submit" class="secondary small">{t!(i18n, fav_remove)}</button>
            </ActionForm>
        </li>
    }
}
