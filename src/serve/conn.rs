//! One SSH connection: keyboard-interactive sign-in (class code, then name), one session
//! channel with a pty running the student's game, and a refusal for everything else SSH can
//! ask (exec, subsystems such as SFTP, port, agent and X11 forwarding).

use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use russh::server::{Auth, ChannelOpenHandle, Handler, Msg, Response, Session};
use russh::{Channel, ChannelId, Pty};

use super::child::Game;
use super::server::Shared;
use super::signin::{self, Named};

/// How long a wrong class code keeps the client waiting before the refusal, at least.
pub const WRONG_CODE_DELAY: Duration = Duration::from_secs(2);
/// How long a signed-in connection may go without starting a game (`ssh -N`) before it is
/// closed.
const START_WITHIN: Duration = Duration::from_secs(60);

/// Where a connection stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stage {
    /// Signing in, or signed in with no game asked for yet.
    Waiting,
    /// Asked whether to take over the game running under the same name.
    Asking,
    /// Playing.
    Playing,
    /// Done: refused or ended; the channel is closing.
    Done,
}

/// One connection's handler.
pub struct Conn {
    pub(super) shared: Arc<Shared>,
    pub(super) id: u64,
    pub(super) ip: IpAddr,
    /// The class code was right (the second keyboard-interactive round asks the name).
    code_ok: bool,
    /// Name prompts answered so far (a wrong roster pick is asked again, a few times).
    name_tries: u32,
    /// The student, once signed in.
    pub(super) name: Option<String>,
    pub(super) stage: Stage,
    pub(super) channel: Option<ChannelId>,
    pub(super) term: String,
    pub(super) size: (u16, u16),
    pub(super) game: Option<Game>,
    /// When the student last typed (seconds since the server's start, plus one; 0: no game
    /// yet), for the idle timeout.
    pub(super) last_input: Arc<AtomicU64>,
}

impl Conn {
    /// A handler for a new connection from `peer`.
    pub fn new(shared: Arc<Shared>, peer: Option<std::net::SocketAddr>) -> Conn {
        let id = shared.next_conn.fetch_add(1, Ordering::SeqCst);
        shared.open.fetch_add(1, Ordering::SeqCst);
        Conn {
            shared,
            id,
            ip: peer.map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |p| p.ip()),
            code_ok: false,
            name_tries: 0,
            name: None,
            stage: Stage::Waiting,
            channel: None,
            term: "xterm".to_string(),
            size: (80, 24),
            game: None,
            last_input: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Writes `text` to the student's terminal (before or instead of a game).
    pub(super) fn say(&self, session: &mut Session, text: &str) {
        if let Some(channel) = self.channel {
            let _ = session.data(channel, text.replace('\n', "\r\n").into_bytes());
        }
    }

    /// Says `text` and closes the channel: this connection gets no game.
    pub(super) fn refuse(&mut self, session: &mut Session, text: &str) {
        self.say(session, text);
        self.stage = Stage::Done;
        if let Some(channel) = self.channel {
            let _ = session.exit_status_request(channel, 1);
            let _ = session.eof(channel);
            let _ = session.close(channel);
        }
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        // Dropping the game hangs up on it: SIGHUP, then SIGKILL to its group after a grace.
        self.game.take();
        self.shared.open.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Handler for Conn {
    type Error = russh::Error;

    async fn auth_none(&mut self, _user: &str) -> Result<Auth, Self::Error> {
        Ok(only_keyboard_interactive())
    }

    async fn auth_password(&mut self, _user: &str, _password: &str) -> Result<Auth, Self::Error> {
        Ok(only_keyboard_interactive())
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        _user: &str,
        _submethods: &str,
        response: Option<Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        // Connections that never sign in still cost a task each: past twice the session cap
        // (and some room for typing slowly) new ones are turned away before any prompt.
        let limit = u64::from(self.shared.class.file.max_sessions) * 2 + 16;
        if self.shared.open.load(Ordering::SeqCst) > limit {
            return Ok(Auth::reject());
        }
        let answers: Vec<String> = response
            .map(|r| {
                r.take(4)
                    .map(|b| String::from_utf8_lossy(&b).into_owned())
                    .collect()
            })
            .unwrap_or_default();
        if !self.code_ok {
            let Some(code) = answers.first() else {
                return Ok(signin::code_prompt());
            };
            if !signin::code_matches(code, &self.shared.class.file.code) {
                let extra = self
                    .shared
                    .failures
                    .lock()
                    .map_or(Duration::ZERO, |mut f| f.fail(self.ip, Instant::now()));
                self.shared
                    .log(&format!("wrong class code from {}", self.ip));
                tokio::time::sleep(WRONG_CODE_DELAY + extra).await;
                return Ok(only_keyboard_interactive());
            }
            self.code_ok = true;
            return Ok(signin::name_prompt(
                self.shared.class.roster.as_deref(),
                None,
            ));
        }
        let typed = answers.first().map_or("", String::as_str);
        match signin::pick_name(typed, self.shared.class.roster.as_deref()) {
            Named::Ok(name) => {
                if let Ok(mut f) = self.shared.failures.lock() {
                    f.clear(self.ip);
                }
                self.shared.log(&format!(
                    "sign-in {} from {}",
                    crate::persist::names::escape(&name),
                    self.ip
                ));
                self.name = Some(name);
                Ok(Auth::Accept)
            }
            Named::Again(why) => {
                self.name_tries += 1;
                if self.name_tries >= 3 {
                    return Ok(only_keyboard_interactive());
                }
                Ok(signin::name_prompt(
                    self.shared.class.roster.as_deref(),
                    Some(why),
                ))
            }
        }
    }

    async fn auth_succeeded(&mut self, session: &mut Session) -> Result<(), Self::Error> {
        // A connection that signs in but never asks for its game (`ssh -N`) is closed.
        let handle = session.handle();
        let started = Arc::clone(&self.last_input);
        self.shared.runtime.spawn(async move {
            tokio::time::sleep(START_WITHIN).await;
            if started.load(Ordering::SeqCst) == 0 {
                let _ = handle
                    .disconnect(
                        russh::Disconnect::ByApplication,
                        "no game was asked for".into(),
                        String::new(),
                    )
                    .await;
            }
        });
        Ok(())
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // One game per connection: a second session channel is refused.
        if self.name.is_none() || self.channel.is_some() {
            drop(reply);
            return Ok(());
        }
        self.channel = Some(channel.id());
        reply.accept().await;
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.term = signin::clean_term(term);
        self.size = signin::size(col_width, row_height);
        session.channel_success(channel)?;
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.size = signin::size(col_width, row_height);
        if let Some(game) = &self.game {
            game.resize(self.size.0, self.size.1);
        }
        let _ = session.channel_success(channel);
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.channel != Some(channel) || self.stage != Stage::Waiting {
            session.channel_failure(channel)?;
            return Ok(());
        }
        session.channel_success(channel)?;
        self.begin(session);
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.shared
            .log(&format!("refused a command from {}", self.ip));
        session.channel_failure(channel)?;
        let _ = session.extended_data(
            channel,
            1,
            b"This server only plays Truce: connect without a command.\r\n".to_vec(),
        );
        self.refuse(session, "");
        Ok(())
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.shared
            .log(&format!("refused a subsystem from {}", self.ip));
        session.channel_failure(channel)?;
        self.refuse(session, "");
        Ok(())
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        _value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        // Nothing of the client's environment reaches the game: only TERM, from the pty request.
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single: bool,
        _protocol: &str,
        _cookie: &str,
        _screen: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn agent_request(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        Ok(false)
    }

    async fn tcpip_forward(
        &mut self,
        _address: &str,
        _port: &mut u32,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        self.shared
            .log(&format!("refused port forwarding from {}", self.ip));
        Ok(false)
    }

    async fn channel_open_direct_tcpip(
        &mut self,
        _channel: Channel<Msg>,
        _host: &str,
        _port: u32,
        _from: &str,
        _from_port: u32,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.shared
            .log(&format!("refused a tunnel from {}", self.ip));
        // Dropping the handle refuses the channel.
        drop(reply);
        Ok(())
    }

    async fn data(
        &mut self,
        _channel: ChannelId,
        data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        match self.stage {
            Stage::Playing => {
                self.touch();
                if let Some(game) = &self.game {
                    game.keys(data).await;
                }
            }
            Stage::Asking => self.answer(data, session).await,
            Stage::Waiting | Stage::Done => {}
        }
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // The student's side closed its input: hang up on the game.
        self.game.take();
        Ok(())
    }

    async fn channel_close(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.game.take();
        Ok(())
    }
}

/// A refusal that names keyboard-interactive as the only way in (the client may try again, up
/// to the server's attempt limit).
fn only_keyboard_interactive() -> Auth {
    Auth::Reject {
        proceed_with_methods: Some(russh::MethodSet::from(
            &[russh::MethodKind::KeyboardInteractive][..],
        )),
        partial_success: false,
    }
}
