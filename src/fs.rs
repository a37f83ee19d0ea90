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

/// The whole file at `path`, read into a buffer of `room` bytes that grows
/// if the file is longer: `std::fs::read` first asks the system for the
/// file's size, a call more for each of the archive's files.
pub fn read_with_room(path: &Path, room: usize) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::with_capacity(room);
    // Through `take`, which reads into the spare room as it is (no zeroing)
    // and does not ask for the size first.
    (&file).take(u64::MAX).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// What a page's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    Bytes(Vec<u8>),
    /// Bytes shared with `serve`'s cache of the previous build.
    Shared(std::sync::Arc<[u8]>),
    /// A static file copied as is.
    Copy(PathBuf),
    /// A static file compiled into the binary (the default theme's).
    Embedded(&'static [u8]),
}

impl Contents {
    /// The bytes, read from disk for a copied file.
    pub fn bytes(&self) -> std::io::Result<std::borrow::Cow<'_, [u8]>> {
        Ok(match self {
            Contents::Bytes(b) => std::borrow::Cow::Borrowed(b),
            Contents::Shared(b) => std::borrow::Cow::Borrowed(b),
            Contents::Embedded(b) => std::borrow::Cow::Borrowed(b),
            Contents::Copy(p) => std::borrow::Cow::Owned(std::fs::read(p)?),
        })
    }

    /// Whether the bytes were rendered (pages and feeds), not copied.
    pub fn is_rendered(&self) -> bool {
        matches!(self, Contents::Bytes(_) | Contents::Shared(_))
    }
}

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output folder, `/`-separated.
    pub path: String,
    pub contents: Contents,
}

/// Where the render stage hands each file the moment it is rendered: the
/// staging folder of a build (written at once, so memory does not grow
/// with the site), or memory for `serve`, `check` and tests. Called from
/// several threads at once. A file at a path already taken replaces it.
pub trait Sink: Sync {
    fn put(&self, file: OutputFile) -> Result<(), crate::error::Error>;

    /// Told, before any page is rendered, the paths the plan will write:
    /// a sink that notes each file before writing it (the output's
    /// marker) notes them all at once. Paths not told come anyway.
    fn expect(&self, _paths: &mut dyn Iterator<Item = String>) -> Result<(), crate::error::Error> {
        Ok(())
    }
}

/// Keeps every file in memory, by path.
#[derive(Default)]
pub struct Collect(std::sync::Mutex<std::collections::BTreeMap<String, Contents>>);

impl Collect {
    /// The files, in path order.
    pub fn into_files(self) -> Vec<OutputFile> {
        self.0
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .into_iter()
            .map(|(path, contents)| OutputFile { path, contents })
            .collect()
    }
}

impl Sink for Collect {
    fn put(&self, file: OutputFile) -> Result<(), crate::error::Error> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(file.path, file.contents);
        Ok(())
    }
}

/// Drops every file: `check` renders everything and keeps nothing.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _file: OutputFile) -> Result<(), crate::error::Error> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The room is a guess: a file shorter, as long or longer than it is
    /// read whole, and an empty one as empty.
    #[test]
    fn a_file_is_read_whole_whatever_the_room() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        for len in [0, 1, 31, 32, 33, 4095, 4096, 4097, 20_000] {
            let bytes: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            std::fs::write(&path, &bytes).unwrap();
            for room in [0, 1, 32, 4096, 8192] {
                assert_eq!(
                    read_with_room(&path, room).unwrap(),
                    bytes,
                    "{len} in {room}"
                );
            }
        }
        assert!(read_with_room(&dir.path().join("gone.md"), 64).is_err());
    }
}
