//! One error type for the whole library. Each variant says what went wrong in
//! words a user can act on; [`Error::exit_code`] is the only place that decides
//! how a failure shows up to scripts.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input file cannot become a document (encoding, empty, binary...).
    #[error("{}: {reason}", shown(path))]
    Input { path: PathBuf, reason: String },

    /// Reading a file or directory failed at the OS level.
    #[error("{}: {}", shown(path), describe(source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A claim, essay or section id that matches nothing.
    #[error(
        "no {what} matches id '{}'; list them with `argraph list {what}s`",
        crate::text::chars::visible_line(prefix)
    )]
    UnknownId { what: &'static str, prefix: String },

    /// An id prefix that matches more than one item.
    #[error(
        "id '{}' is ambiguous: it matches {}{}; type more characters",
        crate::text::chars::visible_line(prefix),
        candidates.join(", "),
        if *more > 0 { format!(" and {more} more") } else { String::new() }
    )]
    AmbiguousId {
        prefix: String,
        candidates: Vec<String>,
        /// Matches beyond the candidates named.
        more: usize,
    },

    /// Arguments that parse but make no sense together, or a malformed query.
    #[error("{0}")]
    Usage(String),

    /// The database exists but cannot be used as it is.
    #[error("database {}: {reason}", shown(path))]
    Database { path: PathBuf, reason: String },

    /// An SQLite failure with no better explanation.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),

    /// A command finished but found problems it was asked to fail on
    /// (audit findings, some files not ingested). The report was already printed.
    #[error("{0}")]
    Problems(String),
}

/// A path as a terminal line shows it: a newline or a bidirectional
/// override in a file name prints as `⟨U+000A⟩`, never acting.
fn shown(path: &std::path::Path) -> String {
    crate::text::chars::visible_line(&path.display().to_string()).into_owned()
}

/// What a path that is neither a file nor a directory is, for messages
/// (ingest's inputs, `--db`).
pub(crate) fn special_file_kind(m: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = m.file_type();
    if t.is_fifo() {
        "a FIFO (named pipe)"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else {
        "not a regular file"
    }
}

/// An OS error in words, with what to do where the kind says it (the
/// standard library's text ends in `(os error 2)`).
pub(crate) fn describe(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "no such file or directory; check the path".to_owned(),
        ErrorKind::PermissionDenied => {
            "permission denied; check the file's permissions or run as its owner".to_owned()
        }
        ErrorKind::NotADirectory => "a part of the path is a file, not a directory".to_owned(),
        ErrorKind::IsADirectory => "is a directory; name a file".to_owned(),
        _ if e.raw_os_error() == Some(libc::ELOOP) => {
            "symbolic link loop (a link that leads back to itself); fix or remove the link"
                .to_owned()
        }
        ErrorKind::StorageFull => {
            "no space left on the device; free some space and run the command again".to_owned()
        }
        _ => e.to_string(),
    }
}

impl Error {
    pub fn input(path: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        Error::Input {
            path: path.into(),
            reason: reason.into(),
        }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub fn database(path: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        Error::Database {
            path: path.into(),
            reason: reason.into(),
        }
    }

    /// An SQLite failure said as one about the database at `path` (the
    /// only database a command opens): a damaged file says what to do.
    pub fn in_database(self, path: &std::path::Path) -> Self {
        match self {
            Error::Sqlite(e) => {
                let reason = match e.sqlite_error_code() {
                    Some(rusqlite::ErrorCode::DatabaseCorrupt) => format!(
                        "is damaged ({e}); restore it from a backup, or ingest the essays again into a new database"
                    ),
                    Some(rusqlite::ErrorCode::DiskFull) => {
                        format!("cannot grow ({e}); free some disk space and run the command again")
                    }
                    _ => e.to_string(),
                };
                Error::database(path, reason)
            }
            other => other,
        }
    }

    /// Did the database refuse because another process held it?
    pub fn is_busy(&self) -> bool {
        let busy = |e: &rusqlite::Error| {
            matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
            )
        };
        match self {
            Error::Sqlite(e) => busy(e),
            Error::Database { reason, .. } => reason == crate::store::BUSY_REASON,
            _ => false,
        }
    }

    /// The file an error is about, when it is about one.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            Error::Input { path, .. } | Error::Io { path, .. } | Error::Database { path, .. } => {
                Some(path)
            }
            _ => None,
        }
    }

    /// Why, without the path in front (for output that names the path apart).
    pub fn reason(&self) -> String {
        match self {
            Error::Input { reason, .. } | Error::Database { reason, .. } => reason.clone(),
            Error::Io { source, .. } => describe(source),
            other => other.to_string(),
        }
    }

    /// Exit codes, documented in docs/cli.md:
    /// 1 = the command ran and found problems; 2 = it could not do what was asked.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Problems(_) => 1,
            _ => 2,
        }
    }
}
