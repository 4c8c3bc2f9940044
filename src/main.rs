//! The `truce` binary: parse the command line, and when it asks for the terminal game, hand
//! that to the UI. The library's command line never reaches into the UI; this shell joins them.

use std::process::ExitCode;

use truce::cli::{self, Launch, Mode, Next};
use truce::ui::{self, Classroom, Start};

fn main() -> ExitCode {
    match cli::main() {
        Next::Exit(code) => code,
        Next::Play(launch) => cli::ended(ui::run(start(launch))),
        Next::Serve(served) => cli::served(served, Some(class_board())),
    }
}

/// The instructor's board beside `truce serve`: the class's save folder, live.
// WIRE AT MERGE: call `ui::board::run_board(&class.saves, Some(&BoardClass))` (branch h17b).
fn class_board() -> truce::serve::Board {
    Box::new(|_class, _connected| {
        Err(std::io::Error::other(
            "the class board is not in this build yet: run `truce serve CLASS.ron --headless`",
        ))
    })
}

/// The UI's start for what the command line asked.
fn start(launch: Launch) -> Start {
    let (resume, classroom) = match launch.mode {
        Mode::New {
            class,
            player,
            instructor,
            draw_key,
        } => (
            None,
            Classroom {
                instructor,
                draw_key,
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
    }
}
