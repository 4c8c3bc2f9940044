//! Finds where a value sits in RON text, so errors found after parsing (a level out of order, an
//! unknown issue) can still name the line and column. serde forgets positions; this recovers them.

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1, in characters.
    pub col: usize,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Open(char),
    Close,
    Comma,
    Colon,
    Atom(String),
}

fn tokenize(text: &str) -> Vec<(Tok, Position)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line, mut col) = (0, 1, 1);
    let advance = |i: &mut usize, line: &mut usize, col: &mut usize, c: char| {
        *i += 1;
        if c == '\n' {
            *line += 1;
            *col = 1;
        } else {
            *col += 1;
        }
    };
    while i < chars.len() {
        let c = chars[i];
        let pos = Position { line, col };
        match c {
            c if c.is_whitespace() => advance(&mut i, &mut line, &mut col, c),
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    {
                        let ch = chars[i];
                        advance(&mut i, &mut line, &mut col, ch);
                    }
                }
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                let mut depth = 0;
                while i < chars.len() {
                    if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                        depth += 1;
                        advance(&mut i, &mut line, &mut col, '/');
                    } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                        depth -= 1;
                        advance(&mut i, &mut line, &mut col, '*');
                        if depth == 0 {
                            advance(&mut i, &mut line, &mut col, '/');
                            break;
                        }
                    }
                    {
                        let ch = chars[i];
                        advance(&mut i, &mut line, &mut col, ch);
                    }
                }
            }
            '(' | '[' | '{' => {
                out.push((Tok::Open(c), pos));
                advance(&mut i, &mut line, &mut col, c);
            }
            ')' | ']' | '}' => {
                out.push((Tok::Close, pos));
                advance(&mut i, &mut line, &mut col, c);
            }
            ',' => {
                out.push((Tok::Comma, pos));
                advance(&mut i, &mut line, &mut col, c);
            }
            ':' => {
                out.push((Tok::Colon, pos));
                advance(&mut i, &mut line, &mut col, c);
            }
            '"' | '\'' => {
                let quote = c;
                let mut s = String::new();
                advance(&mut i, &mut line, &mut col, c);
                while i < chars.len() && chars[i] != quote {
                    if chars[i] == '\\' && i + 1 < chars.len() {
                        advance(&mut i, &mut line, &mut col, '\\');
                    }
                    s.push(chars[i]);
                    {
                        let ch = chars[i];
                        advance(&mut i, &mut line, &mut col, ch);
                    }
                }
                if i < chars.len() {
                    advance(&mut i, &mut line, &mut col, quote);
                }
                out.push((Tok::Atom(s), pos));
            }
            _ => {
                let mut s = String::new();
                while i < chars.len() {
                    let d = chars[i];
                    if d.is_whitespace() || "()[]{},:\"'".contains(d) {
                        break;
                    }
                    s.push(d);
                    advance(&mut i, &mut line, &mut col, d);
                }
                out.push((Tok::Atom(s), pos));
            }
        }
    }
    out
}

struct Walker {
    toks: Vec<(Tok, Position)>,
    at: usize,
    found: Vec<(String, Position)>,
}

impl Walker {
    fn peek(&self, k: usize) -> Option<&Tok> {
        self.toks.get(self.at + k).map(|(t, _)| t)
    }

    fn value(&mut self, path: &str) {
        let Some((tok, pos)) = self.toks.get(self.at).cloned() else {
            return;
        };
        self.found.push((path.to_string(), pos));
        match tok {
            Tok::Atom(_) => {
                self.at += 1;
                if let Some(Tok::Open(c)) = self.peek(0).cloned() {
                    self.at += 1;
                    self.body(path, c);
                }
            }
            Tok::Open(c) => {
                self.at += 1;
                self.body(path, c);
            }
            _ => self.at += 1,
        }
    }

    /// Walks the inside of a bracket up to its closing token.
    fn body(&mut self, path: &str, open: char) {
        let mut index = 0;
        loop {
            match self.peek(0).cloned() {
                None => return,
                Some(Tok::Close) => {
                    self.at += 1;
                    return;
                }
                Some(Tok::Comma) => {
                    self.at += 1;
                    index += 1;
                }
                Some(Tok::Atom(key)) if open != '[' && self.peek(1) == Some(&Tok::Colon) => {
                    let (_, kpos) = self.toks[self.at].clone();
                    let sub = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    self.found.push((format!("{sub}#key"), kpos));
                    self.at += 2;
                    self.value(&sub);
                }
                Some(_) => {
                    let sub = format!("{path}[{index}]");
                    self.value(&sub);
                }
            }
        }
    }
}

/// Every value's path (`issues[3].levels[2].us`) and where it starts.
pub fn locate_all(text: &str) -> Vec<(String, Position)> {
    let mut w = Walker {
        toks: tokenize(text),
        at: 0,
        found: Vec::new(),
    };
    w.value("");
    w.found
}

/// Where the value at `path` starts; falls back to the nearest enclosing value that exists.
pub fn locate(text: &str, path: &str) -> Position {
    let all = locate_all(text);
    let mut p = path.to_string();
    loop {
        if let Some((_, pos)) = all.iter().find(|(q, _)| *q == p) {
            return *pos;
        }
        match p.rfind(['.', '[']) {
            Some(cut) => p.truncate(cut),
            None => return Position { line: 1, col: 1 },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "// a comment with ( and \"\n(\n  name: \"x(\",\n  list: [\n    A(v: 1, w: [2, 3]),\n    B(v: 4),\n  ],\n  m: {\"k\": (1, 2)},\n)\n";

    #[test]
    fn finds_fields_elements_and_nested_values() {
        assert_eq!(locate(TEXT, "name"), Position { line: 3, col: 9 });
        assert_eq!(locate(TEXT, "list[0].v"), Position { line: 5, col: 10 });
        assert_eq!(locate(TEXT, "list[0].w[1]"), Position { line: 5, col: 20 });
        assert_eq!(locate(TEXT, "list[1].v"), Position { line: 6, col: 10 });
        assert_eq!(locate(TEXT, "list[1]"), Position { line: 6, col: 5 });
        assert_eq!(locate(TEXT, "m#key"), Position { line: 8, col: 3 });
    }

    #[test]
    fn falls_back_to_the_enclosing_value() {
        assert_eq!(
            locate(TEXT, "list[1].missing"),
            Position { line: 6, col: 5 }
        );
        assert_eq!(locate(TEXT, "nowhere"), Position { line: 1, col: 1 });
    }
}
