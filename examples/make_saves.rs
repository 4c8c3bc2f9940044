//! Regenerates the example saves in `saves/` and the save fixtures in `tests/fixtures/saves/`
//! by playing scripted strategies. Run from the repository root after changing a scenario:
//! `cargo run --example make_saves`. Optional arguments name other directories for the two.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let dir = args
        .next()
        .map_or_else(|| PathBuf::from("saves"), PathBuf::from);
    let fixtures = args
        .next()
        .map_or_else(|| PathBuf::from("tests/fixtures/saves"), PathBuf::from);
    let scenario = match truce::scenario::resolve("autumn-2025") {
        Ok(s) => Arc::new(s),
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    match truce::sim::examples::write_examples(&scenario, &dir) {
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
        }
        Err(e) => {
            eprintln!("truce: {e}");
            return ExitCode::FAILURE;
        }
    }
    match truce::sim::examples::write_fixtures(&scenario, &fixtures) {
        Ok(paths) => {
            for p in paths {
                println!("wrote {}", p.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("truce: {e}");
            ExitCode::FAILURE
        }
    }
}
