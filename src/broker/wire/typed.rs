//! A tagged JSON v1 value (`{"@data-type": tag, "data": ...}`) read straight into a value of
//! an expected type, or refused (None) where the tree-based reading refused it.

use super::json::{next_key, next_text, AnyVisitor, DataOf, Scalar, Seed, ANY};
use crate::runtime::value::{Key, TableVal, Value};
use crate::types::{EnumType, RecordType, TableType, Type};
use serde_core::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::fmt;
use std::rc::Rc;

/// A value of type `ty`: `{"@data-type": tag, "data": ...}`; None if it does not fit.
#[derive(Clone, Copy)]
pub(super) struct Typed<'t>(pub &'t Type);

impl<'de> DeserializeSeed<'de> for Typed<'_> {
    type Value = Option<Value>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<Value>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Typed<'_> {
    type Value = Option<Value>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a tagged value")
    }
    only_objects!('de);
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut tag: Option<Cow<str>> = None;
        // The data, read as the tag seen before it says (and that tag), or kept as text until
        // the tag comes.
        let mut data: Option<(Option<Value>, Cow<str>)> = None;
        let mut raw: Option<&'de RawValue> = None;
        while let Some(k) = next_key(&mut map)? {
            match &*k {
                "@data-type" => tag = next_text(&mut map)?,
                "data" => match &tag {
                    Some(t) => {
                        let want = Want::of(self.0, t);
                        data = Some((map.next_value_seed(Seed(want))?, t.clone()));
                        raw = None;
                    }
                    None => {
                        raw = Some(map.next_value()?);
                        data = None;
                    }
                },
                _ => drop(map.next_value_seed(ANY)?),
            }
        }
        let Some(tag) = tag else {
            return Ok(None);
        };
        if let Some((value, read_as)) = data {
            // A later, different tag (a repeated key) would need the data read again, which
            // it cannot be: refused, where a tree would have used the last tag.
            return Ok(if read_as == tag { value } else { None });
        }
        let Some(raw) = raw else {
            return Ok(None);
        };
        let mut de = serde_json::Deserializer::from_str(raw.get());
        let want = Want::of(self.0, &tag);
        Ok(de.deserialize_any(want).ok().flatten())
    }
}

/// What data of a given tag becomes when a value of a given type is expected.
#[derive(Clone, Copy)]
enum Want<'t> {
    /// `none`: no value, whatever the data.
    Void,
    /// The tag does not fit the type.
    Misfit,
    Bool,
    Count,
    Int,
    /// A count where an int is expected.
    IntOfCount,
    Double,
    Str,
    Addr,
    Subnet,
    Port,
    Interval,
    Time,
    Enum(&'t Rc<EnumType>),
    Record(&'t Rc<RecordType>),
    Vector(&'t Type),
    Set(&'t Rc<TableType>),
    Table(&'t Rc<TableType>),
}

impl<'t> Want<'t> {
    fn of(ty: &'t Type, tag: &str) -> Want<'t> {
        if let Type::Any = ty {
            // An `any` parameter takes each scalar tag as its natural type.
            return match tag {
                "boolean" => Want::Bool,
                "count" => Want::Count,
                "integer" => Want::Int,
                "real" => Want::Double,
                "string" => Want::Str,
                "address" => Want::Addr,
                "subnet" => Want::Subnet,
                "port" => Want::Port,
                "timespan" => Want::Interval,
                "timestamp" => Want::Time,
                _ => Want::Misfit,
            };
        }
        match (ty, tag) {
            (_, "none") => Want::Void,
            (Type::Bool, "boolean") => Want::Bool,
            (Type::Count, "count") => Want::Count,
            (Type::Int, "integer") => Want::Int,
            (Type::Int, "count") => Want::IntOfCount,
            (Type::Double, "real") => Want::Double,
            (Type::String, "string") => Want::Str,
            (Type::Addr, "address") => Want::Addr,
            (Type::Subnet, "subnet") => Want::Subnet,
            (Type::Port, "port") => Want::Port,
            (Type::Interval, "timespan") => Want::Interval,
            (Type::Time, "timestamp") => Want::Time,
            (Type::Enum(e), "enum-value") => Want::Enum(e),
            (Type::Record(rt), "vector") => Want::Record(rt),
            (Type::Vector(elem), "vector") => Want::Vector(elem),
            (Type::Table(tt), "set") if tt.is_set() => Want::Set(tt),
            (Type::Table(tt), "table") if !tt.is_set() => Want::Table(tt),
            _ => Want::Misfit,
        }
    }

    /// Scalar data.
    fn scalar(self, s: Scalar) -> Option<Value> {
        use crate::runtime::render::{is_v4, mask_addr, parse_addr};
        Some(match self {
            Want::Void => Value::Void,
            Want::Bool => match s {
                Scalar::Bool(b) => Value::Bool(b),
                _ => return None,
            },
            Want::Count => Value::Count(s.as_u64()?),
            Want::Int => Value::Int(s.as_i64()?),
            Want::IntOfCount => Value::Int(i64::try_from(s.as_u64()?).ok()?),
            Want::Double => Value::Double(s.as_f64()?),
            Want::Str => Value::str(s.as_str()?),
            Want::Addr => Value::Addr(parse_addr(s.as_str()?)?),
            Want::Subnet => {
                let (a, l) = s.as_str()?.split_once('/')?;
                let len: u8 = l.parse().ok()?;
                let a = parse_addr(a)?;
                // IPv4 prefixes are stored as IPv6-mapped, 96 bits longer.
                let bits = if is_v4(&a) { len.checked_add(96)? } else { len };
                Value::Subnet(mask_addr(&a, bits), bits)
            }
            Want::Port => crate::runtime::describe::parse_port(s.as_str()?)?,
            Want::Interval => Value::Interval(super::parse_timespan(s.as_str()?)?),
            Want::Time => Value::Time(super::parse_timestamp(s.as_str()?)?),
            Want::Enum(e) => Value::Enum(e.clone(), e.value_of(s.as_str()?)?),
            _ => return None,
        })
    }

    /// List data: the elements of a record, vector, set or table.
    fn list<'de, A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<Value>, A::Error> {
        let mut fits = true;
        let value = match self {
            Want::Record(rt) => {
                let fields = rt.fields.borrow();
                let required = |i: usize| {
                    let f = &fields[i];
                    !f.optional && f.default.is_none()
                };
                let mut vals = Vec::with_capacity(fields.len());
                loop {
                    let i = vals.len();
                    if fits && i < fields.len() {
                        match seq.next_element_seed(Typed(&fields[i].ty))? {
                            None => break,
                            Some(Some(v)) if !(v.is_void() && required(i)) => vals.push(v),
                            Some(_) => fits = false,
                        }
                    } else {
                        // More elements than fields, or the rest after a misfit.
                        if seq.next_element_seed(ANY)?.is_none() {
                            break;
                        }
                        fits = false;
                    }
                }
                // Missing trailing fields are unset, if they may be.
                while fits && vals.len() < fields.len() {
                    fits = !required(vals.len());
                    vals.push(Value::Void);
                }
                Value::new_record(rt.clone(), vals)
            }
            Want::Vector(elem) => {
                let mut items = Vec::new();
                while let Some(v) = seq.next_element_seed(Typed(elem))? {
                    match v {
                        Some(v) if fits => items.push(v),
                        _ => fits = false,
                    }
                }
                Value::new_vector(elem.clone(), items)
            }
            Want::Set(tt) | Want::Table(tt) => {
                let set = matches!(self, Want::Set(_));
                let mut t = TableVal::new(tt.clone());
                loop {
                    let entry = if set {
                        let Some(k) = seq.next_element_seed(KeyOf(tt))? else {
                            break;
                        };
                        k.map(|k| (k, Value::Bool(true)))
                    } else {
                        let Some(e) = seq.next_element_seed(Seed(Entry(tt)))? else {
                            break;
                        };
                        e
                    };
                    match entry {
                        Some((k, v)) if fits => {
                            t.map.set(k, v);
                        }
                        _ => fits = false,
                    }
                }
                Value::new_table(t)
            }
            Want::Void => {
                AnyVisitor.visit_seq(seq)?;
                return Ok(Some(Value::Void));
            }
            _ => {
                AnyVisitor.visit_seq(seq)?;
                return Ok(None);
            }
        };
        Ok(fits.then_some(value))
    }
}

impl<'de> Visitor<'de> for Want<'_> {
    type Value = Option<Value>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("data")
    }
    fn visit_bool<E>(self, b: bool) -> Result<Self::Value, E> {
        Ok(self.scalar(Scalar::Bool(b)))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Self::Value, E> {
        Ok(self.scalar(Scalar::Uint(n)))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Self::Value, E> {
        Ok(self.scalar(Scalar::integer(n)))
    }
    fn visit_f64<E>(self, f: f64) -> Result<Self::Value, E> {
        Ok(self.scalar(Scalar::Float(f)))
    }
    fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
        Ok(self.scalar(Scalar::Str(Cow::Borrowed(s))))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(self.scalar(Scalar::Other))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.list(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        AnyVisitor.visit_map(map)?;
        Ok(self.scalar(Scalar::Other))
    }
}

/// A table index: the value itself for one index type; `{"data": [values...]}` for several.
#[derive(Clone, Copy)]
struct KeyOf<'t>(&'t TableType);

impl<'de> DeserializeSeed<'de> for KeyOf<'_> {
    type Value = Option<Key>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<Key>, D::Error> {
        match self.0.index.as_slice() {
            [ty] => Ok(Typed(ty).deserialize(d)?.map(Key::One)),
            types => Ok(d.deserialize_any(DataOf(Composite(types)))?.flatten()),
        }
    }
}

/// The values of a composite index, one per index type.
#[derive(Clone, Copy)]
struct Composite<'t>(&'t [Type]);

impl<'de> Visitor<'de> for Composite<'_> {
    type Value = Option<Key>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }
    only_lists!('de);
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut vals = Vec::with_capacity(self.0.len());
        let mut fits = true;
        loop {
            match self.0.get(vals.len()).filter(|_| fits) {
                Some(ty) => match seq.next_element_seed(Typed(ty))? {
                    None => break,
                    Some(Some(v)) => vals.push(v),
                    Some(None) => fits = false,
                },
                None => {
                    if seq.next_element_seed(ANY)?.is_none() {
                        break;
                    }
                    fits = false;
                }
            }
        }
        Ok((fits && vals.len() == self.0.len()).then(|| Key::from_vec(vals)))
    }
}

/// A table entry: `{"key": index, "value": value}`.
struct Entry<'t>(&'t TableType);

impl<'de> Visitor<'de> for Entry<'_> {
    type Value = Option<(Key, Value)>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a table entry")
    }
    only_objects!('de);
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let any = Type::Any;
        let yield_ty = self.0.yield_ty.as_ref().unwrap_or(&any);
        let (mut key, mut value) = (None, None);
        while let Some(k) = next_key(&mut map)? {
            match &*k {
                "key" => key = Some(map.next_value_seed(KeyOf(self.0))?),
                "value" => value = Some(map.next_value_seed(Typed(yield_ty))?),
                _ => drop(map.next_value_seed(ANY)?),
            }
        }
        Ok(key.flatten().zip(value.flatten()))
    }
}

/// One tagged value of type `ty`, as an event argument would be read.
#[cfg(test)]
pub fn value(text: &str, ty: &Type) -> Option<Value> {
    let mut de = serde_json::Deserializer::from_str(text);
    de.deserialize_any(Typed(ty)).ok().flatten()
}
