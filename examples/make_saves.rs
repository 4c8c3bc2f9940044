//! Regenerates the example saves in `saves/` by playing scripted strategies.
//! Run from the repository root after changing a scenario: `cargo run --example make_saves`.
//! An optional argument names another directory.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

fn main() -> ExitCode {
    let dir = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("saves"), PathBuf::from);
    let scenario = match truce::scenario::resolve("autumn-2025") {
        Ok(s) => Arc::new(s),
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    match truce::persist::examples::write_examples(&scenario, &dir) {
        Ok(paths) => {
            for p in paths {
                match truce::persist::load_game(&p) {
                    Ok(l) => println!("wrote {} ({})", p.display(), l.info.name),
                    Err(e) => {
                        eprintln!("{e}");
                        return ExitCode::FAILURE;
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("truce: {e}");
            ExitCode::FAILURE
        }
    }
}
