//! The `truce` binary: parse the command line, and when it asks for the terminal game, hand
//! that to the UI. The library's command line never reaches into the UI; this shell joins them.

use std::process::ExitCode;

use truce::cli::{self, Launch, Mode, Next};
use truce::ui::{self, Classroom, Start};

fn main() -> ExitCode {
    match cli::main() {
        Next::Exit(code) => code,
        Next::Play(launch) => exit(ui::run(start(launch))),
        Next::Serve(served) => cli::served(served, Some(class_board())),
        Next::Board(board) => exit(ui::board::run_board(
            &board.folder,
            ui::board::BoardOptions {
                class_key: board.class_key,
                ..ui::board::BoardOptions::default()
            },
        )),
    }
}

/// The process's status once a terminal screen has ended: the conventional 128 + n for one
/// ended by a signal (the terminal is back and the game autosaved by then), the one place the
/// process's end is decided.
fn exit(ended: std::io::Result<ui::Ended>) -> ExitCode {
    match ended {
        Ok(ui::Ended::Signal(signal)) => {
            ExitCode::from(u8::try_from(128 + signal).unwrap_or(u8::MAX))
        }
        Ok(ui::Ended::Quit) => cli::ended(Ok(())),
        Err(e) => cli::ended(Err(e)),
    }
}

/// The instructor's board beside `truce serve`: the class's save folder, with who is
/// connected now and each save checked against the class key.
fn class_board() -> truce::serve::Board {
    Box::new(|class, connected| {
        let class_key = truce::seal::ClassKey::load(&class.class_key_path())
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        // The board ends the server however it ends (a signal too): the server then hangs up
        // on every game, each autosaving.
        ui::board::run_board(
            &class.saves,
            ui::board::BoardOptions {
                live: Some(Box::new(connected)),
                class_key: Some(std::sync::Arc::new(class_key)),
                ..ui::board::BoardOptions::default()
            },
        )
        .map(|_| ())
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
        mouse: launch.mouse,
    }
}
