//! Finds where a value sits in RON text, so errors found after parsing (a level out of order, an
//! unknown issue) can still name the line and column. serde forgets positions; this recovers them.
//!
//! The text is read once: `Spans::new` tokenises it in one pass (raw strings, nested block
//! comments and escapes understood) and walks it with an explicit stack, so a hostile file of
//! deep brackets costs memory in proportion to its size and never recurses. Each value is a node
//! linked to its parent by one path segment, so paths never grow with the square of the depth.
//! Lookups then go by path through a hash map, and offsets become lines and columns through a
//! line index built once.

use std::collections::HashMap;

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1, in characters.
    pub col: usize,
}

/// Byte offsets of line starts: offset → line and column in O(log lines + line length).
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the lines of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// The line and column (in characters) of a byte offset in `text`.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let col = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        Position { line, col }
    }
}

/// One path segment: a field name or an element index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Seg {
    Key(String),
    KeyMark(String),
    Index(usize),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    Open(u8),
    Close,
    Comma,
    Colon,
    /// An identifier, number or string: its byte range in the text (quotes included).
    Atom(usize, usize),
}

/// Splits RON text into tokens with their byte offsets. Anything unexpected is skipped: the
/// text has already been through (or been refused by) the real parser.
fn tokenize(text: &str) -> Vec<(Tok, usize)> {
    let b = text.as_bytes();
    let n = b.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let c = b[i];
        match c {
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < n && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                // RON block comments nest.
                let mut depth = 0usize;
                while i < n {
                    if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                        depth += 1;
                        i += 2;
                    } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
            }
            b'(' | b'[' | b'{' => {
                out.push((Tok::Open(c), i));
                i += 1;
            }
            b')' | b']' | b'}' => {
                out.push((Tok::Close, i));
                i += 1;
            }
            b',' => {
                out.push((Tok::Comma, i));
                i += 1;
            }
            b':' => {
                out.push((Tok::Colon, i));
                i += 1;
            }
            b'"' | b'\'' => {
                let start = i;
                i = quoted(b, i + 1, c);
                out.push((Tok::Atom(start, i), start));
            }
            b'r' | b'b' if raw_start(b, i).is_some() => {
                let start = i;
                let (hashes, open) = raw_start(b, i).unwrap_or((0, i));
                i = raw_end(b, open + 1, hashes);
                out.push((Tok::Atom(start, i), start));
            }
            b'b' if matches!(b.get(i + 1), Some(b'"' | b'\'')) => {
                let start = i;
                i = quoted(b, i + 2, b[i + 1]);
                out.push((Tok::Atom(start, i), start));
            }
            _ => {
                let start = i;
                while i < n && !b" \t\n\r()[]{},:\"'".contains(&b[i]) {
                    i += 1;
                }
                if i == start {
                    i += 1;
                }
                out.push((Tok::Atom(start, i), start));
            }
        }
    }
    out
}

/// The end (past the closing quote) of a string or char starting after its opening quote.
fn quoted(b: &[u8], mut i: usize, quote: u8) -> usize {
    while i < b.len() && b[i] != quote {
        i += if b[i] == b'\\' { 2 } else { 1 };
    }
    (i + 1).min(b.len())
}

/// At `r"`, `r#"`, `br#"`…: the number of `#` and the offset of the opening quote.
fn raw_start(b: &[u8], i: usize) -> Option<(usize, usize)> {
    let mut j = i;
    if b.get(j) == Some(&b'b') {
        j += 1;
    }
    if b.get(j) != Some(&b'r') {
        return None;
    }
    j += 1;
    let hashes = b[j..].iter().take_while(|&&c| c == b'#').count();
    (b.get(j + hashes) == Some(&b'"')).then_some((hashes, j + hashes))
}

/// The end of a raw string: past `"` followed by `hashes` `#`.
fn raw_end(b: &[u8], mut i: usize, hashes: usize) -> usize {
    while i < b.len() {
        if b[i] == b'"'
            && b[i + 1..]
                .iter()
                .take(hashes)
                .filter(|&&c| c == b'#')
                .count()
                == hashes
        {
            return i + 1 + hashes;
        }
        i += 1;
    }
    b.len()
}

/// Every value of a RON text, by path, with where it starts.
#[derive(Debug, Clone)]
pub struct Spans<'t> {
    text: &'t str,
    lines: LineIndex,
    /// (parent node, segment) → node; node 0 is the root value.
    children: HashMap<(usize, Seg), usize>,
    /// Byte offset where each node's value starts, and the atom it is, if it is one.
    nodes: Vec<(usize, Option<(usize, usize)>)>,
}

/// An open bracket being walked.
struct Frame {
    node: usize,
    open: u8,
    index: usize,
}

impl<'t> Spans<'t> {
    /// Reads `text` once.
    pub fn new(text: &'t str) -> Spans<'t> {
        let mut s = Spans {
            text,
            lines: LineIndex::new(text),
            children: HashMap::new(),
            nodes: Vec::new(),
        };
        s.walk(&tokenize(text));
        s
    }

    fn add(&mut self, parent: Option<(usize, Seg)>, at: usize) -> usize {
        let id = self.nodes.len();
        self.nodes.push((at, None));
        if let Some(key) = parent {
            // The first value with a path wins, as a search from the top would find it.
            self.children.entry(key).or_insert(id);
        }
        id
    }

    fn walk(&mut self, toks: &[(Tok, usize)]) {
        let Some(&(first, at)) = toks.first() else {
            return;
        };
        let root = self.add(None, at);
        let mut stack: Vec<Frame> = Vec::new();
        let mut k = 0;
        // Start the root value: an atom (maybe a struct name before its bracket) or a bracket.
        k = self.value_at(toks, k, root, &mut stack, first);
        while let Some(frame) = stack.last_mut() {
            let Some(&(tok, at)) = toks.get(k) else {
                return;
            };
            match tok {
                Tok::Close => {
                    stack.pop();
                    k += 1;
                }
                Tok::Comma => {
                    frame.index += 1;
                    k += 1;
                }
                Tok::Atom(s, e)
                    if frame.open != b'[' && matches!(toks.get(k + 1), Some((Tok::Colon, _))) =>
                {
                    let key = self.text.get(s..e).unwrap_or_default().trim_matches('"');
                    let parent = frame.node;
                    self.add(Some((parent, Seg::KeyMark(key.to_string()))), at);
                    k += 2;
                    let Some(&(tok, vat)) = toks.get(k) else {
                        return;
                    };
                    let node = self.add(Some((parent, Seg::Key(key.to_string()))), vat);
                    k = self.value_at(toks, k, node, &mut stack, tok);
                }
                Tok::Colon => k += 1,
                _ => {
                    let (parent, index) = (frame.node, frame.index);
                    let node = self.add(Some((parent, Seg::Index(index))), at);
                    k = self.value_at(toks, k, node, &mut stack, tok);
                }
            }
        }
    }

    /// Starts the value `node` at token `k`; pushes a frame if it opens a bracket. Returns the
    /// next token to read.
    fn value_at(
        &mut self,
        toks: &[(Tok, usize)],
        k: usize,
        node: usize,
        stack: &mut Vec<Frame>,
        tok: Tok,
    ) -> usize {
        match tok {
            Tok::Atom(s, e) => {
                self.nodes[node].1 = Some((s, e));
                if let Some(&(Tok::Open(c), _)) = toks.get(k + 1) {
                    stack.push(Frame {
                        node,
                        open: c,
                        index: 0,
                    });
                    return k + 2;
                }
                k + 1
            }
            Tok::Open(c) => {
                stack.push(Frame {
                    node,
                    open: c,
                    index: 0,
                });
                k + 1
            }
            _ => k + 1,
        }
    }

    /// The node at `path` (`issues[3].levels[2].us`, `m#key`), or the deepest that exists.
    fn node(&self, path: &str) -> usize {
        let mut node = 0;
        for seg in segments(path) {
            match self.children.get(&(node, seg)) {
                Some(&next) => node = next,
                None => break,
            }
        }
        node
    }

    /// Whether a value exists at exactly `path`.
    pub fn has(&self, path: &str) -> bool {
        let mut node = 0;
        for seg in segments(path) {
            match self.children.get(&(node, seg)) {
                Some(&next) => node = next,
                None => return false,
            }
        }
        !self.nodes.is_empty()
    }

    /// Where the value at `path` starts; falls back to the nearest enclosing value that exists.
    pub fn find(&self, path: &str) -> Position {
        match self.node(path) {
            // Nothing of the path exists: the start of the file, not of its first value.
            0 => Position { line: 1, col: 1 },
            node => self
                .nodes
                .get(node)
                .map_or(Position { line: 1, col: 1 }, |&(at, _)| self.position(at)),
        }
    }

    /// The line and column of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(self.text, offset)
    }

    /// Every atom (number, identifier, string) that is a whole value, with its path.
    pub fn atoms(&self) -> Vec<(String, &'t str)> {
        let mut parent: Vec<Option<(usize, &Seg)>> = vec![None; self.nodes.len()];
        for ((p, seg), &child) in &self.children {
            if !matches!(seg, Seg::KeyMark(_)) {
                parent[child] = Some((*p, seg));
            }
        }
        let mut out = Vec::new();
        for (id, &(_, atom)) in self.nodes.iter().enumerate() {
            let Some((s, e)) = atom else { continue };
            let mut segs = Vec::new();
            let mut at = id;
            while let Some((p, seg)) = parent[at] {
                segs.push(seg);
                at = p;
            }
            let mut path = String::new();
            for seg in segs.iter().rev() {
                match seg {
                    Seg::Key(k) if path.is_empty() => path.push_str(k),
                    Seg::Key(k) => {
                        path.push('.');
                        path.push_str(k);
                    }
                    Seg::Index(i) => path.push_str(&format!("[{i}]")),
                    Seg::KeyMark(_) => {}
                }
            }
            out.push((path, self.text.get(s..e).unwrap_or_default()));
        }
        out
    }
}

/// `a.b[2].c#key` → Key(a), Key(b), Index(2), KeyMark(c).
fn segments(path: &str) -> Vec<Seg> {
    let (path, mark) = match path.strip_suffix("#key") {
        Some(p) => (p, true),
        None => (path, false),
    };
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (name, mut rest) = part.split_once('[').map_or((part, ""), |(n, r)| (n, r));
        if !name.is_empty() {
            out.push(Seg::Key(name.to_string()));
        }
        while let Some((num, after)) = rest.split_once(']') {
            match num.parse() {
                Ok(i) => out.push(Seg::Index(i)),
                Err(_) => return out,
            }
            rest = after.strip_prefix('[').unwrap_or(after);
        }
    }
    if mark && let Some(Seg::Key(k)) = out.pop() {
        out.push(Seg::KeyMark(k));
    }
    out
}

/// Where the value at `path` starts (reads the whole text: build a `Spans` once to look up many).
pub fn locate(text: &str, path: &str) -> Position {
    Spans::new(text).find(path)
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

    #[test]
    fn raw_strings_nested_comments_and_escapes_hide_their_brackets() {
        let text = "(a: r#\"x\"(]\"#, /* ( /* ) */ [ */ b: \"\\\"(\", c: 'x', d: br\"[\", e: 5)";
        let s = Spans::new(text);
        assert_eq!(s.find("e"), Position { line: 1, col: 65 });
        assert_eq!(s.find("d"), Position { line: 1, col: 55 });
        assert_eq!(s.find("b"), Position { line: 1, col: 37 });
    }

    #[test]
    fn deep_brackets_do_not_recurse() {
        let depth = 200_000;
        let text = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        let s = Spans::new(&text);
        let path = "[0]".repeat(depth);
        assert_eq!(
            s.find(&path),
            Position {
                line: 1,
                col: depth + 1
            }
        );
    }

    #[test]
    fn atoms_come_with_their_paths() {
        let atoms = Spans::new("(a: [1, NaN], b: (c: inf))").atoms();
        assert!(atoms.contains(&("a[1]".to_string(), "NaN")), "{atoms:?}");
        assert!(atoms.contains(&("b.c".to_string(), "inf")), "{atoms:?}");
    }
}
