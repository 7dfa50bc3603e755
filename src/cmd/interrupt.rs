//! Ctrl-C (or SIGTERM, SIGHUP) during a long ingest. The first signal lets
//! the group being written commit, stops before the next, and has `ingest`
//! report what was saved before the process ends as the signal would have
//! ended it (status 128 + N). A second signal, half a second or more after
//! the first, ends it at once. Either way
//! every document is wholly in the base or absent (docs/reliability.md). A
//! signal the process was started ignoring (`nohup`) stays ignored.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Signals this close together are one interrupt, delivered twice.
const SAME_INTERRUPT: Duration = Duration::from_millis(500);

pub struct Interrupt {
    /// The signal that came, 0 before any.
    signal: Arc<AtomicUsize>,
}

impl Interrupt {
    /// Starts watching; a signal that cannot be watched keeps its default
    /// action (the process ends, each group committed or not at all).
    #[cfg(unix)]
    pub fn watch() -> Interrupt {
        let signal = Arc::new(AtomicUsize::new(0));
        let Some(mut signals) = ending_signals() else {
            return Interrupt { signal };
        };
        let seen = signal.clone();
        std::thread::spawn(move || {
            let mut first: Option<Instant> = None;
            for s in signals.forever() {
                match first {
                    None => {
                        seen.store(s as usize, Ordering::SeqCst);
                        first = Some(Instant::now());
                    }
                    // A second interrupt: the user does not want to wait.
                    Some(t) if t.elapsed() >= SAME_INTERRUPT => Interrupt::end(s),
                    // The same interrupt delivered twice: `timeout` signals
                    // the process and then its process group.
                    Some(_) => {}
                }
            }
        });
        Interrupt { signal }
    }

    #[cfg(not(unix))]
    pub fn watch() -> Interrupt {
        Interrupt {
            signal: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// The signal that came, if one did.
    pub fn signal(&self) -> Option<i32> {
        match self.signal.load(Ordering::SeqCst) {
            0 => None,
            s => Some(s as i32),
        }
    }

    /// Ends the process as `signal` would have ended it.
    pub fn end(signal: i32) -> ! {
        #[cfg(unix)]
        let _ = signal_hook::low_level::emulate_default_handler(signal);
        // The default action of the signals watched ends the process.
        std::process::exit(128 + signal)
    }
}

/// The signals that end a process when nobody handles them (SIGINT,
/// SIGTERM, SIGHUP), to be handled from now on, but for those the process
/// was started ignoring (`nohup`, a background job's SIGINT), which stay
/// ignored. None when they cannot be handled: their default action stands.
#[cfg(unix)]
pub(crate) fn ending_signals() -> Option<signal_hook::iterator::Signals> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let watched: Vec<i32> = [SIGINT, SIGTERM, SIGHUP]
        .into_iter()
        .filter(|&s| !ignored(s))
        .collect();
    signal_hook::iterator::Signals::new(watched).ok()
}

/// Was the process started with `signal` ignored?
#[cfg(unix)]
fn ignored(signal: i32) -> bool {
    // SAFETY: sigaction with a null new action only reads the current one
    // into `old`, a zeroed struct of the right type.
    unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        libc::sigaction(signal, std::ptr::null(), &mut old) == 0
            && old.sa_sigaction == libc::SIG_IGN
    }
}
