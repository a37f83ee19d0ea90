//! The one error type for what stops a command before content can be
//! judged (exit status 2): a bad command-line value, a file-system problem
//! with its path and cause, or a folder callsite refuses to write. Content
//! problems are not errors but diagnostics (see `diagnostics`).

use std::path::{Path, PathBuf};

/// What stops a command (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A bad command-line value, with the fix in its words.
    #[error("{0}")]
    Usage(String),
    /// A file-system problem: the path involved and the system's error.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Something callsite refuses to do at a path, and why (an output
    /// folder it must not replace, a file it will not overwrite).
    #[error("{}: {message}", path.display())]
    Refused { path: PathBuf, message: String },
}

impl Error {
    /// A file-system problem at `path`.
    pub fn io(path: impl AsRef<Path>, source: impl Into<std::io::Error>) -> Error {
        Error::Io {
            path: path.as_ref().to_path_buf(),
            source: source.into(),
        }
    }

    /// A refusal at `path`.
    pub fn refused(path: impl AsRef<Path>, message: impl Into<String>) -> Error {
        Error::Refused {
            path: path.as_ref().to_path_buf(),
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_keep_their_cause() {
        let e = Error::io(
            "content/x.md",
            std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied"),
        );
        assert_eq!(e.to_string(), "content/x.md: denied");
        assert!(std::error::Error::source(&e).is_some());
    }
}
