//! A signed-in connection's game: started in its own pty when the shell is asked for, or first
//! the question whether to take over the game already running under the same name; and the
//! idle timeout that closes a session nobody types in.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use russh::ChannelId;
use russh::server::Session;

use super::child::{Ended, Game};
use super::conn::{Conn, Stage};
use super::guard::Live;

/// How long a take-over waits for the old game to autosave and exit.
const TAKEOVER_WAIT: Duration = Duration::from_secs(8);

impl Conn {
    /// The shell was asked for: start the game, or first ask about the one already running.
    pub(super) fn begin(&mut self, session: &mut Session) {
        let Some(name) = self.name.clone() else {
            self.refuse(session, "Not signed in.\n");
            return;
        };
        let slug = crate::persist::format::slug(&name);
        let (running, taken) = match self.shared.registry.lock() {
            Ok(r) => (r.running(), r.get(&slug).is_some()),
            Err(_) => (0, false),
        };
        if taken {
            self.stage = Stage::Asking;
            self.say(
                session,
                &format!(
                    "\n{} is already playing in another window.\nTake that game over here? The \
                     other window closes and its game is saved. [y/N] ",
                    crate::persist::names::escape(&name)
                ),
            );
            return;
        }
        if running >= self.shared.class.file.max_sessions as usize {
            self.shared.log(&format!(
                "refused {} from {}: the class is full",
                crate::persist::names::escape(&name),
                self.ip
            ));
            self.refuse(
                session,
                "\nThe class is full right now. Ask your instructor, then try again.\n",
            );
            return;
        }
        self.start_game(session, &name, &slug);
    }

    /// Starts the student's game in its own pty.
    pub(super) fn start_game(&mut self, session: &mut Session, name: &str, slug: &str) {
        let Some(channel) = self.channel else { return };
        let spec = match self.shared.spec(name, &self.term, self.size) {
            Ok(spec) => spec,
            Err(e) => {
                self.shared.log(&format!("cannot start a game: {e}"));
                self.refuse(
                    session,
                    "\nThe game could not be started. Tell your instructor.\n",
                );
                return;
            }
        };
        let shared = Arc::clone(&self.shared);
        let (who, conn, slug_owned) = (
            crate::persist::names::escape(name),
            self.id,
            slug.to_string(),
        );
        let ended = move |how: Ended| {
            if let Ok(mut r) = shared.registry.lock() {
                r.remove(&slug_owned, conn);
            }
            match how {
                Ended::HungUp => shared.log(&format!("hang-up {who}")),
                Ended::Exited(code) => shared.log(&format!("finished {who} (exit {code})")),
            }
        };
        match Game::start(
            &spec,
            session.handle(),
            channel,
            self.shared.runtime.clone(),
            ended,
        ) {
            Ok(game) => {
                let game_proc = game.proc.clone();
                if let Ok(mut r) = self.shared.registry.lock() {
                    r.insert(
                        slug.to_string(),
                        Live {
                            conn: self.id,
                            name: name.to_string(),
                            proc: game.proc.clone(),
                            handle: session.handle(),
                        },
                    );
                }
                self.shared.log(&format!(
                    "game {} seed {} pid {}",
                    crate::persist::names::escape(name),
                    self.shared.class.file.seed.seed_for(name),
                    game.proc.pid().unwrap_or(0)
                ));
                self.game = Some(game);
                self.stage = Stage::Playing;
                self.touch();
                self.watch_idle(session.handle(), channel, game_proc);
            }
            Err(e) => {
                self.shared.log(&format!("cannot start a game: {e}"));
                self.refuse(
                    session,
                    "\nThe game could not be started. Tell your instructor.\n",
                );
            }
        }
    }

    /// The answer to the take-over question.
    pub(super) async fn answer(&mut self, data: &[u8], session: &mut Session) {
        let Some(name) = self.name.clone() else {
            return;
        };
        if !matches!(data.first(), Some(b'y' | b'Y')) {
            self.refuse(session, "\nLeft as it was. Goodbye.\n");
            return;
        }
        let slug = crate::persist::format::slug(&name);
        let old = self
            .shared
            .registry
            .lock()
            .ok()
            .and_then(|r| r.get(&slug).cloned());
        if let Some(old) = old {
            self.say(
                session,
                "\nClosing the other window and saving its game...\n",
            );
            old.proc.hang_up();
            let _ = old
                .handle
                .disconnect(
                    russh::Disconnect::ByApplication,
                    "Your game was taken over from another window.".into(),
                    String::new(),
                )
                .await;
            let proc = old.proc.clone();
            let _ = tokio::task::spawn_blocking(move || proc.wait_reaped(TAKEOVER_WAIT)).await;
            self.shared.log(&format!(
                "take-over {} from {}",
                crate::persist::names::escape(&name),
                self.ip
            ));
        }
        self.start_game(session, &name, &slug);
    }

    /// Notes that the student typed now.
    pub(super) fn touch(&self) {
        // Counted from 1: 0 means no game has started on this connection.
        self.last_input
            .store(self.shared.uptime_secs() + 1, Ordering::SeqCst);
    }

    /// Closes the connection once nothing has been typed for the class's idle timeout.
    pub(super) fn watch_idle(
        &self,
        handle: russh::server::Handle,
        channel: ChannelId,
        game: super::child::Proc,
    ) {
        let last = Arc::clone(&self.last_input);
        let shared = Arc::clone(&self.shared);
        let limit = shared.class.file.idle_timeout_secs;
        let check = Duration::from_secs(limit.clamp(1, 10));
        self.shared.runtime.spawn(async move {
            loop {
                tokio::time::sleep(check).await;
                if game.reaped() {
                    return;
                }
                let idle = (shared.uptime_secs() + 1).saturating_sub(last.load(Ordering::SeqCst));
                if idle >= limit {
                    let note = "\r\n\r\nClosed after no key was pressed for a while; your game \
                                is saved. Connect again to go on.\r\n";
                    let _ = handle.data(channel, note.as_bytes().to_vec()).await;
                    let _ = handle
                        .disconnect(
                            russh::Disconnect::ByApplication,
                            "idle".into(),
                            String::new(),
                        )
                        .await;
                    return;
                }
            }
        });
    }
}
