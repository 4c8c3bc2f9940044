//! The `truce` binary: parse the command line, and when it asks for the terminal game, hand
//! that to the UI. The library's command line never reaches into the UI; this shell joins them.

use std::process::ExitCode;

use truce::cli::{self, Launch, Mode, Next};
use truce::ui::{self, Classroom, Start};

fn main() -> ExitCode {
    match cli::main() {
        Next::Exit(code) => code,
        Next::Play(launch) => cli::ended(ui::run(start(launch))),
        Next::Board(board) => cli::ended(ui::board::run_board(
            &board.folder,
            ui::board::BoardOptions {
                class_key: board.class_key,
                ..ui::board::BoardOptions::default()
            },
        )),
    }
}

/// The UI's start for what the command line asked.
fn start(launch: Launch) -> Start {
    let class_key = launch.class_key;
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
        classroom: Classroom {
            class_key,
            ..classroom
        },
        scenarios: launch.scenarios,
        picked: launch.picked,
        seed: launch.seed,
        save_dir: launch.save_dir,
        resume,
    }
}
