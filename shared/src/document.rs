//! 応募書類: the 履歴書 and 職務経歴書 a seeker may attach to an
//! application. A file is accepted by what its bytes are, never by its
//! name or the type the browser claims.

use crate::ValidationError;

crate::coded_enum! {
    /// Which document a file is.
    pub enum DocumentKind {
        Resume = ("resume", "履歴書", "Résumé (rirekisho)"),
        WorkHistory = ("work_history", "職務経歴書", "Work history (shokumu keirekisho)"),
    }
}

crate::coded_enum! {
    /// The file types accepted, recognised by content.
    pub enum DocumentType {
        Pdf = ("application/pdf", "PDF", "PDF"),
        Jpeg = ("image/jpeg", "JPEG画像", "JPEG image"),
        Png = ("image/png", "PNG画像", "PNG image"),
    }
}

crate::coded_enum! {
    /// The image types an establishment may show, recognised by content.
    pub enum ImageType {
        Jpeg = ("image/jpeg", "JPEG画像", "JPEG image"),
        Png = ("image/png", "PNG画像", "PNG image"),
        Webp = ("image/webp", "WebP画像", "WebP image"),
    }
}

impl DocumentType {
    /// The file name extension used when the file is downloaded.
    pub fn extension(self) -> &'static str {
        match self {
            DocumentType::Pdf => "pdf",
            DocumentType::Jpeg => "jpg",
            DocumentType::Png => "png",
        }
    }
}

/// The largest document accepted, in bytes (5 MiB).
pub const MAX_DOCUMENT_BYTES: usize = 5 * 1024 * 1024;

/// The same limit in whole megabytes, for messages.
pub const MAX_DOCUMENT_MB: usize = MAX_DOCUMENT_BYTES / (1024 * 1024);

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
const PNG_END: &[u8] = b"IEND\xaeB`\x82";

/// Reads what an establishment image is by its content: JPEG, PNG or
/// WebP, at most 2 MB; anything else (a PDF too) is refused.
pub fn sniff_image(bytes: &[u8]) -> Result<ImageType, ValidationError> {
    if bytes.is_empty() {
        return Err(ValidationError::Required);
    }
    if bytes.len() > crate::establishment::MAX_IMAGE_BYTES {
        return Err(ValidationError::FileTooLarge { max_mb: 2 });
    }
    if bytes.len() > 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        let declared = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]) as usize;
        return if declared + 8 <= bytes.len() && declared >= 12 {
            Ok(ImageType::Webp)
        } else {
            Err(ValidationError::FileCorrupt)
        };
    }
    match sniff(bytes) {
        Ok(DocumentType::Jpeg) => Ok(ImageType::Jpeg),
        Ok(DocumentType::Png) => Ok(ImageType::Png),
        Ok(DocumentType::Pdf) => Err(ValidationError::FileType),
        Err(e) => Err(e),
    }
}

/// What a file is, judged by its bytes: a PDF with its header and end
/// marker, a JPEG from its start to its end marker, a PNG from its
/// signature and header chunk to its end chunk. A file cut short in
/// transfer fails these checks as corrupt.
pub fn sniff(bytes: &[u8]) -> Result<DocumentType, ValidationError> {
    if bytes.is_empty() {
        return Err(ValidationError::Required);
    }
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(ValidationError::FileTooLarge {
            max_mb: MAX_DOCUMENT_MB,
        });
    }
    if bytes.starts_with(b"%PDF-1.") || bytes.starts_with(b"%PDF-2.") {
        // The end marker sits in the last kilobyte (trailing white space and
        // incremental-update padding allowed).
        let tail = &bytes[bytes.len().saturating_sub(1024)..];
        return if contains(tail, b"%%EOF") {
            Ok(DocumentType::Pdf)
        } else {
            Err(ValidationError::FileCorrupt)
        };
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        let trimmed = trim_trailing_zeros(bytes);
        return if trimmed.len() > 4 && trimmed.ends_with(&[0xFF, 0xD9]) {
            Ok(DocumentType::Jpeg)
        } else {
            Err(ValidationError::FileCorrupt)
        };
    }
    if bytes.starts_with(PNG_SIGNATURE) {
        let header_ok = bytes.len() > 16 && &bytes[12..16] == b"IHDR";
        return if header_ok && trim_trailing_zeros(bytes).ends_with(PNG_END) {
            Ok(DocumentType::Png)
        } else {
            Err(ValidationError::FileCorrupt)
        };
    }
    Err(ValidationError::FileType)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn trim_trailing_zeros(bytes: &[u8]) -> &[u8] {
    let end = bytes.iter().rposition(|b| *b != 0).map_or(0, |i| i + 1);
    &bytes[..end]
}

/// A document as its readers see it in an application.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DocumentInfo {
    pub id: i32,
    pub kind: DocumentKind,
    pub file_type: DocumentType,
    pub byte_size: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The smallest well-formed PDF the checks accept.
    pub fn tiny_pdf() -> Vec<u8> {
        b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec()
    }

    #[test]
    fn files_are_known_by_their_content() {
        assert_eq!(sniff(&tiny_pdf()), Ok(DocumentType::Pdf));
        let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', 0xFF, 0xD9];
        assert_eq!(sniff(&jpeg), Ok(DocumentType::Jpeg));
        let mut png = PNG_SIGNATURE.to_vec();
        png.extend_from_slice(&[0, 0, 0, 13]);
        png.extend_from_slice(b"IHDR");
        png.extend_from_slice(&[0; 17]);
        png.extend_from_slice(&[0, 0, 0, 0]);
        png.extend_from_slice(PNG_END);
        assert_eq!(sniff(&png), Ok(DocumentType::Png));
    }

    #[test]
    fn other_types_cut_files_and_big_files_are_refused() {
        assert_eq!(sniff(b""), Err(ValidationError::Required));
        assert_eq!(
            sniff(b"<html><script>alert(1)</script></html>"),
            Err(ValidationError::FileType)
        );
        // A program renamed to .pdf is still a program.
        assert_eq!(sniff(b"MZ\x90\x00\x03"), Err(ValidationError::FileType));
        let pdf = tiny_pdf();
        assert_eq!(
            sniff(&pdf[..pdf.len() - 8]),
            Err(ValidationError::FileCorrupt)
        );
        assert_eq!(
            sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]),
            Err(ValidationError::FileCorrupt)
        );
        let mut big = tiny_pdf();
        big.resize(MAX_DOCUMENT_BYTES + 1, b' ');
        assert_eq!(
            sniff(&big),
            Err(ValidationError::FileTooLarge {
                max_mb: MAX_DOCUMENT_MB
            })
        );
    }

    #[test]
    fn content_types_are_codes() {
        assert_eq!("application/pdf".parse(), Ok(DocumentType::Pdf));
        assert_eq!(DocumentType::Png.extension(), "png");
        assert_eq!("work_history".parse(), Ok(DocumentKind::WorkHistory));
    }
}
