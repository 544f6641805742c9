//! A JSON reader that judges documents as Zeek's (rapidjson) does: members stay in document
//! order (duplicates kept), numbers keep whether they are unsigned, signed or floating, strings
//! are bytes, and errors carry rapidjson's message and byte offset.

/// A parsed JSON number, classified as rapidjson does.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Num {
    /// A non-negative integer that fits 64 bits.
    Unsigned(u64),
    /// A negative integer that fits 64 bits.
    Signed(i64),
    Float(f64),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Num(Num),
    Str(Vec<u8>),
    Array(Vec<Json>),
    Object(Vec<(Vec<u8>, Json)>),
}

impl Json {
    /// The kind name Zeek's conversion errors use.
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "bool",
            Json::Num(_) => "number",
            Json::Str(_) => "string",
            Json::Array(_) => "array",
            Json::Object(_) => "object",
        }
    }

    /// The first member named `name` (rapidjson's FindMember).
    pub fn member(&self, name: &[u8]) -> Option<&Json> {
        match self {
            Json::Object(m) => m.iter().find(|(k, _)| k == name).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Num(Num::Unsigned(u)) => Some(*u as f64),
            Json::Num(Num::Signed(i)) => Some(*i as f64),
            Json::Num(Num::Float(f)) => Some(*f),
            _ => None,
        }
    }
}

/// A parse failure: rapidjson's message and the byte offset it reports.
#[derive(Debug, PartialEq)]
pub struct ParseError {
    pub msg: &'static str,
    pub offset: usize,
}

/// Nesting deeper than this is refused (the reader recurses).
const MAX_DEPTH: usize = 512;

pub fn parse(text: &[u8]) -> Result<Json, ParseError> {
    let mut p = Parser { s: text, pos: 0 };
    p.ws();
    if p.pos == p.s.len() {
        return p.fail("The document is empty.");
    }
    let v = p.value(0)?;
    p.ws();
    if p.pos < p.s.len() {
        return p.fail("The document root must not be followed by other values.");
    }
    Ok(v)
}

struct Parser<'a> {
    s: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn fail<T>(&self, msg: &'static str) -> Result<T, ParseError> {
        self.fail_at(msg, self.pos)
    }

    fn fail_at<T>(&self, msg: &'static str, offset: usize) -> Result<T, ParseError> {
        Err(ParseError { msg, offset })
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.pos += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, ParseError> {
        match self.peek() {
            Some(b'n') => self.literal(b"null", Json::Null),
            Some(b't') => self.literal(b"true", Json::Bool(true)),
            Some(b'f') => self.literal(b"false", Json::Bool(false)),
            Some(b'"') => Ok(Json::Str(self.string()?)),
            Some(b'{') | Some(b'[') if depth >= MAX_DEPTH => {
                self.fail("Terminate parsing due to Handler error.")
            }
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            _ => self.number(),
        }
    }

    fn literal(&mut self, word: &[u8], v: Json) -> Result<Json, ParseError> {
        if self.s[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(v)
        } else {
            self.fail("Invalid value.")
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, ParseError> {
        self.pos += 1;
        self.ws();
        let mut members = Vec::new();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Json::Object(members));
        }
        loop {
            if self.peek() != Some(b'"') {
                return self.fail("Missing a name for object member.");
            }
            let name = self.string()?;
            self.ws();
            if self.peek() != Some(b':') {
                return self.fail("Missing a colon after a name of object member.");
            }
            self.pos += 1;
            self.ws();
            members.push((name, self.value(depth)?));
            self.ws();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.ws();
                }
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Json::Object(members));
                }
                _ => return self.fail("Missing a comma or '}' after an object member."),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, ParseError> {
        self.pos += 1;
        self.ws();
        let mut items = Vec::new();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            self.ws();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.ws();
                }
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Json::Array(items));
                }
                _ => return self.fail("Missing a comma or ']' after an array element."),
            }
        }
    }

    fn string(&mut self) -> Result<Vec<u8>, ParseError> {
        self.pos += 1;
        let mut out = Vec::new();
        loop {
            let Some(c) = self.peek() else {
                return self.fail("Missing a closing quotation mark in string.");
            };
            self.pos += 1;
            match c {
                b'"' => return Ok(out),
                b'\\' => self.escape(&mut out)?,
                0 => {
                    return self
                        .fail_at("Missing a closing quotation mark in string.", self.pos - 1)
                }
                c if c < 0x20 => {
                    return self.fail_at("Invalid encoding in string.", self.pos - 1);
                }
                c => out.push(c),
            }
        }
    }

    fn escape(&mut self, out: &mut Vec<u8>) -> Result<(), ParseError> {
        let at = self.pos - 1;
        let c = self.peek().unwrap_or(0);
        self.pos += 1;
        let simple = match c {
            b'"' => b'"',
            b'\\' => b'\\',
            b'/' => b'/',
            b'b' => 8,
            b'f' => 12,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => return self.unicode_escape(out),
            _ => return self.fail_at("Invalid escape character in string.", at),
        };
        out.push(simple);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = self.peek().and_then(|c| (c as char).to_digit(16));
            let Some(d) = d else {
                return self.fail("Incorrect hex digit after \\u escape in string.");
            };
            v = v * 16 + d;
            self.pos += 1;
        }
        Ok(v)
    }

    fn unicode_escape(&mut self, out: &mut Vec<u8>) -> Result<(), ParseError> {
        let mut cp = self.hex4()?;
        if (0xD800..=0xDBFF).contains(&cp) {
            if !self.s[self.pos..].starts_with(b"\\u") {
                return self.fail("The surrogate pair in string is invalid.");
            }
            self.pos += 2;
            let low = self.hex4()?;
            if !(0xDC00..=0xDFFF).contains(&low) {
                return self.fail("The surrogate pair in string is invalid.");
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        // A lone low surrogate is encoded as it stands, as rapidjson does.
        let mut buf = [0u8; 4];
        match char::from_u32(cp) {
            Some(ch) => out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes()),
            None => out.extend_from_slice(&[
                0xE0 | (cp >> 12) as u8,
                0x80 | ((cp >> 6) & 0x3F) as u8,
                0x80 | (cp & 0x3F) as u8,
            ]),
        }
        Ok(())
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Json, ParseError> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return self.fail_at("Invalid value.", start),
        }
        let mut float = false;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return self.fail("Miss fraction part in number.");
            }
            float = true;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return self.fail("Miss exponent in number.");
            }
            float = true;
        }
        // Only ASCII was consumed.
        let text = std::str::from_utf8(&self.s[start..self.pos]).unwrap_or("0");
        if !float {
            if negative {
                if let Ok(i) = text.parse::<i64>() {
                    // rapidjson keeps "-0" as the double -0.0.
                    return Ok(Json::Num(if i == 0 {
                        Num::Float(-0.0)
                    } else {
                        Num::Signed(i)
                    }));
                }
            } else if let Ok(u) = text.parse::<u64>() {
                return Ok(Json::Num(Num::Unsigned(u)));
            }
        }
        let f: f64 = text.parse().unwrap_or(f64::INFINITY);
        if f.is_infinite() {
            return self.fail_at("Number too big to be stored in double.", start);
        }
        Ok(Json::Num(Num::Float(f)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> (&'static str, usize) {
        let e = parse(text.as_bytes()).unwrap_err();
        (e.msg, e.offset)
    }

    #[test]
    fn values_and_member_order() {
        let v = parse(br#" {"b": [1, -2, 2.5, true, null], "a": "x\u00e9\n", "b": {}} "#).unwrap();
        let Json::Object(m) = &v else { panic!() };
        assert_eq!(m.len(), 3);
        assert_eq!(m[0].0, b"b");
        assert_eq!(
            m[0].1,
            Json::Array(vec![
                Json::Num(Num::Unsigned(1)),
                Json::Num(Num::Signed(-2)),
                Json::Num(Num::Float(2.5)),
                Json::Bool(true),
                Json::Null
            ])
        );
        assert_eq!(m[1].1, Json::Str("x\u{e9}\n".as_bytes().to_vec()));
        assert_eq!(v.member(b"b"), Some(&m[0].1));
    }

    #[test]
    fn numbers_keep_their_class() {
        assert_eq!(
            parse(b"18446744073709551615").unwrap(),
            Json::Num(Num::Unsigned(u64::MAX))
        );
        assert_eq!(
            parse(b"18446744073709551616").unwrap(),
            Json::Num(Num::Float(1.8446744073709552e19))
        );
        assert_eq!(parse(b"1e2").unwrap(), Json::Num(Num::Float(100.0)));
        assert_eq!(
            parse(b"\"\\ud83d\\ude00\"").unwrap(),
            Json::Str("\u{1F600}".as_bytes().to_vec())
        );
    }

    #[test]
    fn errors_as_rapidjson_reports_them() {
        assert_eq!(
            err("{\"hel"),
            ("Missing a closing quotation mark in string.", 5)
        );
        assert_eq!(err(""), ("The document is empty.", 0));
        assert_eq!(err("  "), ("The document is empty.", 2));
        assert_eq!(
            err("[1 2]"),
            ("Missing a comma or ']' after an array element.", 3)
        );
        assert_eq!(
            err("{\"a\" 1}"),
            ("Missing a colon after a name of object member.", 5)
        );
        assert_eq!(err("{1}"), ("Missing a name for object member.", 1));
        assert_eq!(err("[1,]"), ("Invalid value.", 3));
        assert_eq!(
            err("1 2"),
            ("The document root must not be followed by other values.", 2)
        );
        assert_eq!(err("1."), ("Miss fraction part in number.", 2));
        assert_eq!(err("tru"), ("Invalid value.", 0));
        assert_eq!(
            err(&"[".repeat(100_000)).0,
            "Terminate parsing due to Handler error."
        );
    }
}
