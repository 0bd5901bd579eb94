//! What every request and response passes through before the routes: the
//! same-origin check of state-changing requests (no cross-site request
//! forgery, no login CSRF) and the security headers of every response.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// How the site is reached from outside, from the public URL setting.
#[derive(Debug, Clone)]
pub struct Site {
    /// `scheme://host[:port]` as a browser writes it in `Origin`: the
    /// public URL's, and on this machine's loopback its other names too
    /// (`localhost` for `127.0.0.1`), so that `make run` works by either.
    pub origins: Vec<String>,
    /// Served over HTTPS: cookies are `Secure` and HSTS is sent.
    pub https: bool,
}

impl Site {
    /// The site at `public_url` (e.g. `https://madoguchi.jp/`); `secure`
    /// forces HTTPS behaviour behind a proxy whose public URL says http.
    pub fn new(public_url: &str, secure: bool) -> Site {
        let origin = origin_of(public_url).unwrap_or_else(|| public_url.to_owned());
        let https = secure || origin.starts_with("https://");
        let mut origins = vec![origin.clone()];
        for (name, alias) in [
            ("://127.0.0.1", "://localhost"),
            ("://localhost", "://127.0.0.1"),
        ] {
            if let Some((scheme, port)) = origin.split_once(name)
                && (port.is_empty() || port.starts_with(':'))
            {
                origins.push(format!("{scheme}{alias}{port}"));
            }
        }
        Site { origins, https }
    }

    fn is_own(&self, url: &str) -> bool {
        origin_of(url).is_some_and(|o| self.origins.contains(&o))
    }
}

/// The origin of an absolute URL, lower-cased, without a default port.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let authority = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    let authority = match (scheme.as_str(), authority.rsplit_once(':')) {
        ("http", Some((host, "80"))) | ("https", Some((host, "443"))) => host.to_owned(),
        _ => authority,
    };
    Some(format!("{scheme}://{authority}"))
}

/// Whether a request that may change something came from the site's own
/// pages: its `Origin`, or failing that its `Referer`, is the site's.
/// A request with neither is refused too: every browser sends `Origin`
/// with a POST, so only a client hiding where it comes from lacks both.
fn same_origin(site: &Site, headers: &HeaderMap) -> bool {
    let from = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    match (from(header::ORIGIN), from(header::REFERER)) {
        (Some(origin), _) => site.is_own(origin),
        (None, Some(referer)) => site.is_own(referer),
        (None, None) => false,
    }
}

/// A mail program's one-click unsubscribe (RFC 8058) POSTs from its own
/// servers, with no `Origin` of ours: the link's token is all it acts on
/// (no session, no cookie is read), so there is nothing to forge.
fn one_click_unsubscribe(request: &Request) -> bool {
    request.method() == Method::POST
        && request
            .uri()
            .path()
            .strip_prefix("/unsubscribe/")
            .is_some_and(|t| !t.contains('/'))
}

/// Refuses, with 403, every request other than GET, HEAD and OPTIONS
/// that does not come from the site's own pages (forms without JavaScript
/// included: the browser sends `Origin` with them as well).
pub async fn require_same_origin(
    State(site): State<Site>,
    request: Request,
    next: Next,
) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if safe || one_click_unsubscribe(&request) || same_origin(&site, request.headers()) {
        return next.run(request).await;
    }
    (
        StatusCode::FORBIDDEN,
        [(header::CACHE_CONTROL, "no-store")],
        "この操作は窓口のページからのみ受け付けます。/ This request must come from Madoguchi's own pages.",
    )
        .into_response()
}

/// A page the server writes by hand (the offline page, an unsubscribe
/// answer): its own styles, no script at all.
const STATIC_PAGE_POLICY: &str = "default-src 'self'; script-src 'none'; \
     style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

/// Files, JSON and downloads: nothing runs in them, nothing frames them.
const FILE_POLICY: &str = "default-src 'none'; frame-ancestors 'none'; sandbox";

/// Paths whose pages and answers are about one person: never stored by a
/// browser or a shared cache.
fn is_personal(path: &str) -> bool {
    const PERSONAL: [&str; 12] = [
        "/mypage",
        "/employer",
        "/staff",
        "/admin",
        "/messages",
        "/account",
        "/api",
        "/documents",
        "/events",
        "/verify",
        "/reset",
        "/unsubscribe",
    ];
    PERSONAL
        .iter()
        .any(|p| path == *p || path.strip_prefix(p).is_some_and(|r| r.starts_with('/')))
}

/// Headers on every response: no framing, no type sniffing, the path
/// alone as referrer to other sites, HSTS over HTTPS, and `no-store` on
/// everything personal (and on any page rendered for a logged-in user).
pub async fn security_headers(State(site): State<Site>, request: Request, next: Next) -> Response {
    let personal = is_personal(request.uri().path())
        || request
            .headers()
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .any(|c| c.contains("madoguchi_session="));
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        // Rendered pages set their own, with the nonce of their scripts
        // (`madoguchi_app::app::page_policy`).
        let kind = h
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let policy = if kind.starts_with("text/html") {
            Some(STATIC_PAGE_POLICY)
        } else if kind.contains("javascript") {
            // The service worker: its fetches follow the policy of its
            // own script, so it gets none that would stop them.
            None
        } else {
            Some(FILE_POLICY)
        };
        if let Some(policy) = policy {
            h.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(policy),
            );
        }
    }
    if site.https {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    let immutable = h
        .get(header::CACHE_CONTROL)
        .is_some_and(|v| v.as_bytes().starts_with(b"public"));
    if personal && !immutable {
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store, private"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_compare_without_default_ports_case_or_path() {
        assert_eq!(
            origin_of("HTTPS://Madoguchi.jp:443/jobs?q=1").as_deref(),
            Some("https://madoguchi.jp")
        );
        assert_eq!(
            origin_of("http://127.0.0.1:3000").as_deref(),
            Some("http://127.0.0.1:3000")
        );
        assert_eq!(origin_of("null"), None);
        assert_eq!(origin_of("http://user@evil.example"), None);
        let site = Site::new("http://127.0.0.1:3000/", false);
        assert!(!site.https);
        let headers = |pairs: &[(header::HeaderName, &str)]| {
            let mut h = HeaderMap::new();
            for (k, v) in pairs {
                h.insert(k.clone(), HeaderValue::from_str(v).unwrap());
            }
            h
        };
        assert!(same_origin(
            &site,
            &headers(&[(header::ORIGIN, "http://127.0.0.1:3000")])
        ));
        assert!(!same_origin(
            &site,
            &headers(&[(header::ORIGIN, "http://127.0.0.1:3001")])
        ));
        assert!(!same_origin(&site, &headers(&[(header::ORIGIN, "null")])));
        assert!(same_origin(
            &site,
            &headers(&[(header::REFERER, "http://127.0.0.1:3000/login?next=/mypage")])
        ));
        // A wrong Origin is not rescued by a right Referer.
        assert!(!same_origin(
            &site,
            &headers(&[
                (header::ORIGIN, "http://evil.example"),
                (header::REFERER, "http://127.0.0.1:3000/")
            ])
        ));
        assert!(!same_origin(&site, &HeaderMap::new()));
        assert!(same_origin(
            &site,
            &headers(&[(header::ORIGIN, "http://localhost:3000")])
        ));
        let public = Site::new("https://madoguchi.jp", false);
        assert!(public.https);
        assert_eq!(public.origins, ["https://madoguchi.jp"]);
        assert!(!same_origin(
            &public,
            &headers(&[(header::ORIGIN, "https://localhost")])
        ));
    }

    #[test]
    fn personal_paths_are_whole_segments() {
        for p in [
            "/mypage",
            "/mypage/profile",
            "/api/account/me",
            "/staff/statistics.csv",
            "/events",
        ] {
            assert!(is_personal(p), "{p}");
        }
        for p in [
            "/",
            "/jobs",
            "/jobs/13010-00000001",
            "/apiary",
            "/pkg/x.js",
            "/login",
        ] {
            assert!(!is_personal(p), "{p}");
        }
    }
}
