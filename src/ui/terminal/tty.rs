//! Waiting on the terminal without trusting crossterm to notice that it is gone. When the
//! terminal closes (a killed tmux pane, a closed window), the tty stays readable while reads
//! return nothing, and crossterm's reader retries forever: its poll never returns, so the loop
//! could not autosave, and the process would spin at full CPU (crossterm issue #793). Asking
//! the kernel first with poll(2) sees the hang-up.

use std::time::Duration;

/// What the terminal has for us.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Bytes to read (or nothing that poll(2) can see: crossterm decides).
    Ready,
    /// Nothing within the wait.
    Quiet,
    /// The terminal hung up: nobody is there to play.
    Gone,
}

/// Waits up to `wait` for input on standard input (the game's terminal).
#[cfg(unix)]
pub fn wait(wait: Duration) -> Input {
    wait_on(libc::STDIN_FILENO, wait)
}

/// Waits up to `wait` for input on this descriptor.
#[cfg(unix)]
fn wait_on(fd: libc::c_int, wait: Duration) -> Input {
    let mut fd = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = libc::c_int::try_from(wait.as_millis()).unwrap_or(libc::c_int::MAX);
    // SAFETY: one valid pollfd, and its count; poll(2) only writes `revents`.
    let n = unsafe { libc::poll(&raw mut fd, 1, ms) };
    if n < 0 {
        // EINTR (a signal arrived): the loop looks at signals next.
        return Input::Quiet;
    }
    if fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        Input::Gone
    } else if n > 0 {
        Input::Ready
    } else {
        Input::Quiet
    }
}

/// Off Unix, crossterm's own poll is all there is.
#[cfg(not(unix))]
pub fn wait(wait: Duration) -> Input {
    match ratatui::crossterm::event::poll(wait) {
        Ok(true) => Input::Ready,
        Ok(false) => Input::Quiet,
        Err(_) => Input::Gone,
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_terminal_whose_other_end_closed_is_gone() {
        let (mut master, mut slave) = (0, 0);
        // SAFETY: out-parameters for two descriptors; no name, termios or size asked for.
        let opened = unsafe {
            libc::openpty(
                &raw mut master,
                &raw mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                std::ptr::null(),
            )
        };
        assert_eq!(opened, 0, "openpty");
        assert_eq!(wait_on(slave, Duration::ZERO), Input::Quiet);
        // SAFETY: writing two bytes we own to our own master.
        assert_eq!(unsafe { libc::write(master, b"x\n".as_ptr().cast(), 2) }, 2);
        assert_eq!(wait_on(slave, Duration::from_millis(500)), Input::Ready);
        // SAFETY: closing our own descriptor: the terminal's window has gone.
        unsafe { libc::close(master) };
        assert_eq!(wait_on(slave, Duration::from_millis(500)), Input::Gone);
        // SAFETY: closing our own descriptor.
        unsafe { libc::close(slave) };
    }
}
