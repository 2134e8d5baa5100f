//! What can go wrong while capturing a page or polling a feed, each with a
//! stable code and a message naming the address.

use litopys_core::error::ErrorBody;

#[derive(Debug, thiserror::Error)]
pub enum CaptureError {
    #[error("{url}: not a web address ({reason})")]
    BadUrl { url: String, reason: String },
    #[error("{url}: only http:// and https:// addresses can be captured")]
    Scheme { url: String },
    #[error(
        "{url}: the site's certificate is not valid ({reason}); capture it anyway only if you trust \
         the network, with the insecure override (--insecure)"
    )]
    Certificate { url: String, reason: String },
    #[error("{url}: no complete answer in time ({reason})")]
    Timeout { url: String, reason: String },
    #[error("{url}: cannot fetch ({reason})")]
    Network { url: String, reason: String },
    #[error("{url}: more than {max} redirects")]
    TooManyRedirects { url: String, max: usize },
    #[error("{url}: the redirects go round in a circle (back to {again})")]
    RedirectLoop { url: String, again: String },
    #[error("{url}: larger than the limit of {limit_mb} MB (reading stopped at the limit)")]
    TooLarge { url: String, limit_mb: u64 },
    #[error("{url}: not a web page (content type {content_type}); only HTML is captured")]
    NotHtml { url: String, content_type: String },
    #[error("{url}: the server answered {status}")]
    Status { url: String, status: u16 },
    #[error("{url}: the site's robots.txt asks robots not to fetch it")]
    Robots { url: String },
    #[error("{url}: robots.txt of the site cannot be read ({reason}), so nothing is fetched from it in this poll")]
    RobotsUnreadable { url: String, reason: String },
    #[error("{url}: not a readable feed or sitemap ({reason})")]
    Feed { url: String, reason: String },
    #[error("{url}: the page was fetched but not kept ({reason})")]
    NotImported { url: String, reason: String },
    #[error("no capture with id {0}")]
    NoCapture(i64),
    #[error("no feed {0}")]
    NoFeed(String),
    #[error("{0}")]
    Io(String),
    #[error(transparent)]
    Library(#[from] litopys_core::Error),
}

impl CaptureError {
    pub fn code(&self) -> litopys_core::error::ErrorCode {
        use litopys_core::error::ErrorCode as C;
        match self {
            CaptureError::BadUrl { .. } | CaptureError::Scheme { .. } => C::BadUrl,
            CaptureError::Certificate { .. } => C::InvalidCertificate,
            CaptureError::Timeout { .. } => C::Timeout,
            CaptureError::Network { .. } => C::Network,
            CaptureError::TooManyRedirects { .. } => C::TooManyRedirects,
            CaptureError::RedirectLoop { .. } => C::RedirectLoop,
            CaptureError::TooLarge { .. } => C::TooLarge,
            CaptureError::NotHtml { .. } => C::NotHtml,
            CaptureError::Status { .. } => C::HttpStatus,
            CaptureError::Robots { .. } => C::RobotsDisallowed,
            CaptureError::RobotsUnreadable { .. } => C::RobotsUnreadable,
            CaptureError::Feed { .. } => C::BadFeed,
            CaptureError::NotImported { .. } => C::NotImported,
            CaptureError::NoCapture(_) => C::NoCapture,
            CaptureError::NoFeed(_) => C::NoFeed,
            CaptureError::Io(_) => C::Io,
            CaptureError::Library(e) => e.code(),
        }
    }
}

impl From<&CaptureError> for ErrorBody {
    fn from(e: &CaptureError) -> Self {
        ErrorBody {
            code: e.code(),
            message: e.to_string(),
        }
    }
}

pub type Result<T, E = CaptureError> = std::result::Result<T, E>;
