//! SVG and PNG through Graphviz's `dot`, when it is installed.

use crate::error::{Error, Result};
use std::io::Write;
use std::process::{Command, Stdio};

pub const INSTALL_HINT: &str = "Graphviz's `dot` is not on PATH; install Graphviz (Debian/Ubuntu: \
`apt-get install graphviz fonts-noto-cjk`, macOS: `brew install graphviz`) or export --format dot";

/// Output of `dot -T<format>` for `dot_source`, and anything dot said on stderr.
pub fn render(dot_source: &str, format: &str) -> Result<(Vec<u8>, String)> {
    let mut child = Command::new("dot")
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
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
