//! `@pattern` matching without a regex engine.
//!
//! The generator reads every model pattern at generation time and writes it out as a constant
//! tree of [`Node`]s (see `chatsmith-codegen`'s `pattern` module); [`Pattern::is_match`] walks
//! that tree. Nothing is compiled at run time and no table is built.
//!
//! Matching follows *sets of positions* through the tree: a node maps the set of positions
//! where it may start to the set of positions where it may end, so there is no backtracking
//! and the time is linear in the length of the value for the patterns models use (a repetition
//! of one character class, like `[a-z0-9-.]{1,63}`, takes one pass however large its bounds).
//! Positions are byte offsets of character boundaries, kept in a bitset that lives on the stack
//! for values up to 255 bytes. While only one position is alive, as in an anchored pattern
//! made of literals, classes and runs that stop where the next literal starts (an ARN pattern),
//! nodes are followed from that position without any set. Each [`Class`] keeps its ASCII
//! characters as a bitmap, worked out at compile time.

/// Trees nested deeper than this many levels match nothing; the generator refuses to write one.
pub const MAX_DEPTH: usize = 32;

/// One node of a pattern tree, as the generator writes it in `static` data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Node {
    /// The empty string.
    Empty,
    /// This text.
    Literal(&'static str),
    /// One character of the class (written [`Node::class`]).
    Class(Class),
    /// Each node in turn.
    Concat(&'static [Node]),
    /// Any one of the nodes.
    Alternate(&'static [Node]),
    /// `node` at least `min` and at most `max` times in a row (any number of times when `None`).
    Repeat {
        /// What is repeated.
        node: &'static Node,
        /// The fewest repetitions.
        min: u32,
        /// The most repetitions, if limited.
        max: Option<u32>,
    },
    /// The empty string where the assertion holds.
    Look(Look),
}

impl Node {
    /// One character in one of these inclusive ranges, sorted and not overlapping (no range: no
    /// character).
    pub const fn class(ranges: &'static [(char, char)]) -> Self {
        Self::Class(Class::new(ranges))
    }
}

/// A set of characters: inclusive ranges, sorted and not overlapping, and the ASCII ones among
/// them as a bitmap, worked out once (when the class is built, at compile time in a `static`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Class {
    ranges: &'static [(char, char)],
    ascii: [u64; 2],
}

impl Class {
    /// The characters in `ranges`, which are sorted and do not overlap.
    pub const fn new(ranges: &'static [(char, char)]) -> Self {
        let mut ascii = [0; 2];
        let mut index = 0;
        while index < ranges.len() {
            let (low, high) = (ranges[index].0 as u32, ranges[index].1 as u32);
            let mut c = low;
            while c <= high && c < 128 {
                ascii[(c / 64) as usize] |= 1 << (c % 64);
                c += 1;
            }
            index += 1;
        }
        Self { ranges, ascii }
    }

    /// The ranges of the class.
    pub fn ranges(&self) -> &'static [(char, char)] {
        self.ranges
    }

    /// Whether the ASCII character `b` is in the class.
    fn has_ascii(&self, b: u8) -> bool {
        self.ascii[usize::from(b >> 6) & 1] & (1 << (b & 63)) != 0
    }

    fn contains(&self, c: char) -> bool {
        match u8::try_from(c) {
            Ok(b) if b.is_ascii() => self.has_ascii(b),
            _ => in_class(self.ranges, c),
        }
    }
}

impl std::fmt::Debug for Class {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Class").field(&self.ranges).finish()
    }
}

/// An assertion about a position, matching no character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    /// The start of the value (`^`).
    Start,
    /// The end of the value (`$`).
    End,
    /// Between an ASCII word character (`[A-Za-z0-9_]`) and something else, the start or end of
    /// the value included (`\b`).
    WordBoundary,
    /// Not between an ASCII word character and something else (`\B`).
    NotWordBoundary,
}

/// A model `@pattern`: its text as written in the model, and the tree that matches it.
///
/// Patterns are ECMA-262 regexes matched anywhere in the value (not anchored), as Smithy says.
/// The generator gives the tree ECMA-262 meaning: `.` excludes `\n`, `\r`, U+2028 and U+2029;
/// `\d`, `\w` and `\b` are ASCII; `\s` is ECMA's white space; `\p{..}` general categories are
/// written out as ranges.
pub struct Pattern {
    model: &'static str,
    root: Node,
}

impl Pattern {
    /// The pattern `model` (its text in the model, for messages), matched by `root`.
    pub const fn new(model: &'static str, root: Node) -> Self {
        Self { model, root }
    }

    /// The pattern as written in the model.
    pub fn source(&self) -> &'static str {
        self.model
    }

    /// The tree that matches the pattern.
    pub fn root(&self) -> &Node {
        &self.root
    }

    /// Whether the pattern matches somewhere in `value`.
    pub fn is_match(&self, value: &str) -> bool {
        let search = Search::new(value);
        let mut starts = search.empty();
        if anchored_at_start(&self.root, 0) {
            // Most model patterns: often followed to the end without a set of positions.
            match search.follow_one(&self.root, 0, None, 0) {
                One::End(_) => return true,
                One::None => return false,
                One::Several => starts.insert(0),
            }
        } else {
            for pos in (0..=value.len()).filter(|&pos| value.is_char_boundary(pos)) {
                starts.insert(pos);
            }
        }
        !search.step(&self.root, &starts, 0).is_empty()
    }
}

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Pattern").field(&self.model).finish()
    }
}

/// Whether every match of `node` starts at position 0 (it begins with `^` on every branch).
fn anchored_at_start(node: &Node, depth: usize) -> bool {
    if depth >= MAX_DEPTH {
        return false;
    }
    match node {
        Node::Look(Look::Start) => true,
        Node::Concat(nodes) => nodes.first().is_some_and(|first| anchored_at_start(first, depth + 1)),
        Node::Alternate(nodes) => !nodes.is_empty() && nodes.iter().all(|n| anchored_at_start(n, depth + 1)),
        _ => false,
    }
}

/// Words of a [`Positions`] kept inline: offsets 0 to 255.
const INLINE_WORDS: usize = 4;

/// A set of byte offsets, 0 to the length of the value.
#[derive(Clone, PartialEq, Eq)]
enum Positions {
    Inline([u64; INLINE_WORDS]),
    Heap(Box<[u64]>),
}

impl Positions {
    fn words(&self) -> &[u64] {
        match self {
            Self::Inline(words) => words,
            Self::Heap(words) => words,
        }
    }

    fn words_mut(&mut self) -> &mut [u64] {
        match self {
            Self::Inline(words) => words,
            Self::Heap(words) => words,
        }
    }

    fn insert(&mut self, pos: usize) {
        if let Some(word) = self.words_mut().get_mut(pos / 64) {
            *word |= 1 << (pos % 64);
        }
    }

    fn contains(&self, pos: usize) -> bool {
        self.words().get(pos / 64).is_some_and(|word| word & (1 << (pos % 64)) != 0)
    }

    fn is_empty(&self) -> bool {
        self.words().iter().all(|&word| word == 0)
    }

    /// Adds every position of `other`.
    fn union_with(&mut self, other: &Self) {
        for (word, other) in self.words_mut().iter_mut().zip(other.words()) {
            *word |= other;
        }
    }

    /// Removes every position of `other`.
    fn remove_all(&mut self, other: &Self) {
        for (word, other) in self.words_mut().iter_mut().zip(other.words()) {
            *word &= !other;
        }
    }

    /// Adds the character boundaries of `value` from `first` to `last`, both included.
    fn insert_boundaries(&mut self, first: usize, last: usize, value: &str) {
        let words = self.words_mut();
        for (index, word) in words.iter_mut().enumerate().take(last / 64 + 1).skip(first / 64) {
            let low = if index == first / 64 { first % 64 } else { 0 };
            let high = if index == last / 64 { last % 64 } else { 63 };
            *word |= (u64::MAX >> (63 - high)) & (u64::MAX << low);
        }
        let inside = value.as_bytes().get(first..last).unwrap_or_default();
        if !inside.is_ascii() {
            for (at, _) in inside.iter().enumerate().filter(|&(_, &b)| b & 0xC0 == 0x80) {
                let pos = first + at;
                if let Some(word) = words.get_mut(pos / 64) {
                    *word &= !(1 << (pos % 64));
                }
            }
        }
    }

    /// The smallest position at or after `from`.
    fn next_from(&self, from: usize) -> Option<usize> {
        let words = self.words();
        let mut index = from / 64;
        let mut word = words.get(index)? & (u64::MAX << (from % 64));
        loop {
            if word != 0 {
                return Some(index * 64 + word.trailing_zeros() as usize);
            }
            index += 1;
            word = *words.get(index)?;
        }
    }

    /// The position, when there is exactly one.
    fn only_member(&self) -> Option<usize> {
        let words = self.words();
        let index = words.iter().position(|&word| word != 0)?;
        let word = words[index];
        let alone = word & (word - 1) == 0 && words[index + 1..].iter().all(|&w| w == 0);
        alone.then(|| index * 64 + word.trailing_zeros() as usize)
    }

    /// The largest position.
    fn last(&self) -> Option<usize> {
        let words = self.words();
        let index = words.iter().rposition(|&word| word != 0)?;
        Some(index * 64 + 63 - words[index].leading_zeros() as usize)
    }

    fn iter(&self) -> Members<'_> {
        Members { words: self.words(), index: 0, word: self.words().first().copied().unwrap_or(0) }
    }
}

/// The positions of a [`Positions`], smallest first.
struct Members<'a> {
    words: &'a [u64],
    index: usize,
    word: u64,
}

impl Iterator for Members<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        while self.word == 0 {
            self.index += 1;
            self.word = *self.words.get(self.index)?;
        }
        let bit = self.word.trailing_zeros() as usize;
        self.word &= self.word - 1;
        Some(self.index * 64 + bit)
    }
}

/// One character, for repetitions of a single character.
#[derive(Clone, Copy)]
enum OneChar {
    Class(Class),
    Is(char),
}

impl OneChar {
    fn of(node: &Node) -> Option<Self> {
        match *node {
            Node::Class(class) => Some(Self::Class(class)),
            Node::Literal(text) => {
                let mut chars = text.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => Some(Self::Is(c)),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    fn matches(self, c: char) -> bool {
        match self {
            Self::Class(class) => class.contains(c),
            Self::Is(is) => c == is,
        }
    }

    /// The ASCII characters that match, as [`Class`] keeps them.
    fn ascii(self) -> [u64; 2] {
        match self {
            Self::Class(class) => class.ascii,
            Self::Is(c) => match u8::try_from(c) {
                Ok(b) if b.is_ascii() => {
                    let bit = 1 << (b & 63);
                    if b < 64 { [bit, 0] } else { [0, bit] }
                }
                _ => [0, 0],
            },
        }
    }
}

fn in_class(ranges: &[(char, char)], c: char) -> bool {
    if ranges.len() <= 8 {
        for &(low, high) in ranges {
            if c < low {
                return false;
            }
            if c <= high {
                return true;
            }
        }
        false
    } else {
        ranges
            .binary_search_by(|&(low, high)| {
                if high < c {
                    std::cmp::Ordering::Less
                } else if low > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
    }
}

/// The length of the UTF-8 sequence that `first` begins.
fn utf8_len(first: u8) -> usize {
    match first {
        0..0xE0 => 1 + usize::from(first >= 0xC0),
        0xE0..0xF0 => 3,
        _ => 4,
    }
}

/// Where a node ends from one position.
enum One {
    /// At this position only (or only this one can be followed by what comes next).
    End(usize),
    /// Nowhere.
    None,
    /// Maybe at several positions.
    Several,
}

/// One search of one value.
struct Search<'h> {
    value: &'h str,
    words: usize,
}

impl<'h> Search<'h> {
    fn new(value: &'h str) -> Self {
        Self { value, words: value.len() / 64 + 1 }
    }

    fn empty(&self) -> Positions {
        if self.words <= INLINE_WORDS {
            Positions::Inline([0; INLINE_WORDS])
        } else {
            Positions::Heap(vec![0; self.words].into_boxed_slice())
        }
    }

    /// The set of the one position `pos`.
    fn just(&self, pos: usize) -> Positions {
        let mut set = self.empty();
        set.insert(pos);
        set
    }

    /// Whether `text` is found at byte offset `pos`.
    fn literal_at(&self, text: &[u8], pos: usize) -> bool {
        match self.value.as_bytes().get(pos..pos.saturating_add(text.len())) {
            // Short literals (most are) are compared without a call to `memcmp`.
            Some(here) if text.len() <= 8 => here.iter().zip(text).all(|(a, b)| a == b),
            here => here == Some(text),
        }
    }

    /// The character at byte offset `pos`, a character boundary.
    fn char_at(&self, pos: usize) -> Option<char> {
        match self.value.as_bytes().get(pos) {
            Some(&byte) if byte.is_ascii() => Some(char::from(byte)),
            _ => self.value.get(pos..)?.chars().next(),
        }
    }

    fn is_word_byte(&self, pos: usize) -> bool {
        self.value.as_bytes().get(pos).is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_')
    }

    fn holds(&self, look: Look, pos: usize) -> bool {
        let boundary = || pos.checked_sub(1).is_some_and(|before| self.is_word_byte(before)) != self.is_word_byte(pos);
        match look {
            Look::Start => pos == 0,
            Look::End => pos == self.value.len(),
            Look::WordBoundary => boundary(),
            Look::NotWordBoundary => !boundary(),
        }
    }

    /// Where `node` may end, starting from `starts`.
    fn step(&self, node: &Node, starts: &Positions, depth: usize) -> Positions {
        if depth >= MAX_DEPTH {
            return self.empty();
        }
        match *node {
            Node::Empty => starts.clone(),
            Node::Literal(text) => {
                let mut ends = self.empty();
                for pos in starts.iter().filter(|&pos| self.literal_at(text.as_bytes(), pos)) {
                    ends.insert(pos + text.len());
                }
                ends
            }
            Node::Class(class) => {
                let mut ends = self.empty();
                for pos in starts.iter() {
                    if let Some(c) = self.char_at(pos).filter(|&c| class.contains(c)) {
                        ends.insert(pos + c.len_utf8());
                    }
                }
                ends
            }
            Node::Concat(nodes) => self.concat(nodes, starts, depth + 1),
            Node::Alternate(nodes) => {
                let mut ends = self.empty();
                for node in nodes {
                    ends.union_with(&self.step(node, starts, depth + 1));
                }
                ends
            }
            Node::Repeat { node, min, max } => match OneChar::of(node) {
                Some(one) => self.repeat_one(one, min, max, starts),
                None => self.repeat(node, min, max, starts, depth),
            },
            Node::Look(Look::Start) => {
                let mut ends = self.empty();
                if starts.contains(0) {
                    ends.insert(0);
                }
                ends
            }
            Node::Look(Look::End) => {
                let mut ends = self.empty();
                if starts.contains(self.value.len()) {
                    ends.insert(self.value.len());
                }
                ends
            }
            Node::Look(look) => {
                let mut ends = self.empty();
                for pos in starts.iter().filter(|&pos| self.holds(look, pos)) {
                    ends.insert(pos);
                }
                ends
            }
        }
    }

    /// Where the sequence `nodes` may end, starting from `starts`. While a single position is
    /// reached, nodes are followed from it without sets ([`Search::follow_one`]).
    fn concat(&self, nodes: &[Node], starts: &Positions, depth: usize) -> Positions {
        let mut one = starts.only_member();
        // `None` while the positions are still `starts`.
        let mut ends: Option<Positions> = None;
        for (index, node) in nodes.iter().enumerate() {
            if let Some(pos) = one {
                match self.follow_one(node, pos, nodes.get(index + 1), depth) {
                    One::End(end) => {
                        one = Some(end);
                        continue;
                    }
                    One::None => return self.empty(),
                    One::Several => ends = Some(self.just(pos)),
                }
            }
            let next = self.step(node, ends.as_ref().unwrap_or(starts), depth);
            if next.is_empty() {
                return next;
            }
            one = next.only_member();
            ends = Some(next);
        }
        match (one, ends) {
            (Some(pos), _) => self.just(pos),
            (None, Some(ends)) => ends,
            (None, None) => starts.clone(),
        }
    }

    /// Where `node` ends from the one position `pos`, when that is at most one position that
    /// matters (the next node is `next`); [`One::Several`] when the sets are needed.
    fn follow_one(&self, node: &Node, pos: usize, next: Option<&Node>, depth: usize) -> One {
        if depth >= MAX_DEPTH {
            return One::None;
        }
        if let Some(one) = self.follow_leaf(node, pos, next) {
            return one;
        }
        match *node {
            Node::Concat(nodes) => {
                let mut at = pos;
                for (index, node) in nodes.iter().enumerate() {
                    let next = nodes.get(index + 1).or(next);
                    // Leaves here, without a call (most nodes are leaves).
                    let one = match self.follow_leaf(node, at, next) {
                        Some(one) => one,
                        None => self.follow_one(node, at, next, depth + 1),
                    };
                    match one {
                        One::End(end) => at = end,
                        other => return other,
                    }
                }
                One::End(at)
            }
            // Exactly `min` rounds.
            Node::Repeat { node, min, max } if max == Some(min) => {
                let mut at = pos;
                for _ in 0..min {
                    match self.follow_one(node, at, None, depth + 1) {
                        // A round that stays in place: every further round does too.
                        One::End(end) if end == at => break,
                        One::End(end) => at = end,
                        other => return other,
                    }
                }
                One::End(at)
            }
            _ => One::Several,
        }
    }

    /// [`Search::follow_one`] for nodes without children, and repetitions of one character; `None`
    /// for other nodes.
    #[inline(always)]
    fn follow_leaf(&self, node: &Node, pos: usize, next: Option<&Node>) -> Option<One> {
        let end_if = |matched: bool, end: usize| if matched { One::End(end) } else { One::None };
        Some(match *node {
            Node::Empty => One::End(pos),
            Node::Literal(text) => end_if(self.literal_at(text.as_bytes(), pos), pos + text.len()),
            Node::Class(class) => match self.char_at(pos) {
                Some(c) if class.contains(c) => One::End(pos + c.len_utf8()),
                _ => One::None,
            },
            Node::Look(look) => end_if(self.holds(look, pos), pos),
            Node::Repeat { node, min, max } => {
                let one = OneChar::of(node)?;
                let (end, count) = self.run(one, pos, max.map_or(usize::MAX, |max| max as usize));
                // Of the ends along the run, only the last can be followed by `next` when `next`
                // is the end of the value or begins with a character not in the run.
                let last_only = match next {
                    Some(Node::Look(Look::End)) => true,
                    Some(Node::Literal(text)) => text.chars().next().is_some_and(|c| !one.matches(c)),
                    _ => false,
                };
                match count.cmp(&(min as usize)) {
                    std::cmp::Ordering::Less => One::None,
                    std::cmp::Ordering::Equal => One::End(end),
                    std::cmp::Ordering::Greater if last_only => One::End(end),
                    std::cmp::Ordering::Greater => One::Several,
                }
            }
            Node::Concat(_) | Node::Alternate(_) => return None,
        })
    }

    /// A repetition of any node: `min` rounds exactly, then more rounds from the positions not
    /// reached before, until none is new (a position first reached in fewer rounds can go at
    /// least as far as one reached in more), or `max` is reached.
    fn repeat(&self, node: &Node, min: u32, max: Option<u32>, starts: &Positions, depth: usize) -> Positions {
        let mut reached = starts.clone();
        for _ in 0..min {
            let next = self.step(node, &reached, depth + 1);
            if next == reached {
                // Every further round gives the same set.
                break;
            }
            reached = next;
            if reached.is_empty() {
                return reached;
            }
        }
        let mut frontier = reached.clone();
        let mut more = 0;
        while max.is_none_or(|max| more < max.saturating_sub(min)) {
            let mut next = self.step(node, &frontier, depth + 1);
            next.remove_all(&reached);
            if next.is_empty() {
                break;
            }
            reached.union_with(&next);
            frontier = next;
            more += 1;
        }
        reached
    }

    /// The end of the run of at most `max` characters matching `one` from `start`, and its length
    /// in characters.
    fn run(&self, one: OneChar, start: usize, max: usize) -> (usize, usize) {
        let (bytes, [low, high]) = (self.value.as_bytes(), one.ascii());
        let (mut end, mut count) = (start, 0);
        while count < max {
            // ASCII characters a byte at a time, then one other character.
            let stop = bytes.len().min(end.saturating_add(max - count));
            let from = end;
            while let Some(&b) = bytes.get(end).filter(|_| end < stop) {
                let word = if b < 64 { low } else { high };
                if !b.is_ascii() || word & (1 << (b & 63)) == 0 {
                    break;
                }
                end += 1;
            }
            count += end - from;
            if count == max || bytes.get(end).is_none_or(u8::is_ascii) {
                break;
            }
            match self.char_at(end).filter(|&c| one.matches(c)) {
                Some(c) => end += c.len_utf8(),
                None => break,
            }
            count += 1;
        }
        (end, count)
    }

    /// A repetition of one character, in one pass: an end is reached when some start at least
    /// `min` and at most `max` characters before it begins a run of matching characters that
    /// reaches it. `lag` trails the end by `min` characters and finds the latest such start.
    fn repeat_one(&self, one: OneChar, min: u32, max: Option<u32>, starts: &Positions) -> Positions {
        let mut ends = self.empty();
        let Some(last_start) = starts.last() else { return ends };
        let (min, max) = (min as usize, max.map(|max| max as usize));
        let mut from = starts.next_from(0);
        if from == Some(last_start) {
            // One start (as after `^`): the ends are the character boundaries along the run of
            // matching characters, from `min` characters in.
            let (end, count) = self.run(one, last_start, max.unwrap_or(usize::MAX));
            if count >= min {
                let first = if end - last_start == count {
                    last_start + min
                } else {
                    let run = self.value.get(last_start..end).unwrap_or_default();
                    run.char_indices().nth(min).map_or(end, |(at, _)| last_start + at)
                };
                ends.insert_boundaries(first, end, self.value);
            }
            return ends;
        }
        let bytes = self.value.as_bytes();
        'runs: while let Some(start) = from {
            // Positions from `start` on, `count` characters in; `best` is the count at the latest
            // start of this run that is `min` characters behind or more.
            let (mut end, mut count, mut lag) = (start, 0, start);
            let mut best: Option<usize> = None;
            loop {
                if count >= min && starts.contains(lag) {
                    best = Some(count - min);
                }
                match best {
                    Some(best) if max.is_none_or(|max| count - best <= max) => ends.insert(end),
                    // No start is left to reach further ends from.
                    _ if count >= min && lag >= last_start => break 'runs,
                    _ => {}
                }
                let Some(c) = self.char_at(end) else { break 'runs };
                if !one.matches(c) {
                    from = starts.next_from(end + 1);
                    continue 'runs;
                }
                end += c.len_utf8();
                count += 1;
                if count > min {
                    lag += bytes.get(lag).map_or(1, |&b| utf8_len(b));
                }
            }
        }
        ends
    }
}

#[cfg(test)]
mod tests {
    use super::{Look, MAX_DEPTH, Node, Pattern};

    static LOWER: Node = Node::class(&[('a', 'z')]);

    #[test]
    fn literal_search_is_unanchored() {
        let pattern = Pattern::new("ab", Node::Literal("ab"));
        assert!(pattern.is_match("xxab") && pattern.is_match("ab") && !pattern.is_match("a b"));
        assert!(Pattern::new("", Node::Empty).is_match(""));
    }

    #[test]
    fn anchors() {
        let exact =
            Pattern::new("^ab$", Node::Concat(&[Node::Look(Look::Start), Node::Literal("ab"), Node::Look(Look::End)]));
        assert!(exact.is_match("ab") && !exact.is_match("xab") && !exact.is_match("abx"));
        let either = Pattern::new(
            "^a|b$",
            Node::Alternate(&[
                Node::Concat(&[Node::Look(Look::Start), Node::Literal("a")]),
                Node::Concat(&[Node::Literal("b"), Node::Look(Look::End)]),
            ]),
        );
        assert!(either.is_match("ax") && either.is_match("xb") && !either.is_match("xa") && !either.is_match("bx"));
    }

    #[test]
    fn counted_repetition_of_a_class() {
        static PATTERN: Pattern = Pattern::new(
            "^[a-z]{2,3}$",
            Node::Concat(&[
                Node::Look(Look::Start),
                Node::Repeat { node: &LOWER, min: 2, max: Some(3) },
                Node::Look(Look::End),
            ]),
        );
        for (value, expected) in
            [("", false), ("a", false), ("ab", true), ("abc", true), ("abcd", false), ("aB", false)]
        {
            assert_eq!(PATTERN.is_match(value), expected, "{value:?}");
        }
        let zero = Pattern::new("x{0}", Node::Repeat { node: &Node::Literal("x"), min: 0, max: Some(0) });
        assert!(zero.is_match("") && zero.is_match("y"));
    }

    #[test]
    fn multi_byte_characters() {
        static ACCENT: Node = Node::class(&[('é', 'é'), ('😀', '😀')]);
        static PATTERN: Pattern = Pattern::new(
            "^[é😀]+$",
            Node::Concat(&[
                Node::Look(Look::Start),
                Node::Repeat { node: &ACCENT, min: 1, max: None },
                Node::Look(Look::End),
            ]),
        );
        assert!(PATTERN.is_match("é😀é") && !PATTERN.is_match("éa") && !PATTERN.is_match(""));
        // Long values use positions on the heap.
        assert!(PATTERN.is_match(&"é".repeat(1000)) && !PATTERN.is_match(&format!("{}e", "é".repeat(1000))));
    }

    #[test]
    fn general_repetition_ends_on_empty_matches() {
        static STAR: Node = Node::Repeat { node: &Node::Literal("a"), min: 0, max: None };
        static NESTED: Pattern = Pattern::new(
            "^(a*)*$",
            Node::Concat(&[
                Node::Look(Look::Start),
                Node::Repeat { node: &STAR, min: 0, max: None },
                Node::Look(Look::End),
            ]),
        );
        assert!(NESTED.is_match("aaaa") && NESTED.is_match("") && !NESTED.is_match("ab"));
        static PAIR: Node = Node::Alternate(&[Node::Literal("ab"), Node::Literal("c")]);
        static COUNTED: Pattern = Pattern::new(
            "^(ab|c){2,3}$",
            Node::Concat(&[
                Node::Look(Look::Start),
                Node::Repeat { node: &PAIR, min: 2, max: Some(3) },
                Node::Look(Look::End),
            ]),
        );
        for (value, expected) in [("abc", true), ("cc", true), ("c", false), ("ababab", true), ("abcabc", false)] {
            assert_eq!(COUNTED.is_match(value), expected, "{value:?}");
        }
    }

    #[test]
    fn rounds_that_stay_in_place_end_early() {
        static EMPTY_ROUNDS: Pattern = Pattern::new(
            r"^(\b){4000000000}a",
            Node::Concat(&[
                Node::Look(Look::Start),
                Node::Repeat { node: &Node::Look(Look::WordBoundary), min: 4_000_000_000, max: Some(4_000_000_000) },
                Node::Literal("a"),
            ]),
        );
        assert!(EMPTY_ROUNDS.is_match("ab") && !EMPTY_ROUNDS.is_match(" a"));
    }

    #[test]
    fn word_boundaries_are_ascii() {
        let word = Pattern::new(
            r"\bab\b",
            Node::Concat(&[Node::Look(Look::WordBoundary), Node::Literal("ab"), Node::Look(Look::WordBoundary)]),
        );
        assert!(word.is_match("ab") && word.is_match("éab é") && !word.is_match("xab"));
        let inside = Pattern::new(r"a\B", Node::Concat(&[Node::Literal("a"), Node::Look(Look::NotWordBoundary)]));
        assert!(inside.is_match("ab") && !inside.is_match("a") && !inside.is_match("aé"));
    }

    #[test]
    fn trees_deeper_than_the_limit_match_nothing() {
        fn nested(levels: usize) -> Node {
            (1..levels).fold(Node::Literal("a"), |inner, _| Node::Concat(Box::leak(Box::new([inner]))))
        }
        assert!(Pattern::new("a", nested(MAX_DEPTH)).is_match("a"));
        assert!(!Pattern::new("a", nested(MAX_DEPTH + 1)).is_match("a"));
    }

    #[test]
    fn classes_know_their_ascii_characters() {
        static WORD: Node = Node::class(&[('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z'), ('é', 'é')]);
        let Node::Class(class) = WORD else { unreachable!() };
        for c in ['0', '9', 'A', 'Z', '_', 'a', 'z', 'é'] {
            assert!(class.contains(c), "{c}");
        }
        for c in ['/', ':', '@', '[', '`', '{', '\u{7f}', '\0', 'è', '😀'] {
            assert!(!class.contains(c), "{c}");
        }
        assert_eq!(format!("{WORD:?}"), "Class(Class([('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z'), ('é', 'é')]))");
    }

    #[test]
    fn debug_shows_the_model_text() {
        assert_eq!(format!("{:?}", Pattern::new("^a$", Node::Literal("a"))), r#"Pattern("^a$")"#);
    }
}
