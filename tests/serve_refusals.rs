//! What `truce serve` refuses, with the real OpenSSH client on loopback: a wrong class code
//! (after a delay), a command (`ssh host ls`), SFTP, port forwarding both ways, and a second
//! session under a name already playing unless the student takes it over.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(unix)]

use std::io::Read;
use std::time::{Duration, Instant};

use portable_pty::CommandBuilder;

mod serve;
use serve::{CODE, Class, wait_until};

#[test]
fn a_wrong_code_is_refused_after_a_delay() {
    let mut class = Class::new(|t| t);
    class.start();
    let start = Instant::now();
    let mut ssh = class.ssh(
        "Eve",
        "guess",
        &["-tt", "-o", "NumberOfPasswordPrompts=1"],
        80,
        24,
    );
    let status = ssh.wait_exit();
    assert!(!status.success());
    assert!(
        start.elapsed() >= Duration::from_secs(2),
        "refused in {:?}",
        start.elapsed()
    );
    assert!(ssh.text().contains("Permission denied"), "{}", ssh.text());
    let log = class.log();
    assert!(log.contains("wrong class code from 127.0.0.1"), "{log}");
    assert!(!log.contains("sign-in"), "{log}");
    assert!(class.children().is_empty());
}

#[test]
fn commands_and_sftp_are_refused() {
    let mut class = Class::new(|t| t);
    class.start();
    let mut ls = class.ssh("Ada", CODE, &["--", "ls", "/"], 80, 24);
    let status = ls.wait_exit();
    assert!(!status.success());
    let out = ls.text();
    assert!(!out.contains("proc"), "a command ran: {out}");
    class.wait_log("refused a command from 127.0.0.1");
    // SFTP is the `sftp` subsystem.
    let mut cmd = CommandBuilder::new("sftp");
    let args: Vec<String> = class
        .ssh_args()
        .into_iter()
        .map(|a| if a == "-p" { "-P".to_string() } else { a })
        .collect();
    cmd.args(args);
    cmd.arg("class@127.0.0.1");
    class.answer(&mut cmd, "Ada", CODE);
    let mut sftp = serve::Ssh::spawn_command(cmd, 80, 24);
    let status = sftp.wait_exit();
    assert!(!status.success(), "sftp: {}", sftp.text());
    class.wait_log("refused a subsystem from 127.0.0.1");
    assert!(class.children().is_empty(), "a game started");
}

#[test]
fn port_forwarding_is_refused() {
    let mut class = Class::new(|t| t);
    class.start();
    // -R: the server refuses tcpip-forward, and ssh told to exit on it does.
    let mut remote = class.ssh(
        "Ada",
        CODE,
        &[
            "-N",
            "-o",
            "ExitOnForwardFailure=yes",
            "-R",
            &format!("{}:127.0.0.1:22", serve::free_port()),
        ],
        80,
        24,
    );
    let status = remote.wait_exit();
    assert!(!status.success(), "{}", remote.text());
    class.wait_log("refused port forwarding from 127.0.0.1");
    // -L: ssh listens here, but every connection through it is refused by the server.
    let local = serve::free_port();
    let _tunnel = class.ssh(
        "Bo",
        CODE,
        &["-N", "-L", &format!("{local}:127.0.0.1:{}", class.port)],
        80,
        24,
    );
    class.wait_log("sign-in Bo");
    let mut stream = None;
    wait_until("ssh listens for -L", serve::TIMEOUT, || {
        stream = std::net::TcpStream::connect(("127.0.0.1", local)).ok();
        stream.is_some()
    });
    let mut stream = stream.unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut buf = [0u8; 64];
    // The server's own banner would come through a working tunnel: nothing may.
    let n = stream
        .read(&mut buf)
        .expect("the tunnel is closed, not left hanging");
    assert_eq!(n, 0, "data came through the tunnel: {:?}", &buf[..n]);
    class.wait_log("refused a tunnel from 127.0.0.1");
    assert!(class.children().is_empty(), "a game started");
}

#[test]
fn a_second_session_under_one_name_must_take_over() {
    let mut class = Class::new(|t| t);
    class.start();
    let mut first = class.connect("Ada");
    first.open_the_table();
    first.propose();
    // Declined: the first game plays on.
    let mut second = class.connect("Ada");
    second.wait_text("Ada is already playing in another window");
    second.send("n");
    assert!(!second.wait_exit().success());
    assert!(second.text().contains("Left as it was"));
    assert!(
        first.child.try_wait().unwrap().is_none(),
        "the first was closed"
    );
    assert_eq!(class.children().len(), 1);
    // Taken over: the first window closes with its game saved, and the new one resumes it.
    let mut third = class.connect("Ada");
    third.wait_text("already playing");
    third.send("y");
    first.wait_exit();
    class.wait_log("take-over Ada from 127.0.0.1");
    third.wait_for("Your class's scenario");
    third.send("\r");
    third.wait_for("Briefing");
    third.send("\r");
    third.wait_for("your unfinished game is back at week 2");
    assert_eq!(class.children().len(), 1, "the old game was left behind");
}
