//! A game session on any ratatui `Backend`: input → update → effects → draw. It owns no
//! terminal, installs no signal handler and reads no clock: the front end (the crossterm loop
//! in `terminal`, a test on a `TestBackend`, a future SSH server) reads its own input, converts
//! it to `Input`, and hands it here.

use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::ui::app::App;
use crate::ui::input::Input;

/// Whether the session goes on after an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Keep reading input.
    Going,
    /// The player quit.
    Quit,
}

/// The App and the screen it draws on.
pub struct Session<B: Backend> {
    app: App,
    terminal: Terminal<B>,
}

impl<B: Backend> Session<B> {
    /// A session of `app` on `backend`, sized to it and drawn once.
    pub fn new(app: App, backend: B) -> Result<Session<B>, B::Error> {
        Session::on(app, Terminal::new(backend)?)
    }

    /// A session of `app` on a terminal already set up, sized to it and drawn once.
    pub fn on(mut app: App, terminal: Terminal<B>) -> Result<Session<B>, B::Error> {
        let size = terminal.size()?;
        app.resize(size.width, size.height);
        let mut session = Session { app, terminal };
        session.draw()?;
        Ok(session)
    }

    /// Handles one input and carries out the effects it asks for, without drawing (a front
    /// end reading a batch draws once after it).
    pub fn apply(&mut self, input: Input) -> Flow {
        self.app.handle(input);
        self.flow()
    }

    /// Handles one input, carries out its effects and draws the result.
    pub fn input(&mut self, input: Input) -> Result<Flow, B::Error> {
        let flow = self.apply(input);
        self.draw()?;
        Ok(flow)
    }

    /// Draws a frame, keeping what it measured for the next input (scroll limits, where
    /// things were drawn for the mouse).
    pub fn draw(&mut self) -> Result<(), B::Error> {
        let app = &self.app;
        let mut drawn = app.ui.drawn.clone();
        self.terminal.draw(|frame| drawn = app.draw(frame))?;
        self.app.drawn(drawn);
        Ok(())
    }

    /// Whether the player has quit.
    pub fn flow(&self) -> Flow {
        if self.app.ui.quit {
            Flow::Quit
        } else {
            Flow::Going
        }
    }

    /// The App.
    pub fn app(&self) -> &App {
        &self.app
    }

    /// The App, to change (a front end that ends the game on a signal autosaves through it).
    pub fn app_mut(&mut self) -> &mut App {
        &mut self.app
    }

    /// The screen (a test reads its buffer; the terminal front end suspends and resizes it).
    pub fn terminal(&mut self) -> &mut Terminal<B> {
        &mut self.terminal
    }

    /// The backend, to read what was drawn.
    pub fn backend(&self) -> &B {
        self.terminal.backend()
    }

    /// The App, once the session is over.
    pub fn into_app(self) -> App {
        self.app
    }

    /// The App and the terminal, once the session is over (a board gives its terminal to a
    /// review and takes it back).
    pub fn into_parts(self) -> (App, Terminal<B>) {
        (self.app, self.terminal)
    }
}
