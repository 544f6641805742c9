//! Zeek's `str_smith_waterman` local alignment over byte strings, as a pure function.
//!
//! Zeek's variant is not textbook Smith-Waterman: a match scores 1, a match that
//! extends a diagonal run of matches scores 100, and there are no gap or mismatch
//! penalties. Results are the maximal runs of matched bytes found by walking the
//! predecessor chain back from a start cell. This module reproduces Zeek's output
//! order and flags exactly, including its quirks (see `smith_waterman`).

/// Largest score matrix we are willing to build, in cells ((n1+1)*(n2+1)).
///
/// Zeek has no limit; we refuse (returning no substrings) rather than attempt
/// multi-gigabyte allocations. The cap also bounds scores: the shorter side is at
/// most 2^13, and a score grows by at most 100 per matched byte on a path, so
/// `u32` cannot overflow.
const MAX_CELLS: usize = 1 << 26;

/// One common substring found by the alignment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Substring {
    pub text: Vec<u8>,
    /// Start index of the substring in the first and in the second input.
    pub index: [usize; 2],
    /// Zeek's `new` flag.
    pub new: bool,
}

/// Runs Zeek's Smith-Waterman variant on `s1` (matrix rows) and `s2` (columns).
///
/// `min_strlen`: shortest run of matched bytes worth reporting. Zeek stores it
/// in a 32-bit `unsigned int`, so it is narrowed to `u32` here (callers may pass
/// the script's `count` unchanged).
///
/// `variant`: 1 = multiple alignments, anything else = single. Zeek narrows the
/// value to `u8` before comparing, so this function truncates it to `u8` itself
/// (256 + 1 therefore also means "multiple"); pass the raw `count`.
///
/// Returns nothing when either input is shorter than `min_strlen`, or when the
/// matrix would exceed [`MAX_CELLS`] (our own guard, not Zeek behaviour).
/// Otherwise the substrings are sorted (stably) by their start in the longer
/// input; ties in length use the second input.
pub fn smith_waterman(s1: &[u8], s2: &[u8], min_strlen: usize, variant: u64) -> Vec<Substring> {
    // Mirrors Zeek's `unsigned int` parameter; values >= 2^31 can never be met
    // by an input this module accepts, so Zeek's signed comparison is moot.
    let min = min_strlen as u32 as usize;
    if s1.len() < min || s2.len() < min || !fits(s1.len(), s2.len()) {
        return Vec::new();
    }
    let mut matrix = Matrix::new(s1, s2);
    let best = matrix.fill();
    let mut pieces = if variant as u8 == 1 {
        collect_multiple(&mut matrix, min)
    } else {
        best.map(|cell| matrix.walk(cell, min)).unwrap_or_default()
    };
    let key = if s1.len() > s2.len() { 0 } else { 1 };
    pieces.sort_by_key(|p| p.index[key]);
    pieces
}

/// Whether the (n1+1)*(n2+1) matrix stays within [`MAX_CELLS`].
fn fits(n1: usize, n2: usize) -> bool {
    (n1 + 1)
        .checked_mul(n2 + 1)
        .is_some_and(|cells| cells <= MAX_CELLS)
}

impl Substring {
    /// Zeek's coverage test: `self` spans `other`'s range in both inputs.
    fn covers(&self, other: &Substring) -> bool {
        let (a, b) = (self.text.len(), other.text.len());
        self.index
            .iter()
            .zip(&other.index)
            .all(|(&x, &y)| x <= y && x + a >= y + b)
    }
}

/// The score matrix. Only scores and visit marks are stored: whether a cell is
/// a match and which neighbour precedes it can be recomputed from the inputs
/// and the scores, which keeps a cell at five bytes.
struct Matrix<'a> {
    s1: &'a [u8],
    s2: &'a [u8],
    cols: usize,
    score: Vec<u32>,
    visited: Vec<bool>,
}

type Cell = (usize, usize);

impl<'a> Matrix<'a> {
    fn new(s1: &'a [u8], s2: &'a [u8]) -> Self {
        let cells = (s1.len() + 1) * (s2.len() + 1);
        Matrix {
            s1,
            s2,
            cols: s2.len() + 1,
            score: vec![0; cells],
            visited: vec![false; cells],
        }
    }

    fn at(&self, (i, j): Cell) -> usize {
        i * self.cols + j
    }

    /// Row 0 and column 0 are padding and never match.
    fn matched(&self, (i, j): Cell) -> bool {
        i > 0 && j > 0 && self.s1[i - 1] == self.s2[j - 1]
    }

    fn score_at(&self, cell: Cell) -> u32 {
        self.score[self.at(cell)]
    }

    /// Fills in all scores; returns the first cell (row-major) holding the
    /// highest score, if any score exceeds 1 (Zeek's starting threshold, so a
    /// lone one-byte match never qualifies for the single variant).
    fn fill(&mut self) -> Option<Cell> {
        let (s1, s2) = (self.s1, self.s2);
        let mut best = None;
        let mut best_score = 1;
        for (r, &a) in s1.iter().enumerate() {
            for (c, &b) in s2.iter().enumerate() {
                let cell = (r + 1, c + 1);
                let score = self.cell_score(cell, a == b);
                let k = self.at(cell);
                self.score[k] = score;
                if score > best_score {
                    best = Some(cell);
                    best_score = score;
                }
            }
        }
        best
    }

    /// A match takes the diagonal score plus 1, or plus 100 when it extends a
    /// run; a mismatch inherits the best of its three upper/left neighbours.
    fn cell_score(&self, (i, j): Cell, is_match: bool) -> u32 {
        let diag = self.score_at((i - 1, j - 1));
        if is_match {
            let bonus = if self.matched((i - 1, j - 1)) { 100 } else { 1 };
            return diag + bonus;
        }
        diag.max(self.score_at((i - 1, j)))
            .max(self.score_at((i, j - 1)))
    }

    /// The predecessor Zeek links each inner cell to: diagonal for matches;
    /// otherwise up when the score came from above, else left (even when the
    /// diagonal supplied the score, as Zeek does).
    fn prev(&self, cell: Cell) -> Option<Cell> {
        let (i, j) = cell;
        if i == 0 || j == 0 {
            None
        } else if self.matched(cell) {
            Some((i - 1, j - 1))
        } else if self.score_at(cell) == self.score_at((i - 1, j)) {
            Some((i - 1, j))
        } else {
            Some((i, j - 1))
        }
    }

    /// Follows the predecessor chain from `start` to the border, marking cells
    /// visited and cutting the chain into runs of matched bytes. Runs come out
    /// last-to-first; the final one (the earliest in the inputs) is flagged new.
    ///
    /// `start` is always a matched cell: the multiple variant only starts from
    /// those, and a new best score can only arise at a match. So `last` below
    /// always holds a matched (non-border) cell when a run is flushed.
    fn walk(&mut self, start: Cell, min: usize) -> Vec<Substring> {
        let mut out = Vec::new();
        let mut run = Vec::new();
        // Zeek positions every emitted run, including the empty ones it emits
        // per extra gap cell when min is 0, at the most recent matched cell.
        let mut last = start;
        let mut cursor = Some(start);
        while let Some(cell) = cursor {
            let k = self.at(cell);
            self.visited[k] = true;
            if self.matched(cell) {
                last = cell;
                run.push(self.s1[cell.0 - 1]);
            } else {
                // The chain always ends on an unmatched border cell, so every
                // run is flushed here; nothing is left over after the loop.
                flush(&mut out, &mut run, last, min);
            }
            cursor = self.prev(cell);
        }
        if let Some(first) = out.last_mut() {
            first.new = true;
        }
        out
    }
}

/// Emits the run collected so far (it was gathered backwards) if long enough,
/// and starts a new one either way.
fn flush(out: &mut Vec<Substring>, run: &mut Vec<u8>, last: Cell, min: usize) {
    if run.len() >= min {
        let mut text = std::mem::take(run);
        text.reverse();
        out.push(Substring {
            text,
            index: [last.0 - 1, last.1 - 1],
            new: false,
        });
    }
    run.clear();
}

/// Which alignment loses when a fresh one is compared with those kept so far.
enum Verdict {
    Keep,
    DropFresh,
    DropOld(usize),
}

/// Walks back from every matched, not yet visited cell (bottom-right first),
/// keeping each resulting alignment unless coverage rules it redundant.
///
/// The cost mirrors Zeek's (every walk runs to the border, and every fresh
/// substring is checked against every kept one), so long inputs over a small
/// alphabet are slow: two random 1000-byte strings over "ab" take seconds.
fn collect_multiple(matrix: &mut Matrix, min: usize) -> Vec<Substring> {
    let mut kept: Vec<Option<Vec<Substring>>> = Vec::new();
    for i in (1..=matrix.s1.len()).rev() {
        for j in (1..=matrix.s2.len()).rev() {
            let cell = (i, j);
            if !matrix.matched(cell) || matrix.visited[matrix.at(cell)] {
                continue;
            }
            let fresh = matrix.walk(cell, min);
            match judge(&kept, &fresh) {
                Verdict::DropFresh => continue,
                Verdict::DropOld(slot) => kept[slot] = None,
                Verdict::Keep => {}
            }
            kept.push(Some(fresh));
        }
    }
    kept.into_iter().flatten().flatten().collect()
}

/// Zeek stops at the first covering pair it finds, scanning kept alignments in
/// order, then their substrings, then the fresh ones; at most one alignment is
/// dropped per call.
fn judge(kept: &[Option<Vec<Substring>>], fresh: &[Substring]) -> Verdict {
    for (slot, old_al) in kept.iter().enumerate() {
        for old in old_al.iter().flatten() {
            for new in fresh {
                if old.covers(new) {
                    return Verdict::DropFresh;
                }
                if new.covers(old) {
                    return Verdict::DropOld(slot);
                }
            }
        }
    }
    Verdict::Keep
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Compact rendering: "text@i/j" plus "*" when flagged new.
    fn run(s1: &str, s2: &str, min: usize, variant: u64) -> Vec<String> {
        smith_waterman(s1.as_bytes(), s2.as_bytes(), min, variant)
            .iter()
            .map(|s| {
                let text = String::from_utf8_lossy(&s.text);
                let star = if s.new { "*" } else { "" };
                format!("{text}@{}/{}{star}", s.index[0], s.index[1])
            })
            .collect()
    }

    #[test]
    fn no_common_bytes() {
        assert!(run("abcdefgh", "ijklmnop", 2, 0).is_empty());
    }

    #[test]
    fn single_finds_one_run() {
        assert_eq!(run("abcAAAefghij", "lmnopAAAqrst", 2, 0), ["AAA@3/5*"]);
    }

    #[test]
    fn single_best_path_with_gap() {
        assert_eq!(run("abxcd", "abcd", 2, 0), ["ab@0/0*", "cd@3/2"]);
    }

    #[test]
    fn single_tie_takes_first_best_cell() {
        assert_eq!(run("abab", "ab", 1, 0), ["ab@0/0*"]);
    }

    #[test]
    fn multiple_repeats() {
        assert_eq!(
            run("xxxAAAyyy", "AAAaAAAbAAA", 2, 1),
            ["AAA@3/0*", "AAA@3/4*", "AAA@3/8*"]
        );
        assert_eq!(
            run("AAAaAAAbAAA", "xxxAAAyyy", 2, 1),
            ["AAA@0/3*", "AAA@4/3*", "AAA@8/3*"]
        );
    }

    #[test]
    fn multiple_sort_is_stable() {
        assert_eq!(
            run("xxCDyABzCDyABzz", "ABCD", 2, 1),
            ["CD@2/2*", "AB@5/0*", "CD@8/2", "AB@11/0*"]
        );
        assert_eq!(
            run("xxAAxxAAxx", "yyyyyAAyyyyy", 2, 1),
            ["AA@6/5*", "AA@2/5*"]
        );
    }

    #[test]
    fn multiple_overlapping_repeats() {
        assert_eq!(run("abab", "ab", 1, 1), ["ab@0/0*", "ab@2/0*"]);
        assert_eq!(run("aaa", "aa", 1, 1), ["aa@0/0*", "aa@1/0*"]);
        assert_eq!(run("abcab", "cab", 1, 1), ["ab@0/1*", "cab@2/0*"]);
    }

    #[test]
    fn equal_lengths_sort_by_second_input() {
        assert_eq!(run("ab", "ba", 0, 1), ["b@1/0*", "a@0/1*"]);
    }

    #[test]
    fn multiple_longer_text() {
        let s1 = "Cache-control: no-cache^M^JAccept:";
        let s2 = "Accept-: deflate^M^JAccept-: Accept-";
        assert_eq!(
            run(s1, s2, 6, 1),
            ["Accept@27/0*", "e^M^JAccept@22/15*", "Accept@27/29*"]
        );
    }

    #[test]
    fn min_strlen_edges() {
        // Longer than either input: nothing, even though they are equal.
        assert!(run("abc", "abc", 4, 0).is_empty());
        // Exactly the input length.
        assert_eq!(run("abc", "abc", 3, 0), ["abc@0/0*"]);
        // Runs shorter than the minimum are dropped but the walk goes on.
        assert_eq!(run("abxcd", "abcd", 3, 0), Vec::<String>::new());
        assert_eq!(run("abxcde", "abcde", 3, 1), ["cde@3/2*"]);
        // Narrowed to 32 bits like Zeek: 2^32 + 2 behaves as 2.
        assert_eq!(
            run("abcAAAefghij", "lmnopAAAqrst", (1 << 32) + 2, 0),
            ["AAA@3/5*"]
        );
    }

    #[test]
    fn min_zero_emits_empty_runs() {
        // A gap of two unmatched cells yields an empty run, flagged new here
        // because it is the last one the walk produced; stable sort keeps it
        // after "ab", which shares its index.
        assert_eq!(run("xaby", "zab", 0, 0), ["ab@1/1", "@1/1*"]);
        assert_eq!(run("ab", "ab", 0, 0), ["ab@0/0*"]);
        assert_eq!(run("ba", "a", 0, 1), ["a@1/0*"]);
        assert!(run("ab", "b", 0, 0).is_empty());
    }

    #[test]
    fn empty_and_short_inputs() {
        assert!(run("", "", 0, 0).is_empty());
        assert!(run("", "", 0, 1).is_empty());
        assert!(run("", "abc", 0, 1).is_empty());
        assert!(run("a", "a", 1, 0).is_empty());
        assert_eq!(run("a", "a", 1, 1), ["a@0/0*"]);
    }

    #[test]
    fn variant_is_truncated_to_u8() {
        assert_eq!(run("abab", "ab", 1, 257), run("abab", "ab", 1, 1));
        assert_eq!(run("abab", "ab", 1, 256), run("abab", "ab", 1, 0));
    }

    #[test]
    fn oversized_matrix_is_refused() {
        let big = vec![b'a'; 1 << 14];
        assert!(smith_waterman(&big, &big, 1, 0).is_empty());
        assert!(!fits(1 << 14, 1 << 14));
        assert!(fits((1 << 13) - 1, (1 << 13) - 1));
    }
}
