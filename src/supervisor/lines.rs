//! Splitting a byte stream into lines: bytes arrive in arbitrary chunks; complete lines come out
//! in order, and the last line is delivered at end of file even without a newline.

#[derive(Default)]
pub struct LineBuffer {
    partial: Vec<u8>,
}

impl LineBuffer {
    /// Feed a chunk; call `emit` for every line it completes (without the newline).
    pub fn feed(&mut self, chunk: &[u8], mut emit: impl FnMut(&[u8])) {
        let mut rest = chunk;
        while let Some(nl) = rest.iter().position(|&b| b == b'\n') {
            if self.partial.is_empty() {
                emit(&rest[..nl]);
            } else {
                self.partial.extend_from_slice(&rest[..nl]);
                emit(&self.partial);
                self.partial.clear();
            }
            rest = &rest[nl + 1..];
        }
        self.partial.extend_from_slice(rest);
    }

    /// End of file: deliver a last line that had no newline.
    pub fn finish(&mut self, mut emit: impl FnMut(&[u8])) {
        if !self.partial.is_empty() {
            emit(&self.partial);
            self.partial.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(chunks: &[&[u8]]) -> Vec<String> {
        let mut lb = LineBuffer::default();
        let mut out = Vec::new();
        for c in chunks {
            lb.feed(c, |l| out.push(String::from_utf8_lossy(l).into_owned()));
        }
        lb.finish(|l| out.push(String::from_utf8_lossy(l).into_owned()));
        out
    }

    #[test]
    fn lines_split_across_chunks_are_joined() {
        assert_eq!(collect(&[b"ab", b"c\nd", b"e\n"]), vec!["abc", "de"]);
    }

    #[test]
    fn last_line_without_newline_is_delivered() {
        assert_eq!(collect(&[b"x\ny"]), vec!["x", "y"]);
    }

    #[test]
    fn empty_lines_are_reported_as_empty() {
        assert_eq!(collect(&[b"\n\nz\n"]), vec!["", "", "z"]);
    }
}
