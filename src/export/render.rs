//! SVG and PNG through Graphviz's `dot`, when it is installed.

use crate::error::{Error, Result};
use std::io::Write;
use std::process::{Command, Stdio};

pub const INSTALL_HINT: &str = "Graphviz's `dot` is not on PATH; install Graphviz (Debian/Ubuntu: \
`apt-get install graphviz fonts-noto-cjk`, macOS: `brew install graphviz`) or export --format dot";

/// Output of `dot -T<format>` for `dot_source`, and anything dot said on stderr.
pub fn render(dot_source: &str, format: &str) -> Result<(Vec<u8>, String)> {
    let mut command = Command::new("dot");
    command
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    end_with_this_process(&mut command);
    let mut child = command.spawn().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::Usage(INSTALL_HINT.to_owned()),
        _ => Error::io("dot", e),
    })?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let source = dot_source.to_owned();
    // Write from another thread so a large graph cannot deadlock on full pipes.
    let writer = std::thread::spawn(move || stdin.write_all(source.as_bytes()));
    let output = child.wait_with_output().map_err(|e| Error::io("dot", e))?;
    writer
        .join()
        .map_err(|_| Error::Usage("writing to dot failed".to_owned()))?
        .map_err(|e| Error::io("dot", e))?;
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    if !output.status.success() {
        return Err(Error::Usage(format!(
            "dot failed ({}): {}",
            output.status,
            stderr.lines().next().unwrap_or("")
        )));
    }
    Ok((output.stdout, stderr))
}

/// `dot` ends when argraph does: killed (`kill`, a closed terminal) while a
/// large graph was laid out, argraph left `dot` running on, orphaned, for as
/// long as the layout took. (Ctrl-C reaches both through the terminal's
/// process group.) Linux's parent-death signal; elsewhere nothing.
#[cfg(target_os = "linux")]
fn end_with_this_process(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: between fork and exec only async-signal-safe calls are made
    // (prctl, getppid, _exit), and nothing is allocated.
    let parent = std::process::id() as libc::pid_t;
    unsafe {
        command.pre_exec(move || {
            // SIGKILL: a SIGTERM argraph was started ignoring would be
            // ignored by dot too.
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            // argraph may have ended before the signal was asked for.
            if libc::getppid() != parent {
                libc::_exit(0);
            }
            Ok(())
        });
    }
}

#[cfg(not(target_os = "linux"))]
fn end_with_this_process(_: &mut Command) {}
