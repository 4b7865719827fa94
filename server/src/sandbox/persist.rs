//! Saving the store: write a temporary file, flush it, then rename it over
//! the state file, so a crash never leaves a half-written state.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::sandbox::store::Store;

/// Loads `path`, or `None` when it does not exist.
pub fn load(path: &Path) -> std::io::Result<Option<Store>> {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map(Some).map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{}: {e}", path.display()),
            )
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

fn temp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".tmp");
    path.with_file_name(name)
}

/// Atomically replaces `path` with `store`.
pub fn save(path: &Path, store: &Store) -> std::io::Result<()> {
    let tmp = temp_path(path);
    let mut file = std::fs::File::create(&tmp)?;
    file.write_all(&serde_json::to_vec(store)?)?;
    file.sync_all()?;
    std::fs::rename(&tmp, path)
}
