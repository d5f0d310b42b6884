//! Any bytes as a capture file, through the whole pipeline (reader, decoder, reassembler, printers):
//! never a panic, never an unbounded allocation.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smtpscope::app::Pipeline;
use smtpscope::capture::file::open_reader;
use smtpscope::cli::config::ReportConfig;
use smtpscope::output::{self, OutputFormat, Render};

fuzz_target!(|data: &[u8]| {
    let config = ReportConfig {
        format: OutputFormat::Json,
        ..ReportConfig::default()
    };
    let Ok(mut source) = open_reader("fuzz".to_string(), Box::new(std::io::Cursor::new(data.to_vec()))) else {
        return;
    };
    let mut sink = std::io::sink();
    let mut printer = output::printer(OutputFormat::Json, Render::default(), &mut sink);
    let mut pipeline = Pipeline::new(&config, "fuzz".into(), 1);
    let _ = pipeline.run(source.as_mut(), printer.as_mut());
    let _ = pipeline.finish(printer.as_mut());
});
