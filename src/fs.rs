//! File-system basics every stage shares: how a path is shown, which
//! files are editor litter, reading only regular files, and the files a
//! build produces.

use std::path::{Path, PathBuf};

/// Turns a path under the root into the `a/b.md` form diagnostics use.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Editor leftovers are never content: vim's `.swp` and its `4913` probe
/// file, Emacs's `#x#` and `.#x` locks, `x~` backups, macOS's `.DS_Store`.
pub fn is_editor_litter(name: &str) -> bool {
    name.starts_with(".#")
        || name == ".DS_Store"
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
}

/// Reads a file that must be a regular file: a pipe would block forever.
pub fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file (a pipe, socket, device or folder)",
        ));
    }
    std::fs::read(path)
}
