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
        Next::Board(board) => cli::ended(ui::board::run_board(
            &board.folder,
            ui::board::BoardOptions {
                class_key: board.class_key,
                ..ui::board::BoardOptions::default()
            },
        )),
    }
}

/// The instructor's board beside `truce serve`: the class's save folder, with who is
/// connected now and each save checked against the class key.
fn class_board() -> truce::serve::Board {
    Box::new(|class, connected| {
        let class_key = truce::seal::ClassKey::load(&class.class_key_path())
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        ui::board::run_board(
            &class.saves,
            ui::board::BoardOptions {
                live: Some(Box::new(connected)),
                class_key: Some(std::sync::Arc::new(class_key)),
                ..ui::board::BoardOptions::default()
            },
        )
    })
}

/// The UI's start for what the command line asked.
fn start(launch: Launch) -> Start {
    let class_key = launch.class_key;
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
