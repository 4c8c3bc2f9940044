//! The command line: clap definitions and dispatch to the library. It knows nothing of the
//! terminal game: a command that plays returns a `Launch` that the binary hands to the UI.

use std::fmt;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use clap::{Parser, Subcommand};

use crate::persist::names::{escape, show_path};
use crate::persist::{self, SaveStore};
use crate::scenario::{self, BUILTIN};

/// Prints a line on stdout, returning the write error (`?` it): see `finish`.
macro_rules! say {
    ($($arg:tt)*) => {
        line(&mut io::stdout().lock(), format_args!($($arg)*))?
    };
}

/// Prints a line on stderr; a closed stderr is ignored (there is nowhere left to complain).
/// Control characters are escaped: messages quote file names and contents, which may be hostile.
macro_rules! warn {
    ($($arg:tt)*) => {{
        let _ = writeln!(io::stderr().lock(), "{}", $crate::cli::clean(&format!($($arg)*)));
    }};
}

/// Text for the terminal: each line's control characters escaped (see `persist::names::escape`).
pub(crate) fn clean(text: &str) -> String {
    text.split('\n').map(escape).collect::<Vec<_>>().join("\n")
}

fn line(out: &mut impl Write, args: fmt::Arguments) -> io::Result<()> {
    out.write_fmt(args)?;
    out.write_all(b"\n")
}

// The classroom commands (transcript, report, review) live in `cli/classroom.rs`; declared
// after the macros above so they can use them.
mod classroom;
mod launch;
mod scenarios;
mod serve;
mod simulator;
mod validate;
use classroom::{Class, board, find_save, report_keyed, review, transcript};
pub use launch::{BoardLaunch, Launch, Mode, Next, ended};
use scenarios::{export_scenario, scenarios};
pub use serve::{Served, served};
use simulator::{simulate, solve};
use validate::{provenance_notes, validate};

/// The exit code of a command that printed. A reader that went away (`truce saves | head -1`)
/// is a normal, quiet end: it has read all it wanted. Every command prints through `say!` or
/// an `io::Result`, never `println!`, which panics on a closed pipe.
fn finish(result: io::Result<Next>) -> Next {
    match result {
        Ok(next) => next,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Next::Exit(ExitCode::SUCCESS),
        Err(e) => {
            warn!("truce: cannot write the output: {e}");
            Next::Exit(ExitCode::FAILURE)
        }
    }
}

/// A command that only prints, as a `Next`.
fn done(result: io::Result<ExitCode>) -> io::Result<Next> {
    result.map(Next::Exit)
}

/// Truce: a terminal war-game of the 2025 US–China trade talks.
#[derive(Debug, Parser)]
#[command(name = "truce", version, about)]
pub struct Cli {
    /// Where saves go: wins over TRUCE_SAVE_DIR, which wins over the platform data directory.
    #[arg(long, global = true, value_name = "DIR")]
    pub save_dir: Option<PathBuf>,
    /// Leave the mouse to the terminal, so it selects and copies text (the game's `m` key
    /// switches the same while playing).
    #[arg(long, global = true)]
    pub no_mouse: bool,
    /// What to do; the terminal game when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// With no subcommand: a built-in scenario name or a path to a scenario file.
    #[arg(long)]
    pub scenario: Option<String>,
    /// With no subcommand: the seed (a class given the same seed plays the same game).
    #[arg(long)]
    pub seed: Option<u64>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Play the terminal game.
    Play {
        /// A built-in scenario name or a path to a scenario file.
        #[arg(long)]
        scenario: Option<String>,
        /// The seed: a class given the same seed plays the same game.
        #[arg(long)]
        seed: Option<u64>,
        /// Class mode: no loading another save and no restarting mid-game; every game is
        /// autosaved under the player's name.
        #[arg(long)]
        class: bool,
        /// The player's name, stored in saves (else asked once and remembered).
        #[arg(long, value_name = "NAME")]
        player: Option<String>,
        /// The instructor's view: China's value for the package being built, its demand,
        /// walk-away, balance and pressure, and the rule a proposal would meet (key i).
        #[arg(long)]
        instructor: bool,
    },
    /// List the built-in scenarios, or write one out as a starting point for your own.
    Scenarios {
        /// Write this built-in scenario's file (with its comments) instead of listing.
        #[arg(long, value_name = "NAME")]
        export: Option<String>,
        /// With --export: write here instead of printing it.
        #[arg(short, long, value_name = "FILE", requires = "export")]
        output: Option<PathBuf>,
    },
    /// Check scenario and save files (a save is replayed); prints file:line:column: message.
    Validate {
        /// Files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Play games headless with scripted US strategies and summarise them.
    Simulate {
        /// A built-in scenario name or a path to a scenario file.
        #[arg(long, default_value = "autumn-2025")]
        scenario: String,
        /// A strategy name or `all`.
        #[arg(long, default_value = "all")]
        strategy: String,
        /// Games per strategy.
        #[arg(long, default_value_t = 1000)]
        games: usize,
        /// First seed; game i uses seed + i.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        /// Also write every game as a save file in DIR (`<strategy>-seed-<seed>.ron`). The run
        /// stops at the first save that fails, with that error and a non-zero exit.
        #[arg(long, value_name = "DIR")]
        save_to: Option<PathBuf>,
        /// With --save-to: go on past saves that fail; the first few errors and a count are
        /// printed at the end, with a non-zero exit.
        #[arg(long, requires = "save_to")]
        keep_going: bool,
    },
    /// Search the US's moves for the best line in one seeded game and print it week by week with
    /// China's answers, the scores and the signed package. By default (--fair) each move is
    /// chosen on futures drawn afresh (other Beijings of the scenario's kinds, other dice), so
    /// the line is one a player could follow; --oracle is a Monte Carlo tree search in
    /// hindsight that knows this seed's dice and the Beijing drawn: an upper bound no player can
    /// count on.
    Solve {
        /// A built-in scenario name or a path to a scenario file.
        #[arg(long, default_value = "autumn-2025")]
        scenario: String,
        /// The game's seed: the same game as `truce play --seed N`.
        #[arg(long)]
        seed: u64,
        /// Playouts to search in all; the same seed and playouts give the same line anywhere.
        /// Memory stays flat whatever the number (--oracle: bounded by --max-nodes).
        #[arg(long, default_value_t = 20_000, value_parser = clap::value_parser!(u64).range(1..))]
        playouts: u64,
        /// The --oracle search tree's cap, in nodes (about 0.7 KB each). Past it the tree stops
        /// growing and later playouts roll out from its leaves (the output says so).
        #[arg(long, default_value_t = crate::sim::MAX_NODES as u64, value_parser = clap::value_parser!(u64).range(1..))]
        max_nodes: u64,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
        /// The default: choose each move on futures drawn afresh (never this seed's dice nor
        /// its Beijing), each rolled out by the `adaptive` script: a line a player could follow.
        /// --playouts is the budget for the whole line; no tree is kept.
        #[arg(long, conflicts_with = "oracle")]
        fair: bool,
        /// The hindsight search: the best line for this seed's dice and the Beijing it drew, an
        /// upper bound on what a player could expect (the tree is capped by --max-nodes).
        #[arg(long)]
        oracle: bool,
    },
    /// Resume a saved game in the terminal, after checking it replays (a name not found here is
    /// looked up in the save directory).
    Load {
        /// The save file.
        file: PathBuf,
        /// Only check the save and print a one-line summary; no terminal needed.
        #[arg(long)]
        check: bool,
    },
    /// List the saves in the save directory, newest first.
    Saves,
    /// Write a Markdown after-action report of a save: every move, China's answers with their
    /// reasons, the events, the meters, the outcome, the scores, the lessons and the deal
    /// beside history.
    Transcript {
        /// The save file (a name not found here is looked up in the save directory).
        file: PathBuf,
        /// Write the report here instead of printing it.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Class results: one row per save (folders: the .ron files directly inside) and a summary
    /// per scenario and seed. Scores are recomputed by replay.
    Report {
        /// Save files and folders of saves.
        #[arg(required_unless_present = "class")]
        paths: Vec<PathBuf>,
        /// A served class: its class file's save folder (checked with its class key).
        #[arg(long, value_name = "CLASS.ron")]
        class: Option<PathBuf>,
        /// CSV for a spreadsheet instead of Markdown.
        #[arg(long)]
        csv: bool,
        /// Write the report here instead of printing it.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The class key file: each save is marked verified (sealed by the class's served
        /// games, unchanged since) or unverified.
        #[arg(long, value_name = "KEYFILE", conflicts_with = "class")]
        class_key: Option<PathBuf>,
    },
    /// The class board: one row per student's game in a class folder (connected or not, week,
    /// last move, China's last answer, restrictions, outcome and score), refreshed as
    /// autosaves land; Enter reviews a game, r writes the class report into the folder.
    Board {
        /// The class folder.
        folder: PathBuf,
        /// The class key file: each save is marked verified or unverified.
        #[arg(long, value_name = "KEYFILE")]
        class_key: Option<PathBuf>,
    },
    /// Serve a class over SSH (students type the class code and their name; each plays in a
    /// terminal of their own); `--init` writes a class file to start from.
    Serve {
        /// The class file (RON).
        class: PathBuf,
        /// Write a commented example class file here, with its host key and class key.
        #[arg(long)]
        init: bool,
        /// No board: one log line per sign-in, hang-up and finished game (for a service).
        #[arg(long)]
        headless: bool,
    },
    /// Step through a saved game week by week, read-only (for the projector).
    Review {
        /// The save file (a name not found here is looked up in the save directory).
        file: PathBuf,
    },
}

/// Runs the command line: returns the exit code, or the game the binary is to play.
pub fn main() -> Next {
    let cli = Cli::parse();
    let save_dir = cli.save_dir.as_deref();
    let mouse = !cli.no_mouse;
    let next = finish(match cli.command {
        None => play(cli.scenario, cli.seed, save_dir, Class::default(), false),
        Some(Command::Play {
            scenario,
            seed,
            class,
            player,
            instructor,
        }) => play(
            scenario,
            seed,
            save_dir,
            Class { class, player },
            instructor,
        ),
        Some(Command::Scenarios { export, output }) => done(match export {
            Some(name) => export_scenario(&name, output.as_deref()),
            None => scenarios(),
        }),
        Some(Command::Validate { files }) => done(validate(&files)),
        Some(Command::Simulate {
            scenario,
            strategy,
            games,
            seed,
            json,
            save_to,
            keep_going,
        }) => done(simulate(
            &scenario,
            &strategy,
            games,
            seed,
            json,
            save_to.as_deref(),
            keep_going,
        )),
        Some(Command::Solve {
            scenario,
            seed,
            playouts,
            max_nodes,
            json,
            fair: _,
            oracle,
        }) => done(solve(
            &scenario,
            seed,
            usize::try_from(playouts).unwrap_or(usize::MAX),
            usize::try_from(max_nodes).unwrap_or(usize::MAX),
            json,
            !oracle,
        )),
        Some(Command::Load { file, check }) => load(&file, save_dir, check),
        Some(Command::Saves) => done(saves(save_dir)),
        Some(Command::Transcript { file, output }) => {
            done(transcript(&find_save(&file, save_dir), output.as_deref()))
        }
        Some(Command::Report {
            paths,
            class,
            csv,
            output,
            class_key,
        }) => done(serve::report_class(
            &paths,
            class.as_deref(),
            class_key.as_deref(),
            csv,
            output.as_deref(),
        )),
        Some(Command::Serve {
            class,
            init,
            headless,
        }) => serve::serve(&class, init, headless),
        Some(Command::Review { file }) => review(&file, save_dir),
        Some(Command::Board { folder, class_key }) => board(folder, class_key.as_deref()),
    });
    match next {
        Next::Play(launch) => Next::Play(Launch { mouse, ..launch }),
        other => other,
    }
}

/// The built-in scenarios, parsed.
fn builtins() -> Result<Vec<Arc<scenario::Scenario>>, String> {
    let mut scenarios = Vec::new();
    for (name, _) in BUILTIN {
        match scenario::builtin(name) {
            Some(Ok(s)) => scenarios.push(Arc::new(s)),
            Some(Err(e)) => return Err(e.to_string()),
            None => {}
        }
    }
    Ok(scenarios)
}

/// Starts the terminal game. Every file is loaded before the terminal is touched, so a broken
/// scenario prints `file:line:column: message` on a normal terminal and exits non-zero.
fn play(
    scenario: Option<String>,
    seed: Option<u64>,
    save_dir: Option<&Path>,
    class: Class,
    instructor: bool,
) -> io::Result<Next> {
    let failed = Ok(Next::Exit(ExitCode::FAILURE));
    let mut scenarios = match builtins() {
        Ok(s) => s,
        Err(e) => {
            warn!("{e}");
            return failed;
        }
    };
    let mut picked = 0;
    if let Some(wanted) = scenario {
        match scenario::resolve(&wanted) {
            Ok(s) => match scenarios
                .iter()
                .position(|b| b.name == s.name && *wanted == s.name)
            {
                Some(i) => picked = i,
                None => {
                    scenarios.push(Arc::new(s));
                    picked = scenarios.len() - 1;
                }
            },
            Err(e) => {
                warn!("{e}");
                return failed;
            }
        }
    }
    let Ok(class_key) = launch::class_key_from_env() else {
        return failed;
    };
    if !(io::stdin().is_terminal() && io::stdout().is_terminal()) {
        warn!(
            "truce: the game needs a terminal; for headless play try `truce simulate`, and \
             `truce validate FILE` to check a scenario"
        );
        return failed;
    }
    Ok(Next::Play(Launch {
        mouse: true,
        class_key,
        scenarios,
        picked,
        seed: seed.unwrap_or_else(clock_seed),
        save_dir: persist::save_dir(save_dir).map(|(d, _)| d),
        mode: Mode::New {
            draw_key: match serve::draw_key_from_env(class.class) {
                Ok(key) => key,
                Err(e) => {
                    warn!("{e}");
                    return failed;
                }
            },
            class: class.class,
            player: class.player,
            instructor,
        },
    }))
}

/// A seed from the clock, short enough to read out to a class.
fn clock_seed() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(1, |d| u64::from(d.subsec_nanos()) % 100_000)
}

/// `truce load FILE`: the save is read, checked and replayed before the terminal is touched, so
/// a broken save prints `file:line:column: message` on a normal terminal and exits 1.
fn load(file: &Path, save_dir: Option<&Path>, check: bool) -> io::Result<Next> {
    let failed = Ok(Next::Exit(ExitCode::FAILURE));
    let store = SaveStore::from_flag(save_dir);
    let path = store
        .as_ref()
        .map_or_else(|| file.to_path_buf(), |s| s.find(file));
    let dir = store.map(|s| s.dir().to_path_buf());
    let loaded = match persist::load_game(&path) {
        Ok(loaded) => loaded,
        Err(e) => {
            warn!("{e}");
            return failed;
        }
    };
    if check {
        let state = &loaded.game.state;
        let outcome = state.outcome.map_or("in progress", |o| o.title());
        say!(
            "{}: {}, week {}, {} ({}){}",
            show_path(&path),
            escape(&loaded.scenario_id.label()),
            state.week(),
            outcome,
            escape(&loaded.info.name),
            escape(&provenance_notes(&loaded))
        );
        if let Some(notice) = &loaded.notice {
            say!("{}: {notice}", path.display());
        }
        return Ok(Next::Exit(ExitCode::SUCCESS));
    }
    if !(io::stdin().is_terminal() && io::stdout().is_terminal()) {
        warn!(
            "truce: {}: the save is good, but playing it needs a terminal (`truce load --check \
             FILE` only checks it)",
            show_path(&path)
        );
        return failed;
    }
    let Ok(class_key) = launch::class_key_from_env() else {
        return failed;
    };
    let scenarios = match builtins() {
        Ok(s) => s,
        Err(e) => {
            warn!("{e}");
            return failed;
        }
    };
    Ok(Next::Play(Launch {
        mouse: true,
        scenarios,
        picked: 0,
        seed: loaded.game.seed,
        save_dir: dir,
        mode: Mode::Resume(Box::new(loaded)),
        class_key,
    }))
}

fn saves(save_dir: Option<&Path>) -> io::Result<ExitCode> {
    let Some(store) = SaveStore::from_flag(save_dir) else {
        warn!("truce: no home directory to keep saves in; give --save-dir DIR");
        return Ok(ExitCode::FAILURE);
    };
    let dir = store.dir();
    let entries = match store.list() {
        Ok(e) => e,
        Err(e) => {
            warn!("{e}");
            return Ok(ExitCode::FAILURE);
        }
    };
    say!("Saves in {}: {}", show_path(dir), entries.len());
    for entry in &entries {
        match &entry.save {
            Ok(s) => say!(
                "{:<20} {:<12} week {:>2}  {:<20} {}  {}",
                if s.saved_at.is_empty() {
                    "-".to_string()
                } else {
                    escape(&s.saved_at)
                },
                escape(&s.scenario),
                s.week,
                s.status(),
                entry.file_name(),
                escape(&s.name)
            ),
            Err(e) => say!(
                "broken               {}  {}",
                entry.file_name(),
                clean(&e.to_string())
            ),
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints `text`, or writes it to `output` (saying where on stderr): atomically to a file,
/// through to a device, FIFO or link target, never over a folder (`persist::write_output`);
/// `what` names it in the error ("cannot write the report"). Every text in it that came from a
/// file was escaped when it was laid out (`report::markdown`, `report::csv`).
fn emit(text: &str, output: Option<&Path>, what: &str) -> io::Result<ExitCode> {
    match output {
        Some(path) => match persist::write_output(path, text.as_bytes()) {
            Ok(()) => {
                warn!("truce: wrote {}", show_path(path));
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => {
                warn!(
                    "truce: {}: cannot write the {what}: {}",
                    show_path(path),
                    persist::read::io_words(&e)
                );
                Ok(ExitCode::FAILURE)
            }
        },
        None => {
            let mut out = io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
