//! The JSON reading that `decode.rs` and `typed.rs` share: serde visitors over
//! serde_json's parser that read any value with `deserialize_any` (so nothing is checked less
//! than when building a `serde_json::Value`), keep scalars and strings, and walk past what a
//! reader does not want.

use serde_core::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// The visit methods for the JSON kinds a visitor does not expect: the value is still read
/// (and so checked), and gives None.
macro_rules! scalars_are_none {
    () => {
        fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    };
}

/// A visitor that expects a list.
macro_rules! only_lists {
    ($de:lifetime) => {
        scalars_are_none!();
        fn visit_map<A: MapAccess<$de>>(self, map: A) -> Result<Self::Value, A::Error> {
            AnyVisitor.visit_map(map).map(|_| None)
        }
    };
}

/// A visitor that expects an object.
macro_rules! only_objects {
    ($de:lifetime) => {
        scalars_are_none!();
        fn visit_seq<A: SeqAccess<$de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            AnyVisitor.visit_seq(seq).map(|_| None)
        }
    };
}

/// Any visitor as a seed: the value is read with `deserialize_any` (not the laxer
/// `deserialize_ignored_any`, so that nothing is checked less than when building a tree).
pub(super) struct Seed<V>(pub V);

impl<'de, V: Visitor<'de>> DeserializeSeed<'de> for Seed<V> {
    type Value = V::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        d.deserialize_any(self.0)
    }
}

/// One JSON value as far as the readers here care: scalars as they are, lists and objects
/// walked (so they are checked) but not kept.
pub(super) enum Scalar<'a> {
    Bool(bool),
    /// An integer, 0 or more.
    Uint(u64),
    /// A negative integer.
    Int(i64),
    Float(f64),
    Str(Cow<'a, str>),
    /// null, a list or an object.
    Other,
}

impl Scalar<'_> {
    pub(super) fn integer(n: i64) -> Self {
        // As in serde_json's numbers, a non-negative integer is unsigned.
        match u64::try_from(n) {
            Ok(n) => Scalar::Uint(n),
            Err(_) => Scalar::Int(n),
        }
    }

    // The conversions of serde_json's `Value::as_*`.
    pub(super) fn as_u64(&self) -> Option<u64> {
        match self {
            Scalar::Uint(n) => Some(*n),
            _ => None,
        }
    }
    pub(super) fn as_i64(&self) -> Option<i64> {
        match self {
            Scalar::Uint(n) => i64::try_from(*n).ok(),
            Scalar::Int(n) => Some(*n),
            _ => None,
        }
    }
    pub(super) fn as_f64(&self) -> Option<f64> {
        match self {
            Scalar::Uint(n) => Some(*n as f64),
            Scalar::Int(n) => Some(*n as f64),
            Scalar::Float(f) => Some(*f),
            _ => None,
        }
    }
    pub(super) fn as_str(&self) -> Option<&str> {
        match self {
            Scalar::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// Reads any value as a `Scalar`.
pub(super) struct AnyVisitor;

pub(super) const ANY: Seed<AnyVisitor> = Seed(AnyVisitor);

impl<'de> Visitor<'de> for AnyVisitor {
    type Value = Scalar<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, b: bool) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Bool(b))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Uint(n))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::integer(n))
    }
    fn visit_f64<E>(self, f: f64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Float(f))
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Borrowed(s)))
    }
    fn visit_str<E>(self, s: &str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Owned(s.to_string())))
    }
    fn visit_string<E>(self, s: String) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Owned(s)))
    }
    fn visit_unit<E>(self) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Other)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar<'de>, A::Error> {
        while seq.next_element_seed(ANY)?.is_some() {}
        Ok(Scalar::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar<'de>, A::Error> {
        while map.next_key_seed(ANY)?.is_some() {
            map.next_value_seed(ANY)?;
        }
        Ok(Scalar::Other)
    }
}

/// The next key of an object.
pub(super) fn next_key<'de, A: MapAccess<'de>>(
    map: &mut A,
) -> Result<Option<Cow<'de, str>>, A::Error> {
    Ok(match map.next_key_seed(ANY)? {
        Some(Scalar::Str(k)) => Some(k),
        // JSON keys are strings; this is for the type system.
        Some(_) => Some(Cow::Borrowed("")),
        None => None,
    })
}

/// The next value if it is a string; any other value is read and gives None.
pub(super) fn next_text<'de, A: MapAccess<'de>>(
    map: &mut A,
) -> Result<Option<Cow<'de, str>>, A::Error> {
    map.next_value_seed(Seed(TextVisitor))
}

/// An object's `data` member as the inner visitor reads it; None if there is none (or the
/// value is not an object).
pub(super) struct DataOf<V>(pub V);

impl<'de, T, V: Visitor<'de, Value = Option<T>> + Copy> Visitor<'de> for DataOf<V> {
    type Value = Option<Option<T>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object with data")
    }
    scalars_are_none!();
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        AnyVisitor.visit_seq(seq).map(|_| None)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut data = None;
        while let Some(k) = next_key(&mut map)? {
            if k == "data" {
                data = Some(map.next_value_seed(Seed(self.0))?);
            } else {
                map.next_value_seed(ANY)?;
            }
        }
        Ok(data)
    }
}

/// A string; any other value is read (and so checked) and gives None.
#[derive(Clone, Copy)]
pub(super) struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Option<Cow<'de, str>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Borrowed(s)))
    }
    fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(s.to_string())))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        AnyVisitor.visit_seq(seq).map(|_| None)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        AnyVisitor.visit_map(map).map(|_| None)
    }
}
