//! The temporary file an export writes beside its output before renaming it
//! into place. A failed or panicking write removes it (the guard's `Drop`);
//! a signal that ends the process (Ctrl-C, `kill`, a closed terminal) would
//! leave it behind — a hidden `.NAME.tmpPID` as large as the export — so
//! while one exists a watcher thread removes every pending temporary file on
//! SIGINT, SIGTERM or SIGHUP and then lets the signal end the process as it
//! would have (the same exit status). A signal the process was started
//! ignoring (`nohup`, a background job's SIGINT) stays ignored.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Once};

static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A temporary file being written: removed when dropped unless it was
/// renamed into place ([`TempFile::persist`]), and by the watcher if a
/// signal comes first.
pub struct TempFile {
    path: PathBuf,
    persisted: bool,
}

impl TempFile {
    /// Creates the file, registered for removal under the same lock the
    /// watcher takes: a signal never finds it made but not yet known.
    pub fn create(path: PathBuf) -> std::io::Result<(TempFile, File)> {
        watch_signals();
        let mut pending = pending();
        let file = File::create(&path)?;
        pending.push(path.clone());
        Ok((
            TempFile {
                path,
                persisted: false,
            },
            file,
        ))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Renames the file to `to`: it is then the output, not a temporary file.
    pub fn persist(mut self, to: &Path) -> std::io::Result<()> {
        std::fs::rename(&self.path, to)?;
        self.persisted = true;
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let mut pending = pending();
        if let Some(i) = pending.iter().position(|p| *p == self.path) {
            pending.swap_remove(i);
        }
        if !self.persisted {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

fn pending() -> MutexGuard<'static, Vec<PathBuf>> {
    // A panic elsewhere cannot leave the list inconsistent: use it as it is.
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(unix)]
fn watch_signals() {
    static WATCHING: Once = Once::new();
    WATCHING.call_once(|| {
        // Without the watcher the signal still ends the process; only the
        // clean-up is lost.
        let Some(mut signals) = super::interrupt::ending_signals() else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                // Held to the end: no temporary file is made after these
                // are removed.
                let mut pending = pending();
                for path in pending.drain(..) {
                    let _ = std::fs::remove_file(path);
                }
                super::interrupt::Interrupt::end(signal)
            }
        });
    });
}

#[cfg(not(unix))]
fn watch_signals() {}
