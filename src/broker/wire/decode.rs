//! Reading JSON v1 text without building a JSON tree: serde visitors walk a message once and
//! turn each event argument straight into a value of the type its declaration gives it. What
//! they accept and refuse is what reading into a `serde_json::Value` first did: the same parser
//! checks the text (depth limit, escapes, numbers), and only the parts that tree-based reading
//! looked at decide; where an object repeats a key, the last one counts.

use crate::runtime::value::{FuncVal, Key, TableVal, Value};
use crate::types::{EnumType, ParamType, RecordType, TableType, Type};
use serde_core::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::fmt;
use std::rc::Rc;

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
struct Seed<V>(V);

impl<'de, V: Visitor<'de>> DeserializeSeed<'de> for Seed<V> {
    type Value = V::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        d.deserialize_any(self.0)
    }
}

/// One JSON value as far as the readers here care: scalars as they are, lists and objects
/// walked (so they are checked) but not kept.
enum Scalar<'a> {
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
    fn integer(n: i64) -> Self {
        // As in serde_json's numbers, a non-negative integer is unsigned.
        match u64::try_from(n) {
            Ok(n) => Scalar::Uint(n),
            Err(_) => Scalar::Int(n),
        }
    }

    // The conversions of serde_json's `Value::as_*`.
    fn as_u64(&self) -> Option<u64> {
        match self {
            Scalar::Uint(n) => Some(*n),
            _ => None,
        }
    }
    fn as_i64(&self) -> Option<i64> {
        match self {
            Scalar::Uint(n) => i64::try_from(*n).ok(),
            Scalar::Int(n) => Some(*n),
            _ => None,
        }
    }
    fn as_f64(&self) -> Option<f64> {
        match self {
            Scalar::Uint(n) => Some(*n as f64),
            Scalar::Int(n) => Some(*n as f64),
            Scalar::Float(f) => Some(*f),
            _ => None,
        }
    }
    fn as_str(&self) -> Option<&str> {
        match self {
            Scalar::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// Reads any value as a `Scalar`.
struct AnyVisitor;

const ANY: Seed<AnyVisitor> = Seed(AnyVisitor);

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
fn next_key<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<Cow<'de, str>>, A::Error> {
    Ok(match map.next_key_seed(ANY)? {
        Some(Scalar::Str(k)) => Some(k),
        // JSON keys are strings; this is for the type system.
        Some(_) => Some(Cow::Borrowed("")),
        None => None,
    })
}

/// The next value if it is a string; any other value is read and gives None.
fn next_text<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<Cow<'de, str>>, A::Error> {
    Ok(match map.next_value_seed(ANY)? {
        Scalar::Str(s) => Some(s),
        _ => None,
    })
}

/// What a message says it is and where it goes: its `type` and `topic`, where they are strings.
#[derive(Default)]
pub struct Envelope<'a> {
    pub kind: Option<Cow<'a, str>>,
    pub topic: Option<Cow<'a, str>>,
}

/// The envelope of a message (empty if it is not an object); None if the text is not valid JSON.
pub fn envelope(text: &str) -> Option<Envelope<'_>> {
    let mut de = serde_json::Deserializer::from_str(text);
    let env = de.deserialize_any(EnvelopeVisitor).ok()?;
    de.end().ok()?;
    Some(env.unwrap_or_default())
}

struct EnvelopeVisitor;

impl<'de> Visitor<'de> for EnvelopeVisitor {
    type Value = Option<Envelope<'de>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a message")
    }
    only_objects!('de);
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut env = Envelope::default();
        while let Some(k) = next_key(&mut map)? {
            match &*k {
                "type" => env.kind = next_text(&mut map)?,
                "topic" => env.topic = next_text(&mut map)?,
                _ => drop(map.next_value_seed(ANY)?),
            }
        }
        Ok(Some(env))
    }
}

/// The event an event message carries and its arguments, decoded as the event's declaration
/// (found by `lookup`, which gives None for names that are not events here) says; otherwise
/// why not, in the reporter's words.
pub fn event<L>(text: &str, mut lookup: L) -> Result<(Rc<FuncVal>, Vec<Value>), String>
where
    L: FnMut(&str) -> Option<Rc<FuncVal>>,
{
    let mut de = serde_json::Deserializer::from_str(text);
    // The text was checked when it arrived; a parse error cannot happen here.
    let found = de
        .deserialize_any(Message {
            lookup: &mut lookup,
        })
        .ok()
        .flatten();
    let Some(ev) = found else {
        return Err("data-message does not carry an event".into());
    };
    let Some(f) = ev.func else {
        return Err(format!("received unknown remote event '{}'", ev.name));
    };
    let params = &f.ty.params;
    if params.len() != ev.args.count {
        return Err(format!(
            "failed to process remote event '{}': expected {} arguments, got {}",
            ev.name,
            params.len(),
            ev.args.count
        ));
    }
    if let Some(i) = ev.args.misfit {
        return Err(format!(
            "failed to process remote event '{}': argument {} is not a {}",
            ev.name,
            i + 1,
            params[i].ty.describe()
        ));
    }
    Ok((f, ev.args.values))
}

/// What an event message held: the name, its declaration if there is one, the arguments.
struct Found<'a> {
    name: Cow<'a, str>,
    func: Option<Rc<FuncVal>>,
    args: Args,
}

struct Args {
    count: usize,
    /// The first argument that does not fit its parameter's type.
    misfit: Option<usize>,
    values: Vec<Value>,
}

/// The message object: `{..., "data": [format, type, event]}`.
struct Message<'l, L> {
    lookup: &'l mut L,
}

impl<'de, L: FnMut(&str) -> Option<Rc<FuncVal>>> Visitor<'de> for Message<'_, L> {
    type Value = Option<Found<'de>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a data-message")
    }
    only_objects!('de);
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(k) = next_key(&mut map)? {
            if k == "data" {
                let lookup = &mut *self.lookup;
                found = map.next_value_seed(Seed(Parts { lookup }))?;
            } else {
                map.next_value_seed(ANY)?;
            }
        }
        Ok(found)
    }
}

/// The message's data: `[format, type, {"data": [name, args]}, ...]`.
struct Parts<'l, L> {
    lookup: &'l mut L,
}

impl<'de, L: FnMut(&str) -> Option<Rc<FuncVal>>> Visitor<'de> for Parts<'_, L> {
    type Value = Option<Found<'de>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }
    only_lists!('de);
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        for _ in 0..2 {
            if seq.next_element_seed(ANY)?.is_none() {
                return Ok(None);
            }
        }
        let lookup = self.lookup;
        let found = seq.next_element_seed(Seed(EventObject { lookup }))?;
        while seq.next_element_seed(ANY)?.is_some() {}
        Ok(found.flatten())
    }
}

/// `{"data": [name, args, ...]}`.
struct EventObject<'l, L> {
    lookup: &'l mut L,
}

impl<'de, L: FnMut(&str) -> Option<Rc<FuncVal>>> Visitor<'de> for EventObject<'_, L> {
    type Value = Option<Found<'de>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    only_objects!('de);
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(k) = next_key(&mut map)? {
            if k == "data" {
                let lookup = &mut *self.lookup;
                found = map.next_value_seed(Seed(EventList { lookup }))?;
            } else {
                map.next_value_seed(ANY)?;
            }
        }
        Ok(found)
    }
}

/// `[{"data": name}, {"data": [args...]}, ...]`: the name decides how the arguments are read.
struct EventList<'l, L> {
    lookup: &'l mut L,
}

impl<'de, L: FnMut(&str) -> Option<Rc<FuncVal>>> Visitor<'de> for EventList<'_, L> {
    type Value = Option<Found<'de>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }
    only_lists!('de);
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let Some(name) = seq.next_element_seed(Seed(DataOf(NameVisitor)))? else {
            return Ok(None);
        };
        let name = name.flatten();
        let func = name.as_deref().and_then(|n| (self.lookup)(n));
        let params = func.as_ref().map(|f| f.ty.params.as_slice());
        let Some(args) = seq.next_element_seed(Seed(DataOf(ArgList { params })))? else {
            return Ok(None);
        };
        while seq.next_element_seed(ANY)?.is_some() {}
        Ok(match (name, args.flatten()) {
            (Some(name), Some(args)) => Some(Found { name, func, args }),
            _ => None,
        })
    }
}

/// An object's `data` member as the inner visitor reads it; None if there is none (or the
/// value is not an object).
struct DataOf<V>(V);

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

/// The event's name.
#[derive(Clone, Copy)]
struct NameVisitor;

impl<'de> Visitor<'de> for NameVisitor {
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

/// The argument list, each read as its parameter says (or just counted, for an unknown event
/// or a parameter too many).
#[derive(Clone, Copy)]
struct ArgList<'t> {
    params: Option<&'t [ParamType]>,
}

impl<'de> Visitor<'de> for ArgList<'_> {
    type Value = Option<Args>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }
    only_lists!('de);
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let params = self.params.unwrap_or_default();
        let mut args = Args {
            count: 0,
            misfit: None,
            values: Vec::with_capacity(params.len()),
        };
        loop {
            let i = args.count;
            if let Some(p) = params.get(i) {
                match seq.next_element_seed(Typed(&p.ty))? {
                    None => break,
                    Some(Some(v)) => args.values.push(v),
                    Some(None) => {
                        args.misfit.get_or_insert(i);
                    }
                }
            } else if seq.next_element_seed(ANY)?.is_none() {
                break;
            }
            args.count += 1;
        }
        Ok(Some(args))
    }
}

/// A value of type `ty`: `{"@data-type": tag, "data": ...}`; None if it does not fit.
#[derive(Clone, Copy)]
struct Typed<'t>(&'t Type);

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
                            t.map.insert(k, v);
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
