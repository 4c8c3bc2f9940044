//! The `truce` binary: parse the command line, and when it asks for the terminal game, hand
//! that to the UI. The library's command line never reaches into the UI; this shell joins them.

use std::process::ExitCode;

use truce::cli::{self, Launch, Mode, Next};
use truce::ui::{self, Classroom, Start};

fn main() -> ExitCode {
    match cli::main() {
        Next::Exit(code) => code,
        Next::Play(launch) => match ui::run(start(launch)) {
            // The conventional status of a program ended by a signal, once the terminal is
            // back and the game autosaved: the one place the process's end is decided.
            Ok(ui::Ended::Signal(signal)) => {
                ExitCode::from(u8::try_from(128 + signal).unwrap_or(u8::MAX))
            }
            Ok(ui::Ended::Quit) => cli::ended(Ok(())),
            Err(e) => cli::ended(Err(e)),
        },
    }
}

/// The UI's start for what the command line asked.
fn start(launch: Launch) -> Start {
    let (resume, classroom) = match launch.mode {
        Mode::New {
            class,
            player,
            instructor,
        } => (
            None,
            Classroom {
                instructor,
                ..Classroom::for_play(class, player)
            },
        ),
        Mode::Resume(loaded) => (Some(*loaded), Classroom::default()),
        Mode::Review(loaded) => (
            Some(*loaded),
            Classroom {
                review: true,
                ..Classroom::default()
            },
        ),
    };
    Start {
        scenarios: launch.scenarios,
        picked: launch.picked,
        seed: launch.seed,
        save_dir: launch.save_dir,
        resume,
        classroom,
        mouse: launch.mouse,
    }
}
