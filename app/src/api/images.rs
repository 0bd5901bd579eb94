//! 事業所画像情報 as files: `POST /employer/images` (a multipart form with
//! one `image`, sent by the browser with or without JavaScript) and
//! `GET /images/{id}`. The image is checked by content (JPEG, PNG, WebP,
//! at most 2 MB), its metadata (EXIF with any GPS position, XMP, text
//! chunks, comments) removed before it is written, and it waits for
//! review by staff before anyone outside the establishment and its office
//! sees it. Plain axum handlers: server functions take no files.

use axum::extract::{DefaultBodyLimit, Multipart, Path as UrlPath, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use madoguchi_shared::ValidationError;
use madoguchi_shared::account::Role;
use madoguchi_shared::document::{ImageType, sniff_image};
use madoguchi_shared::establishment::MAX_IMAGE_BYTES;

use crate::error::AppError;
use crate::state::{AppState, AuthSession};

/// The body limit of the upload route: one image and the form around it.
pub fn body_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(MAX_IMAGE_BYTES + 64 * 1024)
}

/// The image with its metadata removed, or why it cannot be read.
pub fn strip_metadata(kind: ImageType, bytes: Vec<u8>) -> Result<Vec<u8>, ValidationError> {
    use img_parts::{Bytes, ImageEXIF};
    let corrupt = |_| ValidationError::FileCorrupt;
    let out: Bytes = match kind {
        ImageType::Jpeg => {
            let mut jpeg =
                img_parts::jpeg::Jpeg::from_bytes(Bytes::from(bytes)).map_err(corrupt)?;
            jpeg.set_exif(None);
            // APP1 (EXIF, XMP), APP13 (IPTC) and comments carry metadata;
            // APP0 (JFIF), APP2 (colour profile) and APP14 (Adobe colour
            // transform) are needed to show the picture right.
            jpeg.segments_mut().retain(|s| {
                let m = s.marker();
                !(m == img_parts::jpeg::markers::COM
                    || (img_parts::jpeg::markers::APP1..=img_parts::jpeg::markers::APP15)
                        .contains(&m)
                        && m != img_parts::jpeg::markers::APP2
                        && m != img_parts::jpeg::markers::APP14)
            });
            jpeg.encoder().bytes()
        }
        ImageType::Png => {
            let mut png = img_parts::png::Png::from_bytes(Bytes::from(bytes)).map_err(corrupt)?;
            png.set_exif(None);
            png.chunks_mut()
                .retain(|c| !matches!(&c.kind(), b"tEXt" | b"zTXt" | b"iTXt" | b"eXIf" | b"tIME"));
            png.encoder().bytes()
        }
        ImageType::Webp => {
            let mut webp =
                img_parts::webp::WebP::from_bytes(Bytes::from(bytes)).map_err(corrupt)?;
            webp.set_exif(None);
            webp.remove_chunks_by_id(*b"XMP ");
            webp.encoder().bytes()
        }
    };
    Ok(out.to_vec())
}

fn back(error: Option<&AppError>) -> Response {
    match error {
        None => Redirect::to("/employer/establishment?uploaded=1").into_response(),
        Some(e) => {
            let json = serde_json::to_string(e).unwrap_or_default();
            let q = madoguchi_shared::search::encode(&json);
            Redirect::to(&format!("/employer/establishment?error={q}")).into_response()
        }
    }
}

/// `POST /employer/images`: adds one image of the logged-in employer's
/// establishment. Answers with a redirect to the establishment page (the
/// error in its URL when refused); nothing is written on a refusal.
pub async fn upload_image(
    State(state): State<AppState>,
    auth: AuthSession,
    mut multipart: Multipart,
) -> Response {
    let Some(user) = auth.user else {
        return Redirect::to("/login?next=/employer/establishment").into_response();
    };
    let Some(est) = user
        .establishment_id
        .filter(|_| user.role == Role::Employer)
    else {
        return (StatusCode::FORBIDDEN, "forbidden").into_response();
    };
    let field = |e: ValidationError| AppError::Field {
        field: "image".to_owned(),
        error: e,
    };
    let mut bytes: Option<Vec<u8>> = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(f)) if f.name() == Some("image") => match f.bytes().await {
                Ok(b) => bytes = Some(b.to_vec()),
                Err(_) => return back(Some(&field(ValidationError::FileTooLarge { max_mb: 2 }))),
            },
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(_) => return back(Some(&field(ValidationError::FileTooLarge { max_mb: 2 }))),
        }
    }
    let bytes = bytes.unwrap_or_default();
    let kind = match sniff_image(&bytes) {
        Ok(k) => k,
        Err(e) => return back(Some(&field(e))),
    };
    let clean = match strip_metadata(kind, bytes) {
        Ok(b) => b,
        Err(e) => return back(Some(&field(e))),
    };
    let dir = state.documents_dir.join("images");
    if let Err(e) = tokio::fs::create_dir_all(&dir).await {
        crate::state::internal(e);
        return back(Some(&AppError::Internal));
    }
    let name = madoguchi_db::apply::new_submission_key();
    if let Err(e) = crate::api::send::write_private(&dir.join(&name), &clean).await {
        crate::state::internal(e);
        return back(Some(&AppError::Internal));
    }
    match madoguchi_db::establishment_images::add(
        &state.db,
        user.id,
        est,
        &name,
        kind.as_str(),
        clean.len() as i64,
    )
    .await
    {
        Ok(Ok(_)) => back(None),
        Ok(Err(_)) => {
            let _ = tokio::fs::remove_file(dir.join(&name)).await;
            back(Some(&field(ValidationError::TooMany {
                max: madoguchi_shared::establishment::MAX_ESTABLISHMENT_IMAGES,
            })))
        }
        Err(e) => {
            let _ = tokio::fs::remove_file(dir.join(&name)).await;
            crate::state::internal(e);
            back(Some(&AppError::Internal))
        }
    }
}

/// `GET /images/{id}`: an approved image to anyone; one waiting or refused
/// to the establishment's users and its office's staff only (404 to
/// everyone else, without saying it exists).
pub async fn serve_image(
    State(state): State<AppState>,
    auth: AuthSession,
    UrlPath(id): UrlPath<String>,
) -> Response {
    let not_found = || (StatusCode::NOT_FOUND, "not found").into_response();
    let Ok(id) = id.parse::<i32>() else {
        return not_found();
    };
    let found = match madoguchi_db::establishment_images::image_for(
        &state.db,
        auth.user.as_ref(),
        id,
    )
    .await
    {
        Ok(Some(f)) => f,
        Ok(None) => return not_found(),
        Err(e) => {
            crate::state::internal(e);
            return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response();
        }
    };
    let (name, file_type) = found;
    let Some(bytes) =
        crate::api::send::read_stored(&state.documents_dir.join("images"), &name).await
    else {
        return not_found();
    };
    let Ok(kind) = file_type.parse::<ImageType>() else {
        return not_found();
    };
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(kind.as_str()),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=300"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox; default-src 'none'"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny JPEG with an EXIF segment holding a GPS tag and a comment.
    fn jpeg_with_exif() -> Vec<u8> {
        let mut b = vec![0xFF, 0xD8];
        // APP0 JFIF
        b.extend_from_slice(&[0xFF, 0xE0, 0x00, 0x10]);
        b.extend_from_slice(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        // APP1 Exif with a GPS marker text
        let exif = b"Exif\0\0MM\0*\0\0\0\x08GPSLatitude35.6895";
        b.extend_from_slice(&[0xFF, 0xE1]);
        b.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
        b.extend_from_slice(exif);
        // COM
        let com = b"taken at home";
        b.extend_from_slice(&[0xFF, 0xFE]);
        b.extend_from_slice(&((com.len() + 2) as u16).to_be_bytes());
        b.extend_from_slice(com);
        // SOS with a few bytes of scan data, then EOI
        b.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]);
        b.extend_from_slice(&[0x12, 0x34, 0x56]);
        b.extend_from_slice(&[0xFF, 0xD9]);
        b
    }

    fn contains(hay: &[u8], needle: &[u8]) -> bool {
        hay.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn exif_and_comments_are_removed_from_a_jpeg() {
        let original = jpeg_with_exif();
        assert!(contains(&original, b"GPSLatitude"));
        let kind = sniff_image(&original).unwrap();
        assert_eq!(kind, ImageType::Jpeg);
        let clean = strip_metadata(kind, original).unwrap();
        assert!(!contains(&clean, b"GPSLatitude"));
        assert!(!contains(&clean, b"taken at home"));
        assert!(contains(&clean, b"JFIF"));
        assert!(clean.starts_with(&[0xFF, 0xD8]) && clean.ends_with(&[0xFF, 0xD9]));
    }

    #[test]
    fn text_chunks_are_removed_from_a_png() {
        // An 1×1 PNG with a tEXt chunk.
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        let chunk = |kind: &[u8], data: &[u8]| {
            let mut c = (data.len() as u32).to_be_bytes().to_vec();
            c.extend_from_slice(kind);
            c.extend_from_slice(data);
            let mut crc_input = kind.to_vec();
            crc_input.extend_from_slice(data);
            c.extend_from_slice(&crc32(&crc_input).to_be_bytes());
            c
        };
        png.extend(chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
        png.extend(chunk(b"tEXt", b"Comment\0GPS 35.68,139.76"));
        png.extend(chunk(
            b"IDAT",
            &[0x78, 0x9C, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01],
        ));
        png.extend(chunk(b"IEND", &[]));
        let kind = sniff_image(&png).unwrap();
        assert_eq!(kind, ImageType::Png);
        let clean = strip_metadata(kind, png).unwrap();
        assert!(!contains(&clean, b"GPS 35.68"));
        assert!(contains(&clean, b"IDAT"));
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for b in data {
            crc ^= u32::from(*b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn other_types_and_lies_are_refused() {
        assert_eq!(
            sniff_image(b"%PDF-1.4 ... %%EOF"),
            Err(ValidationError::FileType)
        );
        assert_eq!(sniff_image(b"GIF89a...."), Err(ValidationError::FileType));
        assert_eq!(sniff_image(&[]), Err(ValidationError::Required));
        let big = vec![0xFFu8; MAX_IMAGE_BYTES + 1];
        assert_eq!(
            sniff_image(&big),
            Err(ValidationError::FileTooLarge { max_mb: 2 })
        );
        let mut cut = jpeg_with_exif();
        cut.truncate(cut.len() - 4);
        assert_eq!(sniff_image(&cut), Err(ValidationError::FileCorrupt));
    }
}
