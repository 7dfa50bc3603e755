//! Temporary files an export is writing beside its output. A failed write
//! removes its own; a signal that ends the process (Ctrl-C, `kill`, a
//! closed terminal) would leave it behind — a hidden `.NAME.tmpPID` as
//! large as the export — so while one exists a watcher thread removes every
//! pending temporary file on SIGINT, SIGTERM or SIGHUP and then lets the
//! signal end the process as it would have (the same exit status).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A temporary file being written: removed by the watcher if a signal
/// comes first; forgotten (not removed) when dropped, once it has been
/// renamed into place or removed by its writer.
pub struct TempFile {
    path: PathBuf,
}

impl TempFile {
    pub fn new(path: PathBuf) -> TempFile {
        watch_signals();
        pending().push(path.clone());
        TempFile { path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let mut pending = pending();
        if let Some(i) = pending.iter().position(|p| *p == self.path) {
            pending.swap_remove(i);
        }
    }
}

fn pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    // A panic elsewhere cannot leave the list inconsistent: use it as it is.
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(unix)]
fn watch_signals() {
    static WATCHING: Once = Once::new();
    WATCHING.call_once(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        // Without the watcher the signal still ends the process; only the
        // clean-up is lost.
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                for path in pending().drain(..) {
                    let _ = std::fs::remove_file(path);
                }
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                // The default action of these three signals ends the process.
                std::process::exit(128 + signal);
            }
        });
    });
}

#[cfg(not(unix))]
fn watch_signals() {}
