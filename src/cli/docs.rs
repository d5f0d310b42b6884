//! The command line described for other programs: shell completion scripts (`clap_complete`) and
//! the man page (`clap_mangen`), both generated from the one clap definition in [`super::Cli`], so
//! they can never disagree with the parser.
//!
//! `docs/smtpscope.1` in the repository is [`man`]'s output, kept in step by a test. Must not: know
//! anything about captures or reports.

use std::io::{self, Write};

use clap::CommandFactory;

use super::Cli;

/// The clap command as the generated documents show it: the plain package version (the commit
/// would make the committed man page change with every commit).
pub fn command() -> clap::Command {
    Cli::command()
        .version(env!("CARGO_PKG_VERSION"))
        .long_version(None::<&str>)
}

/// Writes the completion script for `shell`.
///
/// # Errors
/// Writing failed.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> io::Result<()> {
    let mut cmd = command();
    let mut buffer = Vec::new();
    clap_complete::generate(shell, &mut cmd, "smtpscope", &mut buffer);
    out.write_all(&buffer)
}

/// Writes the man page in roff: the main page, then one section per subcommand (what it does,
/// its synopsis and its options), the exit status and the version.
///
/// # Errors
/// Writing failed.
pub fn man(out: &mut dyn Write) -> io::Result<()> {
    let cmd = command();
    let mut page = Vec::new();
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("smtpscope {}", sub.get_name());
        let sub = sub.clone().bin_name(name.clone());
        let about = sub.get_long_about().or(sub.get_about()).map(ToString::to_string);
        let mut section = Vec::new();
        let man = clap_mangen::Man::new(sub);
        man.render_synopsis_section(&mut section)?;
        man.render_options_section(&mut section)?;
        // Each subcommand becomes a section of the one page, headed by its name.
        let body = String::from_utf8_lossy(&section)
            .replacen(".SH SYNOPSIS\n", "", 1)
            .replace(".SH OPTIONS", ".SS Options");
        writeln!(page, ".SH \"{}\"", name.to_uppercase())?;
        if let Some(about) = about {
            writeln!(page, "{}", roff_text(&about))?;
            writeln!(page, ".PP")?;
        }
        page.extend_from_slice(body.as_bytes());
    }
    page.extend_from_slice(EXIT_STATUS.as_bytes());
    man.render_version_section(&mut page)?;
    out.write_all(&page)
}

/// The exit codes, as `main` defines them.
const EXIT_STATUS: &str = ".SH \"EXIT STATUS\"
.TP
0
analysis done
.TP
1
a \\fB\\-\\-fail\\-on\\fR threshold was reached (the findings are reported)
.TP
2
bad usage, or an input that could not be read completely (the error is on standard error; results found before it are printed)
";

/// `text` made safe as a roff text line: backslashes as `\\e`, hyphens as `\\-`, a leading `.` or `'` escaped.
fn roff_text(text: &str) -> String {
    let text = text.replace('\\', "\\e").replace('-', "\\-");
    if text.starts_with(['.', '\'']) {
        format!("\\&{text}")
    } else {
        text
    }
}
